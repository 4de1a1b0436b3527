import { apiErrorSchema, type ApiErrorCode, type FieldError } from '@gpbook/shared/errors';
import { CSRF_HEADER } from '@gpbook/shared/session';
import type { z } from 'zod';
import { csrfToken } from './csrf';

/** A failed patient API call, with the stable error code the screens turn into words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network_error' | 'invalid_response',
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

/**
 * After a booking, change or cancellation failed: whether we cannot tell what the practice's system now holds.
 * The BFF says so with `outcome_unknown`; every other error it answers means nothing was changed. A lost connection,
 * or an answer we could not read (which may not even come from the BFF), tells us nothing either way.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return (
    !(error instanceof ApiError) ||
    error.code === 'outcome_unknown' ||
    error.code === 'network_error' ||
    error.code === 'invalid_response'
  );
}

type Method = 'GET' | 'POST' | 'PATCH';

interface RequestOptions<T> {
  /** Parses the 2xx answer; omit for answers without a body (204). */
  schema?: z.ZodType<T>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** Calls the BFF and parses the answer with the route's schema from `shared`. */
export async function apiRequest<T>(
  method: Method,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
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
    throw new ApiError(0, 'network_error', 'Could not reach the service');
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new ApiError(response.status, code, message, fields ?? []);
    }
    // Not the patient API's answer (a proxy's error page, say): it tells us nothing of what happened.
    throw new ApiError(response.status, 'invalid_response', `Unexpected status ${response.status}`);
  }
  if (!options.schema) return undefined as T;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(response.status, 'invalid_response', 'The service sent an unexpected answer');
  return parsed.data;
}

export function apiGet<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return apiRequest('GET', path, { schema, signal });
}
