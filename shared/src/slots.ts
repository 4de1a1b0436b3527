import { z } from 'zod';
import {
  deliveryChannelSchema,
  practitionerRoleSchema,
  practitionerSchema,
  roleGroupSchema,
} from './codes.js';
import { addressSchema, odsCodeSchema } from './practices.js';
import { dateTimeWithOffsetSchema, daysBetweenLondonDates, londonDateSchema } from './time.js';

/** `GET /api/slots`: free appointment slots at one practice between two London dates. */

/** The most days one slot search may cover (eight weeks), counting `from` and `to`; the BFF splits it for GP Connect. */
export const SLOT_SEARCH_MAX_DAYS = 56;

/**
 * A slot's id: opaque to the web (it only sends it back to book). The BFF puts in it what it needs to find the slot
 * again at the right practice.
 */
export const slotIdSchema = z.string().regex(/^[A-Za-z0-9~._-]{1,160}$/, 'Not a slot id');
export type SlotId = z.infer<typeof slotIdSchema>;

/** Where the appointment takes place (the practice's main or branch surgery). */
export const appointmentLocationSchema = z.object({
  /** Opaque; the value for the `location` filter. */
  id: z.string().min(1),
  name: z.string().min(1),
  address: addressSchema,
});
export type AppointmentLocation = z.infer<typeof appointmentLocationSchema>;

export const slotsQuerySchema = z
  .object({
    practice: odsCodeSchema,
    /** First London date to search, inclusive. */
    from: londonDateSchema,
    /** Last London date to search, inclusive. */
    to: londonDateSchema,
    role: roleGroupSchema.optional(),
    channel: deliveryChannelSchema.optional(),
    /** A location id from an earlier response's `locations`. */
    location: z.string().min(1).max(64).optional(),
  })
  .superRefine((query, context) => {
    // The field checks have already reported dates that are not real; only compare real ones.
    if (!londonDateSchema.safeParse(query.from).success || !londonDateSchema.safeParse(query.to).success)
      return;
    const days = daysBetweenLondonDates(query.from, query.to);
    if (days < 0)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The end date must not be before the start date',
      });
    if (days + 1 > SLOT_SEARCH_MAX_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `Search up to ${SLOT_SEARCH_MAX_DAYS} days at a time`,
      });
    }
  });
export type SlotsQuery = z.infer<typeof slotsQuerySchema>;

/** One free slot. Times are London local time with offset; the web shows them with the time.ts helpers. */
export const slotSchema = z.object({
  id: slotIdSchema,
  start: dateTimeWithOffsetSchema,
  end: dateTimeWithOffsetSchema,
  durationMinutes: z.number().int().positive(),
  /** Absent when the practice has not assigned a named person to the session. */
  practitioner: practitionerSchema.optional(),
  role: practitionerRoleSchema,
  channel: deliveryChannelSchema,
  /** The practice's name for this kind of appointment, e.g. "GP Appointment" (GP Connect slot type). */
  slotType: z.string().min(1),
  /** The practice's name for the session, e.g. "General GP Appointments" (schedule type), when it sends one. */
  scheduleType: z.string().min(1).optional(),
  /** The service the session belongs to, e.g. "The Trevelyan GP Hub", when the practice uses service filtering. */
  serviceName: z.string().min(1).optional(),
  location: appointmentLocationSchema,
});
export type Slot = z.infer<typeof slotSchema>;

export const slotDaySchema = z.object({
  date: londonDateSchema,
  /** Sorted by start time; empty when nothing is free that day. */
  slots: z.array(slotSchema),
});
export type SlotDay = z.infer<typeof slotDaySchema>;

export const slotsResponseSchema = z.object({
  practice: odsCodeSchema,
  from: londonDateSchema,
  to: londonDateSchema,
  /** Every date from `from` to `to`, in order, each with its (filtered) slots. */
  days: z.array(slotDaySchema),
  /**
   * Every location with a free slot in the range of the asked role and channel, whatever the location filter: the
   * choices for that filter.
   */
  locations: z.array(appointmentLocationSchema),
});
export type SlotsResponse = z.infer<typeof slotsResponseSchema>;
