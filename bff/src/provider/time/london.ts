import { TZDate } from '@date-fns/tz';
import { addDays, differenceInDays, format, getISODay, getISOWeek } from 'date-fns';

/**
 * Europe/London time for GP Connect wire formats. GP Connect sends every instant as UK local time with its
 * offset (`+00:00` in GMT, `+01:00` in BST), never `Z`; the time zone rules come from @date-fns/tz, never from
 * hand-written BST arithmetic.
 */
export const LONDON = 'Europe/London';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\+0[01]:00)$/;

/** `yyyy-mm-ddThh:mm:ss+hh:mm` in UK local time. */
export function londonIso(instant: Date | number): string {
  return format(
    new TZDate(typeof instant === 'number' ? instant : instant.getTime(), LONDON),
    "yyyy-MM-dd'T'HH:mm:ssxxx",
  );
}

/** The UK calendar date (`yyyy-mm-dd`) an instant falls on. */
export function londonDate(instant: Date | number): string {
  return format(new TZDate(typeof instant === 'number' ? instant : instant.getTime(), LONDON), 'yyyy-MM-dd');
}

/** The instant of a UK wall-clock time (`HH:MM`) on a UK calendar date (`yyyy-mm-dd`). */
export function londonInstant(date: string, time = '00:00'): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, LONDON).getTime();
}

/** The UK calendar date `days` after `date`. */
export function addLondonDays(date: string, days: number): string {
  return format(addDays(new TZDate(londonInstant(date), LONDON), days), 'yyyy-MM-dd');
}

/** ISO weekday (1 = Monday … 7 = Sunday) and ISO week number of a UK calendar date. */
export function londonWeekday(date: string): { isoDay: number; isoWeek: number } {
  const day = new TZDate(londonInstant(date, '12:00'), LONDON);
  return { isoDay: getISODay(day), isoWeek: getISOWeek(day) };
}

/** Whether `value` is a real calendar date in `yyyy-mm-dd` form (rejects 2024-02-30, partial dates). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  return londonDate(londonInstant(value)) === value;
}

/**
 * Parses a GP Connect dateTime (`yyyy-mm-ddThh:mm:ss+00:00|+01:00`). The value must carry the offset UK time
 * actually had at that instant (a BST date with `+00:00` is refused), which the round trip through
 * {@link londonIso} checks. Returns undefined when the value is not such a dateTime.
 */
export function parseLondonDateTime(value: string): number | undefined {
  if (!DATE_TIME.test(value)) return undefined;
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return undefined;
  return londonIso(instant) === value ? instant : undefined;
}

/** Whole days from one instant to another, counted on the UK calendar and clock (DST days are still one day). */
export function londonDaysBetween(fromMs: number, toMs: number): number {
  return differenceInDays(new TZDate(toMs, LONDON), new TZDate(fromMs, LONDON));
}
