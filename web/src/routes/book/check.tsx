import type { BookAppointmentRequest } from '@gpbook/shared/appointments';
import { deliveryChannelDisplay } from '@gpbook/shared/codes';
import { formatAddress } from '@gpbook/shared/practices';
import type { Slot } from '@gpbook/shared/slots';
import { Navigate, useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorSummary } from '../../components/error-summary';
import { SummaryRow } from '../../components/summary-row';
import { OnlineActionButton } from '../../components/online-action-button';
import { useBookAppointment } from '../../features/appointments/api/book-appointment';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import {
  previousPath,
  stepPath,
  type BookingChoices,
  type BookingFlow,
  needsRedirect,
} from '../../features/booking/lib/booking-steps';
import { roleText, whenText } from '../../lib/describe';
import { durationText, whoText } from '../../lib/describe-details';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { isSlotTaken } from '../../lib/outcome-unknown';
import { writeErrors } from './booking-errors';
import { ChosenSlotUnavailable } from './chosen-slot-unavailable';
import { RescheduleCheck } from './reschedule-check';
import type { SlotsPageState } from './slots';
import { StepRedirect } from './step-redirect';
import { useBookingFlow } from './use-booking-flow';
import { useChosenSlot } from './use-chosen-slot';
import { usePractice } from './use-practice';

/** Check your answers, then book (or, when moving an appointment, confirm the move). */
export function CheckStepRoute() {
  const { flow, choices } = useBookingFlow();
  const chosen = useChosenSlot(choices);
  const back = previousPath(flow, 'check', choices);
  const title =
    flow.kind === 'reschedule' ? 'Check your new appointment' : 'Check your answers before booking';
  useDocumentTitle(title);
  if (needsRedirect(flow, 'check', choices))
    return <StepRedirect flow={flow} step="check" choices={choices} />;
  if (chosen.status !== 'found') {
    return (
      <ChosenSlotUnavailable
        chosen={chosen}
        title={title}
        back={back}
        slotsPath={stepPath(flow, 'slots', { ...choices, slot: undefined })}
      />
    );
  }
  if (flow.kind === 'reschedule')
    return <RescheduleCheck flow={flow} choices={choices} slot={chosen.slot} back={back} />;
  return <BookCheck flow={flow} choices={choices} slot={chosen.slot} back={back} />;
}

function BookCheck({
  flow,
  choices,
  slot,
  back,
}: {
  flow: BookingFlow;
  choices: BookingChoices;
  slot: Slot;
  back: string;
}) {
  const { draft, reset } = useBookingDraft();
  const navigate = useNavigate();
  const online = useOnlineStatus();
  const book = useBookAppointment();
  const practice = usePractice(choices.practice);
  const reasonPage = stepPath(flow, 'reason', choices);
  const failure =
    book.isError && !isSlotTaken(book.error)
      ? writeErrors(book.error, 'book', (field) =>
          field === 'phone' ? stepPath(flow, 'phone', choices) : reasonPage,
        )
      : undefined;
  useDocumentTitle('Check your answers before booking', failure !== undefined);
  const needsPhone = slot.channel === 'telephone';
  // Reloaded after the reason (or the number) was typed: the draft is in memory only, so ask again.
  if (draft.description === '' && !book.isSuccess) return <Navigate to={reasonPage} replace />;
  if (needsPhone && draft.phone === '' && !book.isSuccess)
    return <Navigate to={stepPath(flow, 'phone', choices)} replace />;

  const submit = () => {
    const request: BookAppointmentRequest = {
      slotIds: [slot.id],
      description: draft.description,
      ...(draft.comment ? { comment: draft.comment } : {}),
      ...(needsPhone && draft.phone ? { phone: draft.phone } : {}),
    };
    book.mutate(request, {
      onSuccess: (appointment) => {
        reset();
        void navigate(`/appointments/${encodeURIComponent(appointment.id)}/booked`, { replace: true });
      },
      onError: (error) => {
        if (isSlotTaken(error)) {
          const state: SlotsPageState = { slotTaken: true };
          void navigate(stepPath(flow, 'slots', { ...choices, slot: undefined }), { state });
        }
      },
    });
  };
  const change = (step: Parameters<typeof stepPath>[1], what: string) => ({
    to: stepPath(flow, step, choices),
    what,
  });

  return (
    <>
      <BackLink to={back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {failure ? (
            <ErrorSummary title={failure.title} description={failure.description} errors={failure.errors} />
          ) : null}
          <h1>Check your answers before booking</h1>
          <dl className="nhsuk-summary-list">
            <SummaryRow
              label="GP surgery"
              change={
                flow.kind === 'book' && flow.practiceStep ? change('practice', 'GP surgery') : undefined
              }
            >
              {practice?.name ?? choices.practice}
            </SummaryRow>
            <SummaryRow label="Type of appointment" change={change('type', 'type of appointment')}>
              {roleText(slot.role)}
            </SummaryRow>
            <SummaryRow label="How" change={change('how', 'how you have the appointment')}>
              {deliveryChannelDisplay[slot.channel]}
            </SummaryRow>
            <SummaryRow
              label="Date and time"
              change={{ to: stepPath(flow, 'slots', { ...choices, slot: undefined }), what: 'date and time' }}
            >
              {whenText(slot.start)}
            </SummaryRow>
            <SummaryRow label="Length">{durationText(slot.durationMinutes)}</SummaryRow>
            <SummaryRow label="Who with">{whoText(slot.practitioner, slot.role)}</SummaryRow>
            {slot.channel === 'in-person' ? (
              <SummaryRow label="Where">
                {slot.location.name}
                <br />
                {formatAddress(slot.location.address)}
              </SummaryRow>
            ) : null}
            <SummaryRow label="Reason" change={change('reason', 'reason')}>
              {draft.description}
            </SummaryRow>
            {needsPhone ? (
              <SummaryRow label="Number to call you on" change={change('phone', 'number to call you on')}>
                {draft.phone}
              </SummaryRow>
            ) : null}
            <SummaryRow label="Extra information" change={change('reason', 'extra information')}>
              {draft.comment || 'None'}
            </SummaryRow>
          </dl>
          <p className="nhsuk-body">
            By booking, you agree that the surgery team can read what you have written.
          </p>
          {/* Booking again before checking could book twice, or be told the time was taken by "someone else". */}
          <OnlineActionButton
            outcomeUnknown={failure?.outcome === 'unknown'}
            online={online}
            pending={book.isPending}
            label="Book appointment"
            pendingLabel="Booking…"
            action="book an appointment"
            onClick={submit}
          />
        </div>
      </div>
    </>
  );
}
