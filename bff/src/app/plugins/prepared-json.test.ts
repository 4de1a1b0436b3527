import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deepFreeze } from '../../gpconnect/repeat-answers.js';
import { checkedJsonSerializer } from './checked-json-serializer.js';
import errorsPlugin from './errors.js';
import { chooseEncoding, preparedJson } from './prepared-json.js';

const schema = z.object({
  practice: z.string().regex(/^[A-Z0-9]+$/),
  slots: z.array(z.object({ id: z.string(), start: z.string() })),
});
type Answer = z.infer<typeof schema>;

/** An answer over the compression threshold, with a key the schema does not name at each level. */
function answer(practice = 'Y90001'): Answer {
  const slots = Array.from({ length: 60 }, (_, i) => ({
    id: `slot-${i}`,
    start: `2026-12-0${1 + (i % 9)}T09:00:00+00:00`,
    nhsNumber: '9990000018',
  }));
  return { practice, slots, secret: 'not for the web' } as Answer;
}

const expectedJson = (value: Answer) => JSON.stringify(schema.parse(value));

let app = Fastify().withTypeProvider<ZodTypeProvider>();
afterEach(async () => {
  await app.close();
});

async function appSending(current: () => Answer) {
  app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(checkedJsonSerializer);
  await app.register(errorsPlugin);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  const send = preparedJson(schema, '/answer');
  app.get('/answer', { schema: { response: { 200: schema } } }, async (_request, reply) =>
    send(reply, current()),
  );
  return app;
}

const get = (encoding?: string) =>
  app.inject({ method: 'GET', url: '/answer', headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('prepared JSON', () => {
  it('sends a frozen answer as the checked JSON made the first time, compressed once per encoding', async () => {
    const frozen = deepFreeze(answer());
    await appSending(() => frozen);
    const first = await get('gzip, deflate, br, zstd');
    const second = await get('gzip, deflate, br, zstd');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers.vary).toContain('accept-encoding');
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const json = brotliDecompressSync(first.rawPayload).toString('utf8');
    expect(json).toBe(expectedJson(frozen));
    expect(json).not.toContain('9990000018');
    expect(json).not.toContain('secret');

    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(expectedJson(frozen));
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(expectedJson(frozen));
  });

  it('refuses to send a frozen answer that breaks the schema, every time, with nothing of it in the body', async () => {
    const wrong = deepFreeze({ ...answer(), practice: 'not an ODS code 9990000018' });
    await appSending(() => wrong);
    for (const encoding of ['br', 'br']) {
      const response = await get(encoding);
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('9990000018');
    }
  });

  it('sends an answer that is not frozen as any other answer: checked and written afresh each time', async () => {
    const mutable = answer();
    await appSending(() => mutable);
    const before = await get();
    mutable.slots.pop();
    const after = await get();
    expect(JSON.parse(before.body)).toEqual(schema.parse(answer()));
    expect(after.body).toBe(expectedJson(mutable));
    expect(after.body).not.toBe(before.body);
  });

  it('answers a new frozen answer with new bytes (the bytes belong to the answer object)', async () => {
    let current = deepFreeze(answer('Y90001'));
    await appSending(() => current);
    const first = await get();
    current = deepFreeze(answer('Y90002'));
    const second = await get();
    expect(JSON.parse(first.body)).toMatchObject({ practice: 'Y90001' });
    expect(JSON.parse(second.body)).toMatchObject({ practice: 'Y90002' });
  });
});

describe('choosing the encoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['deflate', 'identity'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['identity', 'identity'],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
