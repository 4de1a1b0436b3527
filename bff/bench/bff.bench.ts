/**
 * BFF benchmark: `GET /api/slots` (session, validation, GP Connect call with a fresh RS512 Spine JWT, FHIR
 * parsing and joining, patient API response) against the GP Connect slot search it wraps, sent straight to the
 * reference provider with the same parameters. Both over real HTTP on loopback, on the demo seed's busiest
 * practice, 14 days. Bounded: two 8-second runs. Run with `npm run bench:bff`.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import { pino } from 'pino';
import { loadConfig } from '../src/app/config.js';
import { generateSigningKey } from '../src/platform/signing-key.js';
import { slotSearchQuery } from '../src/gpconnect/slots.js';
import { buildSpineJwt } from '../src/gpconnect/spine-jwt.js';
import { loadProviderConfig } from '../src/provider/config/load.js';
import { startStack } from '../src/stack.js';
import { signedInSession } from '../src/test-support/identity/sign-in-stack.js';

interface CannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  non2xx: number;
}
type Cannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<CannonResult>;
// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const DURATION = 8;
const CONNECTIONS = 10;
const PRACTICE = 'Y90001';

const config = loadConfig({
  PORT: '0',
  PROVIDER_PORT: '0',
  DEMO_IDP_PORT: '0',
  LOG_LEVEL: 'silent',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'gpbook-bench-')),
  RATE_LIMIT_PER_IP: '10000000',
  RATE_LIMIT_PER_SESSION: '10000000',
});
const key = await generateSigningKey();
const stack = await startStack(config, pino({ level: 'silent' }), key);
const session = await signedInSession(stack.sessions, config.publicUrl, {
  nhsNumber: '9990000018',
  registeredOds: PRACTICE,
});

const from = addDaysToLondonDate(todayInLondon(), 1);
const to = addDaysToLondonDate(from, 13);
const bffUrl = `${stack.bffUrl}/api/slots?practice=${PRACTICE}&from=${from}&to=${to}`;

// The same GP Connect request the BFF makes, with a signed JWT built once (valid for the five-minute run).
const practice = loadProviderConfig('demo').practices.find((candidate) => candidate.odsCode === PRACTICE);
if (!practice || !stack.providerUrl) throw new Error('the demo provider is not running');
const serviceRoot = `${stack.providerUrl}/${PRACTICE}/STU3/1/gpconnect`;
const query = new URLSearchParams(
  slotSearchQuery({
    start: from,
    end: to,
    consumerOds: config.gpConnect.consumerOds,
    consumerOrgType: 'gp-practice',
  }),
);
const providerUrl = `${serviceRoot}/Slot?${query.toString()}`;
const jwt = await buildSpineJwt({
  interaction: 'slotSearch',
  audience: serviceRoot,
  consumer: {
    issuer: config.publicUrl,
    odsCode: config.gpConnect.consumerOds,
    organisationName: config.gpConnect.consumerOrgName,
    deviceSystem: `${config.publicUrl}/Id/device`,
    deviceId: 'bench',
    productName: 'bench',
    productVersion: '0',
    userIdSystem: `${config.publicUrl}/Id/user`,
  },
  user: { id: 'bench', family: 'Bench', given: ['Mark'] },
  signing: { kind: 'rs512', privateKey: key.privateKey, kid: key.kid },
});
const providerHeaders = {
  accept: 'application/fhir+json',
  authorization: `Bearer ${jwt}`,
  'ssp-traceid': crypto.randomUUID(),
  'ssp-from': config.gpConnect.consumerAsid,
  'ssp-to': practice.asid,
  'ssp-interactionid': 'urn:nhs:names:services:gpconnect:fhir:rest:search:slot-1',
};

const sample = await fetch(bffUrl, { headers: session.headers });
const sampleBody = (await sample.json()) as { days: Array<{ slots: unknown[] }> };
const slotCount = sampleBody.days.reduce((total, day) => total + day.slots.length, 0);
const providerSample = await fetch(providerUrl, { headers: providerHeaders });
const providerBytes = (await providerSample.text()).length;
if (sample.status !== 200 || providerSample.status !== 200) {
  throw new Error(`warm-up failed: BFF ${sample.status}, provider ${providerSample.status}`);
}

const providerRun = await autocannon({
  url: providerUrl,
  connections: CONNECTIONS,
  duration: DURATION,
  headers: providerHeaders,
});
const bffRun = await autocannon({
  url: bffUrl,
  connections: CONNECTIONS,
  duration: DURATION,
  headers: session.headers,
});

const row = (name: string, run: CannonResult) =>
  `${name.padEnd(34)} p50 ${String(run.latency.p50).padStart(5)} ms  p99 ${String(run.latency.p99).padStart(5)} ms  ` +
  `${run.requests.average.toFixed(0).padStart(5)} req/s  non-2xx ${run.non2xx}`;
console.log(
  `GET /api/slots at ${PRACTICE}, ${from}..${to}: ${slotCount} free slots (provider bundle ${(providerBytes / 1024).toFixed(0)} KiB); ` +
    `${CONNECTIONS} connections, ${DURATION} s each`,
);
console.log(row('provider Slot search (direct)', providerRun));
console.log(row('BFF GET /api/slots', bffRun));
console.log(
  `BFF / provider: ${(providerRun.requests.average / bffRun.requests.average).toFixed(2)}× the time per request, ` +
    `p50 +${(bffRun.latency.p50 - providerRun.latency.p50).toFixed(1)} ms`,
);
await stack.close();
