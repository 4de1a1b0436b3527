import type { Appointment } from '@gpbook/shared/appointments';
import { Link } from 'react-router';
import { appointmentKind, channelPhrase, whenText } from '../../../lib/describe';

/** Appointments as cards, soonest first, each linking to its details (offline too, from the copy). */
export function AppointmentList({ appointments }: { appointments: readonly Appointment[] }) {
  return (
    <ul className="nhsuk-list app-appointment-list">
      {appointments.map((appointment) => {
        const cancelled = appointment.status === 'cancelled';
        const title = whenText(appointment.start);
        return (
          <li key={appointment.id}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  <Link
                    className="nhsuk-card__link"
                    to={`/appointments/${encodeURIComponent(appointment.id)}`}
                  >
                    {title}
                    {cancelled ? (
                      <>
                        {' '}
                        <span className="nhsuk-u-visually-hidden">(cancelled)</span>
                      </>
                    ) : null}
                  </Link>
                </h3>
                {cancelled ? (
                  <p className="nhsuk-card__description">
                    <strong className="nhsuk-tag nhsuk-tag--grey">Cancelled</strong>
                  </p>
                ) : null}
                <p className="nhsuk-card__description">
                  {appointmentKind(appointment.role)}, {channelPhrase[appointment.channel]}
                  {appointment.practitioner ? ` with ${appointment.practitioner.name}` : ''}
                </p>
                <p className="nhsuk-card__description nhsuk-u-secondary-text-colour">
                  {appointment.practice.name}
                </p>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
