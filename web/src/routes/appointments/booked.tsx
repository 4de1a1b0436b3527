import type { Appointment } from '@gpbook/shared/appointments';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { AppointmentSummary } from '../../features/appointments/components/appointment-summary';
import { CalendarLink } from '../../features/appointments/components/calendar-link';
import { whenText } from '../../lib/describe';
import { useDocumentTitle } from '../../lib/document-title';
import { WithAppointment } from './appointment-loader';

/**
 * Below a confirmation (booked, or moved): the appointment, "add to calendar", what happens next, and the way
 * back to the list.
 */
export function ConfirmedAppointment({ appointment }: { appointment: Appointment }) {
  return (
    <>
      <AppointmentSummary appointment={appointment} />
      <CalendarLink id={appointment.id} />
      <WhatHappensNext appointment={appointment} />
      <p className="nhsuk-body">
        <Link to="/">Go to your appointments</Link>
      </p>
    </>
  );
}

/** What happens next, by how the appointment happens. */
function WhatHappensNext({ appointment }: { appointment: Appointment }) {
  return (
    <>
      <h2 className="nhsuk-heading-m">What happens next</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {appointment.channel === 'in-person' ? (
          <li>Arrive at the surgery a few minutes before your appointment.</li>
        ) : null}
        {appointment.channel === 'telephone' ? (
          <li>The surgery will phone you on the number you gave, at about the time of your appointment.</li>
        ) : null}
        {appointment.channel === 'video' ? (
          <li>The surgery will tell you how to join the video call.</li>
        ) : null}
        <li>If you cannot make it, cancel the appointment so someone else can have it.</li>
      </ul>
    </>
  );
}

/** The confirmation: proof of booking, and a way to put it in the patient's calendar. */
export function BookedRoute() {
  const { id = '' } = useParams();
  return (
    <WithAppointment id={id} title="Appointment booked" back="/">
      {(appointment) => <Booked appointment={appointment} />}
    </WithAppointment>
  );
}

function Booked({ appointment }: { appointment: Appointment }) {
  useDocumentTitle('Appointment booked');
  return (
    <>
      <BackLink to="/">Back to your appointments</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__heading">Appointment booked</h1>
            <div className="nhsuk-panel__body">
              <p>
                {whenText(appointment.start)}
                <br />
                at {appointment.practice.name}
              </p>
            </div>
          </div>
          <p className="nhsuk-body">
            Your GP surgery has your booking. You can see it in your appointments at any time.
          </p>
          <ConfirmedAppointment appointment={appointment} />
        </div>
      </div>
    </>
  );
}
