import { useEffect, useState, type ReactNode } from 'react';
import { ErrorMessage } from './error-message';

interface CharacterCountProps {
  id: string;
  label: string;
  /** The label is the page's <h1> on one-question pages. */
  isPageHeading?: boolean;
  hint?: ReactNode;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  rows?: number;
}

function remainingText(remaining: number): string {
  if (remaining >= 0) return `You have ${remaining} character${remaining === 1 ? '' : 's'} remaining`;
  const over = -remaining;
  return `You have ${over} character${over === 1 ? '' : 's'} too many`;
}

/**
 * The NHS.UK character count, as its JavaScript enhances it: the static limit is kept for screen readers, the
 * visible count updates as the patient types, and a polite live region repeats it once they pause.
 */
export function CharacterCount(props: CharacterCountProps) {
  const { id, label, isPageHeading = false, hint, maxLength, value, onChange, error, rows = 5 } = props;
  const remaining = maxLength - value.length;
  const over = remaining < 0;
  const [announced, setAnnounced] = useState(() => remainingText(remaining));
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(remainingText(remaining)), 1000);
    return () => clearTimeout(timer);
  }, [remaining]);

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const infoId = `${id}-info`;
  const labelElement = (
    <label className={`nhsuk-label${isPageHeading ? ' nhsuk-label--l' : ''}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div
      className={`nhsuk-form-group nhsuk-character-count${error ? ' nhsuk-form-group--error' : ''}`}
      data-nhsuk-character-count-init=""
    >
      {isPageHeading ? <h1 className="nhsuk-label-wrapper">{labelElement}</h1> : labelElement}
      {hint ? (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <textarea
        className={`nhsuk-textarea${error || over ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={[infoId, hintId, errorId].filter(Boolean).join(' ')}
      />
      <div className="nhsuk-hint nhsuk-character-count__message nhsuk-u-visually-hidden" id={infoId}>
        You can enter up to {maxLength} characters
      </div>
      <div
        className={`nhsuk-character-count__status ${over ? 'nhsuk-error-message' : 'nhsuk-hint'}`}
        aria-hidden="true"
      >
        {remainingText(remaining)}
      </div>
      <div className="nhsuk-character-count__sr-status nhsuk-u-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </div>
  );
}
