import type { Appointment } from '@gpbook/shared/appointments';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { appointment as appointmentCheck } from '../../../lib/answers';
import { apiGet } from '../../../lib/api-client';

export const appointmentQueryKey = (id: string) => ['appointments', 'one', id] as const;

/** `GET /api/appointments/:id`. */
export function getAppointment(id: string, signal?: AbortSignal): Promise<Appointment> {
  return apiGet(`/api/appointments/${encodeURIComponent(id)}`, appointmentCheck, signal);
}

export function appointmentQueryOptions(id: string) {
  return queryOptions({
    queryKey: appointmentQueryKey(id),
    queryFn: ({ signal }) => getAppointment(id, signal),
  });
}

/** The appointment `id`; none asked for while `id` is undefined. */
export function useAppointment(id: string | undefined) {
  return useQuery({ ...appointmentQueryOptions(id ?? ''), enabled: id !== undefined });
}

/** Where the patient downloads the appointment for their calendar app. */
export function calendarHref(id: string): string {
  return `/api/appointments/${encodeURIComponent(id)}/calendar.ics`;
}
