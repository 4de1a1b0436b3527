import type { ApiErrorCode, ValidationIssue } from '@gpbook/shared/errors';
import { CSRF_HEADER } from '@gpbook/shared/session';
import type { AnswerParser } from '../../../lib/api-client';
import { apiError } from '../../../lib/answers';

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
export async function practiceRequest<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: PracticeRequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && options.csrfToken) headers[CSRF_HEADER] = options.csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw navigator.onLine
      ? new PracticeApiError(0, 'service_unreachable', 'The service did not answer')
      : new PracticeApiError(0, 'offline', 'The device is offline');
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiError.safeParse(body);
    if (parsed.success) {
      const { code, message, issues } = parsed.data.error;
      throw new PracticeApiError(response.status, code, message, issues ?? []);
    }
    throw new PracticeApiError(response.status, 'invalid_response', `Unexpected status ${response.status}`);
  }
  if (!options.schema) return undefined as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success)
    throw new PracticeApiError(response.status, 'invalid_response', 'The service sent an unexpected answer');
  return parsed.data;
}

/** Retry only what might succeed on a second try (no answer, or a gateway's 502-504), at most twice. */
export function retryPracticeQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2 || !(error instanceof PracticeApiError)) return false;
  return error.status === 0 || (error.status >= 502 && error.status <= 504);
}
