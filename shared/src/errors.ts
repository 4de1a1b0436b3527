import { z } from 'zod';

/**
 * Every error the patient API returns has this one shape. Codes are stable; the web turns them into words.
 * The message is safe to log and to show to a developer, but the web shows its own patient-facing text.
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
  'booking_outcome_unknown',
  'appointment_in_past',
  'appointment_cancelled',
  'appointment_changed',
  'range_too_long',
  'patient_not_found',
  'practice_unknown',
  'practice_unavailable',
  'practice_error',
  'rate_limited',
  'internal_error',
] as const;

export const apiErrorCodeSchema = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
