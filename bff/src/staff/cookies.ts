import { STAFF_SIGNED_IN_HINT_COOKIE } from '@gpbook/shared/staff-session';
import { sessionCookies, type CookieNames, type SessionCookies } from '../identity/sessions/cookies.js';

/**
 * The staff cookies: names of their own (never the patient's `gpbook_session`), so a patient's cookie is never read
 * as a staff session nor the other way round; otherwise the same as the patient's (identity/sessions/cookies.ts:
 * the `__Host-` prefix when Secure, httpOnly, SameSite=Lax, path `/`, a readable hint holding only "1").
 */
export const STAFF_COOKIE_NAMES: CookieNames = {
  session: 'gpbook_staff_session',
  signIn: 'gpbook_staff_signin',
  signedInHint: STAFF_SIGNED_IN_HINT_COOKIE,
};

export type StaffCookies = SessionCookies;

export function staffCookies(secure: boolean): StaffCookies {
  return sessionCookies(secure, STAFF_COOKIE_NAMES);
}
