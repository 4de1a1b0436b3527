import type { ApiErrorCode, FieldError, ValidationIssue } from '@gpbook/shared/errors';
import { CSRF_HEADER } from '@gpbook/shared/session';
import { apiError } from './answers';
import { csrfToken } from './csrf';

/**
 * Failures the web finds for itself, beside the codes the BFF answers with:
 * - `offline`: the request could not be sent and the browser says it is offline;
 * - `service_unreachable`: the request could not be sent (or its answer was lost) while the browser says it is
 *   online: our service did not answer;
 * - `invalid_response`: an answer that is not the patient API's (a proxy's error page, say), or one that does not
 *   match its schema.
 */
export type ClientErrorCode = 'offline' | 'service_unreachable' | 'invalid_response';

/** A failed patient API call, with the stable error code the screens turn into words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | ClientErrorCode,
    message: string,
    /** Per-field problems of a `validation_failed` answer. */
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The session has ended or never started: the patient must sign in (again). */
export function isSessionLost(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'unauthenticated' || error.code === 'session_expired');
}

/** The patient's own GP surgery has no record of them it will book for (not found, or flagged). */
export function isPatientNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'patient_not_found';
}

/**
 * Where a failed call went wrong, which decides what the patient is told:
 * - `offline`: this device has no connection;
 * - `service`: our service did not answer, or answered with something that is not the patient API's answer
 *   (a 5xx from a proxy or load balancer while it is down);
 * - `practice`: our service answered that the GP surgery's system is not answering (timeout, unreachable, error);
 * - `answered`: our service answered with any other of its codes (a refusal, a session that ended…).
 */
export type FailureSource = 'offline' | 'service' | 'practice' | 'answered';

const practiceCodes: ReadonlySet<string> = new Set<ApiErrorCode>([
  'practice_timeout',
  'practice_unavailable',
  'practice_error',
]);

export function failureSource(error: unknown): FailureSource {
  if (!(error instanceof ApiError)) return 'service';
  if (error.code === 'offline') return 'offline';
  if (error.code === 'service_unreachable' || error.code === 'invalid_response') return 'service';
  return practiceCodes.has(error.code) ? 'practice' : 'answered';
}

type Method = 'GET' | 'POST' | 'PATCH';

/**
 * What checks an answer: one of ./answers.ts (each held to its shared zod schema by answers.test.ts), or a zod
 * schema itself.
 */
export interface AnswerParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

interface RequestOptions<T> {
  /** Parses the 2xx answer; omit for answers without a body (204). */
  schema?: AnswerParser<T>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** What the BFF's error answer said, for the caller's own error class. */
export interface ErrorAnswer {
  status: number;
  code: ApiErrorCode | ClientErrorCode;
  message: string;
  fields: readonly FieldError[];
  issues: readonly ValidationIssue[];
}

/**
 * One JSON call to the BFF: sends `body` as JSON, parses a 2xx answer with `schema` (omit for a 204), and turns
 * every failure into the caller's error (`fail`): no answer at all (`offline` or `service_unreachable`, by what
 * the browser says of its connection), the BFF's typed error answer, or anything else (`invalid_response`). The
 * patient app's calls and the practice view's go through here, each with its own error class.
 */
export async function sendJson<T>(
  method: string,
  path: string,
  options: RequestOptions<T> & { headers?: Record<string, string> },
  fail: (answer: ErrorAnswer) => Error,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const failure = (status: number, code: ErrorAnswer['code'], message: string) =>
    fail({ status, code, message, fields: [], issues: [] });
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
    // fetch rejects only when no answer came at all: the device is offline, or our service did not answer.
    throw navigator.onLine
      ? failure(0, 'service_unreachable', 'The service did not answer')
      : failure(0, 'offline', 'The device is offline');
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiError.safeParse(body);
    if (parsed.success) {
      const { code, message, fields, issues } = parsed.data.error;
      throw fail({ status: response.status, code, message, fields: fields ?? [], issues: issues ?? [] });
    }
    // Not the BFF's answer (a proxy's error page, say): it tells us nothing of what happened.
    throw failure(response.status, 'invalid_response', `Unexpected status ${response.status}`);
  }
  if (!options.schema) return undefined as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success)
    throw failure(response.status, 'invalid_response', 'The service sent an unexpected answer');
  return parsed.data;
}

/** Calls the BFF and parses the answer with the check of the route's schema from `shared` (./answers.ts). */
export function apiRequest<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const token = method === 'GET' ? undefined : csrfToken();
  return sendJson(
    method,
    path,
    { ...options, ...(token ? { headers: { [CSRF_HEADER]: token } } : {}) },
    (answer) => new ApiError(answer.status, answer.code, answer.message, answer.fields),
  );
}

export function apiGet<T>(path: string, schema: AnswerParser<T>, signal?: AbortSignal): Promise<T> {
  return apiRequest('GET', path, { schema, signal });
}
