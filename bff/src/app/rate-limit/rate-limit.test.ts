import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateCounters, RedisRateCounters, type RateCounters } from './counters.js';
import rateLimit from './plugin.js';
import { REDIS_URL } from '../../test-support/redis.js';

const redisClients: Redis[] = [];

async function redisCounters(): Promise<RateCounters> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 1 });
  await redis.connect();
  redisClients.push(redis);
  return new RedisRateCounters(redis, `gpbook-test-${crypto.randomUUID()}:`);
}

afterAll(() => {
  for (const redis of redisClients) redis.disconnect();
});

async function appWith(counters: RateCounters) {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(rateLimit, {
    counters,
    sessionCookie: 'sid',
    windowMs: 60_000,
    perIp: 5,
    perSession: 3,
  });
  app.get('/api/ping', async () => ({ ok: true }));
  app.get('/index.html', async () => 'page');
  return app;
}

describe.each([
  ['memory', async () => new MemoryRateCounters()],
  ['redis', redisCounters],
])('rate limits with %s counters', (_name, makeCounters) => {
  it('limits each session, then each IP, with 429 rate_limited and Retry-After', async () => {
    const app = await appWith(await makeCounters());
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
    const app = await appWith(await makeCounters());
    for (let i = 0; i < 8; i++) expect((await app.inject({ url: '/index.html' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/ping' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('Redis counters', () => {
  it('share one window between BFF instances', async () => {
    const prefix = `gpbook-test-${crypto.randomUUID()}:`;
    const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    redisClients.push(...clients);
    const [one, two] = clients.map((redis) => new RedisRateCounters(redis, prefix));
    await one?.hit('ip:1.2.3.4', 60_000);
    const second = await two?.hit('ip:1.2.3.4', 60_000);
    expect(second?.count).toBe(2);
  });
});
