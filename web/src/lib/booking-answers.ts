/**
 * The checks of the answers only the booking pages read (the slot search, moving an appointment), beside those of
 * answers.ts but fetched with those pages, not the first (decision 0080). answers.test.ts holds them to their
 * shared schemas as it does the others.
 */
import type { RescheduleAppointmentResponse } from '@gpbook/shared/appointments';
import type { SlotsResponse } from '@gpbook/shared/slots';
import { array, number, object, oneOf, optional, string, type Check } from './answer-check';
import {
  appointment,
  appointmentLocation,
  dateTimeWithOffset,
  deliveryChannel,
  londonDate,
  odsCode,
  practitioner,
  practitionerRole,
} from './answers';

// shared/src/slots.ts
export const slotId = string({ pattern: /^[A-Za-z0-9~._-]{1,160}$/ });
/** A location id as the slot search takes it back in its `location` filter (`slotsQuerySchema`). */
export const locationId = string({ min: 1, max: 64 });
export const slot = object({
  id: slotId,
  start: dateTimeWithOffset,
  end: dateTimeWithOffset,
  durationMinutes: number({ int: true, positive: true }),
  practitioner: optional(practitioner),
  role: practitionerRole,
  channel: deliveryChannel,
  slotType: string({ min: 1 }),
  scheduleType: optional(string({ min: 1 })),
  serviceName: optional(string({ min: 1 })),
  location: appointmentLocation,
});
export const slotsResponse: Check<SlotsResponse> = object({
  practice: odsCode,
  from: londonDate,
  to: londonDate,
  days: array(object({ date: londonDate, slots: array(slot) })),
  locations: array(appointmentLocation),
});

// shared/src/appointments.ts
export const rescheduleAppointmentResponse: Check<RescheduleAppointmentResponse> = object({
  booked: appointment,
  previousOutcome: oneOf(['cancelled', 'still-booked', 'unknown']),
  previous: appointment,
  message: optional(string()),
});
