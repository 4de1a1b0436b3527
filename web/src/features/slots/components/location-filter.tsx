import type { AppointmentLocation } from '@gpbook/shared/slots';
import { useId, type FormEvent } from 'react';

interface LocationFilterProps {
  locations: readonly AppointmentLocation[];
  /** The location id shown now; undefined for every surgery. */
  selected: string | undefined;
  onChange: (location: string | undefined) => void;
}

/**
 * "Which surgery" for a practice with branch sites: a select and a button (changing the select alone does
 * nothing, so keyboard and screen reader users are not moved on while they look through the options).
 */
export function LocationFilter({ locations, selected, onChange }: LocationFilterProps) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('location');
    onChange(typeof value === 'string' && value !== '' ? value : undefined);
  };
  return (
    <form className="app-location-filter" method="get" noValidate onSubmit={submit}>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={id}>
          Surgery
        </label>
        <select className="nhsuk-select" id={id} name="location" defaultValue={selected ?? ''} key={selected}>
          <option value="">All surgeries</option>
          {locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name}
            </option>
          ))}
        </select>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
        Show appointments
      </button>
    </form>
  );
}
