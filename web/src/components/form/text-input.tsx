import type { InputHTMLAttributes, ReactNode } from 'react';
import { ErrorMessage } from './error-message';

interface TextInputProps {
  id: string;
  label: string;
  /** The label is the page's <h1> on one-question pages. */
  isPageHeading?: boolean;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  type?: 'text' | 'tel';
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  /** An NHS.UK width class, e.g. "nhsuk-input--width-20". */
  widthClass?: string;
}

/** The NHS.UK text input with label, hint and inline error. */
export function TextInput(props: TextInputProps) {
  const {
    id,
    label,
    isPageHeading = false,
    hint,
    value,
    onChange,
    error,
    type = 'text',
    autoComplete,
    inputMode,
    widthClass,
  } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      {isPageHeading ? (
        <h1 className="nhsuk-label-wrapper">
          <label className="nhsuk-label nhsuk-label--l" htmlFor={id}>
            {label}
          </label>
        </h1>
      ) : (
        <label className="nhsuk-label" htmlFor={id}>
          {label}
        </label>
      )}
      {hint ? (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <input
        className={['nhsuk-input', widthClass, error ? 'nhsuk-input--error' : undefined]
          .filter(Boolean)
          .join(' ')}
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={false}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
}
