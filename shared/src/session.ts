import { z } from 'zod';
import { odsCodeSchema } from './practices.js';
import { londonDateSchema } from './time.js';

/**
 * The signed-in patient's session, as the web sees it (`GET /api/session`, `POST /api/session/refresh`).
 * The NHS number stays on the server. The web warns before `idleExpiresAt`, offers "stay signed in"
 * (POST /api/session/refresh), and sends `csrfToken` in the `x-csrf-token` header of every POST, PUT, PATCH
 * and DELETE.
 */
export const sessionResponseSchema = z.object({
  user: z.object({
    /**
     * Opaque and stable for one person across sessions and devices (a hash of their NHS login subject, never their
     * NHS number): what the web keys the one thing it keeps on the device by.
     */
    id: z.string().min(16),
    /** As the patient's name is shown in the header: given name(s) then family name. */
    displayName: z.string().min(1),
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    /**
     * The mobile number NHS login holds for the patient, when it released one (scope `phone`): the web offers it
     * as the number to call for a telephone appointment; the patient can change it.
     */
    phone: z.string().min(1).optional(),
  }),
  /** ODS code of the practice the patient is registered with (NHS login `gp_registration_details`). */
  registeredOds: odsCodeSchema,
  /** When the session ends if nothing else is done; each /api request (except GET /api/session) extends it. */
  idleExpiresAt: z.iso.datetime({ offset: true }),
  /** When the session ends whatever happens (12 hours after sign-in). */
  absoluteExpiresAt: z.iso.datetime({ offset: true }),
  csrfToken: z.string().min(20),
  /**
   * The BFF's clock when it answered. The web measures the time left against this, not against the device's
   * clock, which may be wrong (and is, when a test moves the page's clock on).
   */
  serverTime: z.iso.datetime({ offset: true }),
  /**
   * Today's date in London by the BFF's clock and the tz database, and the instant it ends (the next London
   * midnight). Until then the web takes "today" from here rather than loading the time-zone data on the device
   * (a long pause on a slow phone). Optional: a web app kept on a device may meet a BFF from before it.
   */
  londonDay: z.object({ date: londonDateSchema, endsAt: z.iso.datetime({ offset: true }) }).optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** The header that carries the CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * A cookie the web can read, set and cleared with the (httpOnly) session cookie. It holds no secret, only "1": it
 * says a session may exist, so a browser that has never signed in is shown the start page without asking the
 * server first (and without a 401 for nothing). With Secure on it carries the `__Host-` prefix too.
 */
export const SIGNED_IN_HINT_COOKIE = 'gpbook_signed_in';

/**
 * Why sign-in did not complete. The BFF redirects to `/?signin_error=<code>` and the web explains:
 * - `identity_level`: the NHS login is not verified to the level this service needs (P9, "high level");
 * - `registration_missing`: NHS login holds no GP practice for the patient;
 * - `signin_cancelled`: the patient chose not to continue at NHS login;
 * - `signin_failed`: anything else (expired or replayed sign-in, NHS login unavailable, bad response).
 */
export const signInErrorCodes = [
  'identity_level',
  'registration_missing',
  'signin_cancelled',
  'signin_failed',
] as const;
export const signInErrorCodeSchema = z.enum(signInErrorCodes);
export type SignInErrorCode = z.infer<typeof signInErrorCodeSchema>;
export const SIGN_IN_ERROR_PARAM = 'signin_error';
