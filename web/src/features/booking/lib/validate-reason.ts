import {
  COMMENT_MAX,
  COMMENT_MAX_WITH_PHONE,
  commentSchema,
  descriptionSchema,
  phoneSchema,
} from '@gpbook/shared/appointments';
import type { FormError } from '../../../components/error-summary';

export type ReasonField = 'description' | 'comment' | 'phone';

/** Checks the answers with the contract's own rules, so the patient hears about problems before booking. */
export function validateReason(values: Record<ReasonField, string>, needsPhone: boolean): FormError[] {
  const errors: FormError[] = [];
  const description = descriptionSchema.safeParse(values.description);
  if (!description.success)
    errors.push({ fieldId: 'description', text: description.error.issues[0]?.message ?? 'Enter a reason' });
  const commentLimit = needsPhone ? COMMENT_MAX_WITH_PHONE : COMMENT_MAX;
  const comment = commentSchema.safeParse(values.comment);
  if (!comment.success)
    errors.push({
      fieldId: 'comment',
      text: comment.error.issues[0]?.message ?? 'Check the extra information',
    });
  else if (comment.data.length > commentLimit) {
    errors.push({
      fieldId: 'comment',
      text: `Extra information must be ${commentLimit} characters or fewer when you give a phone number`,
    });
  }
  if (needsPhone) {
    if (values.phone.trim() === '')
      errors.push({ fieldId: 'phone', text: 'Enter the phone number the surgery should call' });
    else {
      const phone = phoneSchema.safeParse(values.phone);
      if (!phone.success)
        errors.push({ fieldId: 'phone', text: phone.error.issues[0]?.message ?? 'Enter a UK phone number' });
    }
  }
  return errors;
}
