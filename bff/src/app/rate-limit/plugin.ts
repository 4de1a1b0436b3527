import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { sessionKey } from '../../identity/sessions/manager.js';
import { guardPath, isGuardedPath } from '../plugins/guard-path.js';

export interface RateLimitOptions {
  /** The session cookie's name: requests carrying one are also counted per session. */
  sessionCookie: string;
  windowMs: number;
  /** Per client IP address: generous, as many patients may share one (a GP surgery's Wi-Fi, a mobile network). */
  perIp: number;
  /** Per signed-in session: what one patient's phone can reasonably send. */
  perSession: number;
  /** Counters shared by every BFF instance (REDIS_URL); in this process's memory when absent. */
  redis?: Redis | undefined;
  /** Prefix of the Redis keys. */
  keyPrefix?: string;
}

function sessionKeyOf(request: FastifyRequest, cookieName: string): string | undefined {
  const value = request.cookies[cookieName];
  // Counted by a hash: the session id itself is a secret and never stored outside the session store.
  return value ? sessionKey(value).slice(0, 32) : undefined;
}

/**
 * Rate limits on /api and /auth with @fastify/rate-limit: two limiters, per client IP and per session, each a
 * window of `windowMs`, counted in Redis when given. Over either limit the request gets 429 `rate_limited` with
 * Retry-After; the web app's static files are not counted. Which requests count is decided on the path the router
 * matched (or the normalised path), so `/%61pi/…` counts like `/api/…`.
 */
export default fp(
  async function rateLimit(app: FastifyInstance, options: RateLimitOptions) {
    await app.register(fastifyRateLimit, {
      global: false,
      ...(options.redis ? { redis: options.redis, nameSpace: `${options.keyPrefix ?? ''}rl:` } : {}),
    });
    const perIp = app.createRateLimit({
      keyGenerator: (request) => `ip:${request.ip}`,
      max: options.perIp,
      timeWindow: options.windowMs,
    });
    const perSession = app.createRateLimit({
      keyGenerator: (request) => `session:${sessionKeyOf(request, options.sessionCookie) ?? ''}`,
      max: options.perSession,
      timeWindow: options.windowMs,
    });

    app.addHook('onRequest', async (request, reply) => {
      if (!isGuardedPath(guardPath(request))) return undefined;
      const limiters = sessionKeyOf(request, options.sessionCookie) ? [perIp, perSession] : [perIp];
      for (const limiter of limiters) {
        const result = await limiter(request);
        if (!result.isAllowed && result.isExceeded) {
          return reply
            .code(429)
            .header('retry-after', String(Math.max(1, result.ttlInSeconds)))
            .send({ error: { code: 'rate_limited', message: 'Too many requests; try again shortly' } });
        }
      }
      return undefined;
    });
    if (options.redis) {
      const redis = options.redis;
      app.addHook('onClose', async () => {
        await redis.quit();
      });
    }
  },
  { name: 'rate-limit', dependencies: ['@fastify/cookie'] },
);
