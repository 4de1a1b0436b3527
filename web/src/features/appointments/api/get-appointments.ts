import type { AppointmentsResponse } from '@gpbook/shared/appointments';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { appointmentsResponse } from '../../../lib/answers';
import { apiGet } from '../../../lib/api-client';
import { saveAppointmentsSoon } from '../../../lib/appointments-cache';

export const appointmentsQueryKey = ['appointments'] as const;

/** `GET /api/appointments`: upcoming appointments, soonest first, with a note of what the list covers. */
export function getAppointments(signal?: AbortSignal): Promise<AppointmentsResponse> {
  return apiGet('/api/appointments', appointmentsResponse, signal);
}

/**
 * The list, and (for `owner`, the signed-in patient's fingerprint) a copy on the device for offline use: the only
 * patient data this app stores.
 */
export function appointmentsQueryOptions(owner: string | undefined) {
  return queryOptions({
    queryKey: appointmentsQueryKey,
    queryFn: async ({ signal }) => {
      const response = await getAppointments(signal);
      if (owner) void saveAppointmentsSoon(owner, response);
      return response;
    },
    enabled: owner !== undefined,
  });
}

export function useAppointments(owner: string | undefined) {
  return useQuery(appointmentsQueryOptions(owner));
}
