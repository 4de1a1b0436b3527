import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ProviderEndpoint } from './client.js';
import { GpConnectError } from './errors.js';
import { slotBundleSchema } from './fhir-schemas.js';
import { RepeatAnswers } from './repeat-answers.js';
import { testClient } from './test-support/fake-gp-connect.js';

const outcome = (code: string) => ({
  resourceType: 'OperationOutcome',
  issue: [
    { severity: 'error', code: 'duplicate', details: { coding: [{ code }] }, diagnostics: 'internal detail' },
  ],
});

/** The spec's Search for free slots example, and the same with what a provider must not send in it. */
const slotExample = (): { entry: Array<{ resource: Record<string, unknown> }> } =>
  JSON.parse(
    readFileSync(
      new URL('../../test/fixtures/gpconnect/search-for-free-slots-response-payload-1.json', import.meta.url),
      'utf8',
    ),
  ) as { entry: Array<{ resource: Record<string, unknown> }> };
const spoiledSlots: Array<[string, (bundle: ReturnType<typeof slotExample>) => void]> = [
  ['a Slot start in UTC', (b) => (b.entry[1]!.resource['start'] = '2016-08-15T10:40:00Z')],
  ['a Slot start on 30 February', (b) => (b.entry[0]!.resource['start'] = '2017-02-30T10:40:00+00:00')],
  [
    'a Slot with an absolute schedule',
    (b) => (b.entry[0]!.resource['schedule'] = { reference: 'http://x/Schedule/1' }),
  ],
  ['a Slot without a status', (b) => delete b.entry[1]!.resource['status']],
  ['a Schedule with no actor', (b) => (b.entry[2]!.resource['actor'] = [])],
  ['a Location named by a number', (b) => (b.entry[4]!.resource['name'] = 17)],
  ['an entry with no resource type', (b) => delete b.entry[5]!.resource['resourceType']],
];

let server: FastifyInstance;
/** What `/root/repeating` answers: changed by a test between calls. */
let repeating: unknown = { value: 'first' };
/** What `/root/tagged` answers, with `ETag: W/"<value>"` and 304 to an If-None-Match naming it. */
let tagged = 'one';
let endpoint: ProviderEndpoint;
const hits = new Map<string, number>();
const seenHeaders: Record<string, string | string[] | undefined>[] = [];

beforeAll(async () => {
  server = Fastify();
  server.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    seenHeaders.push(request.headers);
  });
  server.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_r, body, done) =>
    done(null, body),
  );
  server.get('/root/ok', async (_request, reply) => reply.header('etag', 'W/"3"').send({ value: 'fine' }));
  server.get(
    '/root/slow',
    async () => new Promise((resolve) => setTimeout(() => resolve({ value: 'late' }), 500)),
  );
  server.get('/root/flaky', async (_request, reply) =>
    (hits.get('/root/flaky') ?? 0) === 1 ? reply.code(502).send('bad gateway') : { value: 'second time' },
  );
  server.post('/root/conflict', async (_request, reply) =>
    reply.code(409).send(outcome('DUPLICATE_REJECTED')),
  );
  server.post('/root/broken', async (_request, reply) =>
    reply.code(500).send(outcome('INTERNAL_SERVER_ERROR')),
  );
  server.get('/root/malformed', async () => ({ value: 42 }));
  server.get('/root/repeating', async () => repeating);
  server.get('/root/tagged', async (request, reply) => {
    const etag = `W/"${tagged}"`;
    reply.header('etag', etag);
    return request.headers['if-none-match'] === etag ? reply.code(304).send() : { value: tagged };
  });
  server.get('/root/always-304', async (_request, reply) => reply.code(304).send());
  server.get('/root/gzipped', async (_request, reply) =>
    reply
      .header('content-encoding', 'gzip')
      .type('application/fhir+json')
      .send(gzipSync(JSON.stringify({ value: 'packed' }))),
  );
  server.get('/root/corrupt', async (_request, reply) =>
    reply
      .header('content-encoding', 'gzip')
      .type('application/fhir+json')
      .send(Buffer.from('not gzip at all')),
  );
  server.get('/root/cut', (_request, reply) => {
    reply.hijack();
    reply.raw.socket?.end(
      'HTTP/1.1 200 OK\r\ncontent-type: application/fhir+json\r\ncontent-length: 1000\r\n\r\n{"value":',
    );
  });
  server.get('/root/Slot', async (request) => {
    const bundle = slotExample();
    const spoil = spoiledSlots.find(([name]) => name === (request.query as { spoil?: string }).spoil);
    spoil?.[1](bundle);
    return bundle;
  });
  server.get('/root/access-denied', async (_request, reply) =>
    reply.code(403).send(outcome('ACCESS DENIED')),
  );
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  endpoint = {
    odsCode: 'A20047',
    serviceRoot: `http://127.0.0.1:${address.port}/root`,
    asid: '918999198738',
  };
});
afterAll(() => server.close());

// A short timeout, so the timeout case is quick.
const client = testClient({ timeoutMs: 200 });
const schema = z.object({ value: z.string() });
const base = {
  interaction: 'organizationSearch' as const,
  user: { id: 'u1', family: 'Smith', given: ['Jo'] },
  traceId: 't-1',
  schema,
};

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GpConnectError) return error.failure;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('GpConnectClient', () => {
  it('sends the Ssp headers and a fresh unsecured JWT, and parses the answer with the schema', async () => {
    const response = await client.call({
      ...base,
      endpoint,
      method: 'GET',
      path: '/ok',
      query: [['identifier', 'a|b']],
    });
    expect(response.body).toEqual({ value: 'fine' });
    expect(response.etag).toBe('W/"3"');
    const headers = seenHeaders.at(-1) ?? {};
    expect(headers).toMatchObject({
      'ssp-traceid': 't-1',
      'ssp-from': '200000001234',
      'ssp-to': '918999198738',
      'ssp-interactionid': 'urn:nhs:names:services:gpconnect:fhir:rest:search:organization-1',
      accept: 'application/fhir+json',
    });
    expect(String(headers['authorization'])).toMatch(/^Bearer [\w-]+\.[\w-]+\.$/);
  });

  it('reports a timeout as unreachable (after one retry of the read)', async () => {
    const before = hits.get('/root/slow') ?? 0;
    expect(await failureOf(client.call({ ...base, endpoint, method: 'GET', path: '/slow' }))).toEqual({
      kind: 'unreachable',
      cause: 'timeout',
    });
    expect((hits.get('/root/slow') ?? 0) - before).toBe(2);
  });

  it('retries a read once after a 5xx', async () => {
    const response = await client.call({ ...base, endpoint, method: 'GET', path: '/flaky' });
    expect(response.body.value).toBe('second time');
  });

  it('never retries a write, and maps an OperationOutcome to its Spine code', async () => {
    expect(
      await failureOf(client.call({ ...base, endpoint, method: 'POST', path: '/conflict', body: {} })),
    ).toMatchObject({
      kind: 'rejected',
      status: 409,
      spineCode: 'DUPLICATE_REJECTED',
    });
    expect(
      await failureOf(client.call({ ...base, endpoint, method: 'POST', path: '/broken', body: {} })),
    ).toEqual({
      kind: 'server_error',
      status: 500,
      spineCode: 'INTERNAL_SERVER_ERROR',
    });
    expect(hits.get('/root/broken')).toBe(1);
  });

  it('rejects a 2xx body that does not fit the schema', async () => {
    expect(
      await failureOf(client.call({ ...base, endpoint, method: 'GET', path: '/malformed' })),
    ).toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('reads a slot search bundle exactly as the schema parses it, and refuses each malformed one', async () => {
    const slots = {
      ...base,
      interaction: 'slotSearch' as const,
      endpoint,
      method: 'GET' as const,
      path: '/Slot',
    };
    const response = await client.call({ ...slots, schema: slotBundleSchema });
    expect(response.body).toEqual(slotBundleSchema.parse(slotExample()));
    for (const [name] of spoiledSlots) {
      const failure = await failureOf(
        client.call({ ...slots, schema: slotBundleSchema, query: [['spoil', name]] }),
      );
      expect(failure, name).toMatchObject({ kind: 'invalid_response', status: 200 });
      expect(failure.kind === 'invalid_response' && failure.detail, name).toMatch(/^entry\.\d/);
    }
  });

  it('gives a repeatable read the same frozen value while the answer repeats byte for byte, a new one when not', async () => {
    const read = () =>
      client.call({ ...base, endpoint, method: 'GET', path: '/repeating', repeatable: true });
    repeating = { value: 'first' };
    const first = (await read()).body;
    const again = (await read()).body;
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    repeating = { value: 'second' };
    const changed = (await read()).body;
    expect(changed).toEqual({ value: 'second' });
    expect(changed).not.toBe(first);
    // Not repeatable: a fresh value every time, not frozen.
    const plain = await client.call({ ...base, endpoint, method: 'GET', path: '/repeating' });
    expect(plain.body).toEqual({ value: 'second' });
    expect(plain.body).not.toBe(changed);
    expect(Object.isFrozen(plain.body)).toBe(false);
    // An answer that does not fit is refused every time, whether or not it repeats.
    repeating = { value: 42 };
    for (let i = 0; i < 2; i++) {
      expect(
        await failureOf(
          client.call({ ...base, endpoint, method: 'GET', path: '/repeating', repeatable: true }),
        ),
      ).toMatchObject({ kind: 'invalid_response' });
    }
  });

  it('asks a repeatable read with If-None-Match naming the answer held, and takes 304 as "still that answer"', async () => {
    const read = () => client.call({ ...base, endpoint, method: 'GET', path: '/tagged', repeatable: true });
    const conditions = () =>
      seenHeaders.slice(-1).map((headers) => headers['if-none-match'] ?? 'unconditional');
    tagged = 'one';
    const first = await read();
    expect(conditions()).toEqual(['unconditional']);
    expect(first).toMatchObject({ status: 200, body: { value: 'one' }, etag: 'W/"one"' });
    const again = await read();
    expect(conditions()).toEqual(['W/"one"']);
    expect(again.status).toBe(304);
    expect(again.body).toBe(first.body);
    // The practice's answer changes (a booking): the conditional read gets the new one in full.
    tagged = 'two';
    const changed = await read();
    expect(conditions()).toEqual(['W/"one"']);
    expect(changed).toMatchObject({ status: 200, body: { value: 'two' } });
    expect((await read()).body).toBe(changed.body);
    expect(conditions()).toEqual(['W/"two"']);
    // A read that is not repeatable is never conditional.
    await client.call({ ...base, endpoint, method: 'GET', path: '/tagged' });
    expect(conditions()).toEqual(['unconditional']);
  });

  it('asks again in full when the answer named by a 304 is no longer held, and refuses a 304 it did not ask for', async () => {
    class Forgetful extends RepeatAnswers {
      override revalidated<T>(): T | undefined {
        return undefined;
      }
    }
    const forgetful = testClient({ repeatAnswers: new Forgetful() });
    const read = () =>
      forgetful.call({ ...base, endpoint, method: 'GET', path: '/tagged', repeatable: true });
    tagged = 'three';
    await read();
    const before = seenHeaders.length;
    expect(await read()).toMatchObject({ status: 200, body: { value: 'three' } });
    expect(seenHeaders.slice(before).map((headers) => headers['if-none-match'] ?? 'unconditional')).toEqual([
      'W/"three"',
      'unconditional',
    ]);
    await forgetful.close();
    for (const repeatable of [false, true]) {
      expect(
        await failureOf(client.call({ ...base, endpoint, method: 'GET', path: '/always-304', repeatable })),
      ).toMatchObject({ kind: 'rejected', status: 304 });
    }
  });

  it('asks for gzip and reads a compressed answer; a body that does not inflate is an invalid response', async () => {
    const packed = await client.call({ ...base, endpoint, method: 'GET', path: '/gzipped' });
    expect(packed.body).toEqual({ value: 'packed' });
    expect(seenHeaders.at(-1)?.['accept-encoding']).toBe('gzip, deflate');
    for (const repeatable of [false, true]) {
      expect(
        await failureOf(client.call({ ...base, endpoint, method: 'GET', path: '/corrupt', repeatable })),
      ).toEqual({ kind: 'invalid_response', status: 200, detail: 'body cannot be decoded' });
    }
  });

  it('reports an answer that breaks off before its body is whole as dropped (after one retry of the read)', async () => {
    hits.delete('/root/cut');
    expect(await failureOf(client.call({ ...base, endpoint, method: 'GET', path: '/cut' }))).toEqual({
      kind: 'unreachable',
      cause: 'dropped',
    });
    expect(hits.get('/root/cut')).toBe(2);
  });

  it('normalises "ACCESS DENIED" (with a space) to ACCESS_DENIED', async () => {
    expect(
      await failureOf(client.call({ ...base, endpoint, method: 'GET', path: '/access-denied' })),
    ).toMatchObject({
      spineCode: 'ACCESS_DENIED',
    });
  });

  it('reports a refused connection as unreachable: refused, so the request never reached the provider', async () => {
    const closed = { ...endpoint, serviceRoot: 'http://127.0.0.1:9/root' };
    expect(await failureOf(client.call({ ...base, endpoint: closed, method: 'GET', path: '/ok' }))).toEqual({
      kind: 'unreachable',
      cause: 'refused',
    });
  });
});
