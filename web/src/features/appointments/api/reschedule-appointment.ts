import type {
  RescheduleAppointmentRequest,
  RescheduleAppointmentResponse,
} from '@gpbook/shared/appointments';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { rescheduleAppointmentResponse } from '../../../lib/booking-answers';
import { apiRequest } from '../../../lib/api-client';
import { dropFreeTimes } from '../../slots/api/get-slots';
import { isOutcomeUnknown, isSlotTaken } from '../../../lib/outcome-unknown';
import { appointmentQueryKey } from './get-appointment';
import { appointmentsQueryKey } from './get-appointments';

/** `POST /api/appointments/:id/reschedule`: books the new slot, then cancels the old appointment (decision D7). */
export function rescheduleAppointment(
  id: string,
  request: RescheduleAppointmentRequest,
): Promise<RescheduleAppointmentResponse> {
  return apiRequest('POST', `/api/appointments/${encodeURIComponent(id)}/reschedule`, {
    schema: rescheduleAppointmentResponse,
    body: request,
  });
}

export function useRescheduleAppointment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RescheduleAppointmentRequest) => rescheduleAppointment(id, request),
    onSuccess: (result) => {
      queryClient.setQueryData(appointmentQueryKey(result.booked.id), result.booked);
      if (result.previousOutcome === 'unknown') {
        // `previous` is the old appointment as it was before the cancel: not to be shown as how it now stands.
        queryClient.removeQueries({ queryKey: appointmentQueryKey(result.previous.id), exact: true });
      } else {
        queryClient.setQueryData(appointmentQueryKey(result.previous.id), result.previous);
      }
      void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['slots'] });
    },
    onError: (error) => {
      // A new appointment may have been booked, and the old one cancelled.
      if (isOutcomeUnknown(error)) {
        void queryClient.invalidateQueries({ queryKey: appointmentQueryKey(id), exact: true });
        void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
        void queryClient.invalidateQueries({ queryKey: ['slots'] });
      } else if (isSlotTaken(error)) dropFreeTimes(queryClient);
    },
  });
}
