import type { ApiErrorCode } from '@gpbook/shared/errors';
import type { PracticeCaller } from './bound-caller.js';
import type { SlotKey } from './ids.js';
import { searchFreeSlots, type FreeSlot, type SlotSearch } from './slots.js';

/** Checks before booking: the slots are still free, can be booked as one appointment, and have what they need. */

/** A booking we refuse before asking the practice. `code` is the patient API error code to answer with. */
export class BookingRefused extends Error {
  constructor(
    readonly code: Extract<ApiErrorCode, 'slot_unavailable' | 'validation_failed' | 'bad_request'>,
    message: string,
  ) {
    super(message);
    this.name = 'BookingRefused';
  }
}

/**
 * The slots behind `keys`, found again with a fresh search of the days they start on at the caller's practice. The patient
 * API ids come from the web, so nothing in them is trusted beyond where to look: times, location and practitioner
 * come from the practice now. Throws `BookingRefused` when a slot is no longer free or the slots cannot be one
 * appointment.
 */
export async function findSlotsToBook(
  caller: PracticeCaller,
  keys: readonly SlotKey[],
  search: Omit<SlotSearch, 'start' | 'end'>,
): Promise<FreeSlot[]> {
  if (keys.length === 0) throw new BookingRefused('bad_request', 'Choose a slot to book');
  if (keys.some((key) => key.odsCode !== caller.endpoint.odsCode)) {
    throw new BookingRefused('bad_request', 'All slots must be at the same practice');
  }
  const dates = keys.map((key) => key.date).sort();
  const [start, end] = [dates[0], dates[dates.length - 1]];
  if (start === undefined || end === undefined)
    throw new BookingRefused('bad_request', 'Choose a slot to book');
  let found: readonly FreeSlot[];
  try {
    found = await searchFreeSlots(caller, { ...search, start, end });
  } catch (error) {
    if (error instanceof RangeError) throw new BookingRefused('bad_request', 'Those slots are too far apart');
    throw error;
  }
  const byId = new Map(found.map((free) => [free.booking.slotId, free]));
  const slots = keys.map((key) => byId.get(key.slotId));
  if (slots.some((slot) => slot === undefined)) {
    throw new BookingRefused('slot_unavailable', 'That appointment is no longer available');
  }
  const chosen = slots.filter((slot): slot is FreeSlot => slot !== undefined);
  assertBookableTogether(chosen);
  return [...chosen].sort((a, b) => Date.parse(a.booking.start) - Date.parse(b.booking.start));
}

/**
 * Several slots make one appointment only when each starts as the previous ends, all of one Schedule, with one
 * delivery channel and one slot type (§8.4). A single slot always passes.
 */
export function assertBookableTogether(slots: readonly FreeSlot[]): void {
  const ids = new Set(slots.map((slot) => slot.booking.slotId));
  if (ids.size !== slots.length) throw new BookingRefused('bad_request', 'The same slot was chosen twice');
  const sorted = [...slots].sort((a, b) => Date.parse(a.booking.start) - Date.parse(b.booking.start));
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]?.booking;
    const next = sorted[index]?.booking;
    if (!previous || !next) continue;
    const adjacent = Date.parse(next.start) === Date.parse(previous.end);
    const sameSession =
      next.scheduleId === previous.scheduleId &&
      next.channel === previous.channel &&
      next.slotType === previous.slotType;
    if (!adjacent || !sameSession) {
      throw new BookingRefused('validation_failed', 'Those slots cannot be booked as one appointment');
    }
  }
}

/** A telephone appointment needs a number to call: the contract cannot say so, since only we know the channel. */
export function assertPhoneWhenNeeded(slots: readonly FreeSlot[], phone: string | undefined): void {
  if (phone === undefined && slots.some((slot) => slot.booking.channel === 'telephone')) {
    throw new BookingRefused('validation_failed', 'Enter a phone number the practice can call you on');
  }
}
