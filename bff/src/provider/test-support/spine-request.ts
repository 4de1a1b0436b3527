import { spineJwtClaims } from '../../gpconnect/spine-jwt.js';
import { FHIR_JSON_CONTENT_TYPE, IID, type InteractionName } from '../../gpconnect/constants.js';

/** The consumer every provider test speaks as. */
export const TEST_CONSUMER = {
  issuer: 'https://consumer.example.nhs.uk/',
  odsCode: 'GPA001',
  organisationName: 'Test consumer',
  deviceSystem: 'https://consumer.example.nhs.uk/Id/device',
  deviceId: 'test-device',
  productName: 'Provider tests',
  productVersion: '1.0.0',
  userIdSystem: 'https://consumer.example.nhs.uk/Id/user',
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Valid Spine JWT claims for an interaction (the consumer's own builder), to tweak in tests. */
export function claimsFor(
  interaction: InteractionName,
  audience = 'http://localhost/STU3/1',
  now?: number,
): Record<string, unknown> {
  return spineJwtClaims({
    interaction,
    audience,
    consumer: TEST_CONSUMER,
    user: { id: 'user-1', family: 'Tester', given: ['Terry'] },
    signing: { kind: 'none' },
    ...(now === undefined ? {} : { now }),
  });
}

/** The spec's unsecured JWT: `{"alg":"none","typ":"JWT"}`, the claims, and an empty signature. */
export function unsecuredJwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'none', typ: 'JWT' },
): string {
  return `${base64url(header)}.${base64url(claims)}.`;
}

/** Every header a valid request for `interaction` to `practice` carries. */
export function spineHeaders(
  practice: { asid: string },
  interaction: InteractionName,
  options: { claims?: Record<string, unknown>; token?: string } = {},
): Record<string, string> {
  const token = options.token ?? unsecuredJwt(options.claims ?? claimsFor(interaction));
  return {
    'ssp-traceid': crypto.randomUUID(),
    'ssp-from': '200000000001',
    'ssp-to': practice.asid,
    'ssp-interactionid': IID[interaction],
    authorization: `Bearer ${token}`,
    accept: 'application/fhir+json',
    'content-type': FHIR_JSON_CONTENT_TYPE,
  };
}
