import type { ApiErrorCode, FieldError } from '@gpbook/shared/errors';
import type { GpConnectError } from '../gpconnect/errors.js';

/** An error the patient API answers with `{ error: { code, message } }` and the given status. */
export class ApiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'ApiHttpError';
  }
}

/**
 * Turns a failed GP Connect call into a patient API error. Provider diagnostics never pass through: they can
 * hold internal detail, so the message is ours.
 */
export function apiErrorFromGpConnect(error: GpConnectError): ApiHttpError {
  const { failure } = error;
  switch (failure.kind) {
    case 'unreachable':
      return new ApiHttpError(503, 'practice_unavailable', 'The practice system did not answer in time');
    case 'server_error':
      return new ApiHttpError(502, 'practice_error', 'The practice system reported an error');
    case 'invalid_response':
      return new ApiHttpError(502, 'practice_error', 'The practice system sent an answer we could not read');
    case 'rejected':
      if (failure.spineCode === 'ACCESS_DENIED' || failure.status === 403) {
        return new ApiHttpError(
          503,
          'practice_unavailable',
          'The practice does not offer online booking at the moment',
        );
      }
      return new ApiHttpError(502, 'practice_error', 'The practice system refused the request');
  }
}
