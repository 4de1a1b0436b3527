import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorSchema } from '@gpbook/shared/errors';
import {
  auditResponseSchema,
  consumerOptionsResponseSchema,
  explanationsResponseSchema,
  rulesIfMatch,
  rulesResponseSchema,
  visibilityResponseSchema,
  type ConsumerVisibility,
} from '@gpbook/shared/practice-view';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../app/config.js';
import { generateSigningKey } from '../platform/signing-key.js';
import { startStack, type Stack } from '../stack.js';
import { signedInSession } from '../test-support/identity/sign-in-stack.js';
import { patientApi } from '../test-support/patient-api.js';
import { MemoryAuditTrail } from './audit.js';
import { makeStaff, signedInStaff } from './test-support.js';

/**
 * The practice view's API over the real demo stack: the reference provider (with its practice-admin API) and the
 * BFF over HTTP, staff sessions started directly (sign-in itself is staff-sign-in.test.ts's).
 */

type Headers = Record<string, string>;
let stack: Stack;
let config: AppConfig;
const audit = new MemoryAuditTrail();
const logLines: Array<Record<string, unknown>> = [];
let manager: Headers;
let receptionist: Headers;
let patient: Headers;

beforeAll(async () => {
  config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: '0',
    DEMO_IDP_PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gpbook-practice-view-')),
  });
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  stack = await startStack(config, logger, await generateSigningKey(), { staffAudit: audit });
  manager = (await signedInStaff(stack.staffSessions, config.publicUrl)).headers;
  receptionist = (
    await signedInStaff(
      stack.staffSessions,
      config.publicUrl,
      makeStaff({
        sub: 'staff-subject-2',
        displayName: 'Jo Lindqvist',
        role: 'receptionist',
        practices: [
          {
            odsCode: 'Y90001',
            name: 'Riverside Medical Centre',
            role: 'receptionist',
            personRoleId: '555000000202',
            canChangeRules: false,
          },
        ],
      }),
    )
  ).headers;
  patient = (
    await signedInSession(stack.sessions, config.publicUrl, {
      nhsNumber: '9990000018',
      registeredOds: 'Y90001',
    })
  ).headers;
});
afterAll(() => stack.close());

const call = patientApi(
  () => stack.bffUrl,
  () => ({}),
);
const today = todayInLondon();
const day = (offset: number) => addDaysToLondonDate(today, offset);
const code = (json: unknown) => apiErrorSchema.parse(json).error.code;

function ok(visibility: ConsumerVisibility | undefined) {
  if (visibility?.status !== 'ok') throw new Error(`expected an answer, got ${JSON.stringify(visibility)}`);
  return visibility;
}

describe('what would they see?', () => {
  it('runs the real slot search as each consumer and counts per day by role, channel and site', async () => {
    audit.entries.length = 0;
    const consumers = ['app', 'org:urgent-care', 'none', 'ods:Y90002:gp-practice'];
    const query = consumers.map((key) => `consumer=${encodeURIComponent(key)}`).join('&');
    const response = await call(
      'GET',
      `/api/practice/Y90001/visibility?start=${day(0)}&end=${day(20)}&${query}`,
      undefined,
      manager,
    );
    expect(response.status, response.text).toBe(200);
    const body = visibilityResponseSchema.parse(response.json);
    expect(body.practice).toEqual({ odsCode: 'Y90001', name: 'Riverside Medical Centre' });
    expect(body.consumers.map((entry) => entry.consumer.key)).toEqual(consumers);
    expect(body.consumers.map((entry) => entry.consumer.label)).toEqual([
      'This app',
      'Urgent care (such as NHS 111)',
      'Any consumer sending no filter',
      'Parkview Surgery (Y90002)',
    ]);
    for (const entry of body.consumers) {
      const seen = ok(entry);
      expect(seen.days.map((d) => d.date)).toEqual(Array.from({ length: 21 }, (_, i) => day(i)));
      expect(seen.days.reduce((sum, d) => sum + d.total, 0)).toBe(seen.totals.total);
      expect(seen.slots).toHaveLength(seen.totals.total);
      for (const counts of [seen.totals, ...seen.days]) {
        for (const breakdown of [counts.byRole, counts.byChannel, counts.bySite])
          expect(breakdown.reduce((sum, row) => sum + row.count, 0)).toBe(counts.total);
      }
    }
    const [app, urgent, none] = body.consumers.map(ok);
    // 111 alone sees the urgent-care session (Dr Hart, 16:00-17:00) and the app never does.
    const hart = (seen: typeof app) =>
      seen?.slots.filter((slot) => slot.practitioner?.name.includes('Hart') && slot.start.includes('T16:')) ??
      [];
    expect(hart(urgent).length).toBeGreaterThan(0);
    expect(hart(app)).toEqual([]);
    // The phlebotomist's sessions are for GP practices only (gp-routine): a consumer with no filter sees none.
    expect(none?.totals.byRole.find((row) => row.group === 'phlebotomist')).toBeUndefined();
    expect(app?.totals.byRole.find((row) => row.group === 'phlebotomist')?.count).toBeGreaterThan(0);

    // Audited: one entry per consumer, with the staff user id (never a name) and one trace id.
    expect(audit.entries.map((entry) => entry.consumer).sort()).toEqual([...consumers].sort());
    const staffUserId = makeStaff().userId;
    for (const entry of audit.entries)
      expect(entry).toMatchObject({
        staffUserId,
        practice: 'Y90001',
        staffRole: 'practice-manager',
        outcome: 'ok',
      });
    expect(new Set(audit.entries.map((entry) => entry.traceId)).size).toBe(1);
    const auditLines = logLines.filter((line) => line['stream'] === 'audit');
    expect(auditLines.length).toBeGreaterThanOrEqual(consumers.length);
    expect(JSON.stringify(logLines)).not.toContain('Amira');
  });

  it('refuses a practice the member of staff does not act for, bad ranges and unknown consumers', async () => {
    const range = `start=${day(0)}&end=${day(6)}`;
    const other = await call(
      'GET',
      `/api/practice/Y90002/visibility?${range}&consumer=app`,
      undefined,
      manager,
    );
    expect([other.status, code(other.json)]).toEqual([403, 'forbidden']);
    const long = await call(
      'GET',
      `/api/practice/Y90001/visibility?start=${day(0)}&end=${day(56)}&consumer=app`,
      undefined,
      manager,
    );
    expect([long.status, code(long.json)]).toEqual([422, 'validation_failed']);
    const unknown = await call(
      'GET',
      `/api/practice/Y90001/visibility?${range}&consumer=org:oncology`,
      undefined,
      manager,
    );
    expect([unknown.status, code(unknown.json)]).toEqual([422, 'validation_failed']);
  });
});

describe('consumer choices', () => {
  it('offers this app, urgent care, GP practices, the federation by ODS code and no filter', async () => {
    const response = await call('GET', '/api/practice/Y90001/consumers', undefined, manager);
    expect(response.status, response.text).toBe(200);
    const body = consumerOptionsResponseSchema.parse(response.json);
    expect(body.consumers.map((consumer) => consumer.key)).toEqual([
      'app',
      'org:urgent-care',
      'org:gp-practice',
      'ods:Y90002:gp-practice',
      'ods:Y90003:gp-practice',
      'none',
    ]);
    expect(body.consumers[3]?.label).toBe('Parkview Surgery (Y90002)');
    const other = await call('GET', '/api/practice/Y90002/consumers', undefined, manager);
    expect(other.status).toBe(403);
  });
});

describe('why not?', () => {
  it('explains every slot, and what it offers is exactly what the slot search returns', async () => {
    const range = `start=${day(0)}&end=${day(13)}`;
    for (const consumer of ['app', 'org:urgent-care', 'none']) {
      const [explained, searched] = await Promise.all([
        call('GET', `/api/practice/Y90001/explanations?${range}&consumer=${consumer}`, undefined, manager),
        call('GET', `/api/practice/Y90001/visibility?${range}&consumer=${consumer}`, undefined, manager),
      ]);
      expect(explained.status, explained.text).toBe(200);
      const explanations = explanationsResponseSchema.parse(explained.json);
      expect(explanations.consumer.key).toBe(consumer);
      const offered = explanations.slots
        .filter((slot) => slot.offered)
        .map((slot) => slot.id)
        .sort();
      const seen = ok(visibilityResponseSchema.parse(searched.json).consumers[0])
        .slots.map((slot) => slot.id)
        .sort();
      expect(offered).toEqual(seen);
      for (const slot of explanations.slots) expect(slot.offered === (slot.reason === undefined)).toBe(true);
    }
  });
});

describe('change the rules', () => {
  it('reads the rules, refuses stale, missing and invalid changes, applies a good one at once, and audits it', async () => {
    const read = await call('GET', '/api/practice/Y90001/rules', undefined, manager);
    expect(read.status, read.text).toBe(200);
    const current = rulesResponseSchema.parse(read.json);
    expect(current.context.practiceName).toBe('Riverside Medical Centre');
    const evans = current.rules.schedules.findIndex((schedule) => schedule.id === 'evans-clinic');
    expect(current.rules.schedules[evans]?.sessions[0]).toMatchObject({
      accessProfiles: ['gp-routine'],
      deliveryChannel: 'in-person',
      start: '08:00',
    });

    const put = (headers: Headers, body: unknown, ifMatch?: string) =>
      call('PUT', '/api/practice/Y90001/rules', body, {
        ...headers,
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      });
    const opened = structuredClone(current.rules);
    const session = opened.schedules[evans]?.sessions[0];
    if (!session) throw new Error('no evans session');
    session.accessProfiles = [];

    const noVersion = await put(manager, { rules: opened });
    expect([noVersion.status, code(noVersion.json)]).toEqual([428, 'version_required']);
    const byReceptionist = await put(receptionist, { rules: opened }, rulesIfMatch(current.version));
    expect([byReceptionist.status, code(byReceptionist.json)]).toEqual([403, 'forbidden']);
    const withoutToken = await put(
      { ...manager, 'x-csrf-token': 'x'.repeat(43) },
      { rules: opened },
      rulesIfMatch(current.version),
    );
    expect([withoutToken.status, code(withoutToken.json)]).toEqual([403, 'csrf_failed']);
    const nobody = structuredClone(current.rules);
    nobody.accessProfiles[0] = {
      ...nobody.accessProfiles[0],
      id: 'urgent-care',
      description: 'Nobody',
      orgTypes: [],
      odsCodes: [],
    };
    const invalid = await put(manager, { rules: nobody }, rulesIfMatch(current.version));
    expect(invalid.status, invalid.text).toBe(422);
    const error = apiErrorSchema.parse(invalid.json).error;
    expect(error.code).toBe('invalid_rules');
    expect(error.issues?.[0]?.path).toEqual(['accessProfiles', 0, 'orgTypes']);

    const noneBefore = await call(
      'GET',
      `/api/practice/Y90001/visibility?start=${day(1)}&end=${day(7)}&consumer=none`,
      undefined,
      manager,
    );
    const phlebotomyBefore = ok(
      visibilityResponseSchema.parse(noneBefore.json).consumers[0],
    ).totals.byRole.find((row) => row.group === 'phlebotomist');
    expect(phlebotomyBefore).toBeUndefined();

    const changed = await put(manager, { rules: opened }, rulesIfMatch(current.version));
    expect(changed.status, changed.text).toBe(200);
    const after = rulesResponseSchema.parse(changed.json);
    expect(after.version).not.toBe(current.version);
    expect(after.rules.schedules[evans]?.sessions[0]?.accessProfiles).toEqual([]);

    const stale = await put(manager, { rules: opened }, rulesIfMatch(current.version));
    expect([stale.status, code(stale.json)]).toEqual([412, 'version_conflict']);

    const noneAfter = await call(
      'GET',
      `/api/practice/Y90001/visibility?start=${day(1)}&end=${day(7)}&consumer=none`,
      undefined,
      manager,
    );
    const phlebotomyAfter = ok(
      visibilityResponseSchema.parse(noneAfter.json).consumers[0],
    ).totals.byRole.find((row) => row.group === 'phlebotomist');
    expect(phlebotomyAfter?.count).toBeGreaterThan(0);

    const trail = await call('GET', '/api/practice/Y90001/audit?limit=5', undefined, receptionist);
    expect(trail.status, trail.text).toBe(200);
    const entries = auditResponseSchema.parse(trail.json).entries;
    expect(entries[0]).toMatchObject({ staffUserId: makeStaff().userId, staffRole: 'practice-manager' });
  });
});

describe("the provider's own checks", () => {
  it("passes a rules change the provider refuses back as invalid_rules with the provider's issues", async () => {
    const current = rulesResponseSchema.parse(
      (await call('GET', '/api/practice/Y90001/rules', undefined, manager)).json,
    );
    const rules = structuredClone(current.rules);
    const first = rules.schedules[0];
    if (!first) throw new Error('no schedule');
    first.accessProfiles = ['no-such-profile'];
    const response = await call(
      'PUT',
      '/api/practice/Y90001/rules',
      { rules },
      {
        ...manager,
        'if-match': rulesIfMatch(current.version),
      },
    );
    expect(response.status, response.text).toBe(422);
    const error = apiErrorSchema.parse(response.json).error;
    expect(error.code).toBe('invalid_rules');
    expect(error.issues?.map((issue) => issue.path)).toContainEqual(['schedules', 0, 'accessProfiles', 0]);
  });
});

describe('staff and patients kept apart', () => {
  const staffRoutes: Array<[string, string]> = [
    ['GET', '/api/staff/session'],
    ['POST', '/api/staff/session/refresh'],
    ['GET', '/api/practice/Y90001/consumers'],
    ['GET', `/api/practice/Y90001/visibility?start=${todayInLondon()}&end=${todayInLondon()}&consumer=app`],
    ['GET', `/api/practice/Y90001/explanations?start=${todayInLondon()}&end=${todayInLondon()}&consumer=app`],
    ['GET', '/api/practice/Y90001/rules'],
    ['PUT', '/api/practice/Y90001/rules'],
    ['GET', '/api/practice/Y90001/audit'],
  ];
  const patientRoutes: Array<[string, string]> = [
    ['GET', '/api/session'],
    ['POST', '/api/session/refresh'],
    ['GET', '/api/practices'],
    ['GET', `/api/slots?practice=Y90001&from=${todayInLondon()}&to=${todayInLondon()}`],
    ['GET', '/api/appointments'],
    ['POST', '/api/appointments'],
  ];

  it('a patient session reaches no staff route', async () => {
    for (const [method, path] of staffRoutes) {
      const response = await call(method, path, method === 'GET' ? undefined : {}, patient);
      expect([method, path, response.status]).toEqual([method, path, 401]);
    }
  });

  it('a staff session reaches no patient route', async () => {
    for (const [method, path] of patientRoutes) {
      const response = await call(method, path, method === 'GET' ? undefined : {}, manager);
      expect([method, path, response.status]).toEqual([method, path, 401]);
    }
  });

  it('the staff session says who is signed in and for which practices', async () => {
    const response = await call('GET', '/api/staff/session', undefined, manager);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      user: { id: makeStaff().userId, displayName: 'Amira Shah' },
      role: 'practice-manager',
      practices: [{ odsCode: 'Y90001', name: 'Riverside Medical Centre', canChangeRules: true }],
    });
  });
});
