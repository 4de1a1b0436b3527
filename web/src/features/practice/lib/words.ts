import { roleGroupDisplay, type RoleGroup } from '@gpbook/shared/codes';
import type { VisibilityFailureReason } from '@gpbook/shared/practice-view';
import { formatLondonCalendarDate, type LondonDate } from '@gpbook/shared/time';

/** "Tuesday 8 December": a day in a table of days (the year is in the page's heading). */
export function dayLabel(date: LondonDate): string {
  return formatLondonCalendarDate(date).replace(/ \d{4}$/, '');
}

/** "Tuesday": the weekday alone, for a sentence about a day in the next fortnight. */
export function weekdayLabel(date: LondonDate): string {
  return formatLondonCalendarDate(date).split(' ')[0] ?? date;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** 1440 → "1 day", 120 → "2 hours", 90 → "90 minutes", 0 → "0 minutes". */
export function durationWords(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes > 0 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

export function daysWords(days: number): string {
  return plural(days, 'day');
}

export function slotsWords(count: number, role?: RoleGroup): string {
  const kind = role ? `${roleWord(role)} ` : '';
  return `${count} ${kind}${count === 1 ? 'slot' : 'slots'}`;
}

/** A role group inside a sentence: "GP", "nurse", "phlebotomist (blood tests)". */
export function roleWord(role: RoleGroup): string {
  const display = roleGroupDisplay[role];
  return role === 'gp' ? display : display.charAt(0).toLowerCase() + display.slice(1);
}

/** Why a consumer's search gave no answer, in plain words. */
export const failureWords: Record<VisibilityFailureReason, string> = {
  timeout: 'the practice’s system did not answer in time',
  unreachable: 'the practice’s system could not be reached',
  refused: 'the practice’s system refused the search',
  error: 'the practice’s system answered with an error',
};
