import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import {
  PRACTICE_ADMIN_ALGORITHM,
  PRACTICE_ADMIN_AUDIENCE,
  PRACTICE_ADMIN_TOKEN_MAX_SECONDS,
  practiceAdminClaimsSchema,
  type PracticeAdminClaims,
} from './contract.js';
import { AdminError } from './errors.js';

/**
 * Checks a practice-admin bearer token (docs/decisions/0060): signed RS512 by a key of the BFF's JWKS (the one
 * the provider already trusts for Spine JWTs), `aud` = `practice-admin`, unexpired at `now`, living at most
 * five minutes (`exp` − `iat`), with the claims the audit trail needs. Anything else is 401 `unauthenticated`;
 * the message says which rule failed, never the token.
 */
export function staffTokenVerifier(jwks: JSONWebKeySet) {
  const keys = createLocalJWKSet(jwks);
  return async (authorization: string | undefined, now: Date): Promise<PracticeAdminClaims> => {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '');
    if (!match?.[1]) throw unauthenticated('A bearer token is required');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        algorithms: [PRACTICE_ADMIN_ALGORITHM],
        audience: PRACTICE_ADMIN_AUDIENCE,
        currentDate: now,
        maxTokenAge: PRACTICE_ADMIN_TOKEN_MAX_SECONDS,
        requiredClaims: ['iss', 'sub', 'iat', 'exp'],
      }));
    } catch (error) {
      throw unauthenticated(reasonOf(error));
    }
    const claims = practiceAdminClaimsSchema.safeParse(payload);
    if (!claims.success) {
      const fields = [...new Set(claims.error.issues.map((issue) => issue.path.join('.')))].join(', ');
      throw unauthenticated(`The token's claims are missing or malformed (${fields})`);
    }
    if (claims.data.exp - claims.data.iat > PRACTICE_ADMIN_TOKEN_MAX_SECONDS) {
      throw unauthenticated(
        `The token must expire at most ${PRACTICE_ADMIN_TOKEN_MAX_SECONDS} s after it is issued`,
      );
    }
    return claims.data;
  };
}

function unauthenticated(message: string): AdminError {
  return new AdminError(401, 'unauthenticated', message);
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is not signed by a known key';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return `The token must be signed ${PRACTICE_ADMIN_ALGORITHM}`;
  return 'The token is not a valid signed JWT';
}
