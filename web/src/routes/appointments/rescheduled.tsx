import { Link, Navigate, useLocation, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { whenText } from '../../lib/describe';
import { useDocumentTitle } from '../../lib/document-title';
import type { RescheduledPageState } from '../book/reschedule-check';
import { appointmentPath } from './paths';
import { ConfirmedAppointment } from './booked';

/** After moving an appointment: the new one, and whether the old one was cancelled (if not, what to do). */
export function RescheduledRoute() {
  const { id = '' } = useParams();
  const location = useLocation();
  const result = (location.state as RescheduledPageState | null)?.result;
  useDocumentTitle(result?.cancelled === false ? 'New appointment booked' : 'Appointment changed');
  // The outcome travels in navigation state; after a reload, the appointment page says where things stand.
  if (!result || result.booked.id !== id) return <Navigate to={appointmentPath(id)} replace />;
  const { booked, previous, cancelled, message } = result;
  return (
    <>
      <BackLink to="/">Back to your appointments</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__heading">
              {cancelled ? 'Appointment changed' : 'New appointment booked'}
            </h1>
            <div className="nhsuk-panel__body">
              <p>
                {whenText(booked.start)}
                <br />
                at {booked.practice.name}
              </p>
            </div>
          </div>
          {cancelled ? (
            <p className="nhsuk-body">Your appointment on {whenText(previous.start)} has been cancelled.</p>
          ) : (
            <div className="nhsuk-card nhsuk-card--warning">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading">
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>
                    Your old appointment is still booked
                  </span>
                </h2>
                <p className="nhsuk-card__description">
                  We booked your new appointment, but could not cancel your appointment on{' '}
                  {whenText(previous.start)}. You now have both.
                </p>
                {message ? <p className="nhsuk-card__description">{message}</p> : null}
                <p className="nhsuk-card__description">
                  <Link to={appointmentPath(previous.id)}>Go to your old appointment to cancel it</Link>
                </p>
              </div>
            </div>
          )}
          <ConfirmedAppointment appointment={booked} />
        </div>
      </div>
    </>
  );
}
