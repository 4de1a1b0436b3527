import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import type { InteractionName } from '../../gpconnect/constants.js';
import type { PracticeConfig } from '../config/schema.js';
import { claimsFor, spineHeaders } from '../test-support/spine-request.js';
import type { TestProvider } from '../test-support/provider.js';
import { PRACTICE_ADMIN_AUDIENCE, practiceAdminPath } from './contract.js';

/** The BFF's signing key as the practice-admin tests use it: its JWKS for the provider, and signers. */
export interface StaffKeys {
  jwks: JSONWebKeySet;
  /** Signs claims RS512 with the key of the JWKS. */
  sign(claims: Record<string, unknown>): Promise<string>;
  /** Signs claims RS512 with a key the provider does not know (same kid). */
  signWithOtherKey(claims: Record<string, unknown>): Promise<string>;
  /** Every header of a GP Connect request, with a Spine JWT signed by the key (the provider then requires it). */
  spineHeaders(practice: PracticeConfig, interaction: InteractionName): Promise<Record<string, string>>;
}

export async function staffKeys(): Promise<StaffKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS512');
  const other = await generateKeyPair('RS512');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bff', alg: 'RS512', use: 'sig' };
  const signer = (key: Parameters<SignJWT['sign']>[0]) => (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: 'bff' }).sign(key);
  const sign = signer(privateKey);
  return {
    jwks: { keys: [jwk] },
    sign,
    signWithOtherKey: signer(other.privateKey),
    async spineHeaders(practice, interaction) {
      return spineHeaders(practice, interaction, { token: await sign(claimsFor(interaction)) });
    },
  };
}

/** Valid practice-admin claims for a staff member of `practice`, issued at `nowMs`; override any of them. */
export function staffClaims(
  practice: string,
  nowMs: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: 'https://bff.example.nhs.uk',
    aud: PRACTICE_ADMIN_AUDIENCE,
    sub: 'staff-user-1',
    iat,
    exp: iat + 300,
    practice,
    staff_role: 'practice-manager',
    trace_id: 'trace-0001',
    ...overrides,
  };
}

export interface AdminAnswer {
  status: number;
  headers: Record<string, unknown>;
  json: <T = Record<string, unknown>>() => T;
}

/** A practice-admin request to a test provider (`path` below `/practice-admin/{ods}`). */
export async function adminSend(
  provider: TestProvider,
  method: 'GET' | 'PUT' | 'POST',
  odsCode: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; ifMatch?: string } = {},
): Promise<AdminAnswer> {
  const response = await provider.app.inject({
    method,
    url: `${practiceAdminPath(odsCode)}${path}`,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    json: <T>() => response.json<T>(),
  };
}
