import type { SlotDay, SlotsQuery, SlotsResponse, Slot, AppointmentLocation } from '@gpbook/shared/slots';
import type { DeliveryChannel, RoleGroup } from '@gpbook/shared/codes';
import {
  addDaysToLondonDate,
  daysBetweenLondonDates,
  londonDateOf,
  type LondonDate,
} from '@gpbook/shared/time';
import { deepFreeze } from '../gpconnect/repeat-answers.js';

/**
 * `GET /api/slots`'s answer from the free slots a practice returned: filtered by the patient's choices, grouped by
 * London date, with the locations to choose from. The BFF's work, not the contract's: the web only reads the result.
 */

export interface SlotFilters {
  role?: RoleGroup | undefined;
  channel?: DeliveryChannel | undefined;
  location?: string | undefined;
}

/** The slots matching every filter given. */
export function filterSlots(slots: readonly Slot[], filters: SlotFilters): Slot[] {
  return slots.filter(
    (slot) =>
      (filters.role === undefined || slot.role.group === filters.role) &&
      (filters.channel === undefined || slot.channel === filters.channel) &&
      (filters.location === undefined || slot.location.id === filters.location),
  );
}

/** One entry per date from `from` to `to` inclusive, each with its slots sorted by start; slots outside are dropped. */
export function groupSlotsByLondonDate(slots: readonly Slot[], from: LondonDate, to: LondonDate): SlotDay[] {
  const days: SlotDay[] = [];
  const byDate = new Map<string, Slot[]>();
  for (let date = from; daysBetweenLondonDates(date, to) >= 0; date = addDaysToLondonDate(date, 1)) {
    const day: SlotDay = { date, slots: [] };
    days.push(day);
    byDate.set(date, day.slots);
  }
  // Each start parsed once, not in every comparison.
  const keyed = slots.map((slot) => {
    const startMs = Date.parse(slot.start);
    return { slot, startMs, date: londonDateOf(new Date(startMs)) };
  });
  keyed.sort((a, b) => a.startMs - b.startMs || a.slot.id.localeCompare(b.slot.id));
  for (const { slot, date } of keyed) byDate.get(date)?.push(slot);
  return days;
}

/** The distinct locations of `slots`, sorted by name. */
export function locationsOf(slots: readonly Slot[]): AppointmentLocation[] {
  const byId = new Map<string, AppointmentLocation>();
  for (const slot of slots) if (!byId.has(slot.location.id)) byId.set(slot.location.id, slot.location);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The response for `query` from every free slot found in its range: filtered, grouped by day, with the locations
 * to filter by.
 */
export function slotsResponseFor(query: SlotsQuery, slots: readonly Slot[]): SlotsResponse {
  return {
    practice: query.practice,
    from: query.from,
    to: query.to,
    days: groupSlotsByLondonDate(filterSlots(slots, query), query.from, query.to),
    locations: locationsOf(filterSlots(slots, { role: query.role, channel: query.channel })),
  };
}

/** How many different queries' answers are kept per list of slots (a practice's answer, while it repeats). */
const QUERIES_PER_LIST = 32;
const listings = new WeakMap<object, Map<string, SlotsResponse>>();

/**
 * {@link slotsResponseFor}, made once per frozen list and query: a practice answering a search byte for byte as
 * before gives back the same frozen list (gpconnect/repeat-answers.ts), so the answer made from it then is the
 * answer now. It is frozen too, so what is made from it (its checked JSON and compressed bytes, see
 * plugins/prepared-json.ts) can be kept beside it. A list that is not frozen gets a fresh answer every time.
 */
export function slotsResponseOnce<T>(
  query: SlotsQuery,
  list: readonly T[],
  slotOf: (item: T) => Slot,
): SlotsResponse {
  if (!Object.isFrozen(list)) return slotsResponseFor(query, list.map(slotOf));
  let answers = listings.get(list);
  if (!answers) {
    answers = new Map();
    listings.set(list, answers);
  }
  const key = JSON.stringify(query);
  const known = answers.get(key);
  if (known) return known;
  const answer = deepFreeze(slotsResponseFor(query, list.map(slotOf)));
  if (answers.size >= QUERIES_PER_LIST) answers.clear();
  answers.set(key, answer);
  return answer;
}
