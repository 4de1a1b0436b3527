import { z } from 'zod';

/**
 * Every error the patient API returns has this one shape. Codes are stable; the web turns them into words.
 * The message is safe to log and to show to a developer, but the web shows its own patient-facing text.
 *
 * After a write (book, amend, cancel, reschedule) every error except `outcome_unknown` means the practice's system
 * was left as it was: nothing was booked, changed or cancelled. `outcome_unknown` means we could not find out;
 * the appointments list shows the truth once the practice answers again.
 *
 * - `practice_unavailable`: the practice's system could not be reached (connection refused or dropped, 5xx).
 * - `practice_timeout`: the practice's system did not answer in time.
 * - `practice_cannot_book`: this practice's system cannot book appointments for this patient (it does not offer
 *   registration of visiting patients, or refused it); permanent, so choose another practice or phone.
 * - `patient_not_found`: the patient's own practice has no record it can book for (not found, or flagged).
 *
 * The practice view (staff only, ./practice-view.ts) adds:
 * - `forbidden` (403): the staff session may not act for that practice, or may not change its rules;
 * - `not_supported` (501): the practice's provider does not offer a practice-admin API ("why not?", rules, audit
 *   need the reference provider or one like it);
 * - `version_required` (428): a rules change without If-Match;
 * - `version_conflict` (412): the rules changed since they were read: read them again;
 * - `invalid_rules` (422): the rules do not validate; `issues` says where and why.
 */
export const apiErrorCodes = [
  'bad_request',
  'validation_failed',
  'not_found',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'csrf_failed',
  'slot_taken',
  'slot_unavailable',
  'outcome_unknown',
  'appointment_in_past',
  'appointment_cancelled',
  'appointment_changed',
  'range_too_long',
  'patient_not_found',
  'practice_unknown',
  'practice_unavailable',
  'practice_timeout',
  'practice_cannot_book',
  'practice_error',
  'rate_limited',
  'internal_error',
  'not_supported',
  'version_required',
  'version_conflict',
  'invalid_rules',
] as const;

export const apiErrorCodeSchema = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Where a value fails its rules (`invalid_rules`): its path inside the sent document, and why. */
export const validationIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
    /** With `invalid_rules`: every problem the provider found, paths relative to the sent `rules`. */
    issues: z.array(validationIssueSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
