import type { Appointment } from '@gpbook/shared/appointments';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { AppointmentSummary } from '../../features/appointments/components/appointment-summary';
import { CalendarLink } from '../../features/appointments/components/calendar-link';
import { formatLondonLocalTime } from '@gpbook/shared/time';
import { PracticePhone } from '../../features/practices/components/practice-phone';
import { whenText } from '../../lib/describe';
import { shortDate } from '../../lib/describe-details';
import { usePractice } from '../book/use-practice';
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

/** Who will call, or be there: the named clinician, else the surgery. */
function whoWill(appointment: Appointment): string {
  return appointment.practitioner
    ? `${appointment.practitioner.name} from ${appointment.practice.name}`
    : appointment.practice.name;
}

/** "at 2pm on Tuesday 1 December". */
function atTime(start: string): string {
  return `at ${formatLondonLocalTime(start)} on ${shortDate(start)}`;
}

/**
 * The confirmation panel's lines: when, and where, or who will call which number, or how the video call happens
 * (a telephone appointment is not "at" the surgery).
 */
export function ConfirmationPanelBody({ appointment }: { appointment: Appointment }) {
  const when = whenText(appointment.start);
  switch (appointment.channel) {
    case 'in-person':
      return (
        <p>
          {when}
          <br />
          at {appointment.location.name}
        </p>
      );
    case 'telephone':
      return (
        <p>
          {when}
          <br />
          Phone appointment: {appointment.practitioner?.name ?? appointment.practice.name} will call{' '}
          {appointment.phone ?? 'you'}
        </p>
      );
    case 'video':
      return (
        <p>
          {when}
          <br />
          Video call with {whoWill(appointment)}
        </p>
      );
  }
}

/** What happens next, by how the appointment happens: who will call which number, how the video link comes. */
function WhatHappensNext({ appointment }: { appointment: Appointment }) {
  const practice = usePractice(appointment.practice.odsCode);
  const surgeryPhone = practice ? <PracticePhone practice={practice} prefix="phone" /> : 'phone the surgery';
  return (
    <>
      <h2 className="nhsuk-heading-m">What happens next</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {appointment.channel === 'in-person' ? (
          <li>Arrive at {appointment.location.name} a few minutes before your appointment.</li>
        ) : null}
        {appointment.channel === 'telephone' ? (
          <>
            <li>
              {whoWill(appointment)} will phone you
              {appointment.phone ? ` on ${appointment.phone}` : ' on the number you gave'}{' '}
              {atTime(appointment.start)}. They may call a little earlier or later.
            </li>
            <li>The call may come from a withheld or unknown number.</li>
          </>
        ) : null}
        {appointment.channel === 'video' ? (
          <>
            <li>
              {appointment.practice.name} will send you a link to join the video call before{' '}
              {formatLondonLocalTime(appointment.start)} on {shortDate(appointment.start)}, using the contact
              details they have for you.
            </li>
            <li>If you have not had the link by the time of your appointment, {surgeryPhone}.</li>
          </>
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
              <ConfirmationPanelBody appointment={appointment} />
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
