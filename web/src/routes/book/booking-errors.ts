import { CHECK_APPOINTMENTS, writeErrorText, type WriteKind } from '../../lib/write-error-text';
import type { FormError } from '../../components/error-summary';
import { ApiError } from '../../lib/api-client';

/** A failed booking, change or cancellation, as an error summary. */
export interface WriteFailure {
  /**
   * `fields`: the BFF found answers to fix (linked to where they are fixed); `unchanged`: nothing was booked,
   * changed or cancelled; `unknown`: we could not find out, so the patient must check before trying again.
   */
  outcome: 'fields' | 'unchanged' | 'unknown';
  title: string;
  /** What happened and why, then (when we do not know) what to do. */
  description?: readonly string[] | undefined;
  errors: FormError[];
}

/**
 * A failed write as an error summary: the BFF's field problems, or what happened to the appointment (not booked,
 * or not known), why, and what to do.
 */
export function writeErrors(
  error: unknown,
  kind: WriteKind,
  /** The page where the answer to a field is changed, when it is on another page. */
  answersPage?: (field: string) => string | undefined,
): WriteFailure {
  if (error instanceof ApiError && error.code === 'validation_failed' && error.fields.length > 0) {
    return {
      outcome: 'fields',
      title: 'There is a problem',
      errors: error.fields.map((field) => ({ text: field.message, to: answersPage?.(field.field) })),
    };
  }
  const text = writeErrorText(error, kind);
  return text.outcome === 'unknown'
    ? {
        outcome: 'unknown',
        title: text.title,
        description: text.next ? [text.body, text.next] : [text.body],
        // While the service or the connection is down, `next` says when to check: a link would lead nowhere.
        errors: text.next ? [] : [{ ...CHECK_APPOINTMENTS }],
      }
    : {
        outcome: 'unchanged',
        title: text.title,
        description: [text.body],
        errors: text.link ? [{ text: text.link.text, to: text.link.to }] : [],
      };
}
