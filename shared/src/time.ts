import { z } from 'zod';

/**
 * Europe/London time for the patient API. Appointments happen in England, so every date a patient picks and every
 * time we show is London local time, whatever the device's or the server's zone. BST rules come from the tz
 * database (through Intl), never from our own arithmetic. Adding days to a calendar date involves no time zone at
 * all, so that is plain date arithmetic. (No date-fns here: this module is in the web app's first download.)
 */

export const LONDON = 'Europe/London';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A calendar date in London, `yyyy-mm-dd` (a real date: `2026-02-30` fails). */
export const londonDateSchema = z
  .string()
  .regex(DATE_PATTERN, 'Use the format yyyy-mm-dd')
  .refine(isRealDate, 'Not a real date');
export type LondonDate = z.infer<typeof londonDateSchema>;

/** An instant with its UTC offset and seconds, e.g. `2026-03-03T09:30:00+00:00` (no `Z`, as GP Connect sends). */
export const dateTimeWithOffsetSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/, 'Use yyyy-mm-ddThh:mm:ss+hh:mm')
  .refine(isRealDateTime, 'Not a real date and time');
export type DateTimeWithOffset = z.infer<typeof dateTimeWithOffsetSchema>;

/**
 * Whether a `yyyy-mm-ddThh:mm:ss…` string names a real instant: a real calendar date (Date.parse alone takes
 * `2026-02-30` as 2 March), an hour before 24 (it takes `24:00` as the next midnight), and minutes, seconds and
 * offset Date.parse accepts. Cheap for the common case: only days after the 28th need the calendar.
 */
export function isRealDateTime(value: string): boolean {
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    (day <= 28 || isRealDate(value.slice(0, 10))) &&
    value.slice(11, 13) < '24' &&
    !Number.isNaN(Date.parse(value))
  );
}

function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function toDate(instant: string | Date): Date {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date and time: ${String(instant)}`);
  return date;
}

/** The calendar fields of a `yyyy-mm-dd` date, or a RangeError when it is not a real date. */
function calendarFields(date: LondonDate): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  if (!match || !isRealDate(date)) throw new RangeError(`Not a yyyy-mm-dd date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Days since 1970-01-01 of a calendar date (a count of dates, not of any zone's midnights). */
function dayNumber(date: LondonDate): number {
  const { year, month, day } = calendarFields(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function dateOfDayNumber(days: number): LondonDate {
  const date = new Date(days * 86_400_000);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "Tuesday 3 March 2026" from a London calendar date's own fields. Which weekday a calendar date is has nothing to
 * do with any time zone, so no zone data is needed (on a phone, the first zone-aware Intl formatter costs about
 * 170 ms of main thread: decision 0080).
 */
function calendarDateText(date: LondonDate): string {
  const { year, month, day } = calendarFields(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday] ?? ''} ${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** "Tuesday 3 March 2026": the London date of an instant, as NHS content style writes it. */
export function formatLondonDate(instant: string | Date): string {
  return calendarDateText(londonDateOf(instant));
}

/** "Tuesday 3 March 2026" for a `yyyy-mm-dd` London date (a day heading in the slot list). */
export function formatLondonCalendarDate(date: LondonDate): string {
  return calendarDateText(date);
}

/**
 * The London time of an instant in NHS content style: "9am", "9:30am", "2:15pm", and "midday" / "midnight"
 * rather than the ambiguous 12am and 12pm. Read from the instant's London wall-clock text, whose offset comes from
 * the tz database (londonText), so one zone lookup serves dates, times and offsets alike.
 */
export function formatLondonTime(instant: string | Date): string {
  return clockText(londonText(toDate(instant).getTime()));
}

/** "9:30am" (NHS content style) from the `hh:mm` of a `yyyy-mm-ddThh:mm…` wall-clock text. */
function clockText(text: string): string {
  const hour = Number(text.slice(11, 13));
  const minute = text.slice(14, 16);
  if (minute === '00' && hour === 12) return 'midday';
  if (minute === '00' && hour === 0) return 'midnight';
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'am' : 'pm';
  return minute === '00' ? `${hour12}${suffix}` : `${hour12}:${minute}${suffix}`;
}

/** London's own offsets: a text written in London time carries one of these. */
const LONDON_LOCAL_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+0[01]:00$/;

/**
 * A slot's or an appointment's time, which the patient API gives as London local time with its offset (the BFF
 * writes them with londonDateTimeWithOffset, from the tz database): its own wall clock is London's, so it is read
 * from the text and a phone needs no zone data to show it (on a slow phone the zone data is a long pause: decision
 * 0080). Anything not written that way (another offset) goes through the tz database as any other instant. Only
 * for such times: an instant written in UTC during summer time would read an hour out.
 */
function londonLocalText(text: string): string {
  return LONDON_LOCAL_TEXT.test(text) ? text : londonText(toDate(text).getTime());
}

/** "9:30am": a slot's or an appointment's London local time (see londonLocalText). */
export function formatLondonLocalTime(text: string): string {
  return clockText(londonLocalText(text));
}

/** "Tuesday 3 March 2026": a slot's or an appointment's London local date (see londonLocalText). */
export function formatLondonLocalDate(text: string): string {
  return calendarDateText(londonLocalText(text).slice(0, 10));
}

/** The hour (0–23) of a slot's or an appointment's London local time (see londonLocalText). */
export function londonLocalHour(text: string): number {
  return Number(londonLocalText(text).slice(11, 13));
}

const HOUR_MS = 3_600_000;
const offsetByUtcHour = new Map<number, number>();
/** Made on first use: the first formatter for a time zone loads the zone data, a long pause on a slow phone. */
let offsetFormat: Intl.DateTimeFormat | undefined;

/**
 * London's UTC offset in minutes at an instant, as the tz database gives it through Intl: `GMT+01:00` (`GMT` alone
 * where an engine writes a zero offset so; seconds for the local mean time before 1847).
 */
function tzLondonOffset(date: Date): number {
  offsetFormat ??= new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, timeZoneName: 'longOffset' });
  const [, sign, hours = 0, minutes = 0, seconds = 0] =
    /GMT([+-])(\d\d):(\d\d)(?::(\d\d))?/.exec(offsetFormat.format(date)) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes) + Number(seconds) / 60);
}

/**
 * London's UTC offset in minutes at an instant, from the tz database. Asking the database formats a date with Intl,
 * which is slow when a slot list needs it thousands of times, so it is remembered per UTC hour: London's clocks
 * change at 01:00 UTC, on an hour boundary, so the offset is the same throughout any UTC hour.
 */
function londonOffsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    offset = tzLondonOffset(new Date(hour * HOUR_MS));
    if (offsetByUtcHour.size > 50_000) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

/**
 * Each instant's London text, by epoch milliseconds: a slot list formats the same thousand or so instants for every
 * patient who asks. Bounded; emptied when full.
 */
const textByEpochMs = new Map<number, DateTimeWithOffset>();
const TEXT_CACHE_LIMIT = 20_000;

/** `yyyy-mm-ddThh:mm:ss±hh:mm` in London time: the UTC fields of the instant moved by London's offset then. */
function londonText(epochMs: number): DateTimeWithOffset {
  let text = textByEpochMs.get(epochMs);
  if (text === undefined) {
    const offset = londonOffsetMinutes(epochMs);
    const wall = new Date(epochMs + offset * 60_000);
    const sign = offset < 0 ? '-' : '+';
    const offsetText = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    text =
      `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
      `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${offsetText}`;
    if (textByEpochMs.size >= TEXT_CACHE_LIMIT) textByEpochMs.clear();
    textByEpochMs.set(epochMs, text);
  }
  return text;
}

/** The London calendar date (`yyyy-mm-dd`) on which an instant falls. */
export function londonDateOf(instant: string | Date): LondonDate {
  const text = londonText(toDate(instant).getTime());
  return text.slice(0, text.indexOf('T'));
}

/** An instant as London local time with its offset: `yyyy-mm-ddThh:mm:ss+00:00` (GMT) or `+01:00` (BST). */
export function londonDateTimeWithOffset(instant: string | Date): DateTimeWithOffset {
  return londonText(toDate(instant).getTime());
}

/** The London date `days` calendar days after (or before, if negative) `date`. */
export function addDaysToLondonDate(date: LondonDate, days: number): LondonDate {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (`to` − `from`): 0 for the same date, negative when `to` is earlier. */
export function daysBetweenLondonDates(from: LondonDate, to: LondonDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The instant a London calendar date begins (its local midnight), from the tz database's offset then. London's
 * clocks change at 01:00 UTC, never near midnight, so the offset in force at the date's UTC midnight is the one in
 * force at its local midnight.
 */
export function startOfLondonDate(date: LondonDate): Date {
  const utcMidnight = dayNumber(date) * 86_400_000;
  return new Date(utcMidnight - londonOffsetMinutes(utcMidnight) * 60_000);
}

/** Today's date in London (at `now`, which defaults to the current time). */
export function todayInLondon(now: Date = new Date()): LondonDate {
  return londonDateOf(now);
}

/** Whole minutes from `start` to `end`. */
export function minutesBetween(start: string | Date, end: string | Date): number {
  return Math.round((toDate(end).getTime() - toDate(start).getTime()) / 60_000);
}
