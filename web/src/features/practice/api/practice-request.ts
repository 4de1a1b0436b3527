import type { ApiErrorCode, ValidationIssue } from '@gpbook/shared/errors';
import { CSRF_HEADER } from '@gpbook/shared/session';
import { sendJson, type AnswerParser } from '../../../lib/api-client';

/** Failures the practice view finds for itself, beside the BFF's codes (as the patient app's API client). */
export type PracticeClientErrorCode = 'offline' | 'service_unreachable' | 'invalid_response';

/**
 * A failed practice-view call. Its own class, not the patient app's ApiError: a 401 here means the *staff*
 * session ended, and must not be taken by the patient app's query client for the patient's session ending.
 */
export class PracticeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | PracticeClientErrorCode,
    message: string,
    /** With `invalid_rules`: where the rules fail and why (paths relative to the sent `rules`). */
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'PracticeApiError';
  }
}

/** The staff session has ended or never started: the member of staff must sign in (again). */
export function isStaffSessionLost(error: unknown): error is PracticeApiError {
  return (
    error instanceof PracticeApiError &&
    (error.code === 'unauthenticated' || error.code === 'session_expired')
  );
}

interface PracticeRequestOptions<T> {
  /** Parses the 2xx answer with the check of the contract's schema (./answers.ts); omit for a 204. */
  schema?: AnswerParser<T>;
  body?: unknown;
  /** The staff session's CSRF token, for every request that changes something. */
  csrfToken?: string | undefined;
  /** The rules version the change was made to (sent as If-Match). */
  ifMatch?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Calls the BFF's staff API and parses the answer with the route's schema from `shared`. */
export function practiceRequest<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: PracticeRequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && options.csrfToken) headers[CSRF_HEADER] = options.csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  return sendJson(
    method,
    path,
    {
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      signal: options.signal,
      headers,
    },
    (answer) => new PracticeApiError(answer.status, answer.code, answer.message, answer.issues),
  );
}

/** Retry only what might succeed on a second try (no answer, or a gateway's 502-504), at most twice. */
export function retryPracticeQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2 || !(error instanceof PracticeApiError)) return false;
  return error.status === 0 || (error.status >= 502 && error.status <= 504);
}
