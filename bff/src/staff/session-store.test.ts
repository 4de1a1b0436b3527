import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionKey } from '../identity/sessions/manager.js';
import { TestClock } from '../test-support/identity/sign-in-stack.js';
import { IN_CI, REDIS_URL, redisReachable } from '../test-support/redis.js';
import { MemoryStaffSessionStore, RedisStaffSessionStore, type StaffSessionStore } from './session-store.js';
import { StaffSessionManager } from './sessions.js';
import { makeStaff } from './test-support.js';

const redisUp = await redisReachable();
if (!redisUp && !IN_CI) {
  console.warn(
    `Redis staff session store tests SKIPPED: nothing answers at ${REDIS_URL}. In CI they fail instead.`,
  );
}

const connections: Redis[] = [];
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit()));
});

const kinds: Array<{
  name: string;
  open(clock: TestClock): StaffSessionStore;
  raw?: (key: string) => Promise<void>;
}> = [{ name: 'memory', open: (clock) => new MemoryStaffSessionStore({ now: clock.now }) }];
// Not reachable in CI: still run, so the suite fails loudly rather than passing without Redis.
if (redisUp || IN_CI) {
  const prefix = `gpbook-test-${randomBytes(6).toString('hex')}:`;
  kinds.push({
    name: 'redis',
    open: () => {
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      connections.push(redis);
      return new RedisStaffSessionStore(redis, prefix);
    },
  });
}

describe.each(kinds)('$name staff session store', ({ open }) => {
  it('keeps a staff session, slides its idle expiry, and ends it at sign-out', async () => {
    const clock = new TestClock();
    const sessions = new StaffSessionManager({
      store: open(clock),
      timings: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 },
      now: clock.now,
    });
    const started = await sessions.start(makeStaff());
    const found = await sessions.find(started.id);
    expect(found.status === 'active' && found.session.record).toMatchObject({
      kind: 'staff',
      staff: { userId: makeStaff().userId, practices: [{ odsCode: 'Y90001' }] },
    });
    clock.advanceMinutes(20);
    if (found.status === 'active') await sessions.touch(found.session);
    clock.advanceMinutes(20);
    expect((await sessions.find(started.id)).status).toBe('active');
    clock.advanceMinutes(31);
    expect((await sessions.find(started.id)).status).toBe('expired');
    await sessions.end(started.id);
    expect((await sessions.find(started.id)).status).toBe('unknown');
  });

  it('never finds a session under an id it did not issue', async () => {
    const clock = new TestClock();
    const sessions = new StaffSessionManager({
      store: open(clock),
      timings: { idleSeconds: 60, absoluteSeconds: 3600 },
      now: clock.now,
    });
    await sessions.start(makeStaff());
    expect((await sessions.find('A'.repeat(43))).status).toBe('unknown');
    expect((await sessions.find('not-a-token')).status).toBe('unknown');
    expect((await sessions.find(undefined)).status).toBe('none');
  });

  it('hands a pending sign-in out once', async () => {
    const clock = new TestClock();
    const store = open(clock);
    const pending = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/practice' };
    await store.savePendingSignIn(sessionKey('x'), pending, 60_000);
    expect(await store.takePendingSignIn(sessionKey('x'))).toEqual(pending);
    expect(await store.takePendingSignIn(sessionKey('x'))).toBeUndefined();
  });
});

describe('the Redis store reads only staff records', () => {
  it.runIf(redisUp || IN_CI)('a hash that is not a staff session is no session', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    connections.push(redis);
    const prefix = `gpbook-test-${randomBytes(6).toString('hex')}:`;
    const store = new RedisStaffSessionStore(redis, prefix);
    await redis.hset(`${prefix}staff:session:k`, {
      data: JSON.stringify({ kind: 'patient', patient: { sub: 'x' } }),
      idle: '1',
    });
    expect(await store.get('k')).toBeUndefined();
    await redis.del(`${prefix}staff:session:k`);
  });
});
