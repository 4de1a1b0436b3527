import { failureSource, type ApiError } from './api-client';
import { isOutcomeUnknown } from './outcome-unknown';
import { errorText, type ErrorText } from './error-text';

// What to say when a booking, change or cancellation fails: with the booking pages, not the first page (decision
// 0080).

/** A change the patient asked the practice's system to make. */
export type WriteKind = 'book' | 'cancel' | 'change';

const done: Record<WriteKind, string> = { book: 'booked', cancel: 'cancelled', change: 'changed' };

/** Where the patient sees what their GP surgery's system now holds, after a change we could not confirm. */
export const CHECK_APPOINTMENTS = { text: 'Check your appointments before you try again', to: '/' } as const;

/**
 * What to tell the patient when a booking, change or cancellation fails, led by what happened to the appointment:
 * - `unchanged`: the practice's system was left as it was (every BFF error but `outcome_unknown`), so the title says
 *   "has not been booked" (or cancelled, or changed) and the body why, and what to do;
 * - `unknown`: we could not find out, so the title says so and the body why; the patient must check their
 *   appointments before they try again: at once ({@link CHECK_APPOINTMENTS}) when our service answers, else
 *   `next` says when, and what to do meanwhile.
 */
export function writeErrorText(
  error: unknown,
  kind: WriteKind,
): {
  outcome: 'unchanged' | 'unknown';
  title: string;
  body: string;
  next?: string;
  link?: ErrorText['link'];
} {
  if (isOutcomeUnknown(error)) {
    const title = `We do not know if your appointment was ${done[kind]}`;
    switch (failureSource(error)) {
      case 'offline':
        return {
          outcome: 'unknown',
          title,
          body: 'Your device went offline before we heard back from your GP surgery’s system.',
          next: 'When you’re back online, check your appointments before you try again.',
        };
      case 'service':
        return {
          outcome: 'unknown',
          title,
          body: 'This service stopped answering before we could find out. The problem is with this service, not with your GP surgery.',
          next: 'When this service is working again, check your appointments before you try again. If you need to know now, phone your GP surgery.',
        };
      default:
        // What to do is the link to the appointments ({@link CHECK_APPOINTMENTS}): the service is answering.
        return {
          outcome: 'unknown',
          title,
          body: 'We asked your GP surgery’s system, but could not find out what happened.',
        };
    }
  }
  const text = errorText(error as ApiError);
  // "This appointment has changed" after "has not been changed" would read as a contradiction: say only why.
  const why = (error as ApiError).code === 'appointment_changed' ? text.body : `${text.title}. ${text.body}`;
  return {
    outcome: 'unchanged',
    title: `Your appointment has not been ${done[kind]}`,
    body: why,
    link: text.link,
  };
}
