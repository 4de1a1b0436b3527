import { createHash } from 'node:crypto';
import type { StaffRole, StaffSignInErrorCode } from '@gpbook/shared/staff-session';
import { z } from 'zod';
import type { PendingSignIn } from '../identity/sessions/store.js';
import type { SigningKey } from '../platform/signing-key.js';
import { DiscoveredProvider, type SignInSecrets } from '../identity/oidc-discovery.js';
import type { StaffIdentity, StaffPracticeRole } from './session-store.js';

/**
 * Staff sign-in over OpenID Connect, modelled on NHS CIS2 (Care Identity Service 2) Authentication: authorisation
 * code flow with PKCE, state and nonce, `private_key_jwt` client authentication signed RS512 with the BFF key, and
 * the CIS2 claims of scopes `profile`, `nhsperson`, `nationalrbacaccess`, `associatedorgs` and `selectedrole`:
 * `nhsid_useruid` (the SDS user id), `nhsid_nrbac_roles` (one entry per role the person holds, each at one
 * organisation: `org_code`, `person_roleid`, `role_code` `S…:G…:R…`, `role_name`), `nhsid_user_orgs` (names of
 * those organisations) and `selected_roleid`. See docs/decisions/0070-staff-sign-in.md.
 */

export interface StaffOidcSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Space-separated, e.g. `openid profile nhsperson nationalrbacaccess associatedorgs selectedrole`. */
  scopes: string;
  timeoutMs: number;
}

export type StaffSignInOutcome =
  | { ok: true; staff: StaffIdentity }
  /** `reason` is for the log: never a claim value, a token or a name. */
  | { ok: false; code: StaffSignInErrorCode; reason: string };

/**
 * What the practice view lets each national RBAC job role (the `R` code ending `role_code`) do. Access roles only:
 * R8008 Admin/Clinical Support Access Role (practice management: may change the rules), R8009 Receptionist and
 * R8010 Clerical Access Roles, R8000 Clinical Practitioner, R8001 Nurse and R8003 Health Professional Access Roles.
 * Any other role gives no access to the practice view.
 */
export const STAFF_ROLE_OF_JOB_ROLE: Readonly<Record<string, StaffRole>> = {
  R8008: 'practice-manager',
  R8009: 'receptionist',
  R8010: 'receptionist',
  R8000: 'clinician',
  R8001: 'clinician',
  R8003: 'clinician',
};

const nrbacRoleSchema = z.object({
  person_orgid: z.string().min(1).optional(),
  person_roleid: z.string().min(1),
  org_code: z.string().min(1),
  role_code: z.string().min(1),
  role_name: z.string().optional(),
});

const staffClaimsSchema = z.object({
  sub: z.string().min(1),
  nhsid_useruid: z.string().min(1),
  name: z.string().trim().min(1).optional(),
  given_name: z.string().trim().min(1).optional(),
  family_name: z.string().trim().min(1).optional(),
  nhsid_nrbac_roles: z.array(nrbacRoleSchema),
  nhsid_user_orgs: z.array(z.object({ org_code: z.string(), org_name: z.string() })).optional(),
  selected_roleid: z.string().min(1).optional(),
});

/** The practices this BFF serves: an ODS code's name, or undefined when it is not one of ours. */
export type PracticeNames = (odsCode: string) => string | undefined;

/** The opaque, stable staff user id of an identity provider subject (never the subject itself). */
export function staffUserIdOf(sub: string): string {
  return createHash('sha256').update(`gpbook-staff:${sub}`).digest('base64url').slice(0, 32);
}

/**
 * The member of staff the claims describe, with the practices they may act for: each role at a practice this BFF
 * serves whose job role the practice view knows. None: `no_practice_role`.
 */
export function staffFrom(claims: Record<string, unknown>, practiceNames: PracticeNames): StaffSignInOutcome {
  const parsed = staffClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].join(', ');
    return { ok: false, code: 'signin_failed', reason: `claims missing or invalid: ${fields}` };
  }
  const c = parsed.data;
  const practices: StaffPracticeRole[] = [];
  let selected: StaffPracticeRole | undefined;
  for (const role of c.nhsid_nrbac_roles) {
    const jobRole = role.role_code.split(':').at(-1) ?? '';
    const staffRole = STAFF_ROLE_OF_JOB_ROLE[jobRole];
    const name = practiceNames(role.org_code);
    if (staffRole === undefined || name === undefined) continue;
    // One entry per practice: the first role listed there, or the selected one.
    const entry: StaffPracticeRole = {
      odsCode: role.org_code,
      name,
      role: staffRole,
      personRoleId: role.person_roleid,
      canChangeRules: staffRole === 'practice-manager',
    };
    const known = practices.findIndex((practice) => practice.odsCode === role.org_code);
    if (role.person_roleid === c.selected_roleid) {
      selected = entry;
      if (known >= 0) practices[known] = entry;
    }
    if (known < 0) practices.push(entry);
  }
  const first = selected ?? practices[0];
  if (!first) return { ok: false, code: 'no_practice_role', reason: 'no role at a practice we serve' };
  const givenName = c.given_name ?? c.name?.split(' ')[0] ?? 'Staff';
  const familyName = c.family_name ?? c.name?.split(' ').slice(1).join(' ') ?? 'member';
  const displayName =
    c.given_name && c.family_name ? `${c.given_name} ${c.family_name}` : (c.name ?? 'Practice staff');
  return {
    ok: true,
    staff: {
      sub: c.sub,
      userId: staffUserIdOf(c.sub),
      displayName,
      givenName,
      familyName: familyName || 'member',
      sdsUserId: c.nhsid_useruid,
      role: first.role,
      practices,
    },
  };
}

/** The relying party for staff: the shape of identity/nhs-login/client.ts, with CIS2's claims and no vectors of trust. */
export class StaffOidcClient {
  readonly #practiceNames: PracticeNames;
  readonly #provider: DiscoveredProvider;

  constructor(settings: StaffOidcSettings, key: SigningKey, practiceNames: PracticeNames) {
    this.#provider = new DiscoveredProvider(settings, key);
    this.#practiceNames = practiceNames;
  }

  /** Where to send the browser to sign in; CIS2 asks again at every sign-in, so the person and role are chosen each time. */
  authorizationUrl(pending: SignInSecrets): Promise<URL> {
    return this.#provider.authorizationUrl(pending, { prompt: 'login' });
  }

  async complete(callbackQuery: string, pending: PendingSignIn): Promise<StaffSignInOutcome> {
    const outcome = await this.#provider.completeSignIn(callbackQuery, pending);
    return outcome.ok ? staffFrom(outcome.claims, this.#practiceNames) : outcome;
  }
}
