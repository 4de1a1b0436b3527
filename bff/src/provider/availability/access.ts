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

/**
 * The terms a slot is offered under (an access profile, or the practice's open-access terms), or why not: with
 * the profile whose terms refused it, if one did (for `restricted`, the first of the slot's profiles), and for
 * `beyond-window` the instant the slot enters the window.
 */
export type Offer =
  | { ok: true; profile: AccessProfileConfig | undefined }
  | {
      ok: false;
      refusal: Refusal;
      profile?: AccessProfileConfig | undefined;
      visibleFromMs?: number | undefined;
    };

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

type Terms = { bookingWindowDays?: number | undefined; embargoMinutes?: number | undefined };

/**
 * Where a slot's terms put it in time: it is embargoed from `embargoedFromMs` on ("starting before now + the
 * embargo", i.e. startMs < now + embargo, for whole milliseconds now ≥ startMs − embargo + 1), and beyond the
 * booking window before `withinWindowFromMs` (startMs > now + window ⇔ now < startMs − window). Both the rule
 * ({@link termsRefusal}) and the instants at which its outcome changes ({@link offerChangesAt}) come from these.
 */
function termsEdges(
  terms: Terms,
  slot: SlotAccess,
): { embargoedFromMs?: number; withinWindowFromMs?: number } {
  return {
    ...(terms.embargoMinutes === undefined
      ? {}
      : { embargoedFromMs: slot.startMs - terms.embargoMinutes * MINUTE + 1 }),
    ...(terms.bookingWindowDays === undefined
      ? {}
      : { withinWindowFromMs: slot.startMs - terms.bookingWindowDays * DAY }),
  };
}

function termsRefusal(
  terms: Terms,
  slot: SlotAccess,
  nowMs: number,
): { refusal: Refusal; visibleFromMs?: number } | undefined {
  const { embargoedFromMs, withinWindowFromMs } = termsEdges(terms, slot);
  if (embargoedFromMs !== undefined && nowMs >= embargoedFromMs) return { refusal: 'embargoed' };
  if (withinWindowFromMs !== undefined && nowMs < withinWindowFromMs) {
    return { refusal: 'beyond-window', visibleFromMs: withinWindowFromMs };
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
    const refused = termsRefusal(state.practice.openAccess, slot, state.nowMs);
    return refused ? { ok: false, ...refused } : { ok: true, profile: undefined };
  }
  let refused: Offer & { ok: false } = { ok: false, refusal: 'restricted' };
  for (const profileId of slot.accessProfiles) {
    const profile = state.practice.accessProfiles.find((candidate) => candidate.id === profileId);
    if (!profile) continue;
    if (!profileMatches(profile, consumer)) {
      if (refused.refusal === 'restricted') refused.profile ??= profile;
      continue;
    }
    const termsProblem = termsRefusal(profile, slot, state.nowMs);
    if (termsProblem) {
      refused = { ok: false, ...termsProblem, profile };
      continue;
    }
    const held = state.bookedByProfile.get(profile.id) ?? 0;
    if (profile.maxBookedSlots !== undefined && held + slotsWanted > profile.maxBookedSlots) {
      refused = { ok: false, refusal: 'profile-limit', profile };
      continue;
    }
    return { ok: true, profile };
  }
  return refused;
}

/**
 * The earliest instant after `nowMs` at which {@link offerSlot} may answer differently for this slot, for any
 * consumer, while the appointment book stays as it is (`Infinity`: never). Each time rule flips once as time goes
 * forward — a slot becomes started at its start, embargoed at its embargo edge, within the window at its window
 * edge — so the answer at `nowMs` holds until the first edge after it, for every set of terms that may apply
 * (open access, or each of the slot's profiles whatever the consumer). The other time rule, the allowance of
 * slots held (`maxBookedSlots`), moves when a booked appointment starts: the store's
 * `nextProfileBookingStart`.
 */
export function offerChangesAt(slot: SlotAccess, practice: PracticeConfig, nowMs: number): number {
  // Not bookable, or already started: refused for good.
  if (!slot.bookable || slot.startMs <= nowMs) return Infinity;
  let next = slot.startMs;
  const consider = (terms: Terms) => {
    for (const edge of Object.values(termsEdges(terms, slot))) {
      if (edge > nowMs && edge < next) next = edge;
    }
  };
  if (slot.accessProfiles.length === 0) consider(practice.openAccess);
  for (const profileId of slot.accessProfiles) {
    const profile = practice.accessProfiles.find((candidate) => candidate.id === profileId);
    if (profile) consider(profile);
  }
  return next;
}
