import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORG_TYPES, SYS, type OrgTypeCode } from '../../gpconnect/constants.js';
import type { PracticeRules } from '../config/schema.js';
import { bookingBody } from '../test-support/appointment-body.js';
import {
  makeConfig,
  makePatient,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
} from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';
import { addLondonDays, londonDate } from '../time/london.js';
import { explanationsResponseSchema, rulesResponseSchema } from './contract.js';
import { adminSend, staffClaims, staffKeys, type StaffKeys } from './test-support.js';

/**
 * "Offered" in the practice view's explanation ⇔ returned by the GP Connect slot search (issue 14 point 3), as a
 * property: for random rule sets (open access, access profiles by organisation type and ODS code, windows,
 * embargoes, limits, bookable flags, per-schedule and per-session profiles), random instants (often on a rule's
 * edge), random consumers (org type, ODS code, both, none), random bookings (so slots are busy and allowances
 * used) and random rule changes through the API, every explanation's offered slots are exactly the slots a real
 * slot search for that consumer over the same days returns, both through the provider's HTTP interface.
 */

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const STEPS = 30;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Monday 23 March 2026, 07:00 GMT; the clock stays within the first days (all GMT: BST starts on 29 March).
const START = Date.parse('2026-03-23T07:00:00Z');
const ODS_CODES = ['GPA001', 'HUB01', 'URG001'];
const ORG_TYPE_CODES = Object.keys(ORG_TYPES) as OrgTypeCode[];

/** mulberry32: a small seeded generator, so a failure names a seed that replays it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

function some<T>(next: () => number, items: readonly T[], chance = 0.5): T[] {
  return items.filter(() => next() < chance);
}

const maybe = <T>(next: () => number, values: readonly T[]): T | undefined =>
  next() < 0.4 ? undefined : pick(next, values);

const PROFILE_IDS = ['p1', 'p2', 'p3'];

/** A profile's terms drawn at random; it always names at least one organisation type or ODS code. */
function profileTerms(next: () => number) {
  let orgTypes = some(next, ORG_TYPE_CODES);
  const odsCodes = some(next, ODS_CODES, 0.3);
  if (orgTypes.length === 0 && odsCodes.length === 0) orgTypes = [pick(next, ORG_TYPE_CODES)];
  return {
    orgTypes,
    odsCodes,
    bookingWindowDays: maybe(next, [1, 2, 3]),
    embargoMinutes: maybe(next, [0, 30, 90, 1440]),
    maxBookedSlots: maybe(next, [1, 2, 3]),
  };
}

const profilesFor = (next: () => number) => (next() < 0.5 ? [] : some(next, PROFILE_IDS, 0.5));

function practiceInput(next: () => number) {
  const minutes = () => pick(next, [15, 20, 30]);
  const channel = () => pick(next, ['In-person', 'Telephone', 'Video'] as const);
  const session = (start: string, end: string) =>
    makeSession({
      start,
      end,
      slotMinutes: minutes(),
      deliveryChannel: channel(),
      bookable: next() < 0.85,
      accessProfiles: profilesFor(next),
    });
  return makePractice({
    openAccess: { bookingWindowDays: maybe(next, [1, 2, 3]), embargoMinutes: maybe(next, [0, 30, 120]) },
    accessProfiles: PROFILE_IDS.map((id) =>
      makeProfile({ id, description: `Profile ${id}`, ...profileTerms(next) }),
    ),
    patients: [makePatient(), makePatient({ id: '2', nhsNumber: '9990000026' })],
    schedules: [
      makeSchedule({
        id: 'gp',
        bookable: next() < 0.9,
        accessProfiles: profilesFor(next),
        sessions: [session('08:00', '11:00'), session('14:00', '16:00')],
      }),
      makeSchedule({
        id: 'nurse',
        role: 'R0620',
        bookable: next() < 0.9,
        accessProfiles: profilesFor(next),
        sessions: [session('09:00', '12:00')],
      }),
      makeSchedule({
        id: 'late',
        role: 'R0270',
        accessProfiles: profilesFor(next),
        sessions: [session('17:00', '19:00'), session('19:00', '20:00')],
      }),
    ],
  });
}

interface Consumer {
  orgType?: OrgTypeCode;
  odsCode?: string;
}

function consumer(next: () => number): Consumer {
  const roll = next();
  if (roll < 0.15) return {};
  if (roll < 0.35) return { orgType: pick(next, ORG_TYPE_CODES) };
  if (roll < 0.5) return { odsCode: pick(next, ODS_CODES) };
  return { orgType: pick(next, ORG_TYPE_CODES), odsCode: pick(next, ODS_CODES) };
}

const searchFilters = (who: Consumer) =>
  [
    ...(who.odsCode ? [`&searchFilter=${SYS.odsOrg}|${who.odsCode}`] : []),
    ...(who.orgType ? [`&searchFilter=${SYS.orgType}|${who.orgType}`] : []),
  ].join('');

const explanationFilters = (who: Consumer) =>
  [
    ...(who.orgType ? [`&orgType=${who.orgType}`] : []),
    ...(who.odsCode ? [`&odsCode=${who.odsCode}`] : []),
  ].join('');

/** New rules: each term of the current ones changed now and then (staying valid: profiles keep an org type). */
function changedRules(next: () => number, rules: PracticeRules): PracticeRules {
  return {
    openAccess:
      next() < 0.3
        ? { bookingWindowDays: maybe(next, [1, 2]), embargoMinutes: maybe(next, [0, 60]) }
        : rules.openAccess,
    accessProfiles: rules.accessProfiles.map((profile) =>
      next() < 0.4 ? { ...profile, ...profileTerms(next) } : profile,
    ),
    schedules: rules.schedules.map((schedule) => ({
      ...schedule,
      bookable: next() < 0.2 ? !schedule.bookable : schedule.bookable,
      accessProfiles: next() < 0.3 ? profilesFor(next) : schedule.accessProfiles,
      sessions: schedule.sessions.map((session) => ({
        ...session,
        bookable: next() < 0.2 ? !session.bookable : session.bookable,
        accessProfiles: next() < 0.3 ? profilesFor(next) : session.accessProfiles,
        deliveryChannel:
          next() < 0.2 ? pick(next, ['In-person', 'Telephone', 'Video'] as const) : session.deliveryChannel,
      })),
    })),
  };
}

let keys: StaffKeys;
let providers: TestProvider[] = [];
beforeAll(async () => {
  keys = await staffKeys();
});
afterEach(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  providers = [];
});

describe('explained as offered ⇔ returned by the slot search', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const next = random(seed);
    const config = makeConfig([practiceInput(next)], { horizonDays: 6 });
    const clock = { ms: START };
    const provider = await startTestProvider(config, {
      clock: () => new Date(clock.ms),
      jwt: { jwks: keys.jwks },
    });
    providers.push(provider);
    const ods = provider.practice.odsCode;
    const staff = () => keys.sign(staffClaims(ods, clock.ms));

    const search = async (who: Consumer, start: string, end: string) => {
      const response = await provider.send(
        'slotSearch',
        'GET',
        `/Slot?status=free&start=ge${start}&end=le${end}&_include=Slot:schedule${searchFilters(who)}`,
        { headers: await keys.spineHeaders(provider.practice, 'slotSearch') },
      );
      expect(response.status).toBe(200);
      return (response.json().entry ?? [])
        .map((entry) => entry.resource)
        .filter((resource) => resource.resourceType === 'Slot')
        .map((resource) => ({
          id: String(resource.id),
          start: String(resource['start']),
          end: String(resource['end']),
        }));
    };
    const explain = async (who: Consumer, start: string, end: string) => {
      const answer = await adminSend(
        provider,
        'GET',
        ods,
        `/explanations?start=${start}&end=${end}${explanationFilters(who)}`,
        {
          token: await staff(),
        },
      );
      expect(answer.status).toBe(200);
      return explanationsResponseSchema.parse(answer.json());
    };

    let compared = 0;
    let offeredSeen = 0;
    const hiddenReasons = new Set<string>();
    for (let step = 0; step < STEPS; step++) {
      const roll = next();
      if (roll < 0.55) {
        const who = consumer(next);
        const first = addLondonDays(londonDate(clock.ms), pick(next, [-1, 0, 0, 1, 2]));
        const last = addLondonDays(first, pick(next, [0, 1, 2, 4, 6]));
        const explained = await explain(who, first, last);
        const returned = await search(who, first, last);
        const where = `seed ${seed}, step ${step}, ${new Date(clock.ms).toISOString()}, ${JSON.stringify(who)}, ${first}..${last}`;
        const offered = explained.slots.filter((slot) => slot.offered).map((slot) => slot.id);
        expect(offered.sort(), where).toEqual(returned.map((slot) => slot.id).sort());
        for (const slot of explained.slots) {
          if (slot.offered) expect(slot.reason, where).toBeUndefined();
          else {
            expect(slot.reason, where).toBeDefined();
            hiddenReasons.add(slot.reason ?? '');
          }
        }
        compared++;
        offeredSeen += offered.length;
      } else if (roll < 0.7) {
        // Book a slot the search offers, as the consumer it offers it to (busy slots, allowances used).
        const who = consumer(next);
        const day = londonDate(clock.ms);
        const offered = await search(who, day, addLondonDays(day, 3));
        if (offered.length === 0) continue;
        const slot = pick(next, offered);
        const booked = await provider.send('appointmentCreate', 'POST', '/Appointment', {
          headers: await keys.spineHeaders(provider.practice, 'appointmentCreate'),
          body: bookingBody({
            slots: [slot],
            odsCode: who.odsCode ?? 'GPA001',
            orgType: who.orgType,
            patientId: pick(next, ['1', '2']),
          }),
        });
        // A booking organisation always has an ODS code: a consumer that sent none may be refused.
        expect([201, 422], `seed ${seed}, step ${step}`).toContain(booked.status);
      } else if (roll < 0.8) {
        const current = rulesResponseSchema.parse(
          (await adminSend(provider, 'GET', ods, '/rules', { token: await staff() })).json(),
        );
        const changed = await adminSend(provider, 'PUT', ods, '/rules', {
          token: await staff(),
          ifMatch: `"${current.version}"`,
          body: { rules: changedRules(next, current.rules) },
        });
        expect(changed.status, `seed ${seed}, step ${step}: ${JSON.stringify(changed.json())}`).toBe(200);
      } else if (roll < 0.9) {
        clock.ms += Math.floor(next() * next() * 12 * 60 * MINUTE) + 1;
      } else {
        // Onto a slot's start or a rule's edge, or 1 ms either side: where verdicts flip.
        const explained = await explain({}, londonDate(clock.ms), addLondonDays(londonDate(clock.ms), 3));
        const starts = explained.slots.map((slot) => Date.parse(slot.start)).filter((ms) => ms > clock.ms);
        if (starts.length === 0) continue;
        const edge = pick(next, starts) - pick(next, [0, 0, 30 * MINUTE - 1, 90 * MINUTE - 1, DAY, 2 * DAY]);
        if (edge > clock.ms) clock.ms = edge + pick(next, [-1, 0, 1]);
      }
      if (clock.ms > START + 3 * DAY) clock.ms = START + Math.floor(next() * DAY);
    }
    // The property means something only if it was checked with slots both offered and hidden.
    expect(compared).toBeGreaterThan(STEPS / 4);
    expect(offeredSeen).toBeGreaterThan(0);
    expect(hiddenReasons.size).toBeGreaterThan(1);
  });
});
