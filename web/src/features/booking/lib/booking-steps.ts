import {
  deliveryChannels,
  roleGroups,
  type DeliveryChannel,
  type PractitionerGender,
  type RoleGroup,
} from '@gpbook/shared/codes';
import { addDaysToLondonDate, daysBetweenLondonDates, type LondonDate } from '@gpbook/shared/time';
// The contract's rules for these values, as the answer checks hold them (answers.test.ts): the shared schemas live
// in modules of the first download, where using them would bring zod in (decision 0080).
import { londonDate, odsCode } from '../../../lib/answers';
import { locationId, slotId } from '../../../lib/booking-answers';
import { isTimeOfDay, type TimeOfDay } from '../../../lib/time-of-day';

/**
 * The booking journey's state that belongs in the address: which practice, type, channel, date window and slot.
 * It makes back, forward and reload work. Free text (the reason, a phone number) never goes in the address: it
 * would end up in history and server logs; it lives in the booking draft in memory.
 */
export interface BookingChoices {
  practice?: string | undefined;
  role?: RoleGroup | undefined;
  channel?: DeliveryChannel | undefined;
  /** First date of the slot window (London). */
  from?: LondonDate | undefined;
  /** Only slots at this surgery (a location id from the slot search), when the practice has more than one. */
  location?: string | undefined;
  /** The day whose times the slot list shows (London), within the window. */
  day?: LondonDate | undefined;
  /** Only times in this part of the day. */
  time?: TimeOfDay | undefined;
  /** Only times with this clinician, by the name the practice gives. */
  clinician?: string | undefined;
  /** Only times with a female, or a male, clinician. */
  gender?: ClinicianGender | undefined;
  slot?: string | undefined;
}

/** The clinician preferences patients are offered. */
export type ClinicianGender = Extract<PractitionerGender, 'female' | 'male'>;

export type BookingStep = 'practice' | 'type' | 'how' | 'slots' | 'reason' | 'phone' | 'check';

/** Booking a new appointment, or moving an existing one (the same slot screens, then a different check page). */
export type BookingFlow =
  | { kind: 'book'; base: '/book'; practiceStep: boolean }
  | { kind: 'reschedule'; base: string; appointmentId: string };

/** Days shown at once: two weeks, well inside the BFF's 28-day cap. */
export const WINDOW_DAYS = 14;

function isRoleGroup(value: string | null): value is RoleGroup {
  return value !== null && (roleGroups as readonly string[]).includes(value);
}

function isChannel(value: string | null): value is DeliveryChannel {
  return value !== null && (deliveryChannels as readonly string[]).includes(value);
}

function isClinicianGender(value: string | null): value is ClinicianGender {
  return value === 'female' || value === 'male';
}

/** A clinician's name as the practice writes it: any printable text, not too long for an address. */
function isClinicianName(value: string | null): value is string {
  return (
    value !== null &&
    value.trim().length > 0 &&
    value.length <= 100 &&
    [...value].every((character) => character.charCodeAt(0) >= 32)
  );
}

export function readChoices(params: URLSearchParams): BookingChoices {
  const practice = params.get('practice');
  const role = params.get('role');
  const channel = params.get('channel');
  const from = params.get('from');
  const slot = params.get('slot');
  const location = params.get('location');
  const day = params.get('day');
  const time = params.get('time');
  const clinician = params.get('clinician');
  const gender = params.get('gender');
  return {
    practice: practice && odsCode.safeParse(practice).success ? practice : undefined,
    role: isRoleGroup(role) ? role : undefined,
    channel: isChannel(channel) ? channel : undefined,
    from: from && londonDate.safeParse(from).success ? from : undefined,
    location: location && locationId.safeParse(location).success ? location : undefined,
    day: day && londonDate.safeParse(day).success ? day : undefined,
    time: isTimeOfDay(time) ? time : undefined,
    clinician: isClinicianName(clinician) ? clinician : undefined,
    gender: isClinicianGender(gender) ? gender : undefined,
    slot: slot && slotId.safeParse(slot).success ? slot : undefined,
  };
}

export function choicesSearch(choices: BookingChoices): string {
  const params = new URLSearchParams();
  const keys = [
    'practice',
    'role',
    'channel',
    'from',
    'location',
    'day',
    'time',
    'gender',
    'clinician',
    'slot',
  ] as const;
  for (const key of keys) {
    const value = choices[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The steps of the journey, in order. Moving an appointment starts at the times for the same type and channel:
 * choosing another type or channel is a side step from the slot page, which leads back to it. A telephone
 * appointment asks for the number to call on a page of its own.
 */
export function stepsOf(flow: BookingFlow, choices: BookingChoices = {}): BookingStep[] {
  const phone: BookingStep[] = choices.channel === 'telephone' ? ['phone'] : [];
  if (flow.kind === 'reschedule') return ['slots', ...phone, 'check'];
  return [
    ...(flow.practiceStep ? (['practice'] as const) : []),
    'type',
    'how',
    'slots',
    'reason',
    ...phone,
    'check',
  ];
}

export function stepPath(flow: BookingFlow, step: BookingStep, choices: BookingChoices): string {
  return `${flow.base}/${step}${choicesSearch(choices)}`;
}

/** Where "Back" goes from `step`: the step before, the slot page from a side step, or where the journey started. */
export function previousPath(flow: BookingFlow, step: BookingStep, choices: BookingChoices): string {
  const steps = stepsOf(flow, choices);
  const index = steps.indexOf(step);
  if (index === -1) return stepPath(flow, 'slots', { ...choices, slot: undefined });
  const before = index > 0 ? steps[index - 1] : undefined;
  if (before) return stepPath(flow, before, before === 'slots' ? { ...choices, slot: undefined } : choices);
  return flow.kind === 'reschedule' ? `/appointments/${encodeURIComponent(flow.appointmentId)}` : '/';
}

/** Where "Continue" goes from `step`: the step after; from a side step, back to the slot page. */
export function nextPath(flow: BookingFlow, step: BookingStep, choices: BookingChoices): string {
  const steps = stepsOf(flow, choices);
  const index = steps.indexOf(step);
  const after = index === -1 ? 'slots' : (steps[index + 1] ?? 'check');
  return stepPath(flow, after, choices);
}

/**
 * Where to send the patient when `step` lacks an answer it needs: the first step missing one, or 'start' when
 * there is no practice yet (the journey's start works it out). Undefined when nothing is missing.
 */
export function missingStep(
  flow: BookingFlow,
  step: BookingStep,
  choices: BookingChoices,
): BookingStep | 'start' | undefined {
  if (step === 'practice') return undefined;
  if (choices.practice === undefined) return 'start';
  const steps = stepsOf(flow, choices);
  const upTo = steps.indexOf(step);
  // A side step needs only the practice.
  if (upTo === -1) return undefined;
  // Moving an appointment keeps its type and channel unless the patient changes them: the start reads them again.
  if (flow.kind === 'reschedule' && (choices.role === undefined || choices.channel === undefined))
    return 'start';
  const answered: Partial<Record<BookingStep, boolean>> = {
    type: choices.role !== undefined,
    how: choices.channel !== undefined,
    slots: choices.slot !== undefined,
  };
  return steps.slice(0, upTo).find((earlier) => answered[earlier] === false);
}

export function needsRedirect(flow: BookingFlow, step: BookingStep, choices: BookingChoices): boolean {
  return missingStep(flow, step, choices) !== undefined;
}

/** The journey's start: it finds the practice (and, to move an appointment, its current choices). */
export function startPath(flow: BookingFlow): string {
  return flow.base;
}

/** The window of dates shown: from `from` (default today) for two weeks. */
export function slotWindow(
  from: LondonDate | undefined,
  today: LondonDate,
): { from: LondonDate; to: LondonDate } {
  const start = from !== undefined && daysBetweenLondonDates(today, from) >= 0 ? from : today;
  return { from: start, to: addDaysToLondonDate(start, WINDOW_DAYS - 1) };
}

/** The window before, not starting before today; undefined when the window already starts today. */
export function earlierFrom(from: LondonDate, today: LondonDate): LondonDate | undefined {
  if (daysBetweenLondonDates(today, from) <= 0) return undefined;
  const earlier = addDaysToLondonDate(from, -WINDOW_DAYS);
  return daysBetweenLondonDates(today, earlier) >= 0 ? earlier : today;
}

export function laterFrom(to: LondonDate): LondonDate {
  return addDaysToLondonDate(to, 1);
}
