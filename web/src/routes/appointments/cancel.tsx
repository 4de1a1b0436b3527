import {
  CANCELLATION_REASON_MAX,
  cancelAppointmentRequestSchema,
  type Appointment,
} from '@gpbook/shared/appointments';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorSummary, type FormError } from '../../components/error-summary';
import { CharacterCount } from '../../components/form/character-count';
import { appointmentKind, whenText } from '../../lib/describe';
import { useDocumentTitle } from '../../lib/document-title';
import { WithAppointment } from './appointment-loader';
import { appointmentPath } from './paths';

const TITLE = 'Why are you cancelling this appointment?';

/** Carries the reason to the confirm page (in memory, not in the address). */
export interface CancelPageState {
  reason: string;
}

/** Cancel, step 1: why. */
export function CancelReasonRoute() {
  const { id = '' } = useParams();
  return (
    <WithAppointment id={id} title={TITLE} back={appointmentPath(id)}>
      {(appointment) => <CancelReason appointment={appointment} />}
    </WithAppointment>
  );
}

function CancelReason({ appointment }: { appointment: Appointment }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [reason, setReason] = useState((location.state as CancelPageState | null)?.reason ?? '');
  const [errors, setErrors] = useState<FormError[]>([]);
  useDocumentTitle(TITLE, errors.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = cancelAppointmentRequestSchema.safeParse({ reason });
    if (!checked.success) {
      setErrors([
        { fieldId: 'reason', text: checked.error.issues[0]?.message ?? 'Enter why you are cancelling' },
      ]);
      return;
    }
    const state: CancelPageState = { reason: checked.data.reason };
    // Keep the reason on this page's history entry too, so Back from the confirm page still has it.
    void navigate(location.pathname, { replace: true, state });
    void navigate(appointmentPath(appointment.id, 'cancel/confirm'), { state });
  };

  return (
    <>
      <BackLink to={appointmentPath(appointment.id)} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <p className="nhsuk-body nhsuk-u-secondary-text-colour">
            {appointmentKind(appointment.role)} on {whenText(appointment.start)}
          </p>
          <form onSubmit={submit} noValidate>
            <CharacterCount
              id="reason"
              label={TITLE}
              isPageHeading
              hint="For example, ‘I feel better’ or ‘I cannot make this time’. The surgery team will read this."
              maxLength={CANCELLATION_REASON_MAX}
              value={reason}
              onChange={setReason}
              error={errors[0]?.text}
              rows={3}
            />
            <button className="nhsuk-button" type="submit">
              Continue
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
