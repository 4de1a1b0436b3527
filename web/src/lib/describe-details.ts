import type { DeliveryChannel, PractitionerRole, Practitioner, RoleGroup } from '@gpbook/shared/codes';
import {
  formatLondonCalendarDate,
  formatLondonLocalDate,
  formatLondonLocalTime,
  type LondonDate,
} from '@gpbook/shared/time';
import { channelPhrase, roleText } from './describe';

// Words for the details of a slot or an appointment, on the pages after the first (the first page's are in
// describe.ts).

/**
 * "Tuesday 3 March": a slot's or an appointment's date (London local time with its offset), in the current run of
 * days, where the year only adds noise.
 */
export function shortDate(instant: string): string {
  return withoutYear(formatLondonLocalDate(instant));
}

export function shortCalendarDate(date: LondonDate): string {
  return withoutYear(formatLondonCalendarDate(date));
}

function withoutYear(text: string): string {
  return text.replace(/ \d{4}$/, '');
}

/** "10 minutes", "1 hour", "1 hour 30 minutes". */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} minute${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/**
 * Words that start with a capital only because they start a label, as they read inside a sentence: "Mental
 * health practitioner" → "mental health practitioner", "Nurse" → "nurse"; an initialism stays ("GP", "MSK
 * physiotherapist").
 */
export function inSentence(text: string): string {
  const firstWord = text.split(/[\s(]/, 1)[0] ?? '';
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "Dr Amina Shah (GP)", or just "GP" when the practice has not named anyone. */
export function whoText(practitioner: Practitioner | undefined, role: PractitionerRole): string {
  const what = roleText(role);
  if (!practitioner) return what;
  // "Sarah Lewis, Blood test (phlebotomist)": brackets inside brackets are hard to read.
  return what.includes('(') ? `${practitioner.name}, ${what}` : `${practitioner.name} (${what})`;
}

interface Bookable {
  start: string;
  durationMinutes: number;
  practitioner?: Practitioner | undefined;
  role: PractitionerRole;
  channel: DeliveryChannel;
}

/**
 * A slot as a screen reader reads it: "Tuesday 3 March, 9:30am, 10 minutes, Dr Amina Shah, GP, in person", then
 * where ("at Kirkstall branch") when the list mixes surgeries.
 */
export function slotAccessibleName(slot: Bookable, place?: string): string {
  return [
    shortDate(slot.start),
    formatLondonLocalTime(slot.start),
    durationText(slot.durationMinutes),
    slot.practitioner?.name,
    roleText(slot.role),
    channelPhrase[slot.channel],
    place === undefined ? undefined : `at ${place}`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(', ');
}

const person: Record<RoleGroup, string> = {
  gp: 'GP',
  nurse: 'nurse',
  pharmacist: 'pharmacist',
  'healthcare-assistant': 'healthcare assistant',
  phlebotomist: 'phlebotomist',
  'mental-health': 'mental health practitioner',
  other: 'healthcare professional',
};

/** The person a patient would see, inside a sentence: "a female GP", "a male nurse". */
export function rolePerson(group: RoleGroup | undefined): string {
  return group === undefined ? 'healthcare professional' : person[group];
}
