import type { SlotDay, SlotsQuery, SlotsResponse, Slot, AppointmentLocation } from '@gpbook/shared/slots';
import type { DeliveryChannel, RoleGroup } from '@gpbook/shared/codes';
import {
  addDaysToLondonDate,
  daysBetweenLondonDates,
  londonDateOf,
  type LondonDate,
} from '@gpbook/shared/time';

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
