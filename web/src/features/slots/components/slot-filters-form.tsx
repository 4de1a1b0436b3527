import type { AppointmentLocation } from '@gpbook/shared/slots';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Radios } from '../../../components/form/radios';
import { timeOfDayDisplay, timeOfDayHint, timesOfDay, type TimeOfDay } from '../../../lib/time-of-day';
import {
  activeFilterCount,
  type ClinicianChoices,
  type ClinicianGender,
  type SlotFilters,
} from '../lib/slot-filters';

/** What the patient asks for: a surgery (a practice with branch sites) and the slot filters. */
export interface SlotListChoice {
  location: string | undefined;
  filters: SlotFilters;
}

interface SlotFiltersFormProps {
  /** Surgeries to choose between; none when it does not matter (one surgery, or not in person). */
  locations: readonly AppointmentLocation[];
  current: SlotListChoice;
  clinicians: ClinicianChoices;
  /** Who the clinician choice is about, inside a sentence: "GP", "nurse", "healthcare professional". */
  person: string;
  onApply: (choice: SlotListChoice) => void;
  /** The same list without any filter. */
  clearTo: string;
}

type WhoValue = '' | `gender:${ClinicianGender}` | `name:${string}`;

function whoValue(filters: SlotFilters): WhoValue {
  if (filters.clinician !== undefined) return `name:${filters.clinician}`;
  if (filters.gender !== undefined) return `gender:${filters.gender}`;
  return '';
}

function whoFilters(value: WhoValue): Pick<SlotFilters, 'clinician' | 'gender'> {
  if (value.startsWith('name:')) return { clinician: value.slice('name:'.length) };
  if (value === 'gender:female' || value === 'gender:male')
    return { gender: value.slice('gender:'.length) as ClinicianGender };
  return {};
}

/**
 * The slot list's filters, behind an NHS.UK details component so the days and times stay near the top on a phone:
 * radios and one button (nothing changes until the patient asks, so keyboard and screen reader users are not moved
 * on while they look through the options). One question for who: a named clinician, or a female or male one.
 */
export function SlotFiltersForm({
  locations,
  current,
  clinicians,
  person,
  onApply,
  clearTo,
}: SlotFiltersFormProps) {
  const [location, setLocation] = useState(current.location ?? '');
  const [time, setTime] = useState<'' | TimeOfDay>(current.filters.time ?? '');
  const [who, setWho] = useState<WhoValue>(whoValue(current.filters));
  const active = activeFilterCount(current.location, current.filters);
  // A clinician asked for in the address but not free in these dates stays on offer, so it can be seen and undone.
  const names =
    current.filters.clinician !== undefined && !clinicians.names.includes(current.filters.clinician)
      ? [...clinicians.names, current.filters.clinician]
      : clinicians.names;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      location: location === '' ? undefined : location,
      filters: { time: time === '' ? undefined : time, ...whoFilters(who) },
    });
  };

  const whoOptions: Array<{ value: WhoValue; label: string }> = [
    { value: '', label: 'No preference' },
    ...clinicians.genders.map((gender) => ({
      value: `gender:${gender}` as const,
      label: `A ${gender} ${person}`,
    })),
    ...(names.length > 1 || current.filters.clinician !== undefined
      ? names.map((name) => ({ value: `name:${name}` as const, label: name }))
      : []),
  ];

  return (
    <details className="nhsuk-details app-slot-filters">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Filter times{active > 0 ? ` (${active} ${active === 1 ? 'filter' : 'filters'} on)` : ''}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={submit} noValidate>
          {locations.length > 0 ? (
            <Radios
              name="location"
              legend="Surgery"
              isPageHeading={false}
              legendSize="s"
              options={[
                { value: '', label: 'All surgeries' },
                ...locations.map((candidate) => ({ value: candidate.id, label: candidate.name })),
              ]}
              value={location}
              onChange={setLocation}
            />
          ) : null}
          <Radios
            name="time"
            legend="Time of day"
            isPageHeading={false}
            legendSize="s"
            options={[
              { value: '' as const, label: 'Any time' },
              ...timesOfDay.map((part) => ({
                value: part,
                label: timeOfDayDisplay[part],
                hint: timeOfDayHint[part],
              })),
            ]}
            value={time}
            onChange={setTime}
          />
          {whoOptions.length > 1 ? (
            <Radios
              name="who"
              legend="Who would you like to see?"
              isPageHeading={false}
              legendSize="s"
              hint={
                clinicians.genders.length > 0
                  ? 'If you choose, we only show times where the surgery has said who you will see.'
                  : undefined
              }
              options={whoOptions}
              value={who}
              onChange={setWho}
            />
          ) : null}
          <div className="nhsuk-button-group">
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Apply filters
            </button>
            {active > 0 ? (
              <Link className="nhsuk-link" to={clearTo}>
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>
      </div>
    </details>
  );
}
