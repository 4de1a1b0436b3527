import type { Appointment, BookAppointmentRequest } from '@gpbook/shared/appointments';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { dropFreeTimes } from '../../slots/api/get-slots';
import { isOutcomeUnknown, isSlotTaken } from '../../../lib/outcome-unknown';
import { appointment as appointmentCheck } from '../../../lib/answers';
import { appointmentQueryKey } from './get-appointment';
import { appointmentsQueryKey } from './get-appointments';

/** `POST /api/appointments`: 201 with the booked appointment, or 409 `slot_taken` when someone was quicker. */
export function bookAppointment(request: BookAppointmentRequest): Promise<Appointment> {
  return apiRequest('POST', '/api/appointments', { schema: appointmentCheck, body: request });
}

export function useBookAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookAppointment,
    onSuccess: (appointment) => {
      queryClient.setQueryData(appointmentQueryKey(appointment.id), appointment);
      // The slot is no longer free and the list has a new entry.
      void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['slots'] });
    },
    onError: (error) => {
      if (isOutcomeUnknown(error)) {
        // It may have been booked: the list and the free times we hold are no longer known to be true.
        void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey, exact: true });
        void queryClient.invalidateQueries({ queryKey: ['slots'] });
      } else if (isSlotTaken(error)) dropFreeTimes(queryClient);
    },
  });
}
