import type { Slot } from '@gpbook/shared/slots';
import type { FormEvent, ReactNode } from 'react';
import { BackLink } from '../../components/back-link';
import { ErrorSummary, type FormError } from '../../components/error-summary';
import { slotSummaryText } from './slot-summary';

/**
 * The frame of a question asked about the chosen time (the reason, the number to call): back link, error summary,
 * the time chosen as a reminder, then the question's fields and "Continue".
 */
export function BookingStepForm({
  slot,
  back,
  errors,
  onSubmit,
  children,
}: {
  slot: Slot;
  back: string;
  errors: FormError[];
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <>
      <BackLink to={back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <p className="nhsuk-body nhsuk-u-secondary-text-colour app-chosen-slot">{slotSummaryText(slot)}</p>
          <form onSubmit={onSubmit} noValidate>
            {children}
            <button className="nhsuk-button" type="submit">
              Continue
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
