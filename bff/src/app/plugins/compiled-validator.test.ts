import { slotsQuerySchema } from '@gpbook/shared/slots';
import Fastify, { type FastifyInstance, type FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { compiledValidatorCompiler } from './compiled-validator.js';

const bodySchema = z.object({
  slotIds: z.array(z.string().min(1)).min(1).max(3),
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{10,15}$/)
    .optional(),
  description: z.string().trim().min(1).max(50),
});

const apps: FastifyInstance[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

/** The query values each app's route was handed, in order. */
const queries: unknown[] = [];

/** An app that answers what its validator made of the query and the body. */
function appWith(compiler: FastifySchemaCompiler<$ZodType>) {
  const app = Fastify();
  apps.push(app);
  app.setValidatorCompiler(compiler);
  app.get('/slots', { schema: { querystring: slotsQuerySchema } }, async (request) => {
    queries.push(request.query);
    return { query: request.query };
  });
  app.post('/book', { schema: { body: bodySchema } }, async (request) => ({ body: request.body }));
  return app;
}
const runtime = appWith(validatorCompiler);
const compiled = appWith(compiledValidatorCompiler({ repeatable: new Set([slotsQuerySchema]) }));

describe('compiled request validation', () => {
  it.each([
    '/slots?practice=Y90001&from=2026-12-01&to=2026-12-14',
    '/slots?practice=Y90001&from=2026-12-01&to=2026-12-14&role=gp&channel=telephone&location=L1',
    '/slots?practice=Y90001&from=2026-02-30&to=2026-03-02',
    '/slots?practice=Y90001&from=2026-12-14&to=2026-12-01',
    '/slots?practice=Y90001&from=2026-12-01&to=2027-03-01',
    '/slots?practice=Y90001&from=2026-12-01',
    '/slots?practice=Y90001&from=2026-12-01&to=2026-12-14&role=wizard',
    '/slots?practice=Y9&from=1&to=2',
  ])('answers %s as the runtime check does', async (url) => {
    const [expected, actual] = await Promise.all([runtime.inject(url), compiled.inject(url)]);
    expect(actual.statusCode).toBe(expected.statusCode);
    expect(actual.json()).toEqual(expected.json());
  });

  it.each([
    { slotIds: ['a'], description: '  Knee pain  ' },
    { slotIds: ['a', 'b'], phone: '+44 7700 900123', description: 'x' },
    { slotIds: [], description: 'x' },
    { slotIds: ['a'], phone: 'call me', description: 'x' },
    { slotIds: ['a'], description: '   ' },
    { slotIds: ['a'], description: 'x', extra: 'dropped' },
    'not an object',
  ])('answers the body %j as the runtime check does', async (payload) => {
    const request = { method: 'POST' as const, url: '/book', payload };
    const [expected, actual] = await Promise.all([runtime.inject(request), compiled.inject(request)]);
    expect(actual.statusCode).toBe(expected.statusCode);
    expect(actual.json()).toEqual(expected.json());
  });

  it('gives a repeatable schema the value made before for the same input, frozen; another input its own', async () => {
    const url = '/slots?practice=Y90002&from=2026-12-01&to=2026-12-14';
    await compiled.inject(url);
    await compiled.inject(url);
    await compiled.inject(`${url}&role=gp`);
    const [first, again, other] = queries.slice(-3);
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(other).toEqual({ practice: 'Y90002', from: '2026-12-01', to: '2026-12-14', role: 'gp' });
    // Refused every time, not only the first.
    for (let i = 0; i < 2; i++) {
      expect((await compiled.inject('/slots?practice=Y90002&from=2026-12-14&to=2026-12-01')).statusCode).toBe(
        400,
      );
    }
  });

  it('gives the values the schema makes (trimmed, unknown keys dropped)', async () => {
    const response = await compiled.inject({
      method: 'POST',
      url: '/book',
      payload: { slotIds: ['a'], description: '  Knee pain  ', extra: 'dropped' },
    });
    expect(response.json()).toEqual({ body: { slotIds: ['a'], description: 'Knee pain' } });
  });
});
