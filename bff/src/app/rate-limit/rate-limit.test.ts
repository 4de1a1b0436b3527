import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { REDIS_URL } from '../../test-support/redis.js';
import rateLimit from './plugin.js';

async function redisClient(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 1 });
  await redis.connect();
  return redis;
}

async function appWith(redis?: Redis, keyPrefix = `gpbook-test-${crypto.randomUUID()}:`) {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(rateLimit, {
    sessionCookie: 'sid',
    windowMs: 60_000,
    perIp: 5,
    perSession: 3,
    redis,
    keyPrefix,
  });
  app.get('/api/ping', async () => ({ ok: true }));
  app.get('/index.html', async () => 'page');
  return app;
}

describe.each([
  ['memory', async () => undefined],
  ['redis', redisClient],
])('rate limits, counted in %s', (_name, makeRedis) => {
  it('limits each session, then each IP, with 429 rate_limited and Retry-After', async () => {
    const app = await appWith(await makeRedis());
    const asSession = (sid: string) => app.inject({ url: '/api/ping', cookies: { sid } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await asSession('a')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await asSession('a');
    expect(limited.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String) as string },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another session from the same address has its own allowance, until the address's runs out (5 in all).
    expect((await asSession('b')).statusCode).toBe(429);
    await app.close();
  });

  it('does not count the web app’s static files', async () => {
    const app = await appWith(await makeRedis());
    for (let i = 0; i < 8; i++) expect((await app.inject({ url: '/index.html' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/ping' })).statusCode).toBe(200);
    await app.close();
  });

  it('counts an encoded or oddly written path like the one the router reads', async () => {
    const app = await appWith(await makeRedis());
    const urls = ['/%61pi/ping', '/api/ping', '/%61pi/ping', '//API/ping', '/x/../api/ping', '/api/ping'];
    const statuses = [];
    for (const url of urls) statuses.push((await app.inject({ url })).statusCode);
    // Five per address: the sixth is refused, whichever spelling it used.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    await app.close();
  });
});

describe('Redis counters', () => {
  it('are shared by every BFF instance', async () => {
    const prefix = `gpbook-test-${crypto.randomUUID()}:`;
    const one = await appWith(await redisClient(), prefix);
    const two = await appWith(await redisClient(), prefix);
    for (let i = 0; i < 3; i++) expect((await one.inject({ url: '/api/ping' })).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await two.inject({ url: '/api/ping' })).statusCode).toBe(200);
    expect((await two.inject({ url: '/api/ping' })).statusCode).toBe(429);
    await one.close();
    await two.close();
  });
});
