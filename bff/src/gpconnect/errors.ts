import type { FhirOperationOutcome } from './fhir-schemas.js';

/** Why a GP Connect call failed, in terms the patient API can act on. */
export type GpConnectFailure =
  /**
   * No answer. `refused`: the request never reached the provider (connection refused, no such host), so a write
   * was not made. `dropped`: the connection broke after the request went, so a write may have been made.
   * `timeout`: no answer in time (the request's deadline or `GPC_TIMEOUT_MS`); a write may have been made.
   */
  | { kind: 'unreachable'; cause: 'timeout' | 'refused' | 'dropped' }
  /** The provider answered 5xx. */
  | { kind: 'server_error'; status: number; spineCode?: string }
  /** The provider answered 4xx with an OperationOutcome (or without one). */
  | { kind: 'rejected'; status: number; spineCode?: string; diagnostics?: string }
  /** The provider answered 2xx with a body we cannot use. */
  | { kind: 'invalid_response'; status: number; detail: string };

export class GpConnectError extends Error {
  constructor(
    readonly failure: GpConnectFailure,
    readonly interaction: string,
  ) {
    super(`GP Connect ${interaction} failed: ${describe(failure)}`);
    this.name = 'GpConnectError';
  }

  /** The Spine error code of a rejection, e.g. `DUPLICATE_REJECTED`, or undefined. */
  get spineCode(): string | undefined {
    return this.failure.kind === 'rejected' || this.failure.kind === 'server_error'
      ? this.failure.spineCode
      : undefined;
  }
}

function describe(failure: GpConnectFailure): string {
  switch (failure.kind) {
    case 'unreachable':
      return `provider unreachable (${failure.cause})`;
    case 'server_error':
      return `provider error ${failure.status}${failure.spineCode ? ` ${failure.spineCode}` : ''}`;
    case 'rejected':
      return `rejected ${failure.status}${failure.spineCode ? ` ${failure.spineCode}` : ''}`;
    case 'invalid_response':
      return `invalid response (${failure.status}): ${failure.detail}`;
  }
}

/**
 * The Spine code of an OperationOutcome's first issue. Matches on the code only: providers use either the
 * CodeSystem or the ValueSet URL as the system, and some spell `ACCESS DENIED` with a space.
 */
export function spineCodeOf(outcome: FhirOperationOutcome): string | undefined {
  const code = outcome.issue[0]?.details?.coding?.find((coding) => coding.code)?.code;
  return code === 'ACCESS DENIED' ? 'ACCESS_DENIED' : code;
}
