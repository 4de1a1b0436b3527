import { londonLocalHour } from '@gpbook/shared/time';

/**
 * Morning, afternoon and evening of a London time, as patients narrow a list of times: before midday, midday to
 * 5pm, from 5pm.
 */
export const timesOfDay = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof timesOfDay)[number];

export const timeOfDayDisplay: Record<TimeOfDay, string> = {
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
};

export const timeOfDayHint: Record<TimeOfDay, string> = {
  morning: 'Before midday',
  afternoon: 'Midday to 5pm',
  evening: 'From 5pm',
};

export function isTimeOfDay(value: string | null | undefined): value is TimeOfDay {
  return value !== null && value !== undefined && (timesOfDay as readonly string[]).includes(value);
}

/** Which part of the London day a slot's time (London local time with its offset) falls in. */
export function timeOfDayOf(instant: string): TimeOfDay {
  const hour = londonLocalHour(instant);
  if (hour < 12) return 'morning';
  return hour < 17 ? 'afternoon' : 'evening';
}
