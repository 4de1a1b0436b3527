import type { ReactNode } from 'react';
import { ErrorMessage } from '../../../components/form/error-message';

/** Small NHS.UK form pieces for the rules form, each with label, hint and inline error. */

/** The ids of a field's hint and error (when it has them), and what the field is described by. */
function fieldTextIds(id: string, hint: string | undefined, error: string | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

/** A field's hint, then its inline error, as NHS.UK places them under the label or legend. */
function FieldTexts({
  hint,
  error,
  ids,
}: {
  hint: string | undefined;
  error: string | undefined;
  ids: ReturnType<typeof fieldTextIds>;
}) {
  return (
    <>
      {hint ? (
        <div className="nhsuk-hint" id={ids.hintId}>
          {hint}
        </div>
      ) : null}
      {error && ids.errorId ? <ErrorMessage id={ids.errorId}>{error}</ErrorMessage> : null}
    </>
  );
}

const groupClass = (error: string | undefined) =>
  `nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`;

export function NumberField({
  id,
  label,
  hint,
  suffix,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  /** Words after the box ("days", "slots"). */
  suffix?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const ids = fieldTextIds(id, hint, error);
  const input = (
    <input
      className={`nhsuk-input nhsuk-input--width-4${error ? ' nhsuk-input--error' : ''}`}
      id={id}
      name={id}
      type="text"
      inputMode="numeric"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-describedby={ids.describedBy}
    />
  );
  return (
    <div className={groupClass(error)}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldTexts hint={hint} error={error} ids={ids} />
      {suffix ? (
        <div className="nhsuk-input-wrapper">
          {input}
          <div className="nhsuk-input__suffix" aria-hidden="true">
            {suffix}
          </div>
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export function SelectField<T extends string>({
  id,
  label,
  hint,
  options,
  value,
  onChange,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | '';
  onChange: (value: T | '') => void;
  error?: string | undefined;
  /** An empty first choice ("Choose a role"), for a value not chosen yet. */
  placeholder?: string | undefined;
}) {
  const ids = fieldTextIds(id, hint, error);
  return (
    <div className={groupClass(error)}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldTexts hint={hint} error={error} ids={ids} />
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        required
        onChange={(event) => onChange(event.target.value as T | '')}
        aria-describedby={ids.describedBy}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes; the first box's id is `id`, where an error summary link goes. */
export function CheckboxesField<T extends string>({
  id,
  name = id,
  legend,
  hint,
  options,
  values,
  onChange,
  error,
  small = true,
}: {
  id: string;
  /** The boxes' name in a submitted form (the id when not given). */
  name?: string;
  legend: ReactNode;
  hint?: string | undefined;
  options: ReadonlyArray<{ value: T; label: string; hint?: string | undefined }>;
  values: readonly T[];
  onChange: (values: T[]) => void;
  error?: string | undefined;
  small?: boolean;
}) {
  const ids = fieldTextIds(id, hint, error);
  return (
    <div className={groupClass(error)}>
      <fieldset className="nhsuk-fieldset" aria-describedby={ids.describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <FieldTexts hint={hint} error={error} ids={ids} />
        <div className={`nhsuk-checkboxes${small ? ' nhsuk-checkboxes--small' : ''}`}>
          {options.map((option, index) => {
            const boxId = index === 0 ? id : `${id}-${index + 1}`;
            const optionHint = option.hint ? `${boxId}-hint` : undefined;
            return (
              <div className="nhsuk-checkboxes__item" key={option.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={boxId}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  checked={values.includes(option.value)}
                  aria-describedby={optionHint}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? options.map((o) => o.value).filter((v) => v === option.value || values.includes(v))
                        : values.filter((v) => v !== option.value),
                    )
                  }
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={boxId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={optionHint}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** Yes or no, side by side (NHS.UK inline radios); the "Yes" radio's id is `id`. */
export function YesNoField({
  id,
  legend,
  hint,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string | undefined;
  value: boolean;
  onChange: (value: boolean) => void;
}) {
  const ids = fieldTextIds(id, hint, undefined);
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" aria-describedby={ids.describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <FieldTexts hint={hint} error={undefined} ids={ids} />
        <div className="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small">
          {[true, false].map((option) => {
            const radioId = option ? id : `${id}-no`;
            return (
              <div className="nhsuk-radios__item" key={String(option)}>
                <input
                  className="nhsuk-radios__input"
                  id={radioId}
                  name={id}
                  type="radio"
                  checked={value === option}
                  onChange={() => onChange(option)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={radioId}>
                  {option ? 'Yes' : 'No'}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
