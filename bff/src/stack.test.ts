import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practicesResponseSchema } from '@gpbook/shared/practices';
import { loadConfig } from './app/config.js';
import { generateSigningKey } from './platform/signing-key.js';
import { startStack, type Stack } from './stack.js';
import { freePort } from './test-support/free-port.js';
import { signedInSession } from './test-support/identity/sign-in-stack.js';

let stack: Stack;
let signedIn: Record<string, string>;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  const config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: '0',
    // Not the demo's 4001: the test must not depend on the demo (npm start) being stopped.
    DEMO_IDP_PORT: String(await freePort()),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gpbook-')),
  });
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  stack = await startStack(config, logger, await generateSigningKey());
  signedIn = (
    await signedInSession(stack.sessions, config.publicUrl, {
      nhsNumber: '9990000018',
      registeredOds: 'Y90001',
    })
  ).headers;
});
afterAll(() => stack.close());

describe('the demo stack', () => {
  it('answers GET /api/practices from the reference provider over real HTTP, with an RS512-signed Spine JWT', async () => {
    expect((await fetch(`${stack.bffUrl}/api/practices`)).status).toBe(401);
    const response = await fetch(`${stack.bffUrl}/api/practices`, { headers: signedIn });
    expect(response.status).toBe(200);
    const body = practicesResponseSchema.parse(await response.json());
    expect(body.registered).toMatchObject({ odsCode: 'Y90001', name: 'Riverside Medical Centre' });
    expect(body.registered.address.postcode).toBe('LS1 4AP');
    expect(body.federation.map((practice) => practice.odsCode)).toEqual(['Y90002', 'Y90003']);
  });

  it('carries one trace id from the BFF request into every provider call (Ssp-TraceID)', async () => {
    logLines.length = 0;
    await fetch(`${stack.bffUrl}/api/practices`, { headers: signedIn });
    const bffRequest = logLines.find((line) => line['msg'] === 'request completed');
    const traceId = bffRequest?.['traceId'];
    expect(typeof traceId).toBe('string');
    const audits = logLines.filter((line) => line['audit'] === true);
    expect(audits).toHaveLength(3);
    for (const audit of audits)
      expect(audit).toMatchObject({ traceId, interaction: 'organizationSearch', outcome: 'success' });
  });

  it('publishes the key the provider verified the JWT with', async () => {
    const jwks = (await (await fetch(`${stack.bffUrl}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ alg: string; kty: string }>;
    };
    expect(jwks.keys).toEqual([expect.objectContaining({ alg: 'RS512', kty: 'RSA' })]);
  });

  it('answers unknown API routes with a typed error', async () => {
    const response = await fetch(`${stack.bffUrl}/api/nothing-here`, { headers: signedIn });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String) as string },
    });
  });
});
