import type { SlotsQuery, SlotsResponse } from '@gpbook/shared/slots';
import { hashKey, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { slotsResponse } from '../../../lib/booking-answers';
import { apiGet } from '../../../lib/api-client';

export type SlotSearch = Pick<SlotsQuery, 'practice' | 'from' | 'to' | 'role' | 'channel' | 'location'>;

export function slotsQueryKey(search: SlotSearch) {
  return ['slots', search] as const;
}

/** `GET /api/slots`: free slots at one practice between two London dates (at most eight weeks), grouped by day. */
export function getSlots(search: SlotSearch, signal?: AbortSignal): Promise<SlotsResponse> {
  const params = new URLSearchParams({ practice: search.practice, from: search.from, to: search.to });
  if (search.role) params.set('role', search.role);
  if (search.channel) params.set('channel', search.channel);
  if (search.location) params.set('location', search.location);
  return apiGet(`/api/slots?${params.toString()}`, slotsResponse, signal);
}

export function slotsQueryOptions(search: SlotSearch) {
  return queryOptions({
    queryKey: slotsQueryKey(search),
    queryFn: ({ signal }) => getSlots(search, signal),
    // Free slots go quickly: always ask again when the patient comes back to the list.
    staleTime: 0,
  });
}

/**
 * Drops every slot answer held, after the practice said a slot in one was not free: those answers are wrong, so the
 * slot page shows "Loading" until a new answer comes rather than offer the taken time again meanwhile (marking them
 * stale would keep them on screen while they are asked again). Pages showing them ask again at once.
 */
export function dropFreeTimes(queryClient: QueryClient): void {
  void queryClient.resetQueries({ queryKey: ['slots'] });
}

/** The same search but for the location filter. */
function onlyLocationDiffers(a: SlotSearch, b: SlotSearch): boolean {
  return hashKey([{ ...a, location: undefined }]) === hashKey([{ ...b, location: undefined }]);
}

/**
 * While another surgery's slots load, the previous answer stays as placeholder data (`isPlaceholderData`), so the
 * surgery filter, which is built from it, stays on the page and keeps focus; its slots are not for showing.
 */
export function useSlots(search: SlotSearch | undefined) {
  return useQuery({
    ...slotsQueryOptions(search ?? { practice: 'NONE', from: '1970-01-01', to: '1970-01-01' }),
    enabled: search !== undefined,
    placeholderData: (previous, previousQuery) => {
      const before = previousQuery?.queryKey[1];
      return search && before && onlyLocationDiffers(before, search) ? previous : undefined;
    },
  });
}
