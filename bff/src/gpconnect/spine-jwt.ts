import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { INTERACTION_SCOPE, LIMITS, SYS, type InteractionName } from './constants.js';

/**
 * The person on whose behalf a GP Connect request is made. In this product that is the signed-in patient
 * (see docs/decisions/0003-spine-jwt-requesting-user.md): SDS ids are `UNK` and the local id is their
 * NHS login subject, never their NHS number.
 */
export interface RequestingUser {
  /** Stable local user id (NHS login `sub`); becomes `sub` and `requesting_practitioner.id`. */
  id: string;
  family: string;
  given: string[];
  /**
   * For a member of staff signed in with a smartcard identity (NHS CIS2, the practice view): their SDS user id
   * (`nhsid_useruid`) and the SDS role profile id of the role they act in (`person_roleid`), sent as the
   * clinician-facing form of the claim names them. Absent for patients: `UNK`, as the spec allows.
   */
  sdsUserId?: string | undefined;
  sdsRoleProfileId?: string | undefined;
  /** The system of the local user id identifier when it is not the consumer's default (staff ids, not patients'). */
  userIdSystem?: string | undefined;
}

export interface ConsumerIdentity {
  /** The consumer system's Spine endpoint URL (the JWT issuer). */
  issuer: string;
  odsCode: string;
  organisationName: string;
  deviceSystem: string;
  deviceId: string;
  productName: string;
  productVersion: string;
  /** The system of the local user id identifier in `requesting_practitioner`. */
  userIdSystem: string;
}

export type JwtSigning = { kind: 'none' } | { kind: 'rs512'; privateKey: CryptoKey | KeyObject; kid: string };

export interface SpineJwtInput {
  interaction: InteractionName;
  /** The provider's service root URL (`aud`). */
  audience: string;
  consumer: ConsumerIdentity;
  user: RequestingUser;
  signing: JwtSigning;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
}

export function spineJwtClaims(input: SpineJwtInput): Record<string, unknown> {
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  const { consumer, user } = input;
  return {
    iss: consumer.issuer,
    sub: user.id,
    aud: input.audience,
    exp: iat + LIMITS.jwtLifetimeSeconds,
    iat,
    reason_for_request: 'directcare',
    requested_scope: INTERACTION_SCOPE[input.interaction],
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: consumer.deviceSystem, value: consumer.deviceId }],
      model: consumer.productName,
      version: consumer.productVersion,
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: SYS.odsOrg, value: consumer.odsCode }],
      name: consumer.organisationName,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: user.id,
      identifier: [
        { system: SYS.sdsUser, value: user.sdsUserId ?? 'UNK' },
        { system: SYS.sdsRoleProfile, value: user.sdsRoleProfileId ?? 'UNK' },
        { system: user.userIdSystem ?? consumer.userIdSystem, value: user.id },
      ],
      name: [{ family: user.family, given: user.given }],
    },
  };
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** A fresh Spine JWT: the spec's unsecured form (`alg: none`, trailing dot) or signed RS512 with our key. */
export async function buildSpineJwt(input: SpineJwtInput): Promise<string> {
  if (input.signing.kind === 'none') {
    const claims = spineJwtClaims(input);
    return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
  }
  const { privateKey, kid } = input.signing;
  let tokens = signedTokens.get(privateKey);
  if (!tokens) {
    tokens = new Map();
    signedTokens.set(privateKey, tokens);
  }
  const claims = spineJwtClaims(input);
  const key = `${kid} ${JSON.stringify(claims)}`;
  const known = tokens.get(key);
  if (known) return known;
  const token = new SignJWT(claims).setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid }).sign(privateKey);
  if (tokens.size >= SIGNED_TOKENS_KEPT) tokens.clear();
  // Kept while it is being signed too, so requests arriving meanwhile wait for it rather than sign it again.
  tokens.set(key, token);
  token.catch(() => {
    if (tokens.get(key) === token) tokens.delete(key);
  });
  return token;
}

/**
 * Tokens signed in the last moments, by key and by what they say. RS512 is RSASSA-PKCS1-v1_5, whose signature is
 * a function of the key and the bytes signed, so signing the same claims again gives the very same token: a second
 * request within the same second, for the same person, interaction and practice, is sent the token signing would
 * make, without spending a millisecond of CPU on it again (nor do requests arriving together sign it once each).
 * Found by the claims themselves, so it cannot drift from them. Claims carry `iat` in seconds, so nothing is kept
 * useful for longer than a second, and the map starts again when full.
 */
const signedTokens = new WeakMap<object, Map<string, Promise<string>>>();
const SIGNED_TOKENS_KEPT = 1024;
