import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorSchema } from '@gpbook/shared/errors';
import { visibilityResponseSchema } from '@gpbook/shared/practice-view';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { generateSigningKey } from '../platform/signing-key.js';
import { startStack, type Stack } from '../stack.js';
import { patientApi } from '../test-support/patient-api.js';
import { MemoryAuditTrail } from './audit.js';
import { makeStaff, signedInStaff } from './test-support.js';
import { freePort } from '../test-support/free-port.js';

/**
 * The practice view where providers offer less: the reference provider with unsigned Spine JWTs (no practice-admin
 * API then), and a practice whose GP Connect endpoint is not the reference provider's and does not answer.
 */

let stack: Stack;
let publicUrl: string;
let staff: Record<string, string>;
const audit = new MemoryAuditTrail();

beforeAll(async () => {
  const [providerPort, deadPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'gpbook-practice-view-edges-'));
  const directory = join(dataDir, 'directory.json');
  writeFileSync(
    directory,
    JSON.stringify({
      practices: [
        {
          odsCode: 'Y90001',
          name: 'Riverside Medical Centre',
          serviceRoot: `http://127.0.0.1:${providerPort}/Y90001/STU3/1/gpconnect`,
          asid: '918999190001',
        },
        {
          odsCode: 'Y90009',
          name: 'Elsewhere Surgery',
          serviceRoot: `http://127.0.0.1:${deadPort}/gpc/Y90009/fhir`,
          asid: '918999190009',
        },
      ],
    }),
  );
  const config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: String(providerPort),
    DEMO_IDP_PORT: '0',
    GPC_JWT_SIGNING: 'none',
    GPC_TIMEOUT_MS: '2000',
    RATE_LIMIT_PER_SESSION: '8',
    PRACTICE_DIRECTORY: directory,
    DATA_DIR: dataDir,
  });
  publicUrl = config.publicUrl;
  stack = await startStack(config, pino({ level: 'silent' }), await generateSigningKey(), {
    staffAudit: audit,
  });
  staff = (
    await signedInStaff(
      stack.staffSessions,
      config.publicUrl,
      makeStaff({
        practices: [
          {
            odsCode: 'Y90001',
            name: 'Riverside Medical Centre',
            role: 'practice-manager',
            personRoleId: '555000000101',
            canChangeRules: true,
          },
          {
            odsCode: 'Y90009',
            name: 'Elsewhere Surgery',
            role: 'practice-manager',
            personRoleId: '555000000109',
            canChangeRules: true,
          },
        ],
      }),
    )
  ).headers;
});
afterAll(() => stack.close());

const call = patientApi(
  () => stack.bffUrl,
  () => ({}),
);
const range = `start=${todayInLondon()}&end=${addDaysToLondonDate(todayInLondon(), 6)}`;
const error = (json: unknown) => apiErrorSchema.parse(json).error;

describe('a provider without the practice-admin API', () => {
  it('still shows what each consumer sees (any GP Connect provider)', async () => {
    const response = await call(
      'GET',
      `/api/practice/Y90001/visibility?${range}&consumer=app`,
      undefined,
      staff,
    );
    expect(response.status, response.text).toBe(200);
    expect(visibilityResponseSchema.parse(response.json).consumers[0]?.status).toBe('ok');
  });

  it('answers not_supported for explanations, rules and audit', async () => {
    for (const [method, path] of [
      ['GET', `/api/practice/Y90001/explanations?${range}&consumer=app`],
      ['GET', '/api/practice/Y90001/rules'],
      ['GET', '/api/practice/Y90001/audit'],
      ['GET', '/api/practice/Y90009/rules'],
    ] as const) {
      const response = await call(method, path, undefined, staff);
      expect([path, response.status, error(response.json).code]).toEqual([path, 501, 'not_supported']);
    }
  });
});

describe('a practice whose system does not answer', () => {
  it('is listed with why, not dropped, and the search is audited as failed', async () => {
    audit.entries.length = 0;
    const response = await call(
      'GET',
      `/api/practice/Y90009/visibility?${range}&consumer=app&consumer=org:urgent-care`,
      undefined,
      staff,
    );
    expect(response.status, response.text).toBe(200);
    const body = visibilityResponseSchema.parse(response.json);
    expect(body.consumers.map((entry) => [entry.consumer.key, entry.status])).toEqual([
      ['app', 'failed'],
      ['org:urgent-care', 'failed'],
    ]);
    for (const entry of body.consumers) expect(entry.status === 'failed' && entry.reason).toBe('unreachable');
    expect(audit.entries.map((entry) => entry.outcome)).toEqual(['failed', 'failed']);
  });
});

describe('rate limits', () => {
  it('count each staff session on its own, as for patients', async () => {
    const own = (await signedInStaff(stack.staffSessions, publicUrl, makeStaff({ sub: 'busy-staff' })))
      .headers;
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++)
      statuses.push((await call('GET', '/api/staff/session', undefined, own)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const other = (await signedInStaff(stack.staffSessions, publicUrl, makeStaff({ sub: 'calm-staff' })))
      .headers;
    expect((await call('GET', '/api/staff/session', undefined, other)).status).toBe(200);
  });
});
