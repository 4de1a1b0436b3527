import type { FormError } from '../../components/error-summary';
import { ApiError } from '../../lib/api-client';
import { errorText } from '../../lib/error-text';

/** A failed booking as an error summary: the BFF's field problems (linked to where they are fixed), or what happened. */
export function bookingErrors(
  error: unknown,
  answersPage: string | undefined,
): { errors: FormError[]; title: string } {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.fields.length > 0) {
    return {
      title: 'There is a problem',
      errors: error.fields.map((field) => ({ text: field.message, to: answersPage })),
    };
  }
  const text = errorText(
    error instanceof ApiError ? error : new ApiError(0, 'internal_error', 'Unexpected error'),
  );
  return { title: text.title, errors: [{ text: text.body }] };
}

export function isSlotTaken(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'slot_taken' || error.code === 'slot_unavailable');
}
