import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Appointment } from '@gpbook/shared/appointments';

const TIME_ZONE = 'Europe/London';

/**
 * The appointment as an iCalendar file. Times are written in Europe/London with its VTIMEZONE, so calendars
 * show the surgery's time wherever the patient is. The address is given only for appointments in person, and
 * the patient's own words (reason, comment) are left out: calendars sync to places the patient may not expect.
 */
export function appointmentCalendar(appointment: Appointment, options: { publicUrl: string }): string {
  const calendar = ical({
    prodId: { company: 'GP Appointments', product: 'patient-app', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.timezone({ name: TIME_ZONE, generator: getVtimezoneComponent });
  const inPerson = appointment.channel === 'in-person';
  const who = appointment.practitioner
    ? `${appointment.practitioner.name} (${appointment.role.display})`
    : appointment.role.display;
  const how = inPerson
    ? `In person at ${appointment.location.name}`
    : appointment.channel === 'telephone'
      ? 'By phone: the surgery will call you'
      : 'Video call: the surgery will send you a link';
  calendar.createEvent({
    id: `${appointment.id}@${new URL(options.publicUrl).host}`,
    // A TZDate is formatted in its own zone; a plain Date would be written in the server's zone.
    start: new TZDate(appointment.start, TIME_ZONE),
    end: new TZDate(appointment.end, TIME_ZONE),
    timezone: TIME_ZONE,
    summary: `${appointment.role.display} appointment: ${appointment.practice.name}`,
    description: [
      `${appointment.slotType} with ${who}.`,
      how + '.',
      `To change or cancel it, go to ${options.publicUrl}/appointments/${appointment.id}`,
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
    url: `${options.publicUrl}/appointments/${appointment.id}`,
    status: appointment.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
