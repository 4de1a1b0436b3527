import type { PracticesResponse, Practice, UnavailablePractice } from '@gpbook/shared/practices';
import { PracticePhone } from '../features/practices/components/practice-phone';
import { unavailableReasonText } from '../lib/unavailable-reason';
import { WarningCallout } from '../components/warning-callout';

// What the home page says when only part of the answer came: a practice's system did not answer, or the patient's
// surgery has no record of them. Loaded when that happens, not with every home page (decision 0080).

/** "A", "A or B", "A, B or C". */
function orList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

/**
 * Practices whose systems did not answer this time: their appointments are missing from the list, and we say so.
 * With no appointments from the others, "no appointments" is said only as far as it is known: at the practices
 * that answered (named when we know them).
 */
export function MissingPractices({
  unavailable,
  practices,
  noneBooked,
}: {
  unavailable: readonly UnavailablePractice[];
  practices: PracticesResponse | undefined;
  /** No booked appointment came from the practices that answered. */
  noneBooked: boolean;
}) {
  const missing = new Set(unavailable.map((practice) => practice.odsCode));
  const known = practices ? [practices.registered, ...practices.federation, ...practices.unavailable] : [];
  const answered = [
    ...new Map(
      known
        .filter((practice) => !missing.has(practice.odsCode))
        .map((practice) => [practice.odsCode, practice.name]),
    ).values(),
  ];
  return (
    <>
      <WarningCallout title="Some of your appointments may not be shown" headingLevel={3}>
        {unavailable.map((practice) => (
          <p key={practice.odsCode}>
            We could not get your appointments from {practice.name}: {unavailableReasonText(practice.reason)}.
            Any appointments you have there are not shown here. Try again later.
          </p>
        ))}
      </WarningCallout>
      {noneBooked ? (
        <p className="nhsuk-body">
          {answered.length > 0
            ? `You have no upcoming appointments at ${orList(answered)}.`
            : 'You have no upcoming appointments at the GP surgeries that answered.'}
        </p>
      ) : null}
    </>
  );
}

/**
 * The patient's own surgery has no record it will book for (403 `patient_not_found` on the list): said here, at
 * the start, with the surgery's number, rather than at the last step of a booking; no way to book is offered.
 */
export function NoRecordAtSurgery({ practice }: { practice: Practice | undefined }) {
  return (
    <WarningCallout title="Your GP surgery cannot find your record">
      <p>
        You cannot see or book appointments online until {practice ? practice.name : 'your GP surgery'} has
        checked your details.
      </p>
      <p>
        {practice ? <PracticePhone practice={practice} prefix="Phone" /> : 'Phone your GP surgery'} to check
        they have your up-to-date details, or to book an appointment.
      </p>
    </WarningCallout>
  );
}
