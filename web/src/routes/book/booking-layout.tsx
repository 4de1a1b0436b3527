import { Outlet } from 'react-router';
import { BookingDraftProvider } from '../../features/booking/components/booking-draft';

/** The booking (or rescheduling) journey: its pages share one draft while the patient moves between them. */
export function BookingLayout() {
  return (
    <BookingDraftProvider>
      <Outlet />
    </BookingDraftProvider>
  );
}
