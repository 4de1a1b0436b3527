import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';

/**
 * The two cookies of this service. With Secure on, the `__Host-` prefix makes the browser refuse any version
 * of them set for a parent domain or a sub-path, so a neighbouring site cannot plant a session id.
 */
export interface SessionCookies {
  session: string;
  signIn: string;
  secure: boolean;
}

export function sessionCookies(secure: boolean): SessionCookies {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}gpbook_session`, signIn: `${prefix}gpbook_signin`, secure };
}

function options(cookies: SessionCookies, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
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
}

export function clearCookie(reply: FastifyReply, cookies: SessionCookies, name: 'session' | 'signIn'): void {
  reply.clearCookie(cookies[name], options(cookies));
}

export function readCookie(
  request: FastifyRequest,
  cookies: SessionCookies,
  name: 'session' | 'signIn',
): string | undefined {
  return request.cookies[cookies[name]];
}
