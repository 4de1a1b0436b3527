import type { Appointment, CancelAppointmentRequest } from '@gpbook/shared/appointments';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { isOutcomeUnknown } from '../../../lib/outcome-unknown';
import { appointment as appointmentCheck } from '../../../lib/answers';
import { appointmentQueryKey } from './get-appointment';
import { appointmentsQueryKey } from './get-appointments';

/** `POST /api/appointments/:id/cancel`: the appointment as it now stands (cancelled). */
export function cancelAppointment(id: string, request: CancelAppointmentRequest): Promise<Appointment> {
  return apiRequest('POST', `/api/appointments/${encodeURIComponent(id)}/cancel`, {
    schema: appointmentCheck,
    body: request,
  });
}

export function useCancelAppointment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CancelAppointmentRequest) => cancelAppointment(id, request),
    onSuccess: (appointment) => {
      queryClient.setQueryData(appointmentQueryKey(id), appointment);
      void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['slots'] });
    },
    onError: (error) => {
      // It may have been cancelled: what we hold is no longer known to be true.
      if (!isOutcomeUnknown(error)) return;
      void queryClient.invalidateQueries({ queryKey: appointmentQueryKey(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['slots'] });
    },
  });
}
