import { z } from 'zod';
import { odsCodeSchema } from './practices.js';

/**
 * The signed-in member of practice staff, as the practice view sees it (`GET /api/staff/session`). Staff sign in
 * apart from patients (`/auth/staff/login`, NHS CIS2 in the real world, the demo identity provider's staff accounts
 * in the demo) and hold a session of their own in a cookie of its own: a staff session never reaches patient data
 * and a patient session never reaches the practice view. As for patients, the web warns before `idleExpiresAt` and
 * sends `csrfToken` in the `x-csrf-token` header (CSRF_HEADER of ./session.ts) of every POST, PUT, PATCH and DELETE.
 */

/**
 * What a member of staff does at a practice, as this service understands it. The BFF derives it from the national
 * RBAC role the identity provider releases for that practice (CIS2 `nhsid_nrbac_roles[].role_code`):
 * - `practice-manager`: sees what each booking service sees, why a slot is hidden, and may change the rules;
 * - `receptionist`: sees what each booking service sees and why a slot is hidden; may not change the rules;
 * - `clinician`: as a receptionist.
 */
export const staffRoles = ['practice-manager', 'receptionist', 'clinician'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffRoleDisplay: Record<StaffRole, string> = {
  'practice-manager': 'Practice manager',
  receptionist: 'Receptionist',
  clinician: 'Clinician',
};

/** A practice the member of staff may act for, and what they may do there. */
export const staffPracticeSchema = z.object({
  odsCode: odsCodeSchema,
  /** The practice's name, from the BFF's practice directory (the ODS code again when the directory lacks it). */
  name: z.string().min(1),
  /** The member of staff's role at this practice. */
  role: staffRoleSchema,
  /**
   * Whether they may change this practice's rules (`PUT /api/practice/:ods/rules`): true for practice managers.
   * The BFF enforces it (403 `forbidden`); the web uses it to offer the change or not.
   */
  canChangeRules: z.boolean(),
});
export type StaffPractice = z.infer<typeof staffPracticeSchema>;

export const staffSessionResponseSchema = z.object({
  user: z.object({
    /**
     * Opaque and stable for one person (a hash of their identity provider subject): the `sub` the audit trails
     * record, so the web can say "you" against an audit entry. Never a name, never a smartcard number.
     */
    id: z.string().min(16),
    /** The name to show in the header, as the identity provider gives it (e.g. "Amira Shah"). */
    displayName: z.string().min(1),
  }),
  /** The role the member of staff signed in with (CIS2 `selected_roleid`); per-practice roles are in `practices`. */
  role: staffRoleSchema,
  /**
   * The practices the member of staff may act for, in the order the identity provider lists their roles; never
   * empty (sign-in fails with `no_practice_role` otherwise). The practice view opens the first.
   */
  practices: z.array(staffPracticeSchema).min(1),
  /** When the session ends if nothing else is done; each /api/practice request extends it. */
  idleExpiresAt: z.iso.datetime({ offset: true }),
  /** When the session ends whatever happens (12 hours after sign-in). */
  absoluteExpiresAt: z.iso.datetime({ offset: true }),
  csrfToken: z.string().min(20),
  /** The BFF's clock when it answered; measure the time left against this, not the device's clock. */
  serverTime: z.iso.datetime({ offset: true }),
});
export type StaffSessionResponse = z.infer<typeof staffSessionResponseSchema>;

/** Where staff sign-in starts (a full-page navigation, not a fetch) and where sign-out is posted. */
export const STAFF_LOGIN_PATH = '/auth/staff/login';
export const STAFF_LOGOUT_PATH = '/auth/staff/logout';
/** Where the BFF sends staff after sign-in (and after a failed sign-in, with STAFF_SIGN_IN_ERROR_PARAM). */
export const PRACTICE_VIEW_PATH = '/practice';

/**
 * A cookie the web can read, set and cleared with the (httpOnly) staff session cookie, holding only "1": a staff
 * session may exist, so the practice view can show its sign-in page without asking first. Separate from the
 * patient's SIGNED_IN_HINT_COOKIE. With Secure on it carries the `__Host-` prefix too.
 */
export const STAFF_SIGNED_IN_HINT_COOKIE = 'gpbook_staff_signed_in';

/**
 * Why staff sign-in did not complete. The BFF redirects to `/practice?staff_signin_error=<code>` and the web says:
 * - `no_practice_role`: the identity holds no role at a practice this service serves (or none that may use the
 *   practice view);
 * - `signin_cancelled`: the member of staff chose not to continue at the identity provider;
 * - `signin_failed`: anything else (expired or replayed sign-in, identity provider unavailable, bad response).
 */
export const staffSignInErrorCodes = ['no_practice_role', 'signin_cancelled', 'signin_failed'] as const;
export const staffSignInErrorCodeSchema = z.enum(staffSignInErrorCodes);
export type StaffSignInErrorCode = z.infer<typeof staffSignInErrorCodeSchema>;
export const STAFF_SIGN_IN_ERROR_PARAM = 'staff_signin_error';
