import type { Slot, SlotDay } from '@gpbook/shared/slots';
import { formatLondonCalendarDate, formatLondonTime } from '@gpbook/shared/time';
import { useRef, useState } from 'react';
import { durationText, slotAccessibleName } from '../../../lib/describe';

/** How many times a day shows before "show all": enough to choose from without a very long page on a phone. */
export const TIMES_SHOWN_PER_DAY = 6;

interface SlotPickerProps {
  days: readonly SlotDay[];
  onChoose: (slot: Slot) => void;
  /** Offline: the times stay visible but cannot be chosen; `describedBy` says why. */
  disabled?: boolean;
  describedBy?: string | undefined;
  /** The list mixes surgeries (a practice with branch sites): each time says where it is. */
  showLocation?: boolean;
}

/**
 * Free slots grouped by day: a heading per day and a real button per slot whose accessible name says everything
 * about it (day, date, time, length, practitioner, role, channel and, when it varies, surgery), so it makes sense
 * out of context too.
 */
export function SlotPicker({
  days,
  onChoose,
  disabled = false,
  describedBy,
  showLocation = false,
}: SlotPickerProps) {
  return (
    <div className="app-slot-picker">
      {days
        .filter((day) => day.slots.length > 0)
        .map((day) => (
          <SlotDayGroup
            key={day.date}
            day={day}
            onChoose={onChoose}
            disabled={disabled}
            describedBy={describedBy}
            showLocation={showLocation}
          />
        ))}
    </div>
  );
}

function SlotDayGroup({
  day,
  onChoose,
  disabled,
  describedBy,
  showLocation,
}: { day: SlotDay } & Omit<SlotPickerProps, 'days'>) {
  const [expanded, setExpanded] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const headingId = `day-${day.date}`;
  const shown = expanded ? day.slots : day.slots.slice(0, TIMES_SHOWN_PER_DAY);
  const hidden = day.slots.length - shown.length;
  const dateText = formatLondonCalendarDate(day.date);
  const count = day.slots.length;

  return (
    <section className="app-slot-day" aria-labelledby={headingId}>
      <h2 className="nhsuk-heading-s app-slot-day__heading" id={headingId}>
        {dateText}
        <span className="app-slot-day__count">
          {' '}
          ({count} {count === 1 ? 'time' : 'times'})
        </span>
      </h2>
      <ul className="nhsuk-list app-slot-list" ref={list}>
        {shown.map((slot) => (
          <li key={slot.id} className="app-slot-list__item">
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary app-slot"
              aria-label={slotAccessibleName(slot, showLocation ? slot.location.name : undefined)}
              aria-describedby={describedBy}
              disabled={disabled}
              onClick={() => onChoose(slot)}
            >
              {/*
                The visible text, in order and with a space between the lines, is part of the accessible name
                (WCAG 2.5.3 label in name), so a speech-input user can say what they see.
              */}
              <span className="app-slot__time">{formatLondonTime(slot.start)}</span>{' '}
              <span className="app-slot__detail">
                {[durationText(slot.durationMinutes), slot.practitioner?.name, slot.role.display]
                  .filter(Boolean)
                  .join(', ')}
              </span>
              {showLocation ? (
                <>
                  {' '}
                  <span className="app-slot__detail">In person at {slot.location.name}</span>
                </>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-slot-day__more"
          onClick={() => {
            setExpanded(true);
            // Focus the first time that was hidden, so keyboard and screen reader users carry on from there.
            const index = TIMES_SHOWN_PER_DAY;
            requestAnimationFrame(() => list.current?.querySelectorAll('button')[index]?.focus());
          }}
        >
          Show {hidden} more {hidden === 1 ? 'time' : 'times'}
          <span className="nhsuk-u-visually-hidden"> on {dateText}</span>
        </button>
      ) : null}
    </section>
  );
}
