import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import type { Appointment } from '@gpbook/shared/appointments';

const TIME_ZONE = 'Europe/London';

/**
 * The appointment, plus the practice system's version of it when the BFF has one: GP Connect's `meta.versionId`,
 * opaque as FHIR says (a counter on some systems, a timestamp or a hash on others). Optional until the patient
 * contract carries it.
 */
export type CalendarAppointment = Appointment & { version?: string | undefined };

/**
 * The appointment as an iCalendar file (RFC 5545). Times are written in Europe/London with its VTIMEZONE, so
 * calendars show the surgery's time wherever the patient is. The address is given only for appointments in person,
 * and the patient's own words (reason, comment, phone number, cancellation reason) are left out: calendars sync to
 * places the patient may not expect. For the same reason the event is marked CLASS:PRIVATE.
 *
 * Downloading the file again after a change updates the event the patient already has, rather than adding a
 * second one: the UID is the same for the appointment every time (see `appointmentUid`), and SEQUENCE never goes
 * down and goes up when the practice's system changes the appointment (see `appointmentSequence`).
 *
 * METHOD is PUBLISH, cancelled or not. RFC 5546 §3.2.5 defines CANCEL as the organizer's scheduling message to
 * the ATTENDEEs of an event they were invited to (a REQUEST); this file is no such message: there was no
 * invitation, there are no attendees, and the practice has no calendar address to act as organizer. A PUBLISH
 * (§3.2.1) has no reply, is what a calendar imports, and may say STATUS:CANCELLED; imported again with the same
 * UID and a higher SEQUENCE it replaces the event the calendar holds. RFC 5546 also lists ORGANIZER for PUBLISH;
 * none is given, because the only address we could put there would be invented, and calendars offer to email it.
 */
export function appointmentCalendar(
  appointment: CalendarAppointment,
  options: {
    publicUrl: string;
    /** When the file is made: its DTSTAMP (RFC 5545 §3.8.7.2: in UTC). */
    now?: Date;
  },
): string {
  const calendar = ical({
    prodId: { company: 'GP Appointments', product: 'patient-app', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  // The VTIMEZONE only: a calendar-wide time zone name would make ical-generator write DTSTAMP as a local time
  // with no zone (RFC 5545 wants UTC), and adds the non-standard TIMEZONE-ID and X-WR-TIMEZONE.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const cancelled = appointment.status === 'cancelled';
  const inPerson = appointment.channel === 'in-person';
  const page = appointmentPage(appointment, options.publicUrl);
  const who = appointment.practitioner
    ? `${appointment.practitioner.name} (${appointment.role.display})`
    : appointment.role.display;
  const how = inPerson
    ? `In person at ${appointment.location.name}`
    : appointment.channel === 'telephone'
      ? 'By phone: the surgery will call you'
      : 'Video call: the surgery will send you a link';
  const summary = `${appointment.role.display} appointment: ${appointment.practice.name}`;
  calendar.createEvent({
    id: appointmentUid(appointment, options.publicUrl),
    sequence: appointmentSequence(appointment),
    stamp: options.now ?? new Date(),
    // A TZDate is formatted in its own zone; a plain Date would be written in the server's zone.
    start: new TZDate(appointment.start, TIME_ZONE),
    end: new TZDate(appointment.end, TIME_ZONE),
    timezone: TIME_ZONE,
    summary: cancelled ? `Cancelled: ${summary}` : summary,
    description: [
      ...(cancelled ? ['This appointment has been cancelled.'] : []),
      `${appointment.slotType} with ${who}.`,
      how + '.',
      cancelled ? `Details: ${page}` : `To change or cancel it, go to ${page}`,
    ].join('\n'),
    ...(inPerson
      ? {
          location: {
            title: appointment.location.name,
            address: [
              ...appointment.location.address.lines,
              appointment.location.address.town,
              appointment.location.address.postcode,
            ]
              .filter((part) => part)
              .join(', '),
          },
        }
      : {}),
    url: page,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // A cancelled appointment no longer makes the patient busy.
    transparency: cancelled ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    class: ICalEventClass.PRIVATE,
  });
  // Every content line ends in CRLF (RFC 5545 §3.1), the last one too; ical-generator leaves it off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

function appointmentPage(appointment: Appointment, publicUrl: string): string {
  return `${publicUrl}/appointments/${appointment.id}`;
}

/**
 * The event's UID: a name-based UUID (version 5, RFC 9562 §5.5, in the URL namespace) of the appointment's page in
 * this service. The same appointment gives the same UID every time and on every instance; another appointment, or
 * the same id in another deployment, gives another. It is derived from the appointment id only (the practice and
 * its system's id: nothing about the patient), and as RFC 7986 §5.3 recommends, the UID itself shows no host,
 * practice or id.
 *
 * A reschedule books a new GP Connect appointment and cancels the old one, so it gives a new event with a new UID
 * rather than moving the old event: the two are different appointments in the practice's system, and when the
 * old one's cancellation fails the patient really does have both. The old appointment's file, downloaded again,
 * says STATUS:CANCELLED under the old UID with a higher SEQUENCE, which takes the old event out of the calendar.
 */
export function appointmentUid(appointment: Appointment, publicUrl: string): string {
  return uuidV5(URL_NAMESPACE, appointmentPage(appointment, publicUrl));
}

/** RFC 9562's namespace for names that are URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
/** SEQUENCE is an INTEGER (RFC 5545 §3.3.8): at most 2^31 - 1. */
const MAX_SEQUENCE = 2 ** 31 - 1;

/**
 * The event's SEQUENCE (RFC 5545 §3.8.7.4), from what only moves forward:
 * - the practice system's version, when it is a counter (GP Connect `meta.versionId` is opaque, but many FHIR
 *   servers and our provider count 1, 2, 3…; it moves with every amendment and with the cancellation);
 * - otherwise the status: 0 while booked, 1 once cancelled (GP Connect never books a cancelled appointment again).
 *
 * The larger of the two, so the switch from one to the other never lowers it. Nothing else a calendar shows can
 * change for one GP Connect appointment through this service: amending changes only the reason and comment, which
 * the file leaves out, and a new time is a new appointment (a reschedule). For equal SEQUENCEs, calendars keep the
 * file with the later DTSTAMP, the time it was made.
 */
export function appointmentSequence(appointment: CalendarAppointment): number {
  const byStatus = appointment.status === 'cancelled' ? 1 : 0;
  const { version } = appointment;
  const counter =
    version !== undefined && /^\d{1,10}$/.test(version) && Number(version) <= MAX_SEQUENCE
      ? Number(version)
      : 0;
  return Math.max(counter, byStatus);
}

function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}
