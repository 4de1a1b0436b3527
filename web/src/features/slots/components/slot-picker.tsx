import type { Slot, SlotDay } from '@gpbook/shared/slots';
import { formatLondonCalendarDate, formatLondonLocalTime } from '@gpbook/shared/time';
import { useRef, useState } from 'react';
import { timeOfDayDisplay, type TimeOfDay } from '../../../lib/time-of-day';
import { roleText } from '../../../lib/describe';
import { durationText, slotAccessibleName } from '../../../lib/describe-details';
import { slotsByTimeOfDay } from '../lib/slot-filters';

/** How many times each part of the day shows before "show more": enough to choose from on a phone. */
export const TIMES_SHOWN_PER_PART = 6;

interface SlotPickerProps {
  /** The one day shown, with the times that pass the filters. */
  day: SlotDay;
  onChoose: (slot: Slot) => void;
  /** Offline: the times stay visible but cannot be chosen; `describedBy` says why. */
  disabled?: boolean;
  describedBy?: string | undefined;
  /** The list mixes surgeries (a practice with branch sites): each time says where it is. */
  showLocation?: boolean;
  /** The day was chosen just now: its heading takes focus (see useRouteFocus). */
  autoFocus?: boolean;
}

/**
 * One day's free times, by morning, afternoon and evening: a real button per slot whose accessible name says
 * everything about it (day, date, time, length, practitioner, role, channel and, when it varies, surgery), so it
 * makes sense out of context too. Only one day is drawn at a time, so the page stays quick with hundreds of slots.
 */
export function SlotPicker({
  day,
  onChoose,
  disabled = false,
  describedBy,
  showLocation = false,
  autoFocus = false,
}: SlotPickerProps) {
  const dateText = formatLondonCalendarDate(day.date);
  const count = day.slots.length;
  const headingId = `day-${day.date}`;
  return (
    <section className="app-slot-day" aria-labelledby={headingId}>
      <h2
        className="nhsuk-heading-m app-slot-day__heading"
        id={headingId}
        {...(autoFocus ? { 'data-autofocus': '' } : {})}
      >
        {dateText}{' '}
        <span className="app-slot-day__count">
          ({count} {count === 1 ? 'time' : 'times'})
        </span>
      </h2>
      {slotsByTimeOfDay(day.slots).map(({ part, slots }) => (
        <TimeOfDayGroup
          key={part}
          date={day.date}
          dateText={dateText}
          part={part}
          slots={slots}
          onChoose={onChoose}
          disabled={disabled}
          describedBy={describedBy}
          showLocation={showLocation}
        />
      ))}
    </section>
  );
}

function TimeOfDayGroup({
  date,
  dateText,
  part,
  slots,
  onChoose,
  disabled,
  describedBy,
  showLocation,
}: {
  date: string;
  dateText: string;
  part: TimeOfDay;
  slots: readonly Slot[];
} & Pick<SlotPickerProps, 'onChoose' | 'disabled' | 'describedBy' | 'showLocation'>) {
  const [expanded, setExpanded] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const shown = expanded ? slots : slots.slice(0, TIMES_SHOWN_PER_PART);
  const hidden = slots.length - shown.length;
  const headingId = `times-${date}-${part}`;
  const partText = timeOfDayDisplay[part].toLowerCase();
  return (
    <section aria-labelledby={headingId}>
      <h3 className="nhsuk-heading-s app-slot-part__heading" id={headingId}>
        {timeOfDayDisplay[part]}{' '}
        <span className="app-slot-day__count">
          ({slots.length} {slots.length === 1 ? 'time' : 'times'})
        </span>
      </h3>
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
              <span className="app-slot__time">{formatLondonLocalTime(slot.start)}</span>{' '}
              <span className="app-slot__detail">
                {[durationText(slot.durationMinutes), slot.practitioner?.name, roleText(slot.role)]
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
            const index = TIMES_SHOWN_PER_PART;
            requestAnimationFrame(() => list.current?.querySelectorAll('button')[index]?.focus());
          }}
        >
          Show {hidden} more {partText} {hidden === 1 ? 'time' : 'times'}{' '}
          <span className="nhsuk-u-visually-hidden">on {dateText}</span>
        </button>
      ) : null}
    </section>
  );
}
