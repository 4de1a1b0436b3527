import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { LIMITS, SCOPES, SYS, type RequestedScope } from '../../gpconnect/constants.js';
import { gpcError } from '../outcomes.js';

/** What the provider keeps from a valid Spine JWT, for authorisation and the audit log. */
export interface SpineClaims {
  scope: RequestedScope;
  requestingOrganisationOds: string;
  requestingDevice: string;
  requestingUserId: string;
}

export interface JwtPolicy {
  /** When set, tokens must be signed RS512 by a key in this set; unsecured tokens are then refused. */
  jwks?: JSONWebKeySet;
  /** Seconds since the epoch. */
  now?: () => number;
}

const base64urlPart = /^[A-Za-z0-9_-]+$/;

const nonEmpty = z.string().min(1);
const identifierSchema = z.object({ system: nonEmpty, value: nonEmpty });
const deviceSchema = z.object({
  resourceType: z.literal('Device'),
  identifier: z.array(identifierSchema).min(1),
  model: nonEmpty,
  version: nonEmpty,
});
const organizationSchema = z.object({
  resourceType: z.literal('Organization'),
  name: nonEmpty,
  identifier: z.array(identifierSchema).min(1),
});
const practitionerSchema = z.object({
  resourceType: z.literal('Practitioner'),
  id: nonEmpty,
  identifier: z.array(identifierSchema).min(1),
  name: z.array(z.object({ family: nonEmpty, given: z.array(nonEmpty).min(1) })).min(1),
});

const REQUIRED_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'reason_for_request',
  'requested_scope',
  'requesting_device',
  'requesting_organization',
  'requesting_practitioner',
] as const;

function bad(message: string) {
  return gpcError('BAD_REQUEST', message);
}

function decodeJson(part: string, what: string): unknown {
  if (!base64urlPart.test(part)) throw bad(`JWT ${what} is not base64url without padding`);
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw bad(`JWT ${what} is not valid JSON`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the `Authorization` header as GP Connect 1.2.8 requires (digest §5): the unsecured form by default,
 * or an RS512 signature against the configured JWKS. Returns the claims the provider uses.
 */
export async function validateSpineJwt(
  authorization: string | undefined,
  policy: JwtPolicy,
): Promise<SpineClaims> {
  if (!authorization) throw bad('Authorization header missing');
  const match = /^Bearer (\S+)$/.exec(authorization);
  if (!match?.[1]) throw bad('Authorization header is not of the form "Bearer <token>"');
  const token = match[1];
  const parts = token.split('.');
  if (parts.length !== 3) throw bad('Invalid number of JWT base 64 blocks');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;

  const header = decodeJson(headerPart, 'header');
  if (!isRecord(header)) throw bad('JWT header is not a JSON object');

  let payload: unknown;
  if (policy.jwks) {
    if (header['alg'] !== 'RS512' || signaturePart.length === 0) {
      throw bad('JWT must be signed with RS512 by the consumer');
    }
    try {
      const verified = await jwtVerify(token, createLocalJWKSet(policy.jwks), {
        algorithms: ['RS512'],
        // exp is checked below with the GP Connect rules (exactly iat + 300).
        clockTolerance: Number.MAX_SAFE_INTEGER,
      });
      payload = verified.payload;
    } catch {
      throw bad('JWT signature could not be verified');
    }
  } else {
    const keys = Object.keys(header).sort();
    if (keys.join(',') !== 'alg,typ' || header['alg'] !== 'none' || header['typ'] !== 'JWT') {
      throw bad('JWT header must be exactly {"alg":"none","typ":"JWT"}');
    }
    if (signaturePart.length !== 0) throw bad('An unsecured JWT must have an empty signature');
    payload = decodeJson(payloadPart, 'payload');
  }
  if (!isRecord(payload)) throw bad('JWT payload is not a JSON object');
  return validateClaims(payload, policy.now?.() ?? Math.floor(Date.now() / 1000));
}

function validateClaims(claims: Record<string, unknown>, now: number): SpineClaims {
  for (const name of REQUIRED_CLAIMS) {
    if (claims[name] === undefined || claims[name] === null) throw bad(`JWT claim ${name} is missing`);
  }
  if ('requested_record' in claims) throw bad('JWT claim requested_record is not allowed');
  for (const name of ['iss', 'sub', 'aud', 'reason_for_request', 'requested_scope'] as const) {
    if (typeof claims[name] !== 'string' || claims[name] === '')
      throw bad(`JWT claim ${name} must be a string`);
  }
  const { exp, iat } = claims;
  if (
    typeof exp !== 'number' ||
    typeof iat !== 'number' ||
    !Number.isInteger(exp) ||
    !Number.isInteger(iat)
  ) {
    throw bad('JWT claims exp and iat must be integers');
  }
  if (exp - iat !== LIMITS.jwtLifetimeSeconds) throw bad('JWT exp must be iat + 300 seconds');
  if (exp <= now) throw bad('JWT has expired');
  if (claims['reason_for_request'] !== 'directcare') throw bad('JWT reason_for_request must be "directcare"');
  const scope = SCOPES.find((candidate) => candidate === claims['requested_scope']);
  if (!scope) throw bad('JWT requested_scope is not a GP Connect scope');

  const device = deviceSchema.safeParse(claims['requesting_device']);
  if (!device.success) throw gpcError('BAD_REQUEST', 'JWT requesting_device is not a valid Device', 422);
  const organisation = organizationSchema.safeParse(claims['requesting_organization']);
  if (!organisation.success) {
    throw gpcError('BAD_REQUEST', 'JWT requesting_organization is not a valid Organization', 422);
  }
  const ods = organisation.data.identifier.find((identifier) => identifier.system === SYS.odsOrg);
  if (!ods) throw bad('JWT requesting_organization has no ODS code identifier');
  const practitioner = practitionerSchema.safeParse(claims['requesting_practitioner']);
  if (!practitioner.success) {
    throw gpcError('BAD_REQUEST', 'JWT requesting_practitioner is not a valid Practitioner', 422);
  }
  if (!practitioner.data.identifier.some((identifier) => identifier.system === SYS.sdsUser)) {
    throw bad('JWT requesting_practitioner has no SDS user id identifier');
  }
  if (practitioner.data.id !== claims['sub']) throw bad('JWT sub must equal requesting_practitioner.id');

  const deviceIdentifier = device.data.identifier[0];
  return {
    scope,
    requestingOrganisationOds: ods.value,
    requestingDevice: deviceIdentifier ? `${deviceIdentifier.system}|${deviceIdentifier.value}` : 'unknown',
    requestingUserId: practitioner.data.id,
  };
}
