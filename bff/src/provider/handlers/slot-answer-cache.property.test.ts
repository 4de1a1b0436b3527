import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { EXT, SYS, type InteractionName } from '../../gpconnect/constants.js';
import { buildProviderApp } from '../app.js';
import type { PracticeConfig } from '../config/schema.js';
import { SlotAnswerCache } from '../slots/answer-cache.js';
import { openProviderStore } from '../store/open.js';
import type { ProviderStore } from '../store/store.js';
import { bookingBody } from '../test-support/appointment-body.js';
import {
  makeConfig,
  makePatient,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
} from '../test-support/builders.js';
import { spineHeaders } from '../test-support/spine-request.js';
import { allHandlers } from './index.js';

/**
 * The cache's whole claim, tested as a property (docs/decisions/0050): two providers over ONE store and ONE clock,
 * one with the answer cache and one making every answer afresh, must give the same answer to every slot search
 * (but the Bundle's own id), whatever happened before — random searches, bookings, cancellations and amendments
 * through either provider, the clock moving by random amounts, landing exactly on, just before and just after the
 * instants where time rules change (slot starts, embargo and booking-window edges, appointment starts), and
 * sometimes going back.
 */

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const STEPS = 220;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Monday 23 March 2026, 07:00 GMT.
const START = Date.parse('2026-03-23T07:00:00Z');

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

/** A practice with time rules drawn at random (each seed its own): windows, embargoes, limits, slot lengths. */
function practiceInput(next: () => number) {
  const maybe = <T>(values: readonly T[]): T | undefined => (next() < 0.35 ? undefined : pick(next, values));
  const terms = () => ({
    bookingWindowDays: maybe([1, 2, 3]),
    embargoMinutes: maybe([0, 30, 45, 90]),
  });
  const limited = () => ({ ...terms(), maxBookedSlots: maybe([1, 2]) });
  const minutes = () => pick(next, [10, 15, 20, 30]);
  return makePractice({
    openAccess: terms(),
    accessProfiles: [
      makeProfile({ id: 'urgent', ...limited() }),
      makeProfile({ id: 'hub', orgTypes: [], odsCodes: ['HUB01'], ...limited() }),
      makeProfile({ id: 'gp-hub', orgTypes: ['gp-practice'], odsCodes: ['HUB01'], ...limited() }),
    ],
    serviceFiltering: true,
    services: [
      { id: '1', dosServiceId: '1000000001', name: 'Service one' },
      { id: '2', dosServiceId: '1000000002', name: 'Service two' },
    ],
    patients: [makePatient(), makePatient({ id: '2', nhsNumber: '9990000026' })],
    schedules: [
      makeSchedule({
        id: 'gp',
        serviceId: '1',
        sessions: [
          makeSession({ start: '08:00', end: '12:00', slotMinutes: minutes() }),
          makeSession({ start: '12:00', end: '13:00', slotMinutes: minutes(), bookable: false }),
        ],
      }),
      makeSchedule({
        id: 'urgent',
        serviceId: '2',
        accessProfiles: ['urgent'],
        sessions: [
          makeSession({ start: '09:00', end: '15:00', slotMinutes: minutes(), deliveryChannel: 'Telephone' }),
        ],
      }),
      makeSchedule({
        id: 'mixed',
        accessProfiles: ['hub', 'urgent'],
        sessions: [
          makeSession({ start: '14:00', end: '17:00', slotMinutes: minutes() }),
          makeSession({ start: '17:00', end: '18:00', slotMinutes: minutes(), accessProfiles: ['gp-hub'] }),
          makeSession({ start: '18:00', end: '19:00', slotMinutes: minutes(), accessProfiles: [] }),
        ],
      }),
    ],
  });
}

const CONSUMERS = [
  { odsCode: 'GPA001', orgType: 'gp-practice' },
  { odsCode: 'URG001', orgType: 'urgent-care' },
  { odsCode: 'HUB01', orgType: 'gp-practice' },
  { odsCode: 'HUB01', orgType: 'urgent-care' },
  { odsCode: 'HUB01', orgType: undefined },
];
// Range bounds, drawn apart so that two searches can share one bound and differ in the other.
const STARTS = [
  'ge2026-03-23',
  'ge2026-03-23T12:00:00%2B00:00',
  'ge2026-03-24',
  'ge2026-03-24T14:05:00%2B00:00',
];
const ENDS = [
  'le2026-03-23',
  'le2026-03-24T12:00:00%2B00:00',
  'le2026-03-25',
  'le2026-03-25T09:00:00%2B00:00',
];
const INCLUDES = [
  '',
  '&_include:recurse=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location',
  '&_include:recurse=Schedule:actor:HealthcareService',
];

interface Search {
  query: string;
}

function filters(consumer: { odsCode?: string; orgType?: string | undefined }): string {
  return [
    ...(consumer.odsCode ? [`&searchFilter=${SYS.odsOrg}|${consumer.odsCode}`] : []),
    ...(consumer.orgType ? [`&searchFilter=${SYS.orgType}|${consumer.orgType}`] : []),
  ].join('');
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/**
 * A pool of searches, few enough that they repeat (so the cache is used): five, each with a sibling that differs
 * in one input only (start, end, consumer, includes or service), which must never be served the other's answer.
 */
function searchPool(next: () => number): Search[] {
  type Parts = { start: string; end: string; consumer: string; includes: string; service: string };
  const draw = {
    start: () => pick(next, STARTS),
    end: () => pick(next, ENDS),
    consumer: () => (next() < 0.15 ? '' : filters(pick(next, CONSUMERS))),
    includes: () => pick(next, INCLUDES),
    service: () =>
      next() < 0.4 ? '' : `&service.identifier=${SYS.dosService}|${pick(next, ['1000000001', '1000000002'])}`,
  };
  const query = (parts: Parts) =>
    `status=free&start=${parts.start}&end=${parts.end}&_include=Slot:schedule${parts.includes}${parts.consumer}${parts.service}`;
  return Array.from({ length: 5 }, () => {
    const parts: Parts = {
      start: draw.start(),
      end: draw.end(),
      consumer: draw.consumer(),
      includes: draw.includes(),
      service: draw.service(),
    };
    const field = pick(next, ['start', 'end', 'consumer', 'includes', 'service'] as const);
    const sibling = { ...parts, [field]: draw[field]() };
    return [{ query: query(parts) }, { query: query(sibling) }];
  }).flat();
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

let apps: FastifyInstance[] = [];
let stores: ProviderStore[] = [];
afterEach(async () => {
  await Promise.all(apps.map((app) => app.close()));
  for (const store of stores) store.close();
  apps = [];
  stores = [];
});

describe('cached and uncached slot searches agree, at every instant and after every write', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const next = random(seed);
    const config = makeConfig([practiceInput(next)], { horizonDays: 5 });
    const practice = config.practices[0] as PracticeConfig;
    const clock = { ms: START };
    const store = openProviderStore(config, ':memory:', new Date(START));
    stores.push(store);
    const cache = new SlotAnswerCache(pick(next, [64 * 1024, 256 * 1024, 8 * 1024 * 1024]));
    const build = (answers: SlotAnswerCache | false) => {
      const app = buildProviderApp({
        config,
        handlers: allHandlers(store, { slots: { answers } }),
        jwt: {},
        logger: pino({ level: 'silent' }),
        clock: () => new Date(clock.ms),
      });
      apps.push(app);
      return app;
    };
    const cached = build(cache);
    const fresh = build(false);
    await Promise.all([cached.ready(), fresh.ready()]);

    const send = (
      app: FastifyInstance,
      interaction: InteractionName,
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      options: { headers?: Record<string, string>; body?: unknown } = {},
    ) =>
      app.inject({
        method,
        url: `/${practice.odsCode}/STU3/1/gpconnect${path}`,
        headers: { ...spineHeaders(practice, interaction), ...options.headers },
        ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
      });
    const text = (response: Awaited<ReturnType<typeof send>>) =>
      (response.headers['content-encoding'] === 'gzip'
        ? gunzipSync(response.rawPayload).toString('utf8')
        : response.body
      ).replace(UUID, '');

    const pool = searchPool(next);
    const appointments = new Map<string, Record<string, unknown>>();
    const bookedBy = new Map<string, { odsCode: string; orgType: string | undefined }>();
    let searches = 0;

    /** The instants ahead where a time rule flips for some slot or booking. */
    const edgesAhead = (): number[] => {
      const terms = [practice.openAccess, ...practice.accessProfiles];
      const edges = new Set<number>();
      for (const slot of store.freeSlotsWithin(practice.odsCode, clock.ms - DAY, clock.ms + 4 * DAY)) {
        edges.add(slot.startMs);
        for (const term of terms) {
          if (term.embargoMinutes !== undefined) edges.add(slot.startMs - term.embargoMinutes * MINUTE + 1);
          if (term.bookingWindowDays !== undefined) edges.add(slot.startMs - term.bookingWindowDays * DAY);
        }
      }
      for (const appointment of appointments.values()) edges.add(Date.parse(String(appointment['start'])));
      return [...edges].filter((edge) => edge > clock.ms).sort((a, b) => a - b);
    };

    const compare = async (search: Search, step: number) => {
      // Each form of one answer (JSON or XML, gzipped or not) comes from the same entry: drawn per request.
      const headers = {
        ...(next() < 0.5 ? { 'accept-encoding': 'gzip' } : {}),
        ...(next() < 0.2 ? { accept: 'application/fhir+xml' } : {}),
      };
      const a = await send(cached, 'slotSearch', 'GET', `/Slot?${search.query}`, { headers });
      const b = await send(fresh, 'slotSearch', 'GET', `/Slot?${search.query}`, { headers });
      const where = `seed ${seed}, step ${step}, at ${new Date(clock.ms).toISOString()}, ${search.query} ${JSON.stringify(headers)}`;
      expect(a.statusCode, where).toBe(b.statusCode);
      expect(a.headers['content-type'], where).toBe(b.headers['content-type']);
      expect(a.headers['content-encoding'], where).toBe(b.headers['content-encoding']);
      expect(text(a), where).toBe(text(b));
      if (a.statusCode === 200) searches++;
    };
    /** Onto an instant where a rule flips, or 1 ms either side; often a booking's start (see below). */
    const jumpToEdge = () => {
      // A booking's start is the edge most easily hidden by a slot's edge at the same instant: aim at it often.
      const starts = [...appointments.values()]
        .map((appointment) => Date.parse(String(appointment['start'])))
        .filter((start) => start > clock.ms && start < clock.ms + 12 * 60 * MINUTE)
        .sort((a, b) => a - b);
      const edges = starts.length > 0 && next() < 0.4 ? starts : edgesAhead();
      // Mostly the nearest few: the first edge ahead is the one a cached answer must not outlive.
      const near = edges.slice(0, next() < 0.5 ? 2 : 40);
      if (near.length > 0) clock.ms = pick(next, near) + pick(next, [-1, 0, 1]);
    };

    for (let step = 0; step < STEPS; step++) {
      const roll = next();
      const writer = next() < 0.5 ? cached : fresh;
      if (roll < 0.35) {
        const index = Math.floor(next() * pool.length);
        const search = pool[index] as Search;
        await compare(search, step);
        // Consumers repeat themselves (a page reloaded, another patient of the same practice).
        if (next() < 0.5) {
          clock.ms += Math.floor(next() * 1000);
          await compare(search, step);
        }
        // Its sibling, differing in one input, at the same instant.
        if (next() < 0.5) await compare(pool[index ^ 1] as Search, step);
      } else if (roll < 0.43) {
        // The same search either side of an edge: the first answer is cached, the second must not be it if the
        // edge changed anything.
        const search = pick(next, pool);
        await compare(search, step);
        jumpToEdge();
        await compare(search, step);
      } else if (roll < 0.5) {
        // Either side of a booking's start, searching as its booker from just after it to the end of its day:
        // the only rule that can flip there is the allowance of slots held under its profile.
        const future = [...appointments.values()].filter((a) => Date.parse(String(a['start'])) > clock.ms);
        if (future.length === 0) continue;
        const appointment = pick(next, future);
        const startMs = Date.parse(String(appointment['start']));
        // The test's days are all in GMT (BST starts on 29 March).
        const from = `${new Date(startMs + MINUTE).toISOString().slice(0, 19)}%2B00:00`;
        const to = `${new Date(startMs).toISOString().slice(0, 10)}T23:00:00%2B00:00`;
        const search = {
          query: `status=free&start=ge${from}&end=le${to}&_include=Slot:schedule${filters(bookedBy.get(String(appointment['id'])) ?? {})}`,
        };
        clock.ms = startMs - 1;
        await compare(search, step);
        clock.ms = startMs;
        await compare(search, step);
      } else if (roll < 0.6) {
        clock.ms += Math.floor(next() < 0.4 ? next() * 1000 : next() * next() * 40 * MINUTE) + 1;
      } else if (roll < 0.75) {
        jumpToEdge();
      } else if (roll < 0.8 || clock.ms > START + 3 * DAY) {
        // Back a little, or a long way (the searches' ranges are in the first days).
        clock.ms =
          clock.ms > START + 3 * DAY || next() < 0.2
            ? START + Math.floor(next() * 2 * DAY)
            : Math.max(START, clock.ms - Math.floor(next() * 6 * 60 * MINUTE));
      } else if (roll < 0.92) {
        const consumer = pick(next, CONSUMERS);
        const offered = await send(
          fresh,
          'slotSearch',
          'GET',
          `/Slot?status=free&start=${pick(next, STARTS)}&end=le2026-03-26&_include=Slot:schedule${filters(consumer)}`,
        );
        const slots = (offered.json<{ entry?: Array<{ resource: Record<string, string> }> }>().entry ?? [])
          .map((entry) => entry.resource)
          .filter((resource) => resource['resourceType'] === 'Slot');
        if (slots.length === 0) continue;
        const slot = pick(next, slots);
        const booked = await send(writer, 'appointmentCreate', 'POST', '/Appointment', {
          body: bookingBody({
            slots: [{ id: String(slot['id']), start: String(slot['start']), end: String(slot['end']) }],
            odsCode: consumer.odsCode,
            orgType: consumer.orgType,
            patientId: pick(next, ['1', '2']),
          }),
        });
        if (booked.statusCode === 201) {
          const appointment = booked.json<Record<string, unknown>>();
          appointments.set(String(appointment['id']), appointment);
          bookedBy.set(String(appointment['id']), consumer);
        }
      } else if (appointments.size > 0) {
        const appointment = pick(next, [...appointments.values()]);
        const id = String(appointment['id']);
        const cancel = next() < 0.6;
        const body = cancel
          ? {
              ...appointment,
              status: 'cancelled',
              extension: [
                ...(appointment['extension'] as unknown[]),
                { url: EXT.cancellationReason, valueString: `step ${step}` },
              ],
            }
          : { ...appointment, description: `Amended at step ${step}` };
        const changed = await send(
          writer,
          cancel ? 'appointmentCancel' : 'appointmentAmend',
          'PUT',
          `/Appointment/${id}`,
          {
            body,
          },
        );
        if (changed.statusCode === 200 && !cancel)
          appointments.set(id, changed.json<Record<string, unknown>>());
        if (changed.statusCode === 200 && cancel) appointments.delete(id);
      }
    }

    const stats = cache.stats();
    // The property means something only if answers were served from the cache, and made again after changes.
    expect(stats.hits, JSON.stringify(stats)).toBeGreaterThan(searches / 5);
    expect(stats.misses, JSON.stringify(stats)).toBeGreaterThan(searches / 10);
    expect(stats.bytes).toBeLessThanOrEqual(cache.maxBytes);
  });
});
