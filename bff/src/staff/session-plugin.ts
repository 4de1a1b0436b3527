import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiHttpError } from '../app/api-error.js';
import { guardPath } from '../app/plugins/guard-path.js';
import { clearCookie, readCookie } from '../identity/sessions/cookies.js';
import type { StaffCookies } from './cookies.js';
import type { ActiveStaffSession, StaffSessionManager } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member of staff's session: set on every staff API route that reaches a handler. */
    staffSession: ActiveStaffSession | null;
  }
}

/** The staff API (`/api/staff/…`, `/api/practice/…`): refused without a live staff session. */
export function isStaffApiPath(path: string): boolean {
  return path.startsWith('/api/staff/') || path.startsWith('/api/practice/');
}

/** Every path a staff session is read on: the staff API and staff sign-in and sign-out. */
export function isStaffPath(path: string): boolean {
  return isStaffApiPath(path) || path.startsWith('/auth/staff/');
}

export interface StaffSessionPluginOptions {
  sessions: StaffSessionManager;
  cookies: StaffCookies;
  /** Per staff session and minute, when rate limits are on (the per-IP limit counts staff requests as well). */
  perSessionLimit?: number | undefined;
}

/**
 * Adds `request.staffSession`: loads the staff session (from the staff cookie only) on staff paths, refuses staff
 * API requests without a live one (401 `session_expired` for a session that timed out, else `unauthenticated`),
 * and slides its idle expiry on each staff API request except GET /api/staff/session. The patient session plugin
 * skips these routes (app.ts), so a patient cookie is never read here, nor a staff cookie there.
 */
export default fp<StaffSessionPluginOptions>(
  async function staffSessionPlugin(app: FastifyInstance, options) {
    const { sessions, cookies } = options;
    app.decorateRequest('staffSession', null);
    const perSession =
      options.perSessionLimit !== undefined && app.hasDecorator('createRateLimit')
        ? app.createRateLimit({
            keyGenerator: (request: FastifyRequest) =>
              `staff:${createHash('sha256')
                .update(readCookie(request, cookies, 'session') ?? '')
                .digest('base64url')
                .slice(0, 32)}`,
            max: options.perSessionLimit,
            timeWindow: 60_000,
          })
        : undefined;

    app.addHook('onRequest', async (request, reply) => {
      const path = guardPath(request);
      if (!isStaffPath(path)) return undefined;
      const id = readCookie(request, cookies, 'session');
      if (perSession && id !== undefined) {
        const result = await perSession(request);
        if (!result.isAllowed && result.isExceeded) {
          return reply
            .code(429)
            .header('retry-after', String(Math.max(1, result.ttlInSeconds)))
            .send({ error: { code: 'rate_limited', message: 'Too many requests; try again shortly' } });
        }
      }
      const lookup = await sessions.find(id);
      if (lookup.status === 'active') {
        request.staffSession = lookup.session;
        return undefined;
      }
      if (lookup.status !== 'none') clearCookie(reply, cookies, 'session');
      if (!isStaffApiPath(path)) return undefined;
      throw lookup.status === 'expired'
        ? new ApiHttpError(401, 'session_expired', 'Your session has ended; sign in again')
        : new ApiHttpError(401, 'unauthenticated', 'Sign in as a member of practice staff to continue');
    });

    // After the CSRF check (preValidation), so a refused request does not extend the session.
    app.addHook('preHandler', async (request) => {
      const session = request.staffSession;
      const path = guardPath(request);
      if (!session || !isStaffApiPath(path)) return;
      if (request.method === 'GET' && path === '/api/staff/session') return;
      request.staffSession = await sessions.touch(session);
    });
  },
  { name: 'staff-session', dependencies: ['@fastify/cookie'] },
);
