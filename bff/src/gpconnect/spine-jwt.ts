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
        { system: SYS.sdsUser, value: 'UNK' },
        { system: SYS.sdsRoleProfile, value: 'UNK' },
        { system: consumer.userIdSystem, value: user.id },
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
  const claims = spineJwtClaims(input);
  if (input.signing.kind === 'none') {
    return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: input.signing.kid })
    .sign(input.signing.privateKey);
}
