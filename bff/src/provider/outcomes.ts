import { PROFILE, SPINE_ERRORS, SYS, type SpineErrorCode } from '../gpconnect/constants.js';

/**
 * A GP Connect error on its way to the consumer: the Spine code decides the HTTP status and the
 * OperationOutcome issue code, so they can never disagree (one place, as in Medplum's outcomes).
 */
export class GpcError extends Error {
  readonly status: number;
  constructor(
    readonly code: SpineErrorCode,
    readonly diagnostics: string,
    /** Overrides the table's status where the spec says so (e.g. 415 with BAD_REQUEST). */
    status?: number,
  ) {
    super(`${code}: ${diagnostics}`);
    this.name = 'GpcError';
    this.status = status ?? SPINE_ERRORS[code].status;
  }
}

export function gpcError(code: SpineErrorCode, diagnostics: string, status?: number): GpcError {
  return new GpcError(code, diagnostics, status);
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

export function operationOutcome(code: SpineErrorCode, diagnostics: string): OperationOutcome {
  const entry = SPINE_ERRORS[code];
  return {
    resourceType: 'OperationOutcome',
    meta: { profile: [PROFILE.operationOutcome] },
    issue: [
      {
        severity: 'error',
        code: entry.issueCode,
        details: { coding: [{ system: SYS.spineError, code, display: entry.display }] },
        diagnostics,
      },
    ],
  };
}
