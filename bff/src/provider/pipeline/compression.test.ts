import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYS } from '../../gpconnect/constants.js';
import { bookingBody } from '../test-support/appointment-body.js';
import { makeConfig } from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';
import { spineHeaders } from '../test-support/spine-request.js';
import { acceptsGzip } from './compression.js';

// Monday 23 March 2026, 10:00 GMT.
const NOW = new Date('2026-03-23T10:00:00Z');

/**
 * GP Connect general API guidance, "Content compression": "clients/servers SHALL support GZIP compression.
 * Compression is requested by setting the Accept-Encoding header to gzip." Both directions: answers are gzipped
 * for clients that ask, and gzipped request bodies (Content-Encoding: gzip) are read.
 */
let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider(makeConfig(), { now: NOW });
});
afterAll(() => provider.close());

const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;
const url = (path: string) => `/${provider.practice.odsCode}/STU3/1/gpconnect${path}`;

async function get(path: string, acceptEncoding: string | undefined) {
  return provider.app.inject({
    method: 'GET',
    url: url(path),
    headers: {
      ...spineHeaders(provider.practice, 'metadata'),
      ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
    },
  });
}

describe('gzip answers', () => {
  it('gzips the answer when Accept-Encoding asks for gzip, and says so', async () => {
    const response = await get('/metadata', 'gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['vary']).toBe('Accept-Encoding');
    expect(response.headers['content-type']).toBe('application/fhir+json;charset=utf-8');
    const body = JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as FhirJson;
    expect(body['resourceType']).toBe('CapabilityStatement');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
  });

  it('gzips error answers too', async () => {
    const response = await get('/metadatas', 'gzip, deflate, br');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(code(JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as FhirJson)).toBe(
      'NO_RECORD_FOUND',
    );
  });

  it('answers uncompressed when gzip is not asked for or is refused', async () => {
    for (const header of [undefined, 'identity', 'br', 'gzip;q=0', '*;q=0']) {
      const response = await get('/metadata', header);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.json<FhirJson>()['resourceType']).toBe('CapabilityStatement');
    }
  });

  it('reads Accept-Encoding as HTTP does: tokens, q-values, x-gzip and *', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('deflate, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*, gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('gzip request bodies', () => {
  const post = (payload: Buffer | string, contentEncoding: string, acceptEncoding?: string) =>
    provider.app.inject({
      method: 'POST',
      url: url('/Appointment'),
      headers: {
        ...spineHeaders(provider.practice, 'appointmentCreate'),
        'content-encoding': contentEncoding,
        ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      },
      payload,
    });

  it('books an appointment sent gzipped, and answers it gzipped', async () => {
    const search = await provider.send(
      'slotSearch',
      'GET',
      `/Slot?status=free&start=ge2026-03-24&end=le2026-03-24&_include=Slot:schedule&searchFilter=${SYS.orgType}|gp-practice`,
    );
    const slot = search.json().entry?.find((entry) => entry.resource.resourceType === 'Slot')?.resource;
    if (!slot) throw new Error('no slot');
    const body = bookingBody({
      slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
    });
    const response = await post(gzipSync(JSON.stringify(body)), 'gzip', 'gzip');
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-encoding']).toBe('gzip');
    const appointment = JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as FhirJson;
    expect(appointment).toMatchObject({ resourceType: 'Appointment', description: 'Sore throat' });
  });

  it('refuses a body that is not gzip with 400 BAD_REQUEST', async () => {
    const response = await post('{"resourceType":"Appointment"}', 'gzip');
    expect(response.statusCode).toBe(400);
    expect(code(response.json())).toBe('BAD_REQUEST');
  });

  it('refuses a coding other than gzip with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await post('{}', 'br');
    expect(response.statusCode).toBe(415);
    expect(code(response.json())).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('limits the inflated body, not the gzipped one: a small gzip bomb is 413', async () => {
    const bomb = gzipSync(`{"description":"${' '.repeat(1024 * 1024)}"}`);
    expect(bomb.length).toBeLessThan(16 * 1024);
    const response = await post(bomb, 'gzip');
    expect(response.statusCode).toBe(413);
    expect(code(response.json())).toBe('BAD_REQUEST');
  });
});
