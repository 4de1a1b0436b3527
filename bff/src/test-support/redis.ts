import { Redis } from 'ioredis';

// The harness decides where Redis is and whether it must be there (CI provides one and needs it).
// eslint-disable-next-line no-restricted-properties -- test harness settings, not application configuration
const env = process.env;

/** The Redis the Redis-backed tests use. */
export const REDIS_URL = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** In CI, Redis tests run (and fail loudly) even when Redis does not answer; locally they may be skipped. */
export const IN_CI = env['CI'] === 'true' || env['CI'] === '1';

/** Whether something answers PING at REDIS_URL within a second. */
export async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
