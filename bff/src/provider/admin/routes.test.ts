import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXT, SYS } from '../../gpconnect/constants.js';
import { rulesOf } from '../config/rules.js';
import type { PracticeRules } from '../config/schema.js';
import { SlotAnswerCache } from '../slots/answer-cache.js';
import { bookingBody } from '../test-support/appointment-body.js';
import {
  makeConfig,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
} from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';
import {
  auditResponseSchema,
  explanationsResponseSchema,
  practiceAdminErrorSchema,
  rulesResponseSchema,
  type ExplanationsResponse,
  type RulesResponse,
} from './contract.js';
import { adminSend, staffClaims, staffKeys, type StaffKeys } from './test-support.js';

/**
 * The practice-admin API over HTTP (issue 14, docs/decisions/0060): who may call it, the rules read and changed
 * (validation, If-Match, audit), the change seen by the very next GP Connect search whatever the cache holds,
 * booked appointments left as they were, and stored rules outliving a restart.
 */

// Monday 23 March 2026, 07:00 GMT.
const NOW = Date.parse('2026-03-23T07:00:00Z');
const ODS = 'A11111';

/** GP slots open to all; nurse slots for GP practices only (hidden from 111); a GP schedule held back 14 days. */
const practice = () =>
  makePractice({
    openAccess: { embargoMinutes: 30 },
    accessProfiles: [
      makeProfile({ id: 'practices', description: 'GP practices only', orgTypes: ['gp-practice'] }),
      makeProfile({
        id: 'held',
        description: 'Released two weeks ahead',
        orgTypes: ['gp-practice', 'urgent-care'],
        embargoMinutes: 14 * 24 * 60,
      }),
      makeProfile({ id: 'urgent', orgTypes: ['urgent-care'], bookingWindowDays: 2, maxBookedSlots: 1 }),
    ],
    practitioners: [
      { id: 'dr-a', sdsUserId: 'G1000001', given: ['Ann'], family: 'Able', gender: 'female', prefix: 'Dr' },
      { id: 'nurse-b', sdsUserId: 'G1000002', given: ['Bea'], family: 'Bell', gender: 'female' },
    ],
    schedules: [
      makeSchedule({ id: 'gp', sessions: [makeSession({ start: '09:00', end: '10:00', slotMinutes: 15 })] }),
      makeSchedule({
        id: 'nurse',
        practitionerId: 'nurse-b',
        role: 'R0620',
        accessProfiles: ['practices'],
        sessions: [makeSession({ start: '10:00', end: '11:00', slotMinutes: 15, slotType: 'Nurse' })],
      }),
      makeSchedule({
        id: 'held',
        accessProfiles: ['held'],
        sessions: [
          makeSession({ start: '14:00', end: '15:00', slotMinutes: 30 }),
          makeSession({ start: '15:00', end: '16:00', slotMinutes: 30, accessProfiles: ['urgent'] }),
        ],
      }),
    ],
  });

let keys: StaffKeys;
let providers: TestProvider[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  keys = await staffKeys();
});
afterEach(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  providers = [];
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: { database?: string; jwks?: boolean; cache?: SlotAnswerCache } = {}) {
  const provider = await startTestProvider(makeConfig([practice()], { horizonDays: 21 }), {
    now: new Date(NOW),
    ...(options.jwks === false ? {} : { jwt: { jwks: keys.jwks } }),
    ...(options.database ? { database: options.database } : {}),
    ...(options.cache ? { slots: { answers: options.cache } } : {}),
  });
  providers.push(provider);
  return provider;
}

const token = (overrides: Record<string, unknown> = {}) => keys.sign(staffClaims(ODS, NOW, overrides));

async function rules(provider: TestProvider): Promise<RulesResponse> {
  const answer = await adminSend(provider, 'GET', ODS, '/rules', { token: await token() });
  expect(answer.status).toBe(200);
  return rulesResponseSchema.parse(answer.json());
}

async function change(provider: TestProvider, version: number, edit: (rules: PracticeRules) => void) {
  const current = (await rules(provider)).rules;
  edit(current);
  return adminSend(provider, 'PUT', ODS, '/rules', {
    token: await token(),
    ifMatch: `"${version}"`,
    body: { rules: current },
  });
}

async function explain(provider: TestProvider, query: string): Promise<ExplanationsResponse> {
  const answer = await adminSend(provider, 'GET', ODS, `/explanations?${query}`, { token: await token() });
  expect(answer.status).toBe(200);
  return explanationsResponseSchema.parse(answer.json());
}

interface FoundSlot {
  id: string;
  start: string;
  end: string;
  schedule: { reference: string };
  extension: unknown;
}

/** The slots a signed GP Connect slot search returns to a consumer. */
async function search(
  provider: TestProvider,
  filters: string,
  range = 'start=ge2026-03-23&end=le2026-04-05',
) {
  const response = await provider.send(
    'slotSearch',
    'GET',
    `/Slot?status=free&${range}&_include=Slot:schedule${filters}`,
    { headers: await keys.spineHeaders(provider.practice, 'slotSearch') },
  );
  expect(response.status).toBe(200);
  return (response.json().entry ?? [])
    .map((entry) => entry.resource)
    .filter((resource) => resource.resourceType === 'Slot') as unknown as FoundSlot[];
}

const GP_APP = `&searchFilter=${SYS.odsOrg}|GPA001&searchFilter=${SYS.orgType}|gp-practice`;
const NHS_111 = `&searchFilter=${SYS.orgType}|urgent-care`;
const ofSchedule = (slots: FoundSlot[], id: string) =>
  slots.filter((slot) => slot.schedule.reference === `Schedule/${id}`);

describe('who may call the practice-admin API', () => {
  it.each([
    ['no token', async () => undefined],
    ['an expired token', async () => token({ iat: NOW / 1000 - 600, exp: NOW / 1000 - 300 })],
    ['a token issued in the future', async () => token({ iat: NOW / 1000 + 120, exp: NOW / 1000 + 300 })],
    ['a token living longer than 300 s', async () => token({ exp: NOW / 1000 + 301 })],
    ['the wrong audience', async () => token({ aud: 'https://provider.example/STU3/1' })],
    ['no staff role', async () => token({ staff_role: undefined })],
    ['another key', async () => keys.signWithOtherKey(staffClaims(ODS, NOW))],
    [
      'a tampered signature',
      async () => {
        const [header, payload, signature] = (await token()).split('.');
        const flipped = `${signature?.[0] === 'A' ? 'B' : 'A'}${signature?.slice(1)}`;
        return `${header}.${payload}.${flipped}`;
      },
    ],
    [
      'tampered claims',
      async () => {
        const [header, , signature] = (await token()).split('.');
        const claims = Buffer.from(JSON.stringify(staffClaims(ODS, NOW, { staff_role: 'admin' }))).toString(
          'base64url',
        );
        return `${header}.${claims}.${signature}`;
      },
    ],
    [
      'an unsecured token',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(staffClaims(ODS, NOW))).toString('base64url')}.`,
    ],
  ])('refuses %s: 401 unauthenticated, no data', async (_, make) => {
    const provider = await start();
    for (const path of ['/rules', '/audit', '/explanations?start=2026-03-23&end=2026-03-24']) {
      const answer = await adminSend(provider, 'GET', ODS, path, { token: await make() });
      expect(answer.status, path).toBe(401);
      const body = practiceAdminErrorSchema.strict().parse(answer.json());
      expect(body.error.code).toBe('unauthenticated');
    }
    const put = await adminSend(provider, 'PUT', ODS, '/rules', {
      token: await make(),
      ifMatch: '"0"',
      body: { rules: rulesOf(provider.practice) },
    });
    expect(put.status).toBe(401);
    expect((await rules(provider)).version).toBe(0);
  });

  it('refuses a staff member of another practice (403) and names no unknown practice to them', async () => {
    const provider = await start();
    const other = await keys.sign(staffClaims('B22222', NOW));
    const answer = await adminSend(provider, 'GET', ODS, '/rules', { token: other });
    expect(answer.status).toBe(403);
    expect(practiceAdminErrorSchema.parse(answer.json()).error.code).toBe('forbidden');
    const unknown = await adminSend(provider, 'GET', 'B22222', '/rules', { token: other });
    expect(unknown.status).toBe(404);
    expect(practiceAdminErrorSchema.parse(unknown.json()).error.code).toBe('practice_not_found');
  });

  it('is not offered at all when the provider takes unsigned Spine JWTs', async () => {
    const provider = await start({ jwks: false });
    const answer = await adminSend(provider, 'GET', ODS, '/rules', { token: await token() });
    expect(answer.status).toBe(404);
    expect(practiceAdminErrorSchema.parse(answer.json()).error.code).toBe('not_found');
  });

  it('leaves the GP Connect endpoints as they were: a staff token opens none of them', async () => {
    const provider = await start();
    expect((await search(provider, GP_APP)).length).toBeGreaterThan(0);
    const withStaffToken = await provider.send(
      'slotSearch',
      'GET',
      '/Slot?status=free&start=ge2026-03-23&end=le2026-03-24&_include=Slot:schedule',
      {
        headers: {
          ...(await keys.spineHeaders(provider.practice, 'slotSearch')),
          authorization: `Bearer ${await token()}`,
        },
      },
    );
    expect(withStaffToken.status).toBe(400);
    const unknown = await adminSend(provider, 'GET', ODS, '/nothing', { token: await token() });
    expect(unknown.status).toBe(404);
  });
});

describe('the rules', () => {
  it('reads the seed rules at version 0, with the labels a screen needs', async () => {
    const provider = await start();
    const answer = await rules(provider);
    expect(answer.version).toBe(0);
    expect(answer.rules).toEqual(rulesOf(provider.practice));
    expect(answer.context.schedules.map((schedule) => schedule.id)).toEqual(['gp', 'nurse', 'held']);
    expect(answer.context.practitioners).toContainEqual({ id: 'dr-a', name: 'Dr Ann Able' });
    expect(answer.context.roles).toContainEqual({ code: 'R0620', display: 'Staff Nurse' });
    expect(answer.context.deliveryChannels.map((channel) => channel.code)).toEqual([
      'In-person',
      'Telephone',
      'Video',
    ]);
  });

  it('requires If-Match (428) and refuses a stale version (412) without changing anything', async () => {
    const provider = await start();
    const body = { rules: rulesOf(provider.practice) };
    const missing = await adminSend(provider, 'PUT', ODS, '/rules', { token: await token(), body });
    expect(missing.status).toBe(428);
    expect(practiceAdminErrorSchema.parse(missing.json()).error.code).toBe('version_required');
    expect((await change(provider, 0, () => {})).status).toBe(200);
    const stale = await adminSend(provider, 'PUT', ODS, '/rules', {
      token: await token(),
      body,
      ifMatch: '"0"',
    });
    expect(stale.status).toBe(412);
    expect(practiceAdminErrorSchema.parse(stale.json()).error.code).toBe('version_conflict');
    const audit = await adminSend(provider, 'GET', ODS, '/audit', { token: await token() });
    expect(auditResponseSchema.parse(audit.json()).entries).toHaveLength(1);
    expect((await rules(provider)).version).toBe(1);
  });

  it.each([
    [
      'an unknown access profile',
      (rules: PracticeRules) => rules.schedules[1]?.accessProfiles.push('nobody'),
      'schedules.1.accessProfiles.1',
    ],
    [
      'an unknown profile on a session',
      (rules: PracticeRules) => rules.schedules[2]?.sessions[1]?.accessProfiles.splice(0, 1, 'gone'),
      'schedules.2.sessions.1.accessProfiles.0',
    ],
    [
      'a profile removed that a schedule still uses',
      (rules: PracticeRules) => rules.accessProfiles.splice(0, 1),
      'schedules.1.accessProfiles.0',
    ],
    [
      'a missing role',
      (rules: PracticeRules) => delete (rules.schedules[0] as Partial<PracticeRules['schedules'][0]>).role,
      'schedules.0.role',
    ],
    [
      'a role that is not an SDS job role',
      (rules: PracticeRules) => Object.assign(rules.schedules[0] ?? {}, { role: 'Doctor' }),
      'schedules.0.role',
    ],
    [
      'a free-text channel',
      (rules: PracticeRules) =>
        Object.assign(rules.schedules[0]?.sessions[0] ?? {}, { deliveryChannel: 'Pigeon' }),
      'schedules.0.sessions.0.deliveryChannel',
    ],
    [
      'a profile naming neither an organisation type nor an ODS code',
      (rules: PracticeRules) => Object.assign(rules.accessProfiles[0] ?? {}, { orgTypes: [], odsCodes: [] }),
      'accessProfiles.0',
    ],
    [
      'a negative embargo',
      (rules: PracticeRules) => Object.assign(rules.openAccess, { embargoMinutes: -5 }),
      'openAccess.embargoMinutes',
    ],
    ['a schedule missing', (rules: PracticeRules) => rules.schedules.pop(), 'schedules'],
    [
      'a session added',
      (rules: PracticeRules) =>
        rules.schedules[0]?.sessions.push({ deliveryChannel: 'Video', bookable: true, accessProfiles: [] }),
      'schedules.0.sessions',
    ],
  ])('refuses %s: 422 invalid_rules naming the path', async (_, edit, path) => {
    const provider = await start();
    const answer = await change(provider, 0, edit);
    expect(answer.status).toBe(422);
    const { error } = practiceAdminErrorSchema.parse(answer.json());
    expect(error.code).toBe('invalid_rules');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
    expect((await rules(provider)).version).toBe(0);
  });

  it('audits each change: who, role, trace id, when, a summary, before and after, newest first', async () => {
    const provider = await start();
    const before = (await rules(provider)).rules;
    expect(
      (await change(provider, 0, (r) => Object.assign(r.accessProfiles[1] ?? {}, { embargoMinutes: 30 })))
        .status,
    ).toBe(200);
    const second = await adminSend(provider, 'PUT', ODS, '/rules', {
      token: await token({ sub: 'staff-user-2', staff_role: 'receptionist', trace_id: 'trace-0002' }),
      ifMatch: '"1"',
      body: { rules: { ...(await rules(provider)).rules, openAccess: { embargoMinutes: 60 } } },
    });
    expect(second.status).toBe(200);
    expect(second.headers['etag']).toBe('"2"');
    const audit = auditResponseSchema.parse(
      (await adminSend(provider, 'GET', ODS, '/audit?limit=10', { token: await token() })).json(),
    );
    expect(audit.entries.map((entry) => [entry.sub, entry.staffRole, entry.traceId])).toEqual([
      ['staff-user-2', 'receptionist', 'trace-0002'],
      ['staff-user-1', 'practice-manager', 'trace-0001'],
    ]);
    const [latest, first] = audit.entries;
    expect(latest?.summary).toBe('Changed open access terms');
    expect(first?.summary).toBe('Changed access profile held');
    expect(first?.before).toEqual(before);
    expect(first?.after.accessProfiles[1]?.embargoMinutes).toBe(30);
    expect(first?.at).toBe(new Date(NOW).toISOString());
    expect(latest?.before).toEqual(first?.after);
    const limited = await adminSend(provider, 'GET', ODS, '/audit?limit=1', { token: await token() });
    expect(auditResponseSchema.parse(limited.json()).entries).toHaveLength(1);
    expect((await adminSend(provider, 'GET', ODS, '/audit?limit=0', { token: await token() })).status).toBe(
      400,
    );
  });

  it('takes effect on the very next slot search: lifting an embargo shows the held slots, never a cached answer', async () => {
    const cache = new SlotAnswerCache();
    const provider = await start({ cache });
    const before = await search(provider, GP_APP);
    expect(ofSchedule(before, 'held')).toHaveLength(0);
    // Served again from the cache: the answer is held there when the rules change.
    await search(provider, GP_APP);
    expect(cache.stats().hits).toBe(1);
    const lifted = await change(provider, 0, (r) => {
      const held = r.accessProfiles.find((profile) => profile.id === 'held');
      if (held) delete held.embargoMinutes;
    });
    expect(lifted.status).toBe(200);
    const after = await search(provider, GP_APP);
    // Two 30-minute slots a day at 14:00, weekends too, over 14 days from today but Good Friday (3 April).
    expect(ofSchedule(after, 'held')).toHaveLength(2 * 13);
    expect(after.length).toBe(before.length + 26);
    const explained = await explain(
      provider,
      `start=2026-03-23&end=2026-04-05&orgType=gp-practice&odsCode=GPA001`,
    );
    const offered = explained.slots.filter((slot) => slot.offered).map((slot) => slot.id);
    expect(new Set(offered)).toEqual(new Set(after.map((slot) => slot.id)));
  });

  it('rewrites the terms of free slots, channel included, and the search serves the new channel', async () => {
    const provider = await start();
    const changed = await change(provider, 0, (r) => {
      const session = r.schedules[0]?.sessions[0];
      if (session) session.deliveryChannel = 'Telephone';
    });
    expect(changed.status).toBe(200);
    const gp = ofSchedule(await search(provider, GP_APP), 'gp');
    expect(gp.length).toBeGreaterThan(0);
    for (const slot of gp) {
      expect(JSON.stringify(slot.extension)).toContain('"valueCode":"Telephone"');
    }
  });

  it('never alters a booked appointment; a slot freed later takes the rules as they are then', async () => {
    const provider = await start();
    const [slot] = ofSchedule(await search(provider, GP_APP), 'gp');
    if (!slot) throw new Error('no GP slot');
    const booked = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      headers: await keys.spineHeaders(provider.practice, 'appointmentCreate'),
      body: bookingBody({ slots: [{ id: slot.id, start: slot.start, end: slot.end }] }),
    });
    expect(booked.status).toBe(201);
    const appointment = booked.json();
    const read = async () =>
      provider.send('appointmentRead', 'GET', `/Appointment/${String(appointment.id)}`, {
        headers: await keys.spineHeaders(provider.practice, 'appointmentRead'),
      });
    const beforeRead = await read();

    const changed = await change(provider, 0, (r) => {
      const gp = r.schedules[0];
      if (!gp) return;
      gp.bookable = false;
      const session = gp.sessions[0];
      if (session) session.deliveryChannel = 'Video';
    });
    expect(changed.status).toBe(200);

    const afterRead = await read();
    expect(afterRead.status).toBe(200);
    expect(afterRead.body).toBe(beforeRead.body);
    expect(afterRead.headers['etag']).toBe(beforeRead.headers['etag']);
    expect(ofSchedule(await search(provider, GP_APP), 'gp')).toHaveLength(0);
    const explained = await explain(provider, 'start=2026-03-23&end=2026-03-23&orgType=gp-practice');
    const bookedSlot = explained.slots.find((candidate) => candidate.id === slot.id);
    expect(bookedSlot).toMatchObject({
      status: 'busy',
      offered: false,
      reason: 'booked',
      channel: 'In-person',
    });
    const others = explained.slots.filter(
      (candidate) =>
        candidate.scheduleId === 'gp' && candidate.id !== slot.id && candidate.start > explained.now,
    );
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other).toMatchObject({ reason: 'not-bookable', channel: 'Video' });

    // Cancelled after the change: the freed slot is not bookable now, as its session is.
    const cancelled = await provider.send(
      'appointmentCancel',
      'PUT',
      `/Appointment/${String(appointment.id)}`,
      {
        headers: await keys.spineHeaders(provider.practice, 'appointmentCancel'),
        body: {
          ...appointment,
          status: 'cancelled',
          extension: [
            ...(appointment['extension'] as unknown[]),
            { url: EXT.cancellationReason, valueString: 'Test' },
          ],
        },
      },
    );
    expect(cancelled.status).toBe(200);
    const freed = (await explain(provider, 'start=2026-03-23&end=2026-03-23&orgType=gp-practice')).slots.find(
      (candidate) => candidate.id === slot.id,
    );
    expect(freed).toMatchObject({ status: 'free', offered: false, reason: 'not-bookable', channel: 'Video' });
  });

  it('keeps stored rules across a restart on a file database, over the seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provider-rules-'));
    dirs.push(dir);
    const database = join(dir, 'provider.db');
    const first = await start({ database });
    expect(
      (await change(first, 0, (r) => Object.assign(r.schedules[1] ?? {}, { accessProfiles: [] }))).status,
    ).toBe(200);
    expect(ofSchedule(await search(first, NHS_111), 'nurse').length).toBeGreaterThan(0);
    await first.close();
    providers = providers.filter((provider) => provider !== first);

    const second = await start({ database });
    const after = await rules(second);
    expect(after.version).toBe(1);
    expect(after.rules.schedules[1]?.accessProfiles).toEqual([]);
    expect(ofSchedule(await search(second, NHS_111), 'nurse').length).toBeGreaterThan(0);
    const audit = await adminSend(second, 'GET', ODS, '/audit', { token: await token() });
    expect(auditResponseSchema.parse(audit.json()).entries).toHaveLength(1);
  });
});

describe('two providers on one database file', () => {
  it('a change made through one is in the very next search of the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provider-rules-'));
    dirs.push(dir);
    const database = join(dir, 'provider.db');
    const one = await start({ database });
    const other = await start({ database, cache: new SlotAnswerCache() });
    expect(ofSchedule(await search(other, NHS_111), 'nurse')).toHaveLength(0);
    await search(other, NHS_111);
    expect(
      (await change(one, 0, (r) => Object.assign(r.schedules[1] ?? {}, { accessProfiles: [] }))).status,
    ).toBe(200);
    expect(ofSchedule(await search(other, NHS_111), 'nurse').length).toBeGreaterThan(0);
    expect((await rules(other)).version).toBe(1);
  });
});

describe('explanations', () => {
  it('says why each slot is or is not offered, for each consumer', async () => {
    const provider = await start();
    const reasons = async (query: string) => {
      const answer = await explain(provider, query);
      const by = new Map<string, Set<string>>();
      for (const slot of answer.slots) {
        const key = slot.scheduleId;
        by.set(key, (by.get(key) ?? new Set()).add(slot.offered ? 'offered' : (slot.reason ?? '?')));
      }
      return by;
    };
    const urgent = await reasons('start=2026-03-24&end=2026-03-24&orgType=urgent-care');
    expect(urgent.get('nurse')).toEqual(new Set(['restricted']));
    expect(urgent.get('gp')).toEqual(new Set(['offered']));
    const app = await reasons('start=2026-03-24&end=2026-03-24&orgType=gp-practice&odsCode=GPA001');
    expect(app.get('nurse')).toEqual(new Set(['offered']));
    expect(app.get('held')).toEqual(new Set(['embargoed', 'restricted']));
    const none = await reasons('start=2026-03-24&end=2026-03-24');
    expect(none.get('nurse')).toEqual(new Set(['restricted']));
    // Beyond the urgent profile's two-day window: when it enters it.
    const later = await explain(provider, 'start=2026-03-27&end=2026-03-27&orgType=urgent-care');
    const windowed = later.slots.find((slot) => slot.scheduleId === 'held' && slot.start.includes('T15:00'));
    expect(windowed).toMatchObject({
      offered: false,
      reason: 'beyond-window',
      detail: { profileId: 'urgent', visibleFrom: '2026-03-25T15:00:00+00:00' },
    });
    const nurse = later.slots.find((slot) => slot.scheduleId === 'nurse');
    expect(nurse).toMatchObject({
      role: { code: 'R0620', display: 'Staff Nurse' },
      practitionerName: 'Bea Bell',
      locationName: 'Main surgery',
      detail: { profileId: 'practices' },
    });
  });

  it.each([
    ['start=2026-03-23&end=2026-05-18', 'more than 56 days'],
    ['start=2026-03-24&end=2026-03-23', 'end before start'],
    ['start=2026-03-23', 'no end'],
    ['start=2026-03-23&end=2026-03-24&orgType=pharmacy', 'an unknown organisation type'],
    ['start=2026-02-30&end=2026-03-24', 'a day that does not exist'],
  ])('refuses %s (%s): 400 invalid_request', async (query) => {
    const provider = await start();
    const answer = await adminSend(provider, 'GET', ODS, `/explanations?${query}`, { token: await token() });
    expect(answer.status).toBe(400);
    expect(practiceAdminErrorSchema.parse(answer.json()).error.code).toBe('invalid_request');
  });

  it('takes 56 days', async () => {
    const provider = await start();
    const answer = await explain(provider, 'start=2026-03-23&end=2026-05-17');
    expect(answer.slots.length).toBeGreaterThan(0);
    expect(answer.slots.every((slot, i, all) => i === 0 || (all[i - 1]?.start ?? '') <= slot.start)).toBe(
      true,
    );
  });
});
