import { calendarHref } from '../api/get-appointment';

/** Downloads the appointment as an .ics file, which phones open in their calendar app. */
export function CalendarLink({ id }: { id: string }) {
  return (
    <a
      className="nhsuk-button nhsuk-button--secondary"
      href={calendarHref(id)}
      download="gp-appointment.ics"
      draggable="false"
    >
      Add to calendar
    </a>
  );
}
