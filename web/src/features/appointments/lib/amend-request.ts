import type { AmendAppointmentRequest, Appointment } from '@gpbook/shared/appointments';

/** Only what changed goes to the practice; an emptied comment removes it. */
export function amendRequest(
  appointment: Appointment,
  description: string,
  comment: string,
): AmendAppointmentRequest | undefined {
  const request: AmendAppointmentRequest = {};
  if (description.trim() !== appointment.description) request.description = description.trim();
  if (comment.trim() !== (appointment.comment ?? '')) request.comment = comment.trim();
  return request.description === undefined && request.comment === undefined ? undefined : request;
}
