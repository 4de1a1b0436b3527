import type { PractitionerGender } from '@gpbook/shared/codes';
import type { Slot, SlotDay } from '@gpbook/shared/slots';
import { timeOfDayOf, timesOfDay, type TimeOfDay } from '../../../lib/time-of-day';

export type ClinicianGender = Extract<PractitionerGender, 'female' | 'male'>;

/**
 * What the patient narrows the free times to, on the device: part of the day, a named clinician, or a female or
 * male clinician. The slot search itself is not narrowed, so each change shows at once and the choices offered
 * come from every free time in the range.
 */
export interface SlotFilters {
  time?: TimeOfDay | undefined;
  clinician?: string | undefined;
  gender?: ClinicianGender | undefined;
}

export function hasSlotFilters(filters: SlotFilters): boolean {
  return filters.time !== undefined || filters.clinician !== undefined || filters.gender !== undefined;
}

/**
 * Whether a slot passes the filters. A slot whose practice named nobody, or gave no gender, does not pass a
 * clinician filter: we cannot say it is what the patient asked for.
 */
export function matchesSlotFilters(slot: Slot, filters: SlotFilters): boolean {
  if (filters.clinician !== undefined && slot.practitioner?.name !== filters.clinician) return false;
  if (filters.gender !== undefined && slot.practitioner?.gender !== filters.gender) return false;
  if (filters.time !== undefined && timeOfDayOf(slot.start) !== filters.time) return false;
  return true;
}

/** How many filters narrow the list now, the surgery (location) among them. */
export function activeFilterCount(location: string | undefined, filters: SlotFilters): number {
  return [location, filters.time, filters.clinician ?? filters.gender].filter((value) => value !== undefined)
    .length;
}

/** Every day of the range with only the slots that pass the filters (days left empty stay, in order). */
export function filterSlotDays(days: readonly SlotDay[], filters: SlotFilters): SlotDay[] {
  if (!hasSlotFilters(filters)) return [...days];
  return days.map((day) => ({
    date: day.date,
    slots: day.slots.filter((slot) => matchesSlotFilters(slot, filters)),
  }));
}

/** Who the patient can choose between: the clinicians named in the range, and the genders the practice gave. */
export interface ClinicianChoices {
  names: string[];
  genders: ClinicianGender[];
}

export function clinicianChoices(days: readonly SlotDay[]): ClinicianChoices {
  const names = new Set<string>();
  const genders = new Set<ClinicianGender>();
  for (const day of days) {
    for (const slot of day.slots) {
      if (!slot.practitioner) continue;
      names.add(slot.practitioner.name);
      const gender = slot.practitioner.gender;
      if (gender === 'female' || gender === 'male') genders.add(gender);
    }
  }
  return {
    names: [...names].sort((a, b) => byText(surname(a), surname(b)) || byText(a, b)),
    genders: (['female', 'male'] as const).filter((gender) => genders.has(gender)),
  };
}

/**
 * Alphabetical order, ignoring case. Not `localeCompare`: its first use loads the locale's collation data, a long
 * pause on a slow phone (it held the slot page's first drawing up), and clinicians' names need no more than this.
 */
function byText(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** "Dr Amelia Hart" sorts under Hart, as a practice's list of clinicians would. */
function surname(name: string): string {
  return name.trim().split(/\s+/).at(-1) ?? name;
}

/** One day's slots by part of the day, each part in time order (parts with no slots are left out). */
export function slotsByTimeOfDay(slots: readonly Slot[]): Array<{ part: TimeOfDay; slots: Slot[] }> {
  const parts: Record<TimeOfDay, Slot[]> = { morning: [], afternoon: [], evening: [] };
  for (const slot of slots) parts[timeOfDayOf(slot.start)].push(slot);
  return timesOfDay.filter((part) => parts[part].length > 0).map((part) => ({ part, slots: parts[part] }));
}
