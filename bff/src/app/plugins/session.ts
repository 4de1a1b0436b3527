import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiHttpError } from '../api-error.js';
import { guardPath, isGuardedPath } from './guard-path.js';
import { clearCookie, readCookie, type SessionCookies } from '../../identity/sessions/cookies.js';
import type { ActiveSession, SessionManager } from '../../identity/sessions/manager.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in patient's session: always set on /api routes that reach a handler (except public ones). */
    patientSession: ActiveSession | null;
  }
}

export interface SessionPluginOptions {
  sessions: SessionManager;
  cookies: SessionCookies;
  /** /api paths that answer without a session (health). */
  publicApiPaths: readonly string[];
}

/**
 * Adds `request.patientSession`: loads the session for /api and /auth requests, refuses /api requests without a
 * live one, and slides the idle expiry on every /api request that gets past the checks, except GET /api/session,
 * so that merely looking at the session (the web's expiry warning) never keeps it alive.
 *
 * The refusal is 401 `session_expired` only for the cookie of a session that did exist and timed out (the web
 * says "your session timed out"); no cookie, or one naming no session we know (random, forged, signed out), is
 * 401 `unauthenticated` ("sign in"). A cookie that is no use any more is cleared. The cookie is never logged.
 */
export default fp<SessionPluginOptions>(
  async function sessionPlugin(app: FastifyInstance, options) {
    const { sessions, cookies } = options;
    const publicPaths = new Set(options.publicApiPaths);
    app.decorateRequest('patientSession', null);

    app.addHook('onRequest', async (request, reply) => {
      // The route the router matched (or the normalised path): `/%61pi/…` is guarded like `/api/…`.
      const path = guardPath(request);
      const isApi = path.startsWith('/api/') || path === '/api';
      if (!isGuardedPath(path) || publicPaths.has(path)) return;
      const lookup = await sessions.find(readCookie(request, cookies, 'session'));
      if (lookup.status === 'active') {
        request.patientSession = lookup.session;
        return;
      }
      if (lookup.status !== 'none') clearCookie(reply, cookies, 'session');
      if (!isApi) return;
      throw lookup.status === 'expired'
        ? new ApiHttpError(401, 'session_expired', 'Your session has ended; sign in again')
        : new ApiHttpError(401, 'unauthenticated', 'Sign in to continue');
    });

    // After the CSRF check (preValidation), so a refused request does not extend the session.
    app.addHook('preHandler', async (request) => {
      const session = request.patientSession;
      const path = guardPath(request);
      if (!session || !path.startsWith('/api/')) return;
      if (request.method === 'GET' && path === '/api/session') return;
      request.patientSession = await sessions.touch(session);
    });
  },
  { name: 'session', dependencies: ['@fastify/cookie'] },
);
