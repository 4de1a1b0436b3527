import { commentSchema, descriptionSchema, phoneSchema } from '@gpbook/shared/appointments';
import type { FormError } from '../../../components/error-summary';

export type ReasonField = 'description' | 'comment';

/**
 * Checks the reason and the extra information with the contract's own rules, so the patient hears about problems
 * before booking. `commentMax` is the extra information's limit: less for a telephone appointment, whose number
 * travels in the same field of the practice's system (decision 0004).
 */
export function validateReason(values: Record<ReasonField, string>, commentMax: number): FormError[] {
  const errors: FormError[] = [];
  const description = descriptionSchema.safeParse(values.description);
  if (!description.success)
    errors.push({ fieldId: 'description', text: description.error.issues[0]?.message ?? 'Enter a reason' });
  const comment = commentSchema.safeParse(values.comment);
  if (!comment.success)
    errors.push({
      fieldId: 'comment',
      text: comment.error.issues[0]?.message ?? 'Check the extra information',
    });
  else if (comment.data.length > commentMax) {
    errors.push({ fieldId: 'comment', text: `Extra information must be ${commentMax} characters or fewer` });
  }
  return errors;
}

/** Checks the number the surgery should call with the contract's own rule; undefined when it will do. */
export function validatePhone(value: string): string | undefined {
  if (value.trim() === '') return 'Enter the phone number the surgery should call';
  const parsed = phoneSchema.safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Enter a UK phone number');
}
