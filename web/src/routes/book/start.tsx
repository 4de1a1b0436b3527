import { Navigate } from 'react-router';
import { ErrorPanel } from '../../components/error-panel';
import { BackLink } from '../../components/back-link';
import { useAppointment } from '../../features/appointments/api/get-appointment';
import { stepPath, type BookingFlow } from '../../features/booking/lib/booking-steps';
import { offersPracticeChoice, usePractices } from '../../features/practices/api/get-practices';
import { useDocumentTitle } from '../../lib/document-title';
import { useBookingFlow } from './use-booking-flow';

/**
 * The journey's start. Booking: choose a practice only when the federation has more than one (answering or not),
 * else book at the patient's own. Moving an appointment: keep its practice, and go straight to the times for its
 * type and channel (the slot page has links to change them).
 */
export function BookingStartRoute() {
  const { flow } = useBookingFlow();
  return flow.kind === 'book' ? <BookStart /> : <RescheduleStart flow={flow} />;
}

function Waiting({ error, back }: { error: unknown; back: string }) {
  useDocumentTitle('Book an appointment');
  return (
    <>
      <BackLink to={back} />
      <h1>Book an appointment</h1>
      {error ? (
        <ErrorPanel error={error} />
      ) : (
        <p className="nhsuk-body" role="status">
          Loading…
        </p>
      )}
    </>
  );
}

function BookStart() {
  const practices = usePractices();
  if (!practices.data) return <Waiting error={practices.error} back="/" />;
  const practiceStep = offersPracticeChoice(practices.data);
  const flow: BookingFlow = { kind: 'book', base: '/book', practiceStep };
  return practiceStep ? (
    <Navigate to={stepPath(flow, 'practice', {})} replace />
  ) : (
    <Navigate to={stepPath(flow, 'type', { practice: practices.data.registered.odsCode })} replace />
  );
}

function RescheduleStart({ flow }: { flow: Extract<BookingFlow, { kind: 'reschedule' }> }) {
  const appointment = useAppointment(flow.appointmentId);
  const back = `/appointments/${encodeURIComponent(flow.appointmentId)}`;
  if (!appointment.data) return <Waiting error={appointment.error} back={back} />;
  const { practice, role, channel } = appointment.data;
  return (
    <Navigate
      to={stepPath(flow, 'slots', { practice: practice.odsCode, role: role.group, channel })}
      replace
    />
  );
}
