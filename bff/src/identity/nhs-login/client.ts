import { isValidNhsNumber } from '@gpbook/shared/nhs-number';
import { odsCodeSchema } from '@gpbook/shared/practices';
import type { SignInErrorCode } from '@gpbook/shared/session';
import { z } from 'zod';
import type { SigningKey } from '../../platform/signing-key.js';
import { DiscoveredProvider, type SignInSecrets } from '../oidc-discovery.js';
import type { PendingSignIn, SessionPatient } from '../sessions/store.js';

export interface NhsLoginSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Space-separated, e.g. `openid profile profile_extended gp_registration_details`. */
  scopes: string;
  /** Vectors of trust requested; a `vot` outside this list is refused. */
  vtr: string[];
  timeoutMs: number;
}

export type SignInOutcome =
  | { ok: true; patient: SessionPatient }
  /** `reason` is for the log: it never holds a claim value, a token or a name. */
  | { ok: false; code: SignInErrorCode; reason: string };

/** The claims we need, whichever of the ID token and userinfo carries them (userinfo wins). */
const profileSchema = z.object({
  sub: z.string().min(1),
  nhs_number: z.string().refine(isValidNhsNumber, 'not a valid NHS number'),
  given_name: z.string().trim().min(1),
  family_name: z.string().trim().min(1),
  birthdate: z.iso.date(),
  /** Scope `phone`: released only when asked for and held; a malformed one is ignored, never refused. */
  phone_number: z.string().trim().min(1).max(30).optional().catch(undefined),
});
const registrationSchema = z.object({ gp_ods_code: odsCodeSchema });

/**
 * NHS login as an OpenID Connect relying party: authorisation code flow with PKCE (S256), state and nonce;
 * `private_key_jwt` client authentication signed RS512 with the BFF key; vectors of trust asked for with
 * `vtr`, and the returned `vot` checked. Discovery happens on first use and is retried after a failure, so
 * the BFF starts even while NHS login is unreachable.
 */
export class NhsLoginClient {
  readonly #settings: NhsLoginSettings;
  readonly #provider: DiscoveredProvider;

  constructor(settings: NhsLoginSettings, key: SigningKey) {
    this.#settings = settings;
    this.#provider = new DiscoveredProvider(settings, key);
  }

  /** Where to send the browser to sign in; the caller keeps state, nonce and verifier for the callback. */
  authorizationUrl(pending: SignInSecrets): Promise<URL> {
    return this.#provider.authorizationUrl(pending, { vtr: JSON.stringify(this.#settings.vtr) });
  }

  /**
   * Completes sign-in from the callback's query string: checks state, exchanges the code (PKCE, signed client
   * assertion), validates the ID token (signature, issuer, audience, nonce), checks `vot`, reads userinfo.
   */
  async complete(callbackQuery: string, pending: PendingSignIn): Promise<SignInOutcome> {
    const outcome = await this.#provider.completeSignIn(callbackQuery, pending, (idToken) => {
      const vot = idToken['vot'];
      if (typeof vot === 'string' && this.#settings.vtr.includes(vot)) return undefined;
      return {
        ok: false,
        code: 'identity_level' as const,
        reason: `vot ${typeof vot === 'string' ? vot.slice(0, 20) : 'missing'} not accepted`,
      };
    });
    return outcome.ok ? patientFrom(outcome.claims) : outcome;
  }
}

export function patientFrom(claims: Record<string, unknown>): SignInOutcome {
  const profile = profileSchema.safeParse(claims);
  if (!profile.success) {
    const fields = profile.error.issues.map((issue) => issue.path.join('.')).join(', ');
    return { ok: false, code: 'signin_failed', reason: `claims missing or invalid: ${fields}` };
  }
  const registration = registrationSchema.safeParse(claims['gp_registration_details']);
  if (!registration.success)
    return { ok: false, code: 'registration_missing', reason: 'no valid gp_ods_code' };
  const p = profile.data;
  return {
    ok: true,
    patient: {
      sub: p.sub,
      nhsNumber: p.nhs_number,
      givenName: p.given_name,
      familyName: p.family_name,
      birthDate: p.birthdate,
      registeredOds: registration.data.gp_ods_code,
      ...(p.phone_number ? { phone: p.phone_number } : {}),
    },
  };
}
