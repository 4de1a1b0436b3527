import type { Slot } from '@gpbook/shared/slots';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import type { FormError } from '../../components/error-summary';
import { TextInput } from '../../components/form/text-input';
import { useAppointment } from '../../features/appointments/api/get-appointment';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import { useSession } from '../../features/session/api/get-session';
import { validatePhone } from '../../features/booking/lib/validate-reason';
import {
  nextPath,
  needsRedirect,
  previousPath,
  stepPath,
  type BookingFlow,
} from '../../features/booking/lib/booking-steps';
import { useDocumentTitle } from '../../lib/document-title';
import { ChosenSlotUnavailable } from './chosen-slot-unavailable';
import { BookingStepForm } from './booking-step-form';
import { StepRedirect } from './step-redirect';
import { useBookingFlow } from './use-booking-flow';
import { useChosenSlot } from './use-chosen-slot';

const QUESTION = 'What number should the surgery call you on?';

/**
 * A telephone appointment's number, on a page of its own (it is a different question from why, and has nothing to
 * do with the reason's length). Kept in the draft, never in the address. Moving a telephone appointment offers the
 * number it had.
 */
export function PhoneStepRoute() {
  const { flow, choices } = useBookingFlow();
  const chosen = useChosenSlot(choices);
  const { draft } = useBookingDraft();
  const back = previousPath(flow, 'phone', choices);
  useDocumentTitle(QUESTION);
  if (needsRedirect(flow, 'phone', choices))
    return <StepRedirect flow={flow} step="phone" choices={choices} />;
  // Reloaded after the reason was typed: the draft is in memory only, so ask again.
  if (flow.kind === 'book' && draft.description === '')
    return <Navigate to={stepPath(flow, 'reason', choices)} replace />;
  if (chosen.status !== 'found') {
    return (
      <ChosenSlotUnavailable
        chosen={chosen}
        title={QUESTION}
        back={back}
        slotsPath={stepPath(flow, 'slots', { ...choices, slot: undefined })}
      />
    );
  }
  return <PhoneForm flow={flow} slot={chosen.slot} back={back} next={nextPath(flow, 'phone', choices)} />;
}

function PhoneForm({
  flow,
  slot,
  back,
  next,
}: {
  flow: BookingFlow;
  slot: Slot;
  back: string;
  next: string;
}) {
  const { draft, update } = useBookingDraft();
  const navigate = useNavigate();
  const moving = useAppointment(flow.kind === 'reschedule' ? flow.appointmentId : undefined);
  const previous = flow.kind === 'reschedule' ? moving.data?.phone : undefined;
  // Else the mobile number NHS login holds for the patient, when it released one: offered, and easy to change.
  const session = useSession().data;
  const fromNhsLogin = session?.status === 'signed-in' ? session.session.user.phone : undefined;
  const [value, setValue] = useState(draft.phone || previous || fromNhsLogin || '');
  const [error, setError] = useState<string | undefined>();
  useDocumentTitle(QUESTION, error !== undefined);
  const errors: FormError[] = error ? [{ fieldId: 'phone', text: error }] : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePhone(value);
    setError(found);
    if (found) return;
    update({ phone: value.trim() });
    void navigate(next);
  };

  return (
    <BookingStepForm slot={slot} back={back} errors={errors} onSubmit={submit}>
      <TextInput
        id="phone"
        label={QUESTION}
        isPageHeading
        hint="The surgery will phone you on this number at about the time of your appointment. It can be a mobile or a landline, for example 07700 900 982."
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        widthClass="nhsuk-input--width-20"
        value={value}
        onChange={setValue}
        error={error}
      />
    </BookingStepForm>
  );
}
