import { apiErrorSchema } from '@gpbook/shared/errors';

/** A patient API call as a test sees it: status, headers, raw text, and the JSON body when there is one. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Calls the BFF at `baseUrl` as the patient whose session `headers` carry (cookie, CSRF token, Origin). */
export function patientApi(baseUrl: () => string, headers: () => Record<string, string>) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    as: Record<string, string> = headers(),
  ): Promise<ApiAnswer> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: isJson && text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
}

/** The `error.code` of a patient API error body (fails the test if the body is not one). */
export function errorCode(json: unknown): string {
  return apiErrorSchema.parse(json).error.code;
}
