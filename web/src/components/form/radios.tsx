import { Fragment, type ReactNode } from 'react';
import { ErrorMessage } from './error-message';

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  hint?: string | undefined;
  /** A divider ("or") before this option, setting it and those after it apart from the ones before. */
  dividerBefore?: string | undefined;
}

interface RadiosProps<T extends string> {
  name: string;
  /** The question. With `isPageHeading` it is the page's <h1>, as NHS.UK does for one-question pages. */
  legend: string;
  isPageHeading?: boolean;
  /** The legend's size when it is not the page heading: medium (default) or small, for a group of filters. */
  legendSize?: 'm' | 's';
  hint?: ReactNode;
  options: readonly RadioOption<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string | undefined;
}

/** NHS.UK radios in a fieldset, with hint and inline error. */
export function Radios<T extends string>(props: RadiosProps<T>) {
  const {
    name,
    legend,
    isPageHeading = true,
    legendSize = 'm',
    hint,
    options,
    value,
    onChange,
    error,
  } = props;
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend
          className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${isPageHeading ? 'l' : legendSize}`}
        >
          {isPageHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className="nhsuk-radios">
          {options.map((option, index) => {
            // The first radio's id is the group's name: where an error summary link takes the patient.
            const id = index === 0 ? name : `${name}-${index + 1}`;
            const optionHintId = option.hint ? `${id}-hint` : undefined;
            return (
              <Fragment key={option.value}>
                {option.dividerBefore ? (
                  <div className="nhsuk-radios__divider">{option.dividerBefore}</div>
                ) : null}
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id={id}
                    name={name}
                    type="radio"
                    value={option.value}
                    checked={value === option.value}
                    onChange={() => onChange(option.value)}
                    aria-describedby={optionHintId}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div className="nhsuk-hint nhsuk-radios__hint" id={optionHintId}>
                      {option.hint}
                    </div>
                  ) : null}
                </div>
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
