import { useMemo } from 'react';
import { useParams } from 'react-router';
import { offersPracticeChoice, usePractices } from '../../features/practices/api/get-practices';
import { readChoices, type BookingChoices, type BookingFlow } from '../../features/booking/lib/booking-steps';
import { useQueryParams } from '../../lib/query-params';

/**
 * Which journey the slot screens are part of: booking (`/book/…`) or moving the appointment `:id`
 * (`/appointments/:id/change/…`), and the choices so far from the address.
 */
export function useBookingFlow(): { flow: BookingFlow; choices: BookingChoices } {
  const { id } = useParams();
  const params = useQueryParams();
  const practices = usePractices();
  const practiceStep = offersPracticeChoice(practices.data);
  const search = params.toString();
  return useMemo(() => {
    const choices = readChoices(new URLSearchParams(search));
    const flow: BookingFlow =
      id === undefined
        ? { kind: 'book', base: '/book', practiceStep }
        : { kind: 'reschedule', base: `/appointments/${encodeURIComponent(id)}/change`, appointmentId: id };
    return { flow, choices };
  }, [id, practiceStep, search]);
}
