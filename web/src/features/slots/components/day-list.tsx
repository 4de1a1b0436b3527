import type { SlotDay } from '@gpbook/shared/slots';
import { formatLondonCalendarDate, type LondonDate } from '@gpbook/shared/time';
import { Link } from 'react-router';

/** "Monday", "30 November" for a day tile: the full words, so screen readers and speech input need no guessing. */
function dayParts(date: LondonDate): { weekday: string; date: string } {
  const [weekday = '', day = '', month = ''] = formatLondonCalendarDate(date).split(' ');
  return { weekday, date: `${day} ${month}` };
}

/**
 * The days of the range that have free times, each a plain link with how many times it has; the day shown is
 * marked as current. Links, not a date-picker widget: they work with every assistive technology, and back and
 * reload return to the same day.
 */
export function DayList({
  days,
  selected,
  hrefFor,
}: {
  /** The days of the range, with the times that pass the filters. */
  days: readonly SlotDay[];
  selected: LondonDate | undefined;
  hrefFor: (date: LondonDate) => string;
}) {
  const withTimes = days.filter((day) => day.slots.length > 0);
  return (
    <ul className="nhsuk-list app-day-list">
      {withTimes.map((day) => {
        const { weekday, date } = dayParts(day.date);
        const count = day.slots.length;
        const current = day.date === selected;
        return (
          <li key={day.date} className="app-day-list__item">
            <Link
              className={`app-day-list__link${current ? ' app-day-list__link--current' : ''}`}
              to={hrefFor(day.date)}
              aria-current={current ? 'date' : undefined}
            >
              <span className="app-day-list__weekday">{weekday}</span>{' '}
              <span className="app-day-list__date">{date}</span>{' '}
              <span className="app-day-list__count">
                {count} {count === 1 ? 'time' : 'times'}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
