import { organisationTypeDisplay, type Consumer, type ConsumerKey } from '@gpbook/shared/practice-view';
import { useState, type FormEvent } from 'react';
import type { FormError } from '../../../components/error-summary';
import { ErrorMessage } from '../../../components/form/error-message';
import {
  fixedConsumerLabel,
  fixedConsumers,
  searchFieldIds,
  type VisibilitySearch,
} from '../lib/visibility-search';
import { CheckboxesField, SelectField } from './form-fields';

function DateField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <input
        className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        type="date"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={errorId}
      />
    </div>
  );
}

/**
 * "What would they see?" choices: a date range and the booking services to compare. A GET form: the choices go
 * into the address (`onSearch` navigates), so back, reload and a shared link give the same answer.
 */
export function VisibilityForm({
  action,
  initial,
  offered,
  errors,
  onSearch,
}: {
  action: string;
  /** The practice's own choices (GET …/consumers), beyond the usual three; none when they could not be read. */
  offered: readonly Consumer[];
  initial: VisibilitySearch;
  errors: readonly FormError[];
  onSearch: (search: VisibilitySearch) => void;
}) {
  const [search, setSearch] = useState(initial);
  const error = (id: string) => errors.find((candidate) => candidate.fieldId === id)?.text;
  const choices: Array<{ value: ConsumerKey; label: string; hint?: string | undefined }> = fixedConsumers.map(
    (key) => ({
      value: key,
      label: fixedConsumerLabel[key].label,
      hint: fixedConsumerLabel[key].hint,
    }),
  );
  for (const consumer of offered)
    if (!choices.some((choice) => choice.value === consumer.key))
      choices.push({
        value: consumer.key,
        label: consumer.label,
        hint:
          consumer.kind === 'ods'
            ? 'A practice in your network, booking by its ODS code'
            : consumer.kind === 'none'
              ? 'A booking service that does not say what it is'
              : undefined,
      });
  // A choice in the address that the practice does not offer stays on offer, so it can be seen and undone.
  for (const key of initial.consumers)
    if (!choices.some((choice) => choice.value === key)) choices.push({ value: key, label: key });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ...search, ods: search.ods.trim().toUpperCase() });
  };
  return (
    <form method="get" action={action} onSubmit={submit} noValidate>
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Dates</legend>
        <div className="nhsuk-hint">Up to 8 weeks at a time.</div>
        <div className="app-practice-duration">
          <DateField
            id={searchFieldIds.start}
            label="From"
            value={search.start}
            onChange={(start) => setSearch({ ...search, start })}
            error={error(searchFieldIds.start)}
          />
          <DateField
            id={searchFieldIds.end}
            label="To"
            value={search.end}
            onChange={(end) => setSearch({ ...search, end })}
            error={error(searchFieldIds.end)}
          />
        </div>
      </fieldset>
      <CheckboxesField
        id={searchFieldIds.consumers}
        legend="Booking services to compare"
        hint="We search your appointment book as each of them would."
        small={false}
        name="consumer"
        options={choices}
        values={search.consumers}
        onChange={(consumers) => setSearch({ ...search, consumers })}
        error={error(searchFieldIds.consumers)}
      />
      <div className={`nhsuk-form-group${error(searchFieldIds.ods) ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={searchFieldIds.ods}>
          A specific organisation (optional)
        </label>
        <div className="nhsuk-hint" id="ods-hint">
          Its ODS code, like B82005
        </div>
        {error(searchFieldIds.ods) ? (
          <ErrorMessage id="ods-error">{error(searchFieldIds.ods) ?? ''}</ErrorMessage>
        ) : null}
        <input
          className={`nhsuk-input nhsuk-input--width-10${error(searchFieldIds.ods) ? ' nhsuk-input--error' : ''}`}
          id={searchFieldIds.ods}
          name="ods"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={search.ods}
          onChange={(event) => setSearch({ ...search, ods: event.target.value })}
          aria-describedby={['ods-hint', error(searchFieldIds.ods) ? 'ods-error' : '']
            .filter(Boolean)
            .join(' ')}
        />
      </div>
      <SelectField
        id="odsType"
        label="It books as"
        options={[
          { value: 'gp-practice' as const, label: organisationTypeDisplay['gp-practice'] },
          { value: 'urgent-care' as const, label: organisationTypeDisplay['urgent-care'] },
          { value: 'none' as const, label: 'No organisation type (ODS code only)' },
        ]}
        value={search.odsType}
        onChange={(odsType) => setSearch({ ...search, odsType: odsType === '' ? 'gp-practice' : odsType })}
      />
      <button className="nhsuk-button" type="submit">
        Show what they would see
      </button>
    </form>
  );
}
