import {
  PRACTICE_VIEW_PATH,
  STAFF_SIGN_IN_ERROR_PARAM,
  staffSessionResponseSchema,
  type StaffSessionResponse,
  type StaffSignInErrorCode,
} from '@gpbook/shared/staff-session';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as oidc from 'openid-client';
import { ApiHttpError } from '../app/api-error.js';
import type { StaffOidcClient } from './cis2-client.js';
import { clearCookie, readCookie, setCookie } from '../identity/sessions/cookies.js';
import type { StaffCookies } from './cookies.js';
import type { ActiveStaffSession, StaffSessionManager } from './sessions.js';

export interface StaffAuthRoutesOptions {
  sessions: StaffSessionManager;
  cookies: StaffCookies;
  client: StaffOidcClient;
}

/**
 * Staff sign-in and sign-out, apart from patients'. `GET /auth/staff/login` sends the browser to the staff identity
 * provider (CIS2, or the demo IdP's staff accounts); `GET /auth/staff/callback` completes sign-in, starts a new staff
 * session (a fresh id, whatever staff cookie came in) and goes to `/practice`, or to
 * `/practice?staff_signin_error=<code>`; `POST /auth/staff/logout` (CSRF-protected) ends it.
 * `GET /api/staff/session` says who is signed in (without extending the session); `POST /api/staff/session/refresh`
 * is "stay signed in".
 */
export function staffAuthRoutes(options: StaffAuthRoutesOptions): FastifyPluginAsyncZod {
  const { sessions, cookies, client } = options;
  return async (app) => {
    app.get('/auth/staff/login', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const pending = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo: PRACTICE_VIEW_PATH,
      };
      let target: URL;
      try {
        target = await client.authorizationUrl(pending);
      } catch (error) {
        request.log.error(
          { event: 'staff-signin', outcome: 'signin_failed', reason: (error as Error).message },
          'staff identity provider unavailable',
        );
        return redirectWithError(reply, 'signin_failed');
      }
      const signIn = await sessions.beginSignIn(pending);
      setCookie(reply, cookies, 'signIn', signIn.id, signIn.maxAgeSeconds);
      return reply.redirect(target.href, 302);
    });

    app.get('/auth/staff/callback', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const pending = await sessions.takeSignIn(readCookie(request, cookies, 'signIn'));
      clearCookie(reply, cookies, 'signIn');
      if (!pending) {
        request.log.warn(
          { event: 'staff-signin', outcome: 'signin_failed', reason: 'no pending sign-in for this browser' },
          'staff sign-in failed',
        );
        return redirectWithError(reply, 'signin_failed');
      }
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const outcome = await client.complete(query, pending);
      if (!outcome.ok) {
        request.log.warn(
          { event: 'staff-signin', outcome: outcome.code, reason: outcome.reason },
          'staff sign-in refused',
        );
        return redirectWithError(reply, outcome.code);
      }
      const previous = readCookie(request, cookies, 'session');
      if (previous) await sessions.end(previous);
      const session = await sessions.start(outcome.staff);
      setCookie(reply, cookies, 'session', session.id, sessions.timings.absoluteSeconds);
      request.log.info(
        { event: 'staff-signin', outcome: 'success', staff: outcome.staff.userId, role: outcome.staff.role },
        'staff signed in',
      );
      return reply.redirect(pending.returnTo, 303);
    });

    app.post('/auth/staff/logout', async (request, reply) => {
      const session = request.staffSession;
      if (session) await sessions.end(session.id);
      clearCookie(reply, cookies, 'session');
      reply.header('cache-control', 'no-store');
      request.log.info({ event: 'staff-signout', hadSession: session !== null }, 'staff signed out');
      if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
        return reply.redirect(PRACTICE_VIEW_PATH, 303);
      return reply.code(204).send();
    });

    const respond = { schema: { response: { 200: staffSessionResponseSchema } } };
    app.get('/api/staff/session', respond, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return staffSessionResponse(request.staffSession, sessions.now());
    });
    app.post('/api/staff/session/refresh', respond, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return staffSessionResponse(request.staffSession, sessions.now());
    });
  };
}

function staffSessionResponse(session: ActiveStaffSession | null, now: number): StaffSessionResponse {
  // The staff session plugin refuses staff API requests without a session before they get here.
  if (!session) throw new ApiHttpError(401, 'unauthenticated', 'Sign in to continue');
  const { staff, idleExpiresAt, absoluteExpiresAt, csrfToken } = session.record;
  return {
    user: { id: staff.userId, displayName: staff.displayName },
    role: staff.role,
    practices: staff.practices.map(({ odsCode, name, role, canChangeRules }) => ({
      odsCode,
      name,
      role,
      canChangeRules,
    })),
    idleExpiresAt: isoUtc(idleExpiresAt),
    absoluteExpiresAt: isoUtc(absoluteExpiresAt),
    csrfToken,
    serverTime: isoUtc(now),
  };
}

function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}

function redirectWithError(reply: FastifyReply, code: StaffSignInErrorCode) {
  return reply.redirect(`${PRACTICE_VIEW_PATH}?${STAFF_SIGN_IN_ERROR_PARAM}=${code}`, 303);
}
