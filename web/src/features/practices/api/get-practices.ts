import { practicesResponseSchema, type PracticesResponse } from '@gpbook/shared/practices';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getPractices(signal?: AbortSignal): Promise<PracticesResponse> {
  return apiGet('/api/practices', practicesResponseSchema, signal);
}

export const practicesQueryOptions = queryOptions({
  queryKey: ['practices'],
  queryFn: ({ signal }) => getPractices(signal),
  staleTime: 10 * 60 * 1000,
});

export function usePractices() {
  return useQuery(practicesQueryOptions);
}
