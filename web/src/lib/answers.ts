/**
 * The checks the web runs on the BFF's answers: each the shared zod schema of that answer (named alike, without
 * `Schema`) written with the small parse-only checks of answer-check.ts, so zod stays out of the first download
 * (decision 0080). answers.test.ts holds every one of them to its shared schema, rule for rule and on samples;
 * the type annotations hold them to the contract's types.
 */
import type { Appointment, AppointmentsResponse } from '@gpbook/shared/appointments';
import { deliveryChannels, roleGroups } from '@gpbook/shared/codes';
import { apiErrorCodes, type ApiError } from '@gpbook/shared/errors';
import type { PracticesResponse, UnavailablePractice } from '@gpbook/shared/practices';
import type { SessionResponse } from '@gpbook/shared/session';
import { isRealDateTime } from '@gpbook/shared/time';
import {
  array,
  boolean,
  named,
  number,
  object,
  oneOf,
  optional,
  string,
  union,
  type Check,
} from './answer-check';

// shared/src/time.ts
/** Whether year, month and day name a day of the (proleptic Gregorian) calendar, as `Date.UTC` gives them back. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
/** `londonDateSchema`: `yyyy-mm-dd`, a real date (as shared's `isRealDate`: `Date.UTC` gives the same fields back). */
export const londonDate = named('londonDate', (value) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!match && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
});
/** `dateTimeWithOffsetSchema`: `yyyy-mm-ddThh:mm:ss(.sss)±hh:mm`, a real date and time. */
export const dateTimeWithOffset = named(
  'dateTimeWithOffset',
  (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/.test(value) && isRealDateTime(value),
);
/**
 * zod's `z.iso.datetime({ offset: true })`: `yyyy-mm-ddThh:mm:ss(.s…)` with hours to 23, then `Z` or an offset to
 * ±23:59, on a day of the calendar, in any year from 0000 (the calendar repeats every 400 years, and `Date.UTC`
 * reads the years before 100 as 19xx).
 */
export const isoDateTimeWithOffset = named('isoDateTimeWithOffset', (value) => {
  const match =
    /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3])(:[0-5]\d){2}(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(value);
  return !!match && isCalendarDay(2000 + (Number(match[1]) % 400), Number(match[2]), Number(match[3]));
});

// shared/src/codes.ts
const roleGroup = oneOf(roleGroups);
export const practitionerRole = object({ group: roleGroup, display: string({ min: 1 }) });
export const deliveryChannel = oneOf(deliveryChannels);
export const practitioner = object({
  name: string({ min: 1 }),
  gender: optional(oneOf(['female', 'male', 'other'])),
});

// shared/src/practices.ts
export const odsCode = string({ pattern: /^[A-Z0-9]{3,10}$/ });
export const address = object({
  lines: array(string()),
  town: optional(string()),
  postcode: optional(string()),
});
export const practice = object({
  odsCode,
  name: string({ min: 1 }),
  address,
  phone: optional(string()),
});
export const unavailablePractice: Check<UnavailablePractice> = object({
  odsCode,
  name: string({ min: 1 }),
  reason: oneOf(['timeout', 'unreachable', 'error']),
});
export const practicesResponse: Check<PracticesResponse> = object({
  registered: practice,
  federation: array(practice),
  unavailable: array(unavailablePractice),
});

// shared/src/errors.ts
export const apiError: Check<ApiError> = object({
  error: object({
    code: oneOf(apiErrorCodes),
    message: string(),
    fields: optional(array(object({ field: string(), message: string() }))),
    issues: optional(
      array(object({ path: array(union<string | number>([string(), number()])), message: string() })),
    ),
  }),
});

// shared/src/session.ts
export const sessionResponse: Check<SessionResponse> = object({
  user: object({
    id: string({ min: 16 }),
    displayName: string({ min: 1 }),
    givenName: string({ min: 1 }),
    familyName: string({ min: 1 }),
    phone: optional(string({ min: 1 })),
  }),
  registeredOds: odsCode,
  idleExpiresAt: isoDateTimeWithOffset,
  absoluteExpiresAt: isoDateTimeWithOffset,
  csrfToken: string({ min: 20 }),
  serverTime: isoDateTimeWithOffset,
  londonDay: optional(object({ date: londonDate, endsAt: isoDateTimeWithOffset })),
});

// shared/src/slots.ts (the slot search's own answer is in booking-answers.ts)
export const appointmentLocation = object({ id: string({ min: 1 }), name: string({ min: 1 }), address });

// shared/src/appointments.ts
export const appointment: Check<Appointment> = object({
  id: string({ pattern: /^[A-Za-z0-9~._-]{1,120}$/ }),
  practice: object({ odsCode, name: string({ min: 1 }) }),
  status: oneOf(['booked', 'cancelled']),
  start: dateTimeWithOffset,
  end: dateTimeWithOffset,
  durationMinutes: number({ int: true, positive: true }),
  practitioner: optional(practitioner),
  role: practitionerRole,
  channel: deliveryChannel,
  slotType: string({ min: 1 }),
  location: appointmentLocation,
  description: string(),
  comment: optional(string()),
  phone: optional(string()),
  cancellationReason: optional(string()),
  created: optional(dateTimeWithOffset),
  version: optional(string({ pattern: /^[A-Za-z0-9.-]{1,64}$/ })),
  canCancel: boolean(),
  canAmend: boolean(),
});
export const appointmentsResponse: Check<AppointmentsResponse> = object({
  appointments: array(appointment),
  earliestDate: londonDate,
  note: string(),
  unavailable: array(unavailablePractice),
});
