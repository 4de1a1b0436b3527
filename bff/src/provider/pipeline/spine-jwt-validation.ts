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

/*
 * The three FHIR resources of the JWT (requesting_device, requesting_organization, requesting_practitioner) are
 * judged in three steps, each with the error the spec and the assurance suite give it (docs/decisions/0030):
 *
 * 1. The claim is a JSON object of the expected resourceType, else 400 BAD_REQUEST ("invalid FHIR resource in JWT
 *    claim (for example, patient resource when practitioner expected)").
 * 2. It is a valid STU3 resource of that type: only elements the resource defines, of the right JSON shape, else
 *    422 INVALID_RESOURCE ("Resource fails to validate against StructureDefinition (either in request body or in
 *    JSON Web Tokens (JWT) claim)"; the suite adds an element Device does not have and expects 422).
 * 3. It carries what GP Connect requires of it (device identifier, model and version; organisation name and ODS
 *    code; practitioner id, name and SDS user id), else 400 BAD_REQUEST: an incomplete claim, as a missing claim.
 */
const COMMON_ELEMENTS = [
  'id',
  'meta',
  'implicitRules',
  'language',
  'text',
  'contained',
  'extension',
  'modifierExtension',
];
/** The elements of each STU3 resource (hl7.org/fhir/STU3/<type>.html). */
const ELEMENTS = {
  Device: [
    'identifier',
    'udi',
    'status',
    'type',
    'lotNumber',
    'manufacturer',
    'manufactureDate',
    'expirationDate',
    'model',
    'version',
    'patient',
    'owner',
    'contact',
    'location',
    'url',
    'note',
    'safety',
  ],
  Organization: [
    'identifier',
    'active',
    'type',
    'name',
    'alias',
    'telecom',
    'address',
    'partOf',
    'contact',
    'endpoint',
  ],
  Practitioner: [
    'identifier',
    'active',
    'name',
    'telecom',
    'address',
    'gender',
    'birthDate',
    'photo',
    'qualification',
    'communication',
  ],
} as const;
type ClaimResourceType = keyof typeof ELEMENTS;

const ELEMENT_EXTENSIONS = { id: z.string(), extension: z.array(z.unknown()) };
/** STU3 Identifier and HumanName, element by element: a stray key makes the claim an invalid resource. */
const identifierShape = z
  .strictObject({
    ...ELEMENT_EXTENSIONS,
    use: z.string(),
    type: z.unknown(),
    system: z.string(),
    value: z.string(),
    period: z.unknown(),
    assigner: z.unknown(),
  })
  .partial();
const humanNameShape = z
  .strictObject({
    ...ELEMENT_EXTENSIONS,
    use: z.string(),
    text: z.string(),
    family: z.string(),
    given: z.array(z.string()),
    prefix: z.array(z.string()),
    suffix: z.array(z.string()),
    period: z.unknown(),
  })
  .partial();
/** The JSON shape of the elements this provider reads; the others only have to exist on the resource type. */
const SHAPES = {
  Device: z.object({
    id: z.string().optional(),
    identifier: z.array(identifierShape).optional(),
    model: z.string().optional(),
    version: z.string().optional(),
  }),
  Organization: z.object({
    id: z.string().optional(),
    identifier: z.array(identifierShape).optional(),
    name: z.string().optional(),
  }),
  Practitioner: z.object({
    id: z.string().optional(),
    identifier: z.array(identifierShape).optional(),
    name: z.array(humanNameShape).optional(),
  }),
} as const;

function isBlank(value: string | undefined): value is undefined {
  return value === undefined || value.trim().length === 0;
}

/** Steps 1 and 2 above: the claim as a resource of `type`, or the error that says why it is not one. */
function claimResource<T extends ClaimResourceType>(
  claims: Record<string, unknown>,
  name: string,
  type: T,
): z.infer<(typeof SHAPES)[T]> {
  const value = claims[name];
  if (!isRecord(value)) throw bad(`JWT claim ${name} is not a FHIR resource`);
  if (value['resourceType'] !== type) {
    throw bad(`JWT claim ${name} must be a ${type} resource, not ${String(value['resourceType'])}`);
  }
  const known = new Set<string>([...COMMON_ELEMENTS, ...ELEMENTS[type]]);
  // `_name` carries the id and extensions of a primitive element `name`.
  const stray = Object.keys(value).find(
    (key) => key !== 'resourceType' && !known.has(key.startsWith('_') ? key.slice(1) : key),
  );
  if (stray) {
    throw gpcError('INVALID_RESOURCE', `JWT claim ${name}: a ${type} has no element ${stray}`);
  }
  const parsed = SHAPES[type].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw gpcError(
      'INVALID_RESOURCE',
      `JWT claim ${name} is not a valid ${type}: ${issue ? `${[type, ...issue.path].join('.')}: ${issue.message}` : 'invalid'}`,
    );
  }
  return parsed.data as z.infer<(typeof SHAPES)[T]>;
}

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

  // Step 3: what GP Connect requires of each resource; an incomplete claim is a malformed request.
  const device = claimResource(claims, 'requesting_device', 'Device');
  const deviceIdentifier = device.identifier?.[0];
  if (isBlank(deviceIdentifier?.system) || isBlank(deviceIdentifier.value)) {
    throw bad('JWT requesting_device has no identifier with a system and a value');
  }
  if (isBlank(device.model) || isBlank(device.version)) {
    throw bad('JWT requesting_device has no model or no version');
  }
  const organisation = claimResource(claims, 'requesting_organization', 'Organization');
  if (isBlank(organisation.name)) throw bad('JWT requesting_organization has no name');
  const ods = organisation.identifier?.find((identifier) => identifier.system === SYS.odsOrg);
  if (isBlank(ods?.value)) throw bad('JWT requesting_organization has no ODS code identifier');
  const practitioner = claimResource(claims, 'requesting_practitioner', 'Practitioner');
  if (isBlank(practitioner.id)) throw bad('JWT requesting_practitioner has no id');
  const name = practitioner.name?.[0];
  if (isBlank(name?.family) || isBlank(name.given?.[0])) {
    throw bad('JWT requesting_practitioner has no name with a family and a given name');
  }
  const sdsUser = practitioner.identifier?.find((identifier) => identifier.system === SYS.sdsUser);
  if (isBlank(sdsUser?.value)) throw bad('JWT requesting_practitioner has no SDS user id identifier');
  if (practitioner.id !== claims['sub']) throw bad('JWT sub must equal requesting_practitioner.id');

  return {
    scope,
    requestingOrganisationOds: ods.value,
    requestingDevice: `${deviceIdentifier.system}|${deviceIdentifier.value}`,
    requestingUserId: practitioner.id,
  };
}
