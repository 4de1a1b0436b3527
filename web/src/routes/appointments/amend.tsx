import {
  COMMENT_MAX,
  DESCRIPTION_MAX,
  commentSchema,
  descriptionSchema,
  type Appointment,
} from '@gpbook/shared/appointments';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorSummary, type FormError } from '../../components/error-summary';
import { CharacterCount } from '../../components/form/character-count';
import { OfflineReason } from '../../components/offline-reason';
import { GoToAppointments } from '../../components/online-action-button';
import { useAmendAppointment } from '../../features/appointments/api/amend-appointment';
import { appointmentKind, whenText } from '../../lib/describe';
import { inSentence } from '../../lib/describe-details';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { amendRequest } from '../../features/appointments/lib/amend-request';
import { writeErrors } from '../book/booking-errors';
import { WithAppointment } from './appointment-loader';
import { appointmentPath } from './paths';
import type { DetailsPageState } from './details';

const TITLE = 'Change the reason for your appointment';

export function AmendRoute() {
  const { id = '' } = useParams();
  return (
    <WithAppointment id={id} title={TITLE} back={appointmentPath(id)}>
      {(appointment) => <AmendForm appointment={appointment} />}
    </WithAppointment>
  );
}

function AmendForm({ appointment }: { appointment: Appointment }) {
  const navigate = useNavigate();
  const online = useOnlineStatus();
  const amend = useAmendAppointment(appointment.id);
  const [description, setDescription] = useState(appointment.description);
  const [comment, setComment] = useState(appointment.comment ?? '');
  const [errors, setErrors] = useState<FormError[]>([]);
  const failure = amend.isError ? writeErrors(amend.error, 'change') : undefined;
  const shown = errors.length > 0 ? errors : (failure?.errors ?? []);
  const failureText = errors.length > 0 ? undefined : failure?.description;
  useDocumentTitle(TITLE, shown.length > 0 || failureText !== undefined);
  const errorFor = (field: string) => errors.find((error) => error.fieldId === field)?.text;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    const checkedDescription = descriptionSchema.safeParse(description);
    if (!checkedDescription.success)
      found.push({
        fieldId: 'description',
        text: checkedDescription.error.issues[0]?.message ?? 'Enter a reason',
      });
    const checkedComment = commentSchema.safeParse(comment);
    if (!checkedComment.success)
      found.push({
        fieldId: 'comment',
        text: checkedComment.error.issues[0]?.message ?? 'Check the extra information',
      });
    const request = found.length === 0 ? amendRequest(appointment, description, comment) : undefined;
    if (found.length === 0 && request === undefined)
      found.push({ fieldId: 'description', text: 'Change the reason or the extra information' });
    setErrors(found);
    if (!request) return;
    amend.mutate(request, {
      onSuccess: () => {
        const state: DetailsPageState = { notice: 'amended' };
        void navigate(appointmentPath(appointment.id), { replace: true, state });
      },
    });
  };

  return (
    <>
      <BackLink to={appointmentPath(appointment.id)} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary
            title={errors.length === 0 && failure ? failure.title : 'There is a problem'}
            description={failureText}
            errors={shown}
          />
          <h1>{TITLE}</h1>
          <p className="nhsuk-body">
            Your {inSentence(appointmentKind(appointment.role))} on {whenText(appointment.start)}.
          </p>
          <form onSubmit={submit} noValidate>
            <CharacterCount
              id="description"
              label="What is the appointment for?"
              hint="The surgery team will read this."
              maxLength={DESCRIPTION_MAX}
              value={description}
              onChange={setDescription}
              error={errorFor('description')}
              rows={3}
            />
            <CharacterCount
              id="comment"
              label="Is there anything else the surgery should know? (optional)"
              maxLength={COMMENT_MAX}
              value={comment}
              onChange={setComment}
              error={errorFor('comment')}
            />
            {failure?.outcome === 'unknown' ? (
              <GoToAppointments />
            ) : (
              <>
                <button
                  className="nhsuk-button"
                  type="submit"
                  disabled={!online || amend.isPending}
                  aria-describedby={online ? undefined : 'offline-reason'}
                >
                  {amend.isPending ? 'Saving…' : 'Save changes'}
                </button>
                {!online ? <OfflineReason action="change an appointment" /> : null}
              </>
            )}
          </form>
        </div>
      </div>
    </>
  );
}
