import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionResponseSchema } from '@gpbook/shared/session';
import { TestBrowser } from '../../test-support/identity/browser.js';
import {
  makeAccount,
  startSignInStack,
  type SignInStack,
} from '../../test-support/identity/sign-in-stack.js';
import { connectRedisSessionStore, type RedisSessionStore } from './redis-store.js';
import { IN_CI, REDIS_URL, redisReachable } from '../../test-support/redis.js';

const run = IN_CI || (await redisReachable());
if (!run)
  console.warn(`Shared-Redis BFF test SKIPPED: nothing answers at ${REDIS_URL}. In CI it fails instead.`);

describe.runIf(run)('two BFF instances sharing one Redis', () => {
  const prefix = `gpbook-test:${randomBytes(6).toString('hex')}:`;
  const opened: Array<SignInStack | RedisSessionStore> = [];

  afterAll(async () => {
    for (const item of opened.reverse()) await item.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('serve the same signed-in patient, and a sign-out on one ends it on both', async () => {
    const storeA = await connectRedisSessionStore(REDIS_URL, prefix);
    const storeB = await connectRedisSessionStore(REDIS_URL, prefix);
    opened.push(storeA, storeB);
    const patient = makeAccount();
    // The patient signs in through instance A; instance B (same key, same IdP, same Redis) has never seen them.
    const a = await startSignInStack({ accounts: [patient], store: storeA });
    opened.push(a);
    const b = await startSignInStack({ accounts: [patient], store: storeB, key: a.key, idp: a.idp });
    opened.push(b);

    const browser = new TestBrowser();
    const login = await browser.follow(`${a.bffUrl}/auth/login`, (next) =>
      next.pathname.startsWith('/interaction/'),
    );
    const page = await browser.follow(login.url.href);
    const action = /<form method="post" action="([^"]+)\/login"/.exec(await page.response.text())?.[1];
    const callback = await browser.follow(
      new URL(`${action!}/login`, page.url).href,
      (next) => next.pathname === '/auth/callback',
      {
        method: 'POST',
        body: new URLSearchParams({ account: patient.sub }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect((await browser.request(callback.url.href)).status).toBe(303);
    const cookie = browser.cookieHeader(a.bffUrl);

    const onA = await fetch(`${a.bffUrl}/api/session`, { headers: { cookie } });
    const onB = await fetch(`${b.bffUrl}/api/session`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    const sessionA = sessionResponseSchema.parse(await onA.json());
    const sessionB = sessionResponseSchema.parse(await onB.json());
    // The same session on both instances; only each instance's own clock reading differs.
    expect({ ...sessionB, serverTime: undefined }).toEqual({ ...sessionA, serverTime: undefined });
    expect(sessionB.user.displayName).toBe('Jane Mary Testpatient');

    const out = await fetch(`${b.bffUrl}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': sessionB.csrfToken, origin: b.bffUrl },
    });
    expect(out.status).toBe(204);
    const after = await fetch(`${a.bffUrl}/api/session`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });
});
