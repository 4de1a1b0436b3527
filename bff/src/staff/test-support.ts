import { isLocalHttp } from '../platform/urls.js';
import { staffUserIdOf } from './cis2-client.js';
import { staffCookies } from './cookies.js';
import type { StaffIdentity, StaffPracticeRole } from './session-store.js';
import type { StaffSessionManager } from './sessions.js';

/** A member of staff as a test wants them: a practice manager at Y90001 unless told otherwise. */
export function makeStaff(overrides: Partial<StaffIdentity> = {}): StaffIdentity {
  const sub = overrides.sub ?? 'staff-subject-1';
  const practices: StaffPracticeRole[] = overrides.practices ?? [
    {
      odsCode: 'Y90001',
      name: 'Riverside Medical Centre',
      role: 'practice-manager',
      personRoleId: '555000000101',
      canChangeRules: true,
    },
  ];
  return {
    sub,
    userId: staffUserIdOf(sub),
    displayName: 'Amira Shah',
    givenName: 'Amira',
    familyName: 'Shah',
    sdsUserId: '555000000001',
    role: practices[0]?.role ?? 'practice-manager',
    ...overrides,
    practices,
  };
}

/** Starts a staff session directly (no sign-in) and returns the headers a request needs: cookie, CSRF, Origin. */
export async function signedInStaff(
  sessions: StaffSessionManager,
  publicUrl: string,
  staff: StaffIdentity = makeStaff(),
): Promise<{ headers: Record<string, string>; csrfToken: string; sessionId: string }> {
  const session = await sessions.start(staff);
  const cookie = `${staffCookies(!isLocalHttp(publicUrl)).session}=${session.id}`;
  return {
    headers: { cookie, 'x-csrf-token': session.record.csrfToken, origin: new URL(publicUrl).origin },
    csrfToken: session.record.csrfToken,
    sessionId: session.id,
  };
}
