import formbody from '@fastify/formbody';
import { SIGN_IN_ERROR_PARAM, type SignInErrorCode } from '@gpbook/shared/session';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { NhsLoginClient } from '../../identity/nhs-login/client.js';
import { clearCookie, readCookie, setCookie, type SessionCookies } from '../../identity/sessions/cookies.js';
import type { SessionManager } from '../../identity/sessions/manager.js';
import { safeReturnTo } from '../../identity/return-to.js';

export interface AuthRoutesOptions {
  sessions: SessionManager;
  cookies: SessionCookies;
  nhsLogin: NhsLoginClient;
  publicUrl: string;
}

/**
 * Sign-in and sign-out. `GET /auth/login?returnTo=/path` sends the browser to NHS login; `GET /auth/callback`
 * completes sign-in, starts a new session (a fresh id, whatever cookie came in) and returns to `returnTo`, or
 * to `/?signin_error=<code>` when sign-in failed; `POST /auth/logout` (CSRF-protected) ends the session.
 */
export function authRoutes(options: AuthRoutesOptions): FastifyPluginAsyncZod {
  const { sessions, cookies, nhsLogin, publicUrl } = options;
  return async (app) => {
    await app.register(formbody);

    app.get(
      '/auth/login',
      { schema: { querystring: z.object({ returnTo: z.string().max(2000).optional() }) } },
      async (request, reply) => {
        const pending = {
          state: oidc.randomState(),
          nonce: oidc.randomNonce(),
          codeVerifier: oidc.randomPKCECodeVerifier(),
          returnTo: safeReturnTo(request.query.returnTo, publicUrl),
        };
        let target: URL;
        try {
          target = await nhsLogin.authorizationUrl(pending);
        } catch (error) {
          request.log.error(
            { event: 'signin', outcome: 'signin_failed', reason: (error as Error).message },
            'identity provider unavailable',
          );
          return redirectWithError(reply, 'signin_failed');
        }
        const signIn = await sessions.beginSignIn(pending);
        setCookie(reply, cookies, 'signIn', signIn.id, signIn.maxAgeSeconds);
        reply.header('cache-control', 'no-store');
        return reply.redirect(target.href, 302);
      },
    );

    app.get('/auth/callback', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const pending = await sessions.takeSignIn(readCookie(request, cookies, 'signIn'));
      clearCookie(reply, cookies, 'signIn');
      if (!pending) {
        request.log.warn(
          { event: 'signin', outcome: 'signin_failed', reason: 'no pending sign-in for this browser' },
          'sign-in failed',
        );
        return redirectWithError(reply, 'signin_failed');
      }
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const outcome = await nhsLogin.complete(query, pending);
      if (!outcome.ok) {
        request.log.warn(
          { event: 'signin', outcome: outcome.code, reason: outcome.reason },
          'sign-in refused',
        );
        return redirectWithError(reply, outcome.code);
      }
      // No fixation: whatever session the browser had is ended and the patient gets a new id.
      const previous = readCookie(request, cookies, 'session');
      if (previous) await sessions.end(previous);
      const session = await sessions.start(outcome.patient);
      setCookie(reply, cookies, 'session', session.id, sessions.timings.absoluteSeconds);
      request.log.info({ event: 'signin', outcome: 'success' }, 'patient signed in');
      return reply.redirect(pending.returnTo, 303);
    });

    app.post('/auth/logout', async (request, reply) => {
      const session = request.patientSession;
      if (session) await sessions.end(session.id);
      clearCookie(reply, cookies, 'session');
      reply.header('cache-control', 'no-store');
      request.log.info({ event: 'signout', hadSession: session !== null }, 'patient signed out');
      // A plain HTML form gets a page to land on; fetch gets an empty answer.
      if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
        return reply.redirect('/', 303);
      return reply.code(204).send();
    });
  };
}

function redirectWithError(reply: FastifyReply, code: SignInErrorCode) {
  return reply.redirect(`/?${SIGN_IN_ERROR_PARAM}=${code}`, 303);
}
