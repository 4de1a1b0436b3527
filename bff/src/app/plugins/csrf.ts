import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CSRF_HEADER } from '@gpbook/shared/session';
import { ApiHttpError } from '../api-error.js';
import { guardPath } from './guard-path.js';

export interface CsrfPluginOptions {
  /** The origin browsers load the web app from (PUBLIC_URL). */
  publicUrl: string;
  /**
   * The token a request must carry, given the path the router matched: the patient session's by default. The
   * practice view's routes (staff sessions, issue 14) answer with the staff session's instead.
   */
  expectedToken?: ((request: FastifyRequest, path: string) => string | undefined) | undefined;
  /** Sign-out routes (token also accepted as a form field; no token needed without a session). */
  signOutPaths?: readonly string[] | undefined;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses state-changing /api requests (and POST /auth/logout) unless they come from our own origin (Origin,
 * or Referer when a browser sends no Origin) and carry the session's CSRF token in `x-csrf-token`: 403
 * `csrf_failed`. Sign-out also accepts the token as a `csrfToken` form field, so a plain HTML form works.
 */
export default fp<CsrfPluginOptions>(
  async function csrfPlugin(app: FastifyInstance, options) {
    const origin = new URL(options.publicUrl).origin;
    const signOutPaths = new Set(options.signOutPaths ?? ['/auth/logout']);
    const expectedToken =
      options.expectedToken ?? ((request: FastifyRequest) => request.patientSession?.record.csrfToken);

    app.addHook('preValidation', async (request) => {
      if (!STATE_CHANGING.has(request.method)) return;
      // The route the router matched, so `/%61uth/logout` is guarded exactly like `/auth/logout`.
      const path = guardPath(request);
      const isSignOut = signOutPaths.has(path);
      if (!path.startsWith('/api/') && !isSignOut) return;
      if (requestOrigin(request) !== origin) {
        throw new ApiHttpError(403, 'csrf_failed', 'The request did not come from this service');
      }
      const expected = expectedToken(request, path);
      // Signing out without a session changes nothing, so only the origin matters then.
      if (expected === undefined && isSignOut) return;
      const presented = request.headers[CSRF_HEADER] ?? (isSignOut ? formToken(request.body) : undefined);
      if (expected === undefined || typeof presented !== 'string' || !sameToken(presented, expected)) {
        throw new ApiHttpError(
          403,
          'csrf_failed',
          'The request is missing its security token; reload the page',
        );
      }
    });
  },
  { name: 'csrf', dependencies: ['session'] },
);

function requestOrigin(request: FastifyRequest): string | undefined {
  const { origin, referer } = request.headers;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function formToken(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('csrfToken' in body)) return undefined;
  const token = body.csrfToken;
  return typeof token === 'string' ? token : undefined;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
