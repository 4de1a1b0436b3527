import { z } from 'zod';
import { deliveryChannelSchema, practitionerRoleSchema, practitionerSchema } from './codes.js';
import { odsCodeSchema, unavailablePracticeSchema } from './practices.js';
import { appointmentLocationSchema, slotIdSchema } from './slots.js';
import { dateTimeWithOffsetSchema, londonDateSchema } from './time.js';

/**
 * The patient's appointments: book (`POST /api/appointments`), list (`GET /api/appointments`), amend
 * (`PATCH /api/appointments/:id`), cancel (`POST /api/appointments/:id/cancel`) and reschedule
 * (`POST /api/appointments/:id/reschedule`).
 */

/** GP Connect's limits on the free text a practice stores with an appointment. */
export const DESCRIPTION_MAX = 100;
export const COMMENT_MAX = 500;
export const CANCELLATION_REASON_MAX = 200;
/**
 * A telephone appointment's phone number travels in the appointment comment (GP Connect has no field for it), so
 * the patient's own comment must leave room for it.
 */
export const COMMENT_MAX_WITH_PHONE = 460;

/** An appointment's id: opaque to the web; the BFF puts the practice and the practice system's id in it. */
export const appointmentIdSchema = z.string().regex(/^[A-Za-z0-9~._-]{1,120}$/, 'Not an appointment id');
export type AppointmentId = z.infer<typeof appointmentIdSchema>;

export const appointmentParamsSchema = z.object({ id: appointmentIdSchema });

/** Why the patient wants the appointment: shown to practice staff. Must not be used for clinical handover. */
export const descriptionSchema = z
  .string()
  .trim()
  .min(1, 'Enter a reason for the appointment')
  .max(DESCRIPTION_MAX, `Reason must be ${DESCRIPTION_MAX} characters or fewer`);

export const commentSchema = z
  .string()
  .trim()
  .max(COMMENT_MAX, `Extra information must be ${COMMENT_MAX} characters or fewer`);

/** A UK phone number the practice can call: 10 to 13 digits, spaces, brackets, dashes and a leading + allowed. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s()-]{10,20}$/, 'Enter a UK phone number, like 07700 900 982')
  .refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 10 && digits <= 13;
  }, 'Enter a UK phone number, like 07700 900 982');

const withPhoneRoom = (value: { comment?: string | undefined; phone?: string | undefined }) =>
  value.phone === undefined || value.comment === undefined || value.comment.length <= COMMENT_MAX_WITH_PHONE;
const phoneRoomIssue = {
  message: `Extra information must be ${COMMENT_MAX_WITH_PHONE} characters or fewer when you give a phone number`,
  path: ['comment'],
};

/**
 * `POST /api/appointments`. `slotIds` are one slot or several adjacent slots of one session. `phone` is required
 * when the slots are telephone appointments: only the BFF knows the channel, so it checks (`validation_failed`).
 */
export const bookAppointmentRequestSchema = z
  .object({
    slotIds: z.array(slotIdSchema).min(1).max(6),
    description: descriptionSchema,
    comment: commentSchema.optional(),
    phone: phoneSchema.optional(),
  })
  .refine(withPhoneRoom, phoneRoomIssue);
export type BookAppointmentRequest = z.infer<typeof bookAppointmentRequestSchema>;

export const appointmentStatusSchema = z.enum(['booked', 'cancelled']);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

/** An appointment as the patient sees it. */
export const appointmentSchema = z.object({
  id: appointmentIdSchema,
  practice: z.object({ odsCode: odsCodeSchema, name: z.string().min(1) }),
  status: appointmentStatusSchema,
  start: dateTimeWithOffsetSchema,
  end: dateTimeWithOffsetSchema,
  durationMinutes: z.number().int().positive(),
  practitioner: practitionerSchema.optional(),
  role: practitionerRoleSchema,
  channel: deliveryChannelSchema,
  /** The practice's name for this kind of appointment, e.g. "General GP Appointment". */
  slotType: z.string().min(1),
  location: appointmentLocationSchema,
  description: z.string(),
  comment: z.string().optional(),
  /** The number the practice will call, for telephone appointments booked with one. */
  phone: z.string().optional(),
  cancellationReason: z.string().optional(),
  /** When it was booked, London local time with offset. */
  created: dateTimeWithOffsetSchema.optional(),
  /**
   * The practice system's version of the appointment (GP Connect `meta.versionId`, opaque): changes with every
   * amendment and with the cancellation. Calendar files use it for SEQUENCE.
   */
  version: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,64}$/)
    .optional(),
  /** Booked and not yet started: the practice accepts a cancellation. */
  canCancel: z.boolean(),
  /** Booked and not yet started: the description and comment may change. */
  canAmend: z.boolean(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** `GET /api/appointments`: upcoming appointments (today onwards, including cancelled ones), soonest first. */
export const appointmentsResponseSchema = z.object({
  appointments: z.array(appointmentSchema),
  /** Today in London: GP Connect returns nothing earlier. */
  earliestDate: londonDateSchema,
  /** What the list covers, for the patient, e.g. "This list shows appointments from today onwards." */
  note: z.string(),
  /**
   * Federation practices whose systems did not answer in time this once: their appointments are missing from the
   * list, and the patient must be told so (never shown as "no appointments there").
   */
  unavailable: z.array(unavailablePracticeSchema),
});
export type AppointmentsResponse = z.infer<typeof appointmentsResponseSchema>;

/** `PATCH /api/appointments/:id`: change what the practice reads. An empty `comment` removes it. */
export const amendAppointmentRequestSchema = z
  .object({ description: descriptionSchema.optional(), comment: commentSchema.optional() })
  .refine((value) => value.description !== undefined || value.comment !== undefined, {
    message: 'Change the reason or the extra information',
  });
export type AmendAppointmentRequest = z.infer<typeof amendAppointmentRequestSchema>;

/** `POST /api/appointments/:id/cancel`. */
export const cancelAppointmentRequestSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why you are cancelling')
    .max(CANCELLATION_REASON_MAX, `Reason must be ${CANCELLATION_REASON_MAX} characters or fewer`),
});
export type CancelAppointmentRequest = z.infer<typeof cancelAppointmentRequestSchema>;

/**
 * `POST /api/appointments/:id/reschedule`: book `slotIds`, then cancel the appointment `:id`. `description` and
 * `comment` default to the old appointment's; `phone` as for booking.
 */
export const rescheduleAppointmentRequestSchema = z
  .object({
    slotIds: z.array(slotIdSchema).min(1).max(6),
    description: descriptionSchema.optional(),
    comment: commentSchema.optional(),
    phone: phoneSchema.optional(),
  })
  .refine(withPhoneRoom, phoneRoomIssue);
export type RescheduleAppointmentRequest = z.infer<typeof rescheduleAppointmentRequestSchema>;

/**
 * What the practice's system holds for the old appointment after a reschedule booked the new one:
 * `cancelled`; `still-booked` (the cancel was refused or did not happen: the patient has both); or `unknown` (the
 * cancel was sent but its outcome could not be read back: the patient must check).
 */
export const previousAppointmentOutcomeSchema = z.enum(['cancelled', 'still-booked', 'unknown']);
export type PreviousAppointmentOutcome = z.infer<typeof previousAppointmentOutcomeSchema>;

export const rescheduleAppointmentResponseSchema = z.object({
  booked: appointmentSchema,
  previousOutcome: previousAppointmentOutcomeSchema,
  /** The old appointment as last known (cancelled, or as it was before the cancel when not `cancelled`). */
  previous: appointmentSchema,
  /** For the patient when something needs their attention, e.g. how to cancel the old appointment themselves. */
  message: z.string().optional(),
});
export type RescheduleAppointmentResponse = z.infer<typeof rescheduleAppointmentResponseSchema>;
