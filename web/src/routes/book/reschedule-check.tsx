import { phoneSchema, type RescheduleAppointmentResponse } from '@gpbook/shared/appointments';
import { deliveryChannelDisplay } from '@gpbook/shared/codes';
import type { Slot } from '@gpbook/shared/slots';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import { ErrorSummary, type FormError } from '../../components/error-summary';
import { TextInput } from '../../components/form/text-input';
import { OnlineActionButton } from '../../components/online-action-button';
import { SummaryRow } from '../../components/summary-row';
import { useAppointment } from '../../features/appointments/api/get-appointment';
import { useRescheduleAppointment } from '../../features/appointments/api/reschedule-appointment';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import { stepPath, type BookingChoices, type BookingFlow } from '../../features/booking/lib/booking-steps';
import { durationText, whenText, whoText } from '../../lib/describe';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { isSlotTaken, writeErrors } from './booking-errors';
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
  const { draft, update } = useBookingDraft();
  const [phone, setPhone] = useState(draft.phone);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const needsPhone = slot.channel === 'telephone';
  const failure =
    reschedule.isError && !isSlotTaken(reschedule.error)
      ? writeErrors(reschedule.error, 'change', undefined)
      : undefined;
  const errors: FormError[] = phoneError ? [{ fieldId: 'phone', text: phoneError }] : (failure?.errors ?? []);
  const description = phoneError ? undefined : failure?.description;
  useDocumentTitle(TITLE, errors.length > 0 || description !== undefined);

  const submit = () => {
    let checkedPhone: string | undefined;
    if (needsPhone) {
      const parsed = phoneSchema.safeParse(phone);
      if (phone.trim() === '' || !parsed.success) {
        setPhoneError(
          phone.trim() === ''
            ? 'Enter the phone number the surgery should call'
            : (parsed.error?.issues[0]?.message ?? 'Enter a UK phone number'),
        );
        return;
      }
      checkedPhone = parsed.data;
      update({ phone: checkedPhone });
    }
    setPhoneError(undefined);
    reschedule.mutate(
      { slotIds: [slot.id], ...(checkedPhone ? { phone: checkedPhone } : {}) },
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
          <ErrorSummary
            title={phoneError ? 'There is a problem' : (failure?.title ?? 'There is a problem')}
            description={description}
            errors={errors}
          />
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
          {needsPhone ? (
            <TextInput
              id="phone"
              label="What number should the surgery call you on?"
              hint="For example, 07700 900 982"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              widthClass="nhsuk-input--width-20"
              value={phone}
              onChange={setPhone}
              error={phoneError}
            />
          ) : null}
          {failure?.outcome === 'unknown' ? (
            // Trying again before checking could book a second new appointment.
            <Link className="nhsuk-button" to="/" draggable="false">
              Go to your appointments
            </Link>
          ) : (
            <OnlineActionButton
              online={online}
              pending={reschedule.isPending}
              label="Confirm new appointment"
              pendingLabel="Changing…"
              action="change an appointment"
              onClick={submit}
            />
          )}
        </div>
      </div>
    </>
  );
}
