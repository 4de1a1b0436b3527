import type { Appointment } from '@gpbook/shared/appointments';
import { Link, useLocation, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { SuccessBanner } from '../../components/notification-banner';
import { OfflineReason } from '../../components/offline-reason';
import { SavedAt } from '../../components/saved-at';
import { AppointmentSummary } from '../../features/appointments/components/appointment-summary';
import { CalendarLink } from '../../features/appointments/components/calendar-link';
import { appointmentKind } from '../../lib/describe';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { WithAppointment } from './appointment-loader';
import { appointmentPath } from './paths';

/** Navigation state after a change, so the page can confirm it. */
export interface DetailsPageState {
  notice?: 'amended' | 'cancelled';
}

/** One appointment: what, when, where, and what the patient can do about it. */
export function AppointmentDetailsRoute() {
  const { id = '' } = useParams();
  return (
    <WithAppointment id={id} title="Your appointment" back="/">
      {(appointment, savedAt) => <Details appointment={appointment} savedAt={savedAt} />}
    </WithAppointment>
  );
}

function Details({ appointment, savedAt }: { appointment: Appointment; savedAt?: string | undefined }) {
  const location = useLocation();
  const online = useOnlineStatus();
  const notice = (location.state as DetailsPageState | null)?.notice;
  const title = appointmentKind(appointment.role);
  const cancelled = appointment.status === 'cancelled';
  useDocumentTitle(title);
  const canChange = appointment.canAmend || appointment.canCancel;
  return (
    <>
      <BackLink to="/">Back to your appointments</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {notice === 'amended' ? <SuccessBanner heading="Your appointment has been updated" /> : null}
          {notice === 'cancelled' ? (
            <SuccessBanner heading="Your appointment has been cancelled">
              <p>The surgery can now offer the time to someone else.</p>
            </SuccessBanner>
          ) : null}
          <h1>
            {title}
            {cancelled ? (
              <>
                {' '}
                <strong className="nhsuk-tag nhsuk-tag--grey app-heading-tag">Cancelled</strong>
              </>
            ) : null}
          </h1>
          {savedAt ? <SavedAt savedAt={savedAt} what="appointment" /> : null}
          <AppointmentSummary appointment={appointment} />
          {/* The calendar file is made by the server: offline there is nothing to download. */}
          {cancelled || !online ? null : <CalendarLink id={appointment.id} />}
          {!cancelled && canChange ? (
            <>
              <h2 className="nhsuk-heading-m">Change or cancel</h2>
              {online ? (
                <ul className="nhsuk-list app-action-list">
                  {appointment.canAmend ? (
                    <li>
                      <Link to={appointmentPath(appointment.id, 'amend')}>
                        Change the reason for the appointment
                      </Link>
                    </li>
                  ) : null}
                  {appointment.canCancel ? (
                    <>
                      <li>
                        <Link to={appointmentPath(appointment.id, 'change')}>Change the date or time</Link>
                      </li>
                      <li>
                        <Link to={appointmentPath(appointment.id, 'cancel')}>Cancel this appointment</Link>
                      </li>
                    </>
                  ) : null}
                </ul>
              ) : (
                <OfflineReason action="change or cancel an appointment" />
              )}
            </>
          ) : null}
          {!cancelled && !canChange ? (
            <p className="nhsuk-body">
              You can no longer change this appointment online. Phone your GP surgery if you need to.
            </p>
          ) : null}
        </div>
      </div>
    </>
  );
}
