import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { SessionResponse } from '@gpbook/shared/session';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionCookies } from '../../identity/sessions/cookies.js';
import { MemorySessionStore } from '../../identity/sessions/memory-store.js';
import { connectRedisSessionStore } from '../../identity/sessions/redis-store.js';
import type { SessionStore } from '../../identity/sessions/store.js';
import {
  signedInSession,
  startSignInStack,
  TestClock,
  type SignInStack,
} from '../../test-support/identity/sign-in-stack.js';
import { IN_CI, REDIS_URL, redisReachable } from '../../test-support/redis.js';

/**
 * What a /api request with a session cookie that is not live is told: `session_expired` only when the session
 * existed and timed out; `unauthenticated` for a cookie naming no session we know. Both stores.
 */

const redisUp = await redisReachable();
if (!redisUp && !IN_CI)
  console.warn(
    `Redis session plugin tests SKIPPED: nothing answers at ${REDIS_URL}. In CI they fail instead.`,
  );

const prefixes: string[] = [];
const kinds: Array<{ name: string; open: (clock: TestClock) => Promise<SessionStore> }> = [
  { name: 'memory', open: async (clock) => new MemorySessionStore({ now: clock.now }) },
];
if (redisUp || IN_CI) {
  kinds.push({
    name: 'redis',
    open: async () => {
      const prefix = `gpbook-test:${randomBytes(6).toString('hex')}:`;
      prefixes.push(prefix);
      return connectRedisSessionStore(REDIS_URL, prefix);
    },
  });
}

afterAll(async () => {
  if (!redisUp || prefixes.length === 0) return;
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

const SESSION_COOKIE = sessionCookies(false).session;

describe.each(kinds)('session cookies that are not live ($name store)', (kind) => {
  const opened: Array<SignInStack | SessionStore> = [];
  afterAll(async () => {
    for (const item of opened.reverse()) await item.close();
  });

  async function fresh() {
    const clock = new TestClock();
    const store = await kind.open(clock);
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const stack = await startSignInStack({ clock, store, logger });
    opened.push(store, stack);
    const get = async (cookie?: string) => {
      const response = await stack.bff.inject({
        method: 'GET',
        url: '/api/session',
        headers: cookie === undefined ? {} : { cookie: `${SESSION_COOKIE}=${cookie}` },
      });
      return {
        status: response.statusCode,
        code: response.json<{ error?: { code?: string } }>().error?.code,
        cleared: response.cookies.some(
          (cookie) =>
            cookie.name === SESSION_COOKIE && cookie.value === '' && Number(cookie.maxAge ?? 1) <= 0,
        ),
      };
    };
    const signIn = () => signedInSession(stack.sessions, stack.bffUrl);
    return { clock, stack, get, signIn, logs: () => lines.join('') };
  }

  it('answers no cookie with 401 unauthenticated, and sets no cookie', async () => {
    const { get } = await fresh();
    expect(await get()).toEqual({ status: 401, code: 'unauthenticated', cleared: false });
  });

  it('answers a random, forged or garbled cookie with 401 unauthenticated, clears it, and never logs it', async () => {
    const { get, signIn, logs } = await fresh();
    await signIn();
    const forged = [
      randomBytes(32).toString('base64url'),
      'A'.repeat(43),
      'not-a-session-id',
      'x'.repeat(300),
    ];
    for (const cookie of forged)
      expect(await get(cookie)).toEqual({ status: 401, code: 'unauthenticated', cleared: true });
    for (const cookie of forged) expect(logs()).not.toContain(cookie);
  });

  it("tells the web today's London date and the instant it ends, by the tz database", async () => {
    const { clock, stack, signIn } = await fresh();
    const today = async (headers: Record<string, string>) => {
      const response = await stack.bff.inject({ method: 'GET', url: '/api/session', headers });
      return response.json<SessionResponse>().londonDay;
    };
    // 23:45 on 30 June in London (BST): 22:45 UTC.
    clock.ms = Date.parse('2026-06-30T22:45:00Z');
    const { headers } = await signIn();
    expect(await today(headers)).toEqual({ date: '2026-06-30', endsAt: '2026-06-30T23:00:00.000+00:00' });
    clock.advanceMinutes(14);
    expect(await today(headers)).toEqual({ date: '2026-06-30', endsAt: '2026-06-30T23:00:00.000+00:00' });
    clock.advanceMinutes(1);
    expect(await today(headers)).toEqual({ date: '2026-07-01', endsAt: '2026-07-01T23:00:00.000+00:00' });
    // The day the clocks go back is 25 hours long: it ends at midnight GMT.
    clock.ms = Date.parse('2026-10-25T00:30:00Z');
    const later = await signIn();
    expect(await today(later.headers)).toEqual({
      date: '2026-10-25',
      endsAt: '2026-10-26T00:00:00.000+00:00',
    });
  });

  it('answers the cookie of a session that timed out (idle) with 401 session_expired, every time it comes', async () => {
    const { clock, get, signIn, logs } = await fresh();
    const { sessionId } = await signIn();
    expect((await get(sessionId)).status).toBe(200);
    clock.advanceMinutes(30);
    expect(await get(sessionId)).toEqual({ status: 401, code: 'session_expired', cleared: true });
    // Another tab still holding the cookie, after the record has gone.
    expect(await get(sessionId)).toEqual({ status: 401, code: 'session_expired', cleared: true });
    clock.advanceMinutes(11 * 60);
    expect(await get(sessionId)).toEqual({ status: 401, code: 'session_expired', cleared: true });
    expect(logs()).not.toContain(sessionId);
  });

  it('answers the cookie of a session past its 12 hours with 401 session_expired', async () => {
    const { clock, stack, get, signIn } = await fresh();
    const { sessionId, headers } = await signIn();
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.advanceMinutes(20);
      const refreshed = await stack.bff.inject({ method: 'POST', url: '/api/session/refresh', headers });
      expect(refreshed.statusCode).toBe(200);
    }
    clock.advanceMinutes(20);
    expect(await get(sessionId)).toEqual({ status: 401, code: 'session_expired', cleared: true });
  });

  it('answers the cookie of a signed-out session with 401 unauthenticated: it ended, it did not expire', async () => {
    const { stack, get, signIn, logs } = await fresh();
    const { sessionId, headers } = await signIn();
    const out = await stack.bff.inject({ method: 'POST', url: '/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect(await get(sessionId)).toEqual({ status: 401, code: 'unauthenticated', cleared: true });
    expect(logs()).not.toContain(sessionId);
  });

  it('answers the cookie of a session that timed out and was then signed out with 401 unauthenticated', async () => {
    const { clock, stack, get, signIn } = await fresh();
    const { sessionId } = await signIn();
    clock.advanceMinutes(31);
    expect((await get(sessionId)).code).toBe('session_expired');
    await stack.sessions.end(sessionId);
    expect((await get(sessionId)).code).toBe('unauthenticated');
  });
});
