import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { EXT, SYS } from '../../gpconnect/constants.js';
import { QueryParams, parseQuery } from '../pipeline/query.js';
import { SlotAnswerCache } from '../slots/answer-cache.js';
import { parseSlotSearch } from '../slots/search-params.js';
import { bookingBody } from '../test-support/appointment-body.js';
import {
  makeConfig,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
  type PracticeInput,
} from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';
import { spineHeaders } from '../test-support/spine-request.js';
import { slotAnswerKey } from './slot.js';

/**
 * The slot search's answer cache (docs/decisions/0050): a write is seen by the very next search, a time rule
 * changes the answer at exactly the instant it says, and searches that differ in anything the answer depends on
 * never share an entry. Each test holds a cached answer from before the instant it checks, and reads the cache's
 * counters to show the answer before the instant was that cached one.
 */

// Monday 23 March 2026, 10:00 GMT.
const NOW = Date.parse('2026-03-23T10:00:00Z');
const at = (time: string) => Date.parse(`2026-03-23T${time}Z`);
const GP = `searchFilter=${SYS.orgType}|gp-practice`;
const URGENT = `searchFilter=${SYS.orgType}|urgent-care`;
const HUB = `searchFilter=${SYS.odsOrg}|HUB01`;
const base = (range: string) => `status=free&${range}&_include=Slot:schedule`;
const TODAY_FROM_1030 = base('start=ge2026-03-23T10:30:00%2B00:00&end=le2026-03-23T23:00:00%2B00:00');

let providers: TestProvider[] = [];
const clock = { ms: NOW };
afterEach(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  providers = [];
  clock.ms = NOW;
});

async function start(
  practice: PracticeInput = makePractice(),
  options: { cache?: SlotAnswerCache | false; database?: string } = {},
) {
  const answers = options.cache ?? new SlotAnswerCache();
  const provider = await startTestProvider(makeConfig([practice]), {
    clock: () => new Date(clock.ms),
    slots: { answers },
    ...(options.database ? { database: options.database } : {}),
  });
  providers.push(provider);
  return { provider, cache: answers || undefined };
}

const slotsOf = (body: FhirJson) =>
  (body.entry ?? []).map((entry) => entry.resource).filter((resource) => resource.resourceType === 'Slot');
const starts = (body: FhirJson) => slotsOf(body).map((slot) => String(slot['start']).slice(11, 16));
/** The body without the Bundle's own id, which is new for each answer made (and kept with a cached one). */
const withoutBundleId = (text: string) =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, '');

async function search(provider: TestProvider, query: string, headers: Record<string, string> = {}) {
  const response = await provider.app.inject({
    method: 'GET',
    url: `/${provider.practice.odsCode}/STU3/1/gpconnect/Slot?${query}`,
    headers: { ...spineHeaders(provider.practice, 'slotSearch'), ...headers },
  });
  expect(response.statusCode).toBe(200);
  return {
    headers: response.headers,
    body: response.body,
    raw: response.rawPayload,
    json: () => response.json<FhirJson>(),
  };
}

describe('a write is seen by the very next search', () => {
  const query = `${base('start=ge2026-03-24&end=le2026-03-24')}&${GP}`;

  it('book, cancel and amend', async () => {
    const { provider, cache } = await start();
    const before = (await search(provider, query)).json();
    expect((await search(provider, query)).body).toBe(JSON.stringify(before));
    expect(cache?.stats()).toMatchObject({ hits: 1, misses: 1 });
    const [slot] = slotsOf(before);
    if (!slot) throw new Error('no slot');

    const booked = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({
        slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
      }),
    });
    expect(booked.status).toBe(201);
    const afterBooking = (await search(provider, query)).json();
    expect(slotsOf(afterBooking).map((s) => s.id)).not.toContain(slot.id);
    expect(slotsOf(afterBooking)).toHaveLength(slotsOf(before).length - 1);

    const appointment = booked.json();
    const amended = await provider.send(
      'appointmentAmend',
      'PUT',
      `/Appointment/${String(appointment['id'])}`,
      {
        body: { ...appointment, description: 'Worse now' },
      },
    );
    expect(amended.status).toBe(200);
    const afterAmend = await search(provider, query);
    expect(withoutBundleId(afterAmend.body)).toBe(withoutBundleId(JSON.stringify(afterBooking)));

    const cancelled = await provider.send(
      'appointmentCancel',
      'PUT',
      `/Appointment/${String(appointment['id'])}`,
      {
        body: {
          ...amended.json(),
          status: 'cancelled',
          extension: [
            ...(appointment['extension'] as unknown[]),
            { url: EXT.cancellationReason, valueString: 'Better' },
          ],
        },
      },
    );
    expect(cancelled.status).toBe(200);
    const afterCancel = (await search(provider, query)).json();
    expect(slotsOf(afterCancel).map((s) => s.id)).toEqual(slotsOf(before).map((s) => s.id));
    // Every search after a write was made afresh: one hit only, the repeat before the booking.
    expect(cache?.stats()).toMatchObject({ hits: 1, misses: 4 });
  });

  it('a write by another connection to the same file (another process) too', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gpbook-answer-cache-'));
    try {
      const database = join(directory, 'provider.db');
      const { provider, cache } = await start(makePractice(), { database });
      const other = (await start(makePractice(), { database, cache: false })).provider;
      const before = (await search(provider, query)).json();
      await search(provider, query);
      expect(cache?.stats().hits).toBe(1);
      const [slot] = slotsOf(before);
      if (!slot) throw new Error('no slot');
      const booked = await other.send('appointmentCreate', 'POST', '/Appointment', {
        body: bookingBody({
          slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
        }),
      });
      expect(booked.status).toBe(201);
      expect(slotsOf((await search(provider, query)).json()).map((s) => s.id)).not.toContain(slot.id);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('a slot appears or goes at exactly the instant its rules say', () => {
  it('enters the booking window at its edge: absent 1 ms before, present on it', async () => {
    const { provider, cache } = await start(makePractice({ openAccess: { bookingWindowDays: 1 } }));
    const query = base('start=ge2026-03-24&end=le2026-03-24');
    // The window ends at now + 1 day: the 10:10 slot tomorrow comes in at 10:10 today.
    clock.ms = at('10:05:00');
    expect(starts((await search(provider, query)).json()).at(-1)).toBe('10:00');
    clock.ms = at('10:09:59.999');
    expect(starts((await search(provider, query)).json()).at(-1)).toBe('10:00');
    expect(cache?.stats()).toMatchObject({ hits: 1, misses: 1 });
    clock.ms = at('10:10:00');
    expect(starts((await search(provider, query)).json()).at(-1)).toBe('10:10');
  });

  it('comes within the embargo at its edge: present on the instant, gone 1 ms after', async () => {
    const { provider, cache } = await start(makePractice({ openAccess: { embargoMinutes: 60 } }));
    // Embargoed when it starts before now + 60 min: the 10:40 slot from 09:40:00.001.
    clock.ms = at('09:35:00');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:40');
    clock.ms = at('09:40:00');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:40');
    expect(cache?.stats()).toMatchObject({ hits: 1, misses: 1 });
    clock.ms = at('09:40:00.001');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:50');
  });

  it('goes when it starts', async () => {
    const { provider, cache } = await start();
    clock.ms = at('10:35:00');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:40');
    clock.ms = at('10:39:59.999');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:40');
    expect(cache?.stats()).toMatchObject({ hits: 1, misses: 1 });
    clock.ms = at('10:40:00');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:50');
  });

  it('comes back under a profile’s limit when a booking held under it starts', async () => {
    const { provider, cache } = await start(
      makePractice({
        accessProfiles: [makeProfile({ id: 'urgent', maxBookedSlots: 1 })],
        schedules: [makeSchedule({ accessProfiles: ['urgent'] })],
      }),
    );
    const urgentFrom1040 = `${base('start=ge2026-03-23T10:40:00%2B00:00&end=le2026-03-23T23:00:00%2B00:00')}&${URGENT}`;
    const all = (await search(provider, `${base('start=ge2026-03-23&end=le2026-03-23')}&${URGENT}`)).json();
    const slot = slotsOf(all).find((s) => String(s['start']).includes('T10:30'));
    if (!slot) throw new Error('no 10:30 slot');
    const booked = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({
        slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
        orgType: 'urgent-care',
      }),
    });
    expect(booked.status).toBe(201);
    // One slot held: the profile's allowance is used up until that appointment starts at 10:30.
    expect(starts((await search(provider, urgentFrom1040)).json())).toEqual([]);
    clock.ms = at('10:29:59.999');
    expect(starts((await search(provider, urgentFrom1040)).json())).toEqual([]);
    expect(cache?.stats()).toMatchObject({ hits: 1 });
    clock.ms = at('10:30:00');
    expect(starts((await search(provider, urgentFrom1040)).json())[0]).toBe('10:40');
  });

  it('a clock that goes back is never served an answer made later', async () => {
    const { provider } = await start();
    clock.ms = at('10:45:00');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:50');
    clock.ms = at('10:35:00');
    expect(starts((await search(provider, TODAY_FROM_1030)).json())[0]).toBe('10:40');
  });
});

describe('searches that differ never share an answer', () => {
  const restricted = makePractice({
    accessProfiles: [
      makeProfile({ id: 'urgent', orgTypes: ['urgent-care'] }),
      makeProfile({ id: 'hub', orgTypes: [], odsCodes: ['HUB01'] }),
      makeProfile({ id: 'gp', orgTypes: ['gp-practice'] }),
    ],
    serviceFiltering: true,
    services: [
      { id: '1', dosServiceId: '1000000001', name: 'Service one' },
      { id: '2', dosServiceId: '1000000002', name: 'Service two' },
    ],
    schedules: [
      makeSchedule({ id: 'open', serviceId: '1', sessions: [makeSession({ start: '09:00', end: '09:10' })] }),
      makeSchedule({
        id: 'urgent',
        serviceId: '2',
        accessProfiles: ['urgent'],
        sessions: [makeSession({ start: '10:00', end: '10:10' })],
      }),
      makeSchedule({
        id: 'hub',
        accessProfiles: ['hub'],
        sessions: [makeSession({ start: '11:00', end: '11:10' })],
      }),
      makeSchedule({
        id: 'gp',
        accessProfiles: ['gp'],
        sessions: [makeSession({ start: '12:00', end: '12:10' })],
      }),
    ],
  });
  const day = base('start=ge2026-03-24&end=le2026-03-24');
  const service = (id: string) => `service.identifier=${SYS.dosService}|${id}`;
  const variants: Array<[string, string]> = [
    ['nothing', day],
    ['org type gp-practice', `${day}&${GP}`],
    ['org type urgent-care', `${day}&${URGENT}`],
    ['ODS code', `${day}&${HUB}`],
    ['org type and ODS code', `${day}&${URGENT}&${HUB}`],
    ['service 1', `${day}&${URGENT}&${service('1000000001')}`],
    ['service 2', `${day}&${URGENT}&${service('1000000002')}`],
    ['practitioners', `${day}&_include:recurse=Schedule:actor:Practitioner`],
    ['locations', `${day}&_include:recurse=Schedule:actor:Location`],
    ['services', `${day}&${URGENT}&_include:recurse=Schedule:actor:HealthcareService`],
    ['a narrower range', base('start=ge2026-03-24T09:30:00%2B00:00&end=le2026-03-24T23:00:00%2B00:00')],
    ['two days', base('start=ge2026-03-24&end=le2026-03-25')],
    ['two days from 09:30', base('start=ge2026-03-24T09:30:00%2B00:00&end=le2026-03-25')],
  ];

  it('each answer is the one made afresh, on the first search and the repeat', async () => {
    const { provider, cache } = await start(restricted);
    const { provider: fresh } = await start(restricted, { cache: false });
    const answers = new Set<string>();
    for (const round of [1, 2]) {
      for (const [name, query] of variants) {
        const cached = await search(provider, query);
        const made = await search(fresh, query);
        expect(withoutBundleId(cached.body), `${name}, round ${round}`).toBe(withoutBundleId(made.body));
        answers.add(withoutBundleId(cached.body));
      }
    }
    expect(answers.size).toBe(variants.length);
    expect(cache?.stats()).toMatchObject({ hits: variants.length, misses: variants.length });
  });

  it('one cache shared by two providers, configured apart, never mixes their answers', async () => {
    const cache = new SlotAnswerCache();
    const { provider: open } = await start(makePractice(), { cache });
    const { provider: windowed } = await start(makePractice({ openAccess: { bookingWindowDays: 1 } }), {
      cache,
    });
    const query = base('start=ge2026-03-24&end=le2026-03-25');
    const all = slotsOf((await search(open, query)).json()).length;
    expect(slotsOf((await search(windowed, query)).json()).length).toBeLessThan(all);
    expect(slotsOf((await search(open, query)).json())).toHaveLength(all);
  });

  it('keys the parsed search: order and repetition of parameters do not matter, every field does', () => {
    const key = (query: string) =>
      slotAnswerKey('A11111', parseSlotSearch(new QueryParams(parseQuery(query))));
    const both = `_include:recurse=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location`;
    const swapped = `_include:recurse=Schedule:actor:Location&_include:recurse=Schedule:actor:Practitioner`;
    expect(key(`${day}&${both}&${GP}&${HUB}`)).toBe(key(`${HUB}&${swapped}&${GP}&${day}`));
    expect(key(`${day}&${both}&${both}`)).toBe(key(`${day}&${both}`));
    expect(key(`${day}&_format=application/fhir%2Bxml&_count=3`)).toBe(key(day));
    const keys = variants.map(([, query]) => key(query));
    expect(new Set(keys).size).toBe(variants.length);
    expect(slotAnswerKey('B22222', parseSlotSearch(new QueryParams(parseQuery(day))))).not.toBe(key(day));
  });
});

describe('answer forms', () => {
  const query = `${base('start=ge2026-03-24&end=le2026-03-24')}&${GP}`;

  it('gzip and plain from one answer, both right; XML the same as made afresh', async () => {
    const { provider, cache } = await start();
    const { provider: fresh } = await start(makePractice(), { cache: false });
    const plain = await search(provider, query);
    for (let i = 0; i < 2; i++) {
      const gzipped = await search(provider, query, { 'accept-encoding': 'gzip' });
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['vary']).toBe('Accept-Encoding');
      expect(gzipped.headers['cache-control']).toBe('no-store');
      expect(gunzipSync(gzipped.raw).toString('utf8')).toBe(plain.body);
    }
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/fhir+json;charset=utf-8');
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(plain.body));
    expect(withoutBundleId(plain.body)).toBe(withoutBundleId((await search(fresh, query)).body));

    const xml = { accept: 'application/fhir+xml' };
    const cachedXml = await search(provider, query, xml);
    expect(cachedXml.headers['content-type']).toBe('application/fhir+xml;charset=utf-8');
    expect(withoutBundleId(cachedXml.body)).toBe(withoutBundleId((await search(fresh, query, xml)).body));
    const gzippedXml = await search(provider, query, { ...xml, 'accept-encoding': 'gzip' });
    expect(gunzipSync(gzippedXml.raw).toString('utf8')).toBe(cachedXml.body);
    // One answer made; every other form served from it.
    expect(cache?.stats()).toMatchObject({ misses: 1, entries: 1 });

    const minimal = await search(provider, query, { prefer: 'return=minimal' });
    expect(minimal.body).toBe('');
  });
});

describe('validators', () => {
  const query = `${base('start=ge2026-03-24&end=le2026-03-24')}&${GP}`;
  const conditional = (provider: TestProvider, ifNoneMatch: string, headers: Record<string, string> = {}) =>
    provider.app.inject({
      method: 'GET',
      url: `/${provider.practice.odsCode}/STU3/1/gpconnect/Slot?${query}`,
      headers: { ...spineHeaders(provider.practice, 'slotSearch'), 'if-none-match': ifNoneMatch, ...headers },
    });

  it('answers If-None-Match naming the current answer with 304 and no body, and a booking changes the validator', async () => {
    const { provider } = await start();
    const first = await search(provider, query);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^W\/"[\w-]+-json"$/);
    // The same tag, gzipped or not; XML is told apart.
    expect((await search(provider, query, { 'accept-encoding': 'gzip' })).headers['etag']).toBe(etag);
    const xmlTag = String(
      (await search(provider, query, { accept: 'application/fhir+xml' })).headers['etag'],
    );
    expect(xmlTag).not.toBe(etag);

    for (const ifNoneMatch of [etag, etag.slice(2), `W/"other", ${etag}`, '*']) {
      const unchanged = await conditional(provider, ifNoneMatch, { 'accept-encoding': 'gzip' });
      expect(unchanged.statusCode, ifNoneMatch).toBe(304);
      expect(unchanged.rawPayload.length).toBe(0);
      expect(unchanged.headers['etag']).toBe(etag);
      expect(unchanged.headers['cache-control']).toBe('no-store');
      expect(unchanged.headers['content-encoding']).toBeUndefined();
    }
    const other = await conditional(provider, 'W/"something-else-json"');
    expect(other.statusCode).toBe(200);
    expect(withoutBundleId(other.body)).toBe(withoutBundleId(first.body));
    expect((await conditional(provider, xmlTag)).statusCode).toBe(200);

    const [slot] = slotsOf(first.json());
    if (!slot) throw new Error('no slot');
    const booked = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({
        slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
      }),
    });
    expect(booked.status).toBe(201);
    // The very next conditional search gets the new answer in full, under a new validator.
    const after = await conditional(provider, etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers['etag']).not.toBe(etag);
    expect(slotsOf(after.json<FhirJson>()).map((s) => s.id)).not.toContain(slot.id);
    expect((await conditional(provider, String(after.headers['etag']))).statusCode).toBe(304);
  });

  it('never answers 304 when the answer has moved on with the clock', async () => {
    const { provider } = await start();
    const etag = String((await search(provider, TODAY_FROM_1030 + `&${GP}`)).headers['etag']);
    clock.ms = at('16:00:00');
    const later = await provider.app.inject({
      method: 'GET',
      url: `/${provider.practice.odsCode}/STU3/1/gpconnect/Slot?${TODAY_FROM_1030}&${GP}`,
      headers: { ...spineHeaders(provider.practice, 'slotSearch'), 'if-none-match': etag },
    });
    expect(later.statusCode).toBe(200);
    expect(later.headers['etag']).not.toBe(etag);
  });
});

describe('memory', () => {
  const oneDay = (date: string) => `${base(`start=ge${date}&end=le${date}`)}&${GP}`;
  const gzip = { 'accept-encoding': 'gzip' };
  /** What one day's answer counts for in a cache: plain, and what its gzip form adds. */
  async function measure() {
    const probe = new SlotAnswerCache();
    const { provider } = await start(makePractice(), { cache: probe });
    await search(provider, oneDay('2026-03-24'));
    const plain = probe.stats().bytes;
    await search(provider, oneDay('2026-03-24'), gzip);
    return { plain, gzipped: probe.stats().bytes - plain };
  }

  it('holds at most its bound, least recently used out first; a larger answer is served, not kept', async () => {
    const { plain } = await measure();
    const cache = new SlotAnswerCache(Math.floor(plain * 2.5));
    const { provider } = await start(makePractice(), { cache });
    for (const date of ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28']) {
      await search(provider, oneDay(date));
      expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
    }
    expect(cache.stats()).toMatchObject({ entries: 2, evictions: 3 });
    const { hits, misses } = cache.stats();
    await search(provider, oneDay('2026-03-28'));
    await search(provider, oneDay('2026-03-27'));
    expect(cache.stats()).toMatchObject({ hits: hits + 2, misses });
    await search(provider, oneDay('2026-03-24'));
    expect(cache.stats()).toMatchObject({ hits: hits + 2, misses: misses + 1 });
    // The 28th, used before the 27th, went for the 24th.
    await search(provider, oneDay('2026-03-27'));
    expect(cache.stats()).toMatchObject({ hits: hits + 3, misses: misses + 1 });

    const fortnight = `${base('start=ge2026-03-24&end=le2026-04-06')}&${GP}`;
    const large = await search(provider, fortnight);
    // 14 days but Good Friday and Easter Monday, 18 slots a day.
    expect(slotsOf(large.json())).toHaveLength(12 * 18);
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(cache.stats().entries).toBe(2);
  });

  it('counts the gzip and XML forms as they are made, and evicts for them too', async () => {
    const { plain, gzipped } = await measure();
    // Room for two plain answers, not for two with their gzip forms.
    const cache = new SlotAnswerCache(2 * plain + Math.floor(gzipped / 2));
    const { provider } = await start(makePractice(), { cache });
    await search(provider, oneDay('2026-03-24'));
    await search(provider, oneDay('2026-03-25'));
    expect(cache.stats()).toMatchObject({ entries: 2, evictions: 0 });
    await search(provider, oneDay('2026-03-25'), gzip);
    // The gzip form took the total over the bound: the older answer went.
    expect(cache.stats()).toMatchObject({ entries: 1, evictions: 1 });
    expect(cache.stats().bytes).toBeGreaterThan(plain);
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
    const { hits } = cache.stats();
    await search(provider, oneDay('2026-03-25'));
    expect(cache.stats().hits).toBe(hits + 1);
    await search(provider, oneDay('2026-03-25'), { accept: 'application/fhir+xml' });
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
  });
});
