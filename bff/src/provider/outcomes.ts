import { PROFILE, SPINE_ERRORS, SYS } from '../gpconnect/constants.js';
import type { WrittenOperationOutcome } from './resources/fhir-types.js';

/**
 * Every Spine error code this provider answers with, and the HTTP status and OperationOutcome `issue.code` that
 * go with it. The rows are GP Connect 1.2.8's error table (development_fhir_error_handling_guidance), plus two the
 * table leaves out: FHIR_CONSTRAINT_VIOLATION (409, the If-Match conflict of the assurance suite) and
 * UNSUPPORTED_MEDIA_TYPE (415, which the general API guidance requires; the code is in Spine-ErrorOrWarningCode-1
 * since 1.6.0, and `not-supported` is the issue type the spec gives a 415). See docs/decisions/0030.
 *
 * The code decides the status and the issue code, so they cannot disagree: there is no way to answer a Spine
 * code with another status, except for the HTTP-layer limits in {@link HttpLayerStatus}.
 */
export const ERROR_TABLE = SPINE_ERRORS;

export type ProviderErrorCode = keyof typeof ERROR_TABLE;

/**
 * Statuses HTTP itself prescribes for a request that broke a transport limit before GP Connect could look at it
 * (a request timeout, a body or header block over the limit). They carry BAD_REQUEST, the table's code for "an
 * apparent client error", and are the only statuses a Spine code may be answered with other than its own.
 */
export type HttpLayerStatus = 408 | 413 | 431;
export const HTTP_LAYER_STATUSES: readonly HttpLayerStatus[] = [408, 413, 431];

/** A GP Connect error on its way to the consumer, as one row of {@link ERROR_TABLE}. */
export class GpcError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProviderErrorCode,
    readonly diagnostics: string,
  ) {
    super(`${code}: ${diagnostics}`);
    this.name = 'GpcError';
    this.status = ERROR_TABLE[code].status;
  }
}

/** A BAD_REQUEST answered with the status HTTP prescribes for a transport limit (see {@link HttpLayerStatus}). */
export class HttpLayerError extends GpcError {
  override readonly status: HttpLayerStatus;
  constructor(status: HttpLayerStatus, diagnostics: string) {
    super('BAD_REQUEST', diagnostics);
    this.status = status;
  }
}

export function gpcError(code: ProviderErrorCode, diagnostics: string): GpcError {
  return new GpcError(code, diagnostics);
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  meta: { profile: string[] };
  issue: Array<{
    severity: 'error';
    code: string;
    details: { coding: Array<{ system: string; code: string; display: string }> };
    diagnostics: string;
  }>;
}

export function operationOutcome(code: ProviderErrorCode, diagnostics: string): OperationOutcome {
  const entry = ERROR_TABLE[code];
  return {
    resourceType: 'OperationOutcome',
    meta: { profile: [PROFILE.operationOutcome] },
    issue: [
      {
        severity: 'error' as const,
        code: entry.issueCode,
        details: { coding: [{ system: SYS.spineError, code, display: entry.display }] },
        diagnostics,
      },
    ],
  } satisfies WrittenOperationOutcome;
}
