import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RateCounters } from './counters.js';

export interface RateLimitOptions {
  counters: RateCounters;
  /** The session cookie's name: requests carrying one are also counted per session. */
  sessionCookie: string;
  windowMs: number;
  /** Per client IP address: generous, as many patients may share one (a GP surgery's Wi-Fi, a mobile network). */
  perIp: number;
  /** Per signed-in session: what one patient's phone can reasonably send. */
  perSession: number;
}

function sessionKeyOf(request: FastifyRequest, cookieName: string): string | undefined {
  const value = request.cookies[cookieName];
  // Counted by a hash: the session id itself is a secret and never stored outside the session store.
  return value ? createHash('sha256').update(value).digest('base64url').slice(0, 32) : undefined;
}

/**
 * Rate limits on /api and /auth, per client IP and per session, each a fixed window. Over either limit the
 * request gets 429 `rate_limited` with Retry-After; static files of the web app are not counted.
 */
export default fp(
  async function rateLimit(app: FastifyInstance, options: RateLimitOptions) {
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url;
      if (!path.startsWith('/api/') && !path.startsWith('/auth/')) return;
      const checks: Array<[string, number]> = [[`ip:${request.ip}`, options.perIp]];
      const session = sessionKeyOf(request, options.sessionCookie);
      if (session) checks.push([`session:${session}`, options.perSession]);
      for (const [key, limit] of checks) {
        const { count, resetAt } = await options.counters.hit(key, options.windowMs);
        if (count > limit) {
          const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
          return reply
            .code(429)
            .header('retry-after', String(retryAfter))
            .send({ error: { code: 'rate_limited', message: 'Too many requests; try again shortly' } });
        }
      }
      return undefined;
    });
    app.addHook('onClose', async () => options.counters.close());
  },
  { name: 'rate-limit', dependencies: ['@fastify/cookie'] },
);
