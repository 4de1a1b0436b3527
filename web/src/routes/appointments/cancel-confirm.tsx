import type { Appointment } from '@gpbook/shared/appointments';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorSummary } from '../../components/error-summary';
import { OfflineReason } from '../../components/offline-reason';
import { GoToAppointments } from '../../components/online-action-button';
import { useCancelAppointment } from '../../features/appointments/api/cancel-appointment';
import { appointmentKind, whenText } from '../../lib/describe';
import { whoText } from '../../lib/describe-details';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { writeErrors } from '../book/booking-errors';
import { WithAppointment } from './appointment-loader';
import { appointmentPath } from './paths';
import type { CancelPageState } from './cancel';
import type { DetailsPageState } from './details';

const TITLE = 'Are you sure you want to cancel this appointment?';

/** Cancel, step 2: confirm. Without a reason (a reload), back to step 1. */
export function CancelConfirmRoute() {
  const { id = '' } = useParams();
  const location = useLocation();
  const reason = (location.state as CancelPageState | null)?.reason;
  if (!reason) return <Navigate to={appointmentPath(id, 'cancel')} replace />;
  return (
    <WithAppointment id={id} title={TITLE} back={appointmentPath(id, 'cancel')}>
      {(appointment) => <CancelConfirm appointment={appointment} reason={reason} />}
    </WithAppointment>
  );
}

function CancelConfirm({ appointment, reason }: { appointment: Appointment; reason: string }) {
  const navigate = useNavigate();
  const online = useOnlineStatus();
  const cancel = useCancelAppointment(appointment.id);
  const failure = cancel.isError ? writeErrors(cancel.error, 'cancel') : undefined;
  useDocumentTitle(TITLE, failure !== undefined);
  const back = appointmentPath(appointment.id, 'cancel');

  const confirm = () =>
    cancel.mutate(
      { reason },
      {
        onSuccess: () => {
          const state: DetailsPageState = { notice: 'cancelled' };
          void navigate(appointmentPath(appointment.id), { replace: true, state });
        },
      },
    );

  return (
    <>
      <BackLink to={back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {failure ? (
            <ErrorSummary title={failure.title} description={failure.description} errors={failure.errors} />
          ) : null}
          <div className="nhsuk-panel nhsuk-panel--interruption">
            <h1 className="nhsuk-panel__heading nhsuk-panel__heading--l">{TITLE}</h1>
            <div className="nhsuk-panel__body">
              <p>
                {appointmentKind(appointment.role)} on {whenText(appointment.start)} with{' '}
                {whoText(appointment.practitioner, appointment.role)}.
              </p>
              <p>Your reason: {reason}</p>
              <p>You cannot undo this. The surgery can offer the time to someone else.</p>
              {failure?.outcome === 'unknown' ? (
                <div className="nhsuk-button-group">
                  <GoToAppointments reverse />
                </div>
              ) : (
                <div className="nhsuk-button-group">
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--reverse"
                    onClick={confirm}
                    disabled={!online || cancel.isPending}
                    aria-describedby={online ? undefined : 'offline-reason'}
                  >
                    {cancel.isPending ? 'Cancelling…' : 'Yes, cancel appointment'}
                  </button>
                  <Link to={appointmentPath(appointment.id)}>No, keep appointment</Link>
                </div>
              )}
              {!online ? <OfflineReason action="cancel an appointment" /> : null}
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
