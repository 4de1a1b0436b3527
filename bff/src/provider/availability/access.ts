import type { OrgTypeCode } from '../../gpconnect/constants.js';
import type { AccessProfileConfig, PracticeConfig } from '../config/schema.js';

/**
 * Slot availability management (digest §8.1): which consumer may see and book which slot, and on what terms.
 * Search applies it to the consumer's `searchFilter` values; book applies the very same function to the booking
 * organisation, so a slot that was never offered cannot be booked either.
 */

/** Who is asking: the organisation type and ODS code from `searchFilter`, or from the booking organisation. */
export interface Consumer {
  orgType?: OrgTypeCode | undefined;
  odsCode?: string | undefined;
}

/** What the rules need to know about a slot. */
export interface SlotAccess {
  startMs: number;
  bookable: boolean;
  /** Access profile ids restricting the slot; empty means unrestricted. */
  accessProfiles: readonly string[];
}

export interface AvailabilityState {
  practice: PracticeConfig;
  nowMs: number;
  /** Slots already held by future booked appointments, per access profile. */
  bookedByProfile: ReadonlyMap<string, number>;
}

/** Why a slot is not offered; used in booking diagnostics (never shown for search). */
export type Refusal =
  'not-bookable' | 'started' | 'restricted' | 'embargoed' | 'beyond-window' | 'profile-limit';

/** The terms a slot is offered under: an access profile, or the practice's open-access terms. */
export type Offer = { ok: true; profile: AccessProfileConfig | undefined } | { ok: false; refusal: Refusal };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The matrix of §8.1 for one profile: a restriction the profile makes must be met by a value the consumer sent
 * (no org type sent never matches an org-type restriction; likewise ODS codes); a restriction it does not make
 * is met by anyone.
 */
export function profileMatches(profile: AccessProfileConfig, consumer: Consumer): boolean {
  const typeOk =
    profile.orgTypes.length === 0 ||
    (consumer.orgType !== undefined && profile.orgTypes.includes(consumer.orgType));
  const odsOk =
    profile.odsCodes.length === 0 ||
    (consumer.odsCode !== undefined && profile.odsCodes.includes(consumer.odsCode));
  return typeOk && odsOk;
}

function termsRefusal(
  terms: { bookingWindowDays?: number | undefined; embargoMinutes?: number | undefined },
  slot: SlotAccess,
  nowMs: number,
): Refusal | undefined {
  if (terms.embargoMinutes !== undefined && slot.startMs < nowMs + terms.embargoMinutes * MINUTE)
    return 'embargoed';
  if (terms.bookingWindowDays !== undefined && slot.startMs > nowMs + terms.bookingWindowDays * DAY) {
    return 'beyond-window';
  }
  return undefined;
}

/**
 * Whether `consumer` may book `slot` (and so see it), and under which profile. `slotsWanted` is how many slots
 * the booking would take from the profile's allowance (1 for search: one free place suffices to offer it).
 * The first matching profile, in the slot's order, whose terms allow the slot is the one booked under.
 */
export function offerSlot(
  slot: SlotAccess,
  consumer: Consumer,
  state: AvailabilityState,
  slotsWanted = 1,
): Offer {
  if (!slot.bookable) return { ok: false, refusal: 'not-bookable' };
  // A slot that has begun can never be booked, so it is never offered either.
  if (slot.startMs <= state.nowMs) return { ok: false, refusal: 'started' };
  if (slot.accessProfiles.length === 0) {
    const refusal = termsRefusal(state.practice.openAccess, slot, state.nowMs);
    return refusal ? { ok: false, refusal } : { ok: true, profile: undefined };
  }
  let refusal: Refusal = 'restricted';
  for (const profileId of slot.accessProfiles) {
    const profile = state.practice.accessProfiles.find((candidate) => candidate.id === profileId);
    if (!profile || !profileMatches(profile, consumer)) continue;
    const termsProblem = termsRefusal(profile, slot, state.nowMs);
    if (termsProblem) {
      refusal = termsProblem;
      continue;
    }
    const held = state.bookedByProfile.get(profile.id) ?? 0;
    if (profile.maxBookedSlots !== undefined && held + slotsWanted > profile.maxBookedSlots) {
      refusal = 'profile-limit';
      continue;
    }
    return { ok: true, profile };
  }
  return { ok: false, refusal };
}
