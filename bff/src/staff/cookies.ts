import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { STAFF_SIGNED_IN_HINT_COOKIE } from '@gpbook/shared/staff-session';

/**
 * The staff cookies: names of their own (never the patient's `gpbook_session`), with the `__Host-` prefix when
 * Secure, httpOnly, SameSite=Lax, path `/`. The hint cookie is readable by the web and holds only "1".
 */
export interface StaffCookies {
  session: string;
  signIn: string;
  signedInHint: string;
  secure: boolean;
}

export function staffCookies(secure: boolean): StaffCookies {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}gpbook_staff_session`,
    signIn: `${prefix}gpbook_staff_signin`,
    signedInHint: `${prefix}${STAFF_SIGNED_IN_HINT_COOKIE}`,
    secure,
  };
}

function options(cookies: StaffCookies, maxAgeSeconds?: number, httpOnly = true) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: cookies.secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export function setStaffCookie(
  reply: FastifyReply,
  cookies: StaffCookies,
  name: 'session' | 'signIn',
  value: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(cookies[name], value, options(cookies, maxAgeSeconds));
  if (name === 'session') reply.setCookie(cookies.signedInHint, '1', options(cookies, maxAgeSeconds, false));
}

export function clearStaffCookie(
  reply: FastifyReply,
  cookies: StaffCookies,
  name: 'session' | 'signIn',
): void {
  reply.clearCookie(cookies[name], options(cookies));
  if (name === 'session') reply.clearCookie(cookies.signedInHint, options(cookies, undefined, false));
}

export function readStaffCookie(
  request: FastifyRequest,
  cookies: StaffCookies,
  name: 'session' | 'signIn',
): string | undefined {
  return request.cookies[cookies[name]];
}
