import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { SIGNED_IN_HINT_COOKIE } from '@gpbook/shared/session';

/**
 * The cookies of this service. With Secure on, the `__Host-` prefix makes the browser refuse any version
 * of them set for a parent domain or a sub-path, so a neighbouring site cannot plant a session id.
 */
export interface SessionCookies {
  session: string;
  signIn: string;
  /** Readable by the web: set and cleared with `session` (see SIGNED_IN_HINT_COOKIE). */
  signedInHint: string;
  secure: boolean;
}

/** The names of one kind of session's cookies, before any prefix. */
export interface CookieNames {
  session: string;
  signIn: string;
  signedInHint: string;
}

/** The patient's cookies. Staff sessions (the practice view) have names of their own: staff/cookies.ts. */
export const PATIENT_COOKIE_NAMES: CookieNames = {
  session: 'gpbook_session',
  signIn: 'gpbook_signin',
  signedInHint: SIGNED_IN_HINT_COOKIE,
};

export function sessionCookies(secure: boolean, names: CookieNames = PATIENT_COOKIE_NAMES): SessionCookies {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}${names.session}`,
    signIn: `${prefix}${names.signIn}`,
    signedInHint: `${prefix}${names.signedInHint}`,
    secure,
  };
}

function options(cookies: SessionCookies, maxAgeSeconds?: number, httpOnly = true) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: cookies.secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The session cookie lives as long as the absolute expiry at most; the server decides the rest. */
export function setCookie(
  reply: FastifyReply,
  cookies: SessionCookies,
  name: 'session' | 'signIn',
  value: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(cookies[name], value, options(cookies, maxAgeSeconds));
  if (name === 'session') reply.setCookie(cookies.signedInHint, '1', options(cookies, maxAgeSeconds, false));
}

export function clearCookie(reply: FastifyReply, cookies: SessionCookies, name: 'session' | 'signIn'): void {
  reply.clearCookie(cookies[name], options(cookies));
  if (name === 'session') reply.clearCookie(cookies.signedInHint, options(cookies, undefined, false));
}

export function readCookie(
  request: FastifyRequest,
  cookies: SessionCookies,
  name: 'session' | 'signIn',
): string | undefined {
  return request.cookies[cookies[name]];
}
