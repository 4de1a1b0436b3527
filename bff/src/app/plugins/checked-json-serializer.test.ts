import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedJsonSerializer } from './checked-json-serializer.js';
import errorsPlugin from './errors.js';

const app = Fastify().withTypeProvider<ZodTypeProvider>();
afterEach(async () => {
  await app.close();
});

describe('response checking', () => {
  it('sends only what the schema names, and refuses to send what breaks it', async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(checkedJsonSerializer);
    await app.register(errorsPlugin);
    const schema = { response: { 200: z.object({ name: z.string() }) } };
    let answer: unknown = { name: 'Riverside', nhsNumber: '9990000018' };
    app.get('/thing', { schema }, () => answer as { name: string });

    const stripped = await app.inject('/thing');
    expect(stripped.statusCode).toBe(200);
    expect(stripped.json()).toEqual({ name: 'Riverside' });

    answer = { name: 42 };
    const broken = await app.inject('/thing');
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('42');
    expect(broken.json()).toMatchObject({ error: { code: 'internal_error' } });
  });
});
