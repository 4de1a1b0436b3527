import { serviceInfoResponseSchema, type ServiceInfoResponse } from '@gpbook/shared/service';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** Who runs this copy of the service (no session needed); only the footer's information pages ask. */
export function getServiceInfo(signal?: AbortSignal): Promise<ServiceInfoResponse> {
  return apiGet('/api/service', serviceInfoResponseSchema, signal);
}

export const serviceInfoQueryOptions = queryOptions({
  queryKey: ['service'],
  queryFn: ({ signal }) => getServiceInfo(signal),
  // Configuration: it changes only when the server is set up again.
  staleTime: 60 * 60 * 1000,
});

export function useServiceInfo() {
  return useQuery(serviceInfoQueryOptions);
}
