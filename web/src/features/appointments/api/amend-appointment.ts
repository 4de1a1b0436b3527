import type { AmendAppointmentRequest, Appointment } from '@gpbook/shared/appointments';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { isOutcomeUnknown } from '../../../lib/outcome-unknown';
import { appointment as appointmentCheck } from '../../../lib/answers';
import { appointmentQueryKey } from './get-appointment';
import { appointmentsQueryKey } from './get-appointments';

/** `PATCH /api/appointments/:id`: change the reason or the extra information. */
export function amendAppointment(id: string, request: AmendAppointmentRequest): Promise<Appointment> {
  return apiRequest('PATCH', `/api/appointments/${encodeURIComponent(id)}`, {
    schema: appointmentCheck,
    body: request,
  });
}

export function useAmendAppointment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AmendAppointmentRequest) => amendAppointment(id, request),
    onSuccess: (appointment) => {
      queryClient.setQueryData(appointmentQueryKey(id), appointment);
      void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
    },
    onError: (error) => {
      // It may have been changed: what we hold is no longer known to be true.
      if (!isOutcomeUnknown(error)) return;
      void queryClient.invalidateQueries({ queryKey: appointmentQueryKey(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
    },
  });
}
