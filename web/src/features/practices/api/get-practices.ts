import type { PracticesResponse } from '@gpbook/shared/practices';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { practicesResponse } from '../../../lib/answers';
import { apiGet } from '../../../lib/api-client';

export function getPractices(signal?: AbortSignal): Promise<PracticesResponse> {
  return apiGet('/api/practices', practicesResponse, signal);
}

export const practicesQueryOptions = queryOptions({
  queryKey: ['practices'],
  queryFn: ({ signal }) => getPractices(signal),
  staleTime: 10 * 60 * 1000,
});

export function usePractices() {
  return useQuery(practicesQueryOptions);
}

/**
 * Whether booking starts by asking which practice: when the federation has other practices, including those
 * whose systems did not answer this time (the patient is told they are not available, not left to wonder).
 */
export function offersPracticeChoice(practices: PracticesResponse | undefined): boolean {
  return practices !== undefined && (practices.federation.length > 0 || practices.unavailable.length > 0);
}
