import type { RescheduleAppointmentResponse } from '@gpbook/shared/appointments';
import { deliveryChannelDisplay } from '@gpbook/shared/codes';
import type { Slot } from '@gpbook/shared/slots';
import { Navigate, useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import { ErrorSummary } from '../../components/error-summary';
import { OnlineActionButton } from '../../components/online-action-button';
import { SummaryRow } from '../../components/summary-row';
import { useAppointment } from '../../features/appointments/api/get-appointment';
import { useRescheduleAppointment } from '../../features/appointments/api/reschedule-appointment';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import { stepPath, type BookingChoices, type BookingFlow } from '../../features/booking/lib/booking-steps';
import { whenText } from '../../lib/describe';
import { durationText, whoText } from '../../lib/describe-details';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { isSlotTaken } from '../../lib/outcome-unknown';
import { writeErrors } from './booking-errors';
import type { SlotsPageState } from './slots';

/** Navigation state of the "appointment changed" page: the reschedule answer, message and all. */
export interface RescheduledPageState {
  result: RescheduleAppointmentResponse;
}

const TITLE = 'Check your new appointment';

/** Confirm moving the appointment to the chosen slot: book the new one, then cancel the old one (D7). */
export function RescheduleCheck({
  flow,
  choices,
  slot,
  back,
}: {
  flow: Extract<BookingFlow, { kind: 'reschedule' }>;
  choices: BookingChoices;
  slot: Slot;
  back: string;
}) {
  const navigate = useNavigate();
  const online = useOnlineStatus();
  const current = useAppointment(flow.appointmentId);
  const reschedule = useRescheduleAppointment(flow.appointmentId);
  const { draft } = useBookingDraft();
  const needsPhone = slot.channel === 'telephone';
  const failure =
    reschedule.isError && !isSlotTaken(reschedule.error)
      ? writeErrors(reschedule.error, 'change', (field) =>
          field === 'phone' ? stepPath(flow, 'phone', choices) : undefined,
        )
      : undefined;
  useDocumentTitle(TITLE, failure !== undefined);
  // Reloaded after the number was typed: the draft is in memory only, so ask again.
  if (needsPhone && draft.phone === '' && !reschedule.isSuccess)
    return <Navigate to={stepPath(flow, 'phone', choices)} replace />;

  const submit = () => {
    reschedule.mutate(
      { slotIds: [slot.id], ...(needsPhone ? { phone: draft.phone } : {}) },
      {
        onSuccess: (result) => {
          const state: RescheduledPageState = { result };
          void navigate(`/appointments/${encodeURIComponent(result.booked.id)}/rescheduled`, {
            replace: true,
            state,
          });
        },
        onError: (error) => {
          if (isSlotTaken(error)) {
            const state: SlotsPageState = { slotTaken: true };
            void navigate(stepPath(flow, 'slots', { ...choices, slot: undefined }), { state });
          }
        },
      },
    );
  };

  return (
    <>
      <BackLink to={back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {failure ? (
            <ErrorSummary title={failure.title} description={failure.description} errors={failure.errors} />
          ) : null}
          <h1>{TITLE}</h1>
          <h2 className="nhsuk-heading-m">New appointment</h2>
          <dl className="nhsuk-summary-list">
            <SummaryRow
              label="Date and time"
              change={{ to: stepPath(flow, 'slots', { ...choices, slot: undefined }), what: 'date and time' }}
            >
              {whenText(slot.start)}
            </SummaryRow>
            <SummaryRow label="Length">{durationText(slot.durationMinutes)}</SummaryRow>
            <SummaryRow
              label="Who with"
              change={{ to: stepPath(flow, 'type', choices), what: 'type of appointment' }}
            >
              {whoText(slot.practitioner, slot.role)}
            </SummaryRow>
            <SummaryRow
              label="How"
              change={{ to: stepPath(flow, 'how', choices), what: 'how you have the appointment' }}
            >
              {deliveryChannelDisplay[slot.channel]}
            </SummaryRow>
            {needsPhone ? (
              <SummaryRow
                label="Number to call you on"
                change={{ to: stepPath(flow, 'phone', choices), what: 'number to call you on' }}
              >
                {draft.phone}
              </SummaryRow>
            ) : null}
          </dl>
          <h2 className="nhsuk-heading-m">Appointment you are moving</h2>
          {current.data ? (
            <dl className="nhsuk-summary-list">
              <SummaryRow label="Date and time">{whenText(current.data.start)}</SummaryRow>
              <SummaryRow label="Who with">
                {whoText(current.data.practitioner, current.data.role)}
              </SummaryRow>
              <SummaryRow label="Reason">{current.data.description || 'Not given'}</SummaryRow>
            </dl>
          ) : current.isError ? (
            <ErrorPanel error={current.error} />
          ) : (
            <p className="nhsuk-body" role="status">
              Loading…
            </p>
          )}
          <p className="nhsuk-body">
            We will book the new appointment first, then cancel this one. The reason you gave stays the same.
          </p>
          {/* Trying again before checking could book a second new appointment. */}
          <OnlineActionButton
            outcomeUnknown={failure?.outcome === 'unknown'}
            online={online}
            pending={reschedule.isPending}
            label="Confirm new appointment"
            pendingLabel="Changing…"
            action="change an appointment"
            onClick={submit}
          />
        </div>
      </div>
    </>
  );
}
