import type { DeliveryChannel, PractitionerRole, Practitioner, RoleGroup } from '@gpbook/shared/codes';
import {
  formatLondonCalendarDate,
  formatLondonDate,
  formatLondonTime,
  type LondonDate,
} from '@gpbook/shared/time';

/** How the appointment happens, as it reads inside a sentence: "in person", "by phone", "video call". */
export const channelPhrase: Record<DeliveryChannel, string> = {
  'in-person': 'in person',
  telephone: 'by phone',
  video: 'video call',
};

/** "Tuesday 3 March 2026 at 9:30am". */
export function whenText(start: string): string {
  return `${formatLondonDate(start)} at ${formatLondonTime(start)}`;
}

/** "Tuesday 3 March": a date in the current run of days, where the year only adds noise. */
export function shortDate(instant: string): string {
  return withoutYear(formatLondonDate(instant));
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

/** "Dr Amina Shah (GP)", or just "GP" when the practice has not named anyone. */
export function whoText(practitioner: Practitioner | undefined, role: PractitionerRole): string {
  return practitioner ? `${practitioner.name} (${role.display})` : role.display;
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
    formatLondonTime(slot.start),
    durationText(slot.durationMinutes),
    slot.practitioner?.name,
    slot.role.display,
    channelPhrase[slot.channel],
    place === undefined ? undefined : `at ${place}`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(', ');
}

/** "GP appointment" / "Nurse appointment". */
export function appointmentKind(role: PractitionerRole): string {
  return `${role.display} appointment`;
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
