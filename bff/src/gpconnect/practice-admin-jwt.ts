import { SignJWT, type CryptoKey, type KeyObject } from 'jose';

/**
 * The bearer token the BFF sends to a provider's practice-admin API (issue 14; the reference provider's
 * bff/src/provider/admin/contract.ts): signed RS512 with the key the BFF signs Spine JWTs with, short-lived, and
 * naming the member of staff (an opaque id, never a name), the practice they act for, their role and the trace id.
 */

export const PRACTICE_ADMIN_JWT_AUDIENCE = 'practice-admin';
/** How long a token lives: well under the provider's limit of 300 seconds, one request's worth. */
export const PRACTICE_ADMIN_JWT_SECONDS = 60;

export interface PracticeAdminJwtInput {
  /** The BFF's public URL. */
  issuer: string;
  /** The opaque staff user id. */
  staffUserId: string;
  staffRole: string;
  /** The ODS code of the practice acted for: the provider refuses a token for another practice's path. */
  practice: string;
  traceId: string;
  signing: { privateKey: CryptoKey | KeyObject; kid: string };
  /** Seconds since the epoch; defaults to now. */
  now?: number;
}

export async function buildPracticeAdminJwt(input: PracticeAdminJwtInput): Promise<string> {
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ practice: input.practice, staff_role: input.staffRole, trace_id: input.traceId })
    .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: input.signing.kid })
    .setIssuer(input.issuer)
    .setAudience(PRACTICE_ADMIN_JWT_AUDIENCE)
    .setSubject(input.staffUserId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + PRACTICE_ADMIN_JWT_SECONDS)
    .sign(input.signing.privateKey);
}
