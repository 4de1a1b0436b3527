import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { whenText } from '../../lib/describe';
import { useDocumentTitle } from '../../lib/document-title';
import type { RescheduledPageState } from '../book/reschedule-check';
import { appointmentPath } from './paths';
import { ConfirmationPanelBody, ConfirmedAppointment } from './booked';

/**
 * After moving an appointment: the new one, and what the practice's system holds for the old one: cancelled,
 * still booked (what to do), or not known (check it).
 */
export function RescheduledRoute() {
  const { id = '' } = useParams();
  const location = useLocation();
  const result = (location.state as RescheduledPageState | null)?.result;
  const moved = result?.previousOutcome === 'cancelled';
  useDocumentTitle(result && !moved ? 'New appointment booked' : 'Appointment changed');
  // The outcome travels in navigation state; after a reload, the appointment page says where things stand.
  if (!result || result.booked.id !== id) return <Navigate to={appointmentPath(id)} replace />;
  const { booked, previous, previousOutcome, message } = result;
  return (
    <>
      <BackLink to="/">Back to your appointments</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__heading">
              {moved ? 'Appointment changed' : 'New appointment booked'}
            </h1>
            <div className="nhsuk-panel__body">
              <ConfirmationPanelBody appointment={booked} />
            </div>
          </div>
          {previousOutcome === 'cancelled' ? (
            <p className="nhsuk-body">Your appointment on {whenText(previous.start)} has been cancelled.</p>
          ) : previousOutcome === 'still-booked' ? (
            <WarningCard heading="Your old appointment is still booked">
              <p className="nhsuk-card__description">
                We booked your new appointment, but could not cancel your appointment on{' '}
                {whenText(previous.start)}. You now have both.
              </p>
              {message ? <p className="nhsuk-card__description">{message}</p> : null}
              <p className="nhsuk-card__description">
                <Link to={appointmentPath(previous.id)}>Go to your old appointment to cancel it</Link>
              </p>
            </WarningCard>
          ) : (
            <WarningCard heading="We do not know if your old appointment was cancelled">
              <p className="nhsuk-card__description">
                We booked your new appointment and asked your GP surgery to cancel your appointment on{' '}
                {whenText(previous.start)}, but we could not find out if it was cancelled. You may have both.
              </p>
              {message ? <p className="nhsuk-card__description">{message}</p> : null}
              <p className="nhsuk-card__description">
                Check your old appointment. If it is still booked, cancel it so someone else can have it.
              </p>
              <ul className="nhsuk-list">
                <li>
                  <Link to={appointmentPath(previous.id)}>Check your old appointment</Link>
                </li>
                <li>
                  <Link to="/">Check all your appointments</Link>
                </li>
              </ul>
            </WarningCard>
          )}
          <ConfirmedAppointment appointment={booked} />
        </div>
      </div>
    </>
  );
}

/** The NHS.UK warning card, for what the patient must act on. */
function WarningCard({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="nhsuk-card nhsuk-card--warning">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            {heading}
          </span>
        </h2>
        {children}
      </div>
    </div>
  );
}
