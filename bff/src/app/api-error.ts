import type { ApiErrorCode, FieldError } from '@gpbook/shared/errors';

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
