import { formatAddress, type UnavailablePractice } from '@gpbook/shared/practices';
import { useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import { ChoiceStep } from '../../features/booking/components/choice-step';
import { nextPath, previousPath } from '../../features/booking/lib/booking-steps';
import { usePractices } from '../../features/practices/api/get-practices';
import { useDocumentTitle } from '../../lib/document-title';
import { unavailableReasonText } from '../../lib/error-text';
import { useBookingFlow } from './use-booking-flow';

const QUESTION = 'Which GP surgery do you want to book at?';

/** Federation practices whose systems did not answer this time: not to choose now, and why (never left out unsaid). */
function NotAvailableNow({ practices }: { practices: readonly UnavailablePractice[] }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h2 className="nhsuk-heading-s">
        {practices.length === 1
          ? 'This GP surgery is not available right now'
          : 'These GP surgeries are not available right now'}
      </h2>
      <ul className="nhsuk-list">
        {practices.map((practice) => (
          <li key={practice.odsCode}>
            {practice.name}: {unavailableReasonText(practice.reason)}.
          </li>
        ))}
      </ul>
      <p>Try again later to book there, or phone the surgery.</p>
    </div>
  );
}

/** Step 1 when the federation has more than one practice: the patient's own, or another in the federation. */
export function PracticeStepRoute() {
  const { flow, choices } = useBookingFlow();
  const navigate = useNavigate();
  const practices = usePractices();
  useDocumentTitle(QUESTION);
  const back = previousPath(flow, 'practice', choices);
  if (!practices.data) {
    return (
      <>
        <BackLink to={back} />
        <h1>{QUESTION}</h1>
        {practices.isError ? (
          <ErrorPanel error={practices.error} />
        ) : (
          <p className="nhsuk-body" role="status">
            Loading…
          </p>
        )}
      </>
    );
  }
  const { registered, federation, unavailable } = practices.data;
  // The patient's own surgery first and named as theirs, then the others of its federation after an "or"; none
  // chosen for them (the design system's advice for radios).
  const options = [
    {
      value: registered.odsCode,
      label: `${registered.name} (your surgery)`,
      hint: formatAddress(registered.address),
    },
    ...federation.map((practice, index) => ({
      value: practice.odsCode,
      label: practice.name,
      hint: formatAddress(practice.address),
      dividerBefore: index === 0 ? 'or' : undefined,
    })),
  ];
  return (
    <ChoiceStep
      name="practice"
      question={QUESTION}
      hint="Your surgery works with other surgeries nearby. You can book some appointments at them too."
      options={options}
      initial={choices.practice}
      errorText="Select the GP surgery you want to book at"
      back={back}
      onContinue={(practice) =>
        void navigate(nextPath(flow, 'practice', { ...choices, practice, slot: undefined, from: undefined }))
      }
    >
      {unavailable.length > 0 ? <NotAvailableNow practices={unavailable} /> : null}
    </ChoiceStep>
  );
}
