import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { offersPracticeChoice, usePractices } from '../../features/practices/api/get-practices';
import { readChoices, type BookingChoices, type BookingFlow } from '../../features/booking/lib/booking-steps';

/**
 * Which journey the slot screens are part of: booking (`/book/…`) or moving the appointment `:id`
 * (`/appointments/:id/change/…`), and the choices so far from the address.
 */
export function useBookingFlow(): { flow: BookingFlow; choices: BookingChoices } {
  const { id } = useParams();
  const [params] = useSearchParams();
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
