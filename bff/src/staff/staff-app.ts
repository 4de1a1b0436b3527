import type { FastifyInstance } from 'fastify';
import type { PracticeDirectory } from '../app/directory.js';
import { staffAuthRoutes } from './auth-routes.js';
import type { StaffOidcClient } from './cis2-client.js';
import type { AppConsumer } from './consumers.js';
import type { StaffCookies } from './cookies.js';
import type { PracticeAdminClient } from './practice-admin-client.js';
import { practiceViewRoutes } from './practice-routes.js';
import staffSessionPlugin, { isStaffApiPath, isStaffPath } from './session-plugin.js';
import type { StaffSessionManager } from './sessions.js';
import type { PracticeVisibility } from './visibility.js';

export { isStaffApiPath, isStaffPath };

/** What the BFF app needs to offer the practice view (buildBffApp's `staff` option). */
export interface StaffAppOptions {
  sessions: StaffSessionManager;
  cookies: StaffCookies;
  client: StaffOidcClient;
  visibility: PracticeVisibility;
  admin: PracticeAdminClient;
  directory: PracticeDirectory;
  appConsumer: AppConsumer;
  /** Requests per staff session and minute (with rate limits on). */
  perSessionLimit?: number | undefined;
}

/**
 * Every staff API route, as the router names it: the patient session plugin leaves these alone (a patient cookie is
 * never read on them), and the staff session plugin refuses them without a staff session.
 */
export const STAFF_API_ROUTES = [
  '/api/staff/session',
  '/api/staff/session/refresh',
  '/api/practice/:ods/consumers',
  '/api/practice/:ods/visibility',
  '/api/practice/:ods/explanations',
  '/api/practice/:ods/rules',
  '/api/practice/:ods/audit',
] as const;

/** Sign-out route of staff: CSRF-protected like the patients' (a form field token accepted). */
export const STAFF_SIGN_OUT_PATH = '/auth/staff/logout';

/**
 * Registers the practice view on the BFF: the staff session plugin, staff sign-in and sign-out, the staff session
 * route and the practice routes. buildBffApp keeps the patient session plugin off these paths (isStaffApiPath) and
 * tells the CSRF check to use the staff session's token on them.
 */
export async function registerStaffApp(app: FastifyInstance, options: StaffAppOptions): Promise<void> {
  await app.register(staffSessionPlugin, {
    sessions: options.sessions,
    cookies: options.cookies,
    perSessionLimit: options.perSessionLimit,
  });
  await app.register(
    staffAuthRoutes({ sessions: options.sessions, cookies: options.cookies, client: options.client }),
  );
  await app.register(
    practiceViewRoutes({
      visibility: options.visibility,
      admin: options.admin,
      directory: options.directory,
      app: options.appConsumer,
    }),
  );
}
