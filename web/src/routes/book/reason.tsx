import { COMMENT_MAX, COMMENT_MAX_WITH_PHONE, DESCRIPTION_MAX } from '@gpbook/shared/appointments';
import type { Slot } from '@gpbook/shared/slots';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ChosenSlotUnavailable } from './chosen-slot-unavailable';
import type { FormError } from '../../components/error-summary';
import { validateReason, type ReasonField } from '../../features/booking/lib/validate-reason';
import { CharacterCount } from '../../components/form/character-count';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import { nextPath, previousPath, stepPath, needsRedirect } from '../../features/booking/lib/booking-steps';
import { BookingStepForm } from './booking-step-form';
import { useDocumentTitle } from '../../lib/document-title';
import { StepRedirect } from './step-redirect';
import { useBookingFlow } from './use-booking-flow';
import { useChosenSlot } from './use-chosen-slot';

const QUESTION = 'What is the appointment for?';

type Field = ReasonField;

/** Why the patient wants the appointment, and anything else the surgery should know. */
export function ReasonStepRoute() {
  const { flow, choices } = useBookingFlow();
  const chosen = useChosenSlot(choices);
  const back = previousPath(flow, 'reason', choices);
  useDocumentTitle(QUESTION);
  if (needsRedirect(flow, 'reason', choices))
    return <StepRedirect flow={flow} step="reason" choices={choices} />;
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
  return <ReasonForm slot={chosen.slot} back={back} next={nextPath(flow, 'reason', choices)} />;
}

function ReasonForm({ slot, back, next }: { slot: Slot; back: string; next: string }) {
  const { draft, update } = useBookingDraft();
  const navigate = useNavigate();
  // A telephone appointment's number shares the practice's field with the extra information (decision 0004); it is
  // asked on a page of its own, and only the lower limit shows here.
  const commentMax = slot.channel === 'telephone' ? COMMENT_MAX_WITH_PHONE : COMMENT_MAX;
  const [values, setValues] = useState<Record<Field, string>>({
    description: draft.description,
    comment: draft.comment,
  });
  const [errors, setErrors] = useState<FormError[]>([]);
  useDocumentTitle(QUESTION, errors.length > 0);
  const errorFor = (field: Field) => errors.find((error) => error.fieldId === field)?.text;
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateReason(values, commentMax);
    setErrors(found);
    if (found.length > 0) return;
    update({ description: values.description.trim(), comment: values.comment.trim() });
    void navigate(next);
  };

  return (
    <BookingStepForm slot={slot} back={back} errors={errors} onSubmit={submit}>
      <CharacterCount
        id="description"
        label={QUESTION}
        isPageHeading
        hint="Say briefly why you want to see someone, for example ‘cough for 3 weeks’. The surgery team will read this."
        maxLength={DESCRIPTION_MAX}
        value={values.description}
        onChange={set('description')}
        error={errorFor('description')}
        rows={3}
      />
      <CharacterCount
        id="comment"
        label="Is there anything else the surgery should know? (optional)"
        hint="For example, if you need an interpreter or help getting into the building"
        maxLength={commentMax}
        value={values.comment}
        onChange={set('comment')}
        error={errorFor('comment')}
      />
    </BookingStepForm>
  );
}
