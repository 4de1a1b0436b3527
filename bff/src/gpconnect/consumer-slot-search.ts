import type { LondonDate } from '@gpbook/shared/time';
import type { PracticeCaller } from './bound-caller.js';
import { LIMITS, SYS, type OrgTypeCode } from './constants.js';
import { slotBundleSchema } from './fhir-schemas.js';
import {
  freeSlotsFromBundle,
  mergeFreeSlots,
  slotSearchQuery,
  splitSlotSearchRange,
  type FreeSlot,
} from './slots.js';

/**
 * A Search for free slots run as a chosen consumer (the practice view's "what would they see?", issue 14): the
 * same request and join as the patient's search (slots.ts), but with the `searchFilter` values that consumer would
 * send (its ODS code, its organisation type, either, both or none) instead of this app's own.
 */

/** What a consumer sends in `searchFilter`; neither means a consumer that sends no searchFilter at all. */
export interface SearchFilter {
  odsCode?: string | undefined;
  orgType?: OrgTypeCode | undefined;
}

export interface ConsumerSlotSearch {
  start: LondonDate;
  end: LondonDate;
  searchFilter: SearchFilter;
  /** The DoS service to send in `service.identifier` (service filtering), when the consumer would send one. */
  dosServiceId?: string | undefined;
}

/** The query of one search as `filter`'s consumer: the patient search's parameters with its searchFilter swapped. */
export function consumerSlotSearchQuery(search: ConsumerSlotSearch): Array<[string, string]> {
  const query = slotSearchQuery({
    start: search.start,
    end: search.end,
    consumerOds: 'X',
    consumerOrgType: 'gp-practice',
    dosServiceId: search.dosServiceId,
  }).filter(([name]) => name !== 'searchFilter');
  if (search.searchFilter.odsCode !== undefined)
    query.push(['searchFilter', `${SYS.odsOrg}|${search.searchFilter.odsCode}`]);
  if (search.searchFilter.orgType !== undefined)
    query.push(['searchFilter', `${SYS.orgType}|${search.searchFilter.orgType}`]);
  return query;
}

/**
 * The free slots `search.searchFilter`'s consumer would be offered over any range: split into windows of at most
 * `LIMITS.slotSearchMaxDays` (GP Connect's limit), searched together, merged, sorted by start. A failed window
 * fails the whole search (a partial answer would understate what the consumer sees).
 */
export async function searchFreeSlotsAsConsumer(
  caller: PracticeCaller,
  search: ConsumerSlotSearch,
): Promise<FreeSlot[]> {
  const windows = splitSlotSearchRange(search.start, search.end, LIMITS.slotSearchMaxDays);
  const results = await Promise.all(
    windows.map(async (window) => {
      const { body } = await caller.call({
        interaction: 'slotSearch',
        method: 'GET',
        path: '/Slot',
        query: consumerSlotSearchQuery({ ...search, ...window }),
        schema: slotBundleSchema,
      });
      return freeSlotsFromBundle(body, caller.endpoint.odsCode);
    }),
  );
  return mergeFreeSlots(results);
}
