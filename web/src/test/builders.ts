import type {
  Appointment,
  AppointmentsResponse,
  PreviousAppointmentOutcome,
  RescheduleAppointmentResponse,
} from '@gpbook/shared/appointments';
import type { Practice, PracticesResponse, UnavailablePractice } from '@gpbook/shared/practices';
import type { SessionResponse } from '@gpbook/shared/session';
import type { AppointmentLocation, Slot, SlotsQuery, SlotsResponse } from '@gpbook/shared/slots';
import {
  addDaysToLondonDate,
  daysBetweenLondonDates,
  londonDateOf,
  todayInLondon,
} from '@gpbook/shared/time';

/** Small builders for the patient API's answers, so each test says only what matters to it. */

export function makeSession(change: Partial<SessionResponse> = {}): SessionResponse {
  const now = Date.now();
  return {
    user: {
      id: 'opaque-user-id-jane-smith',
      displayName: 'Jane Smith',
      givenName: 'Jane',
      familyName: 'Smith',
    },
    registeredOds: 'Y90001',
    idleExpiresAt: new Date(now + 30 * 60_000).toISOString().replace('Z', '+00:00'),
    absoluteExpiresAt: new Date(now + 12 * 3600_000).toISOString().replace('Z', '+00:00'),
    serverTime: new Date(now).toISOString().replace('Z', '+00:00'),
    csrfToken: 'csrf-token-0123456789abcdef',
    ...change,
  };
}

export const riverside: Practice = {
  odsCode: 'Y90001',
  name: 'Riverside Medical Centre',
  address: { lines: ['12 Bridge Street'], town: 'Leeds', postcode: 'LS1 4AP' },
  phone: '0113 496 0001',
};

export const parkview: Practice = {
  odsCode: 'Y90002',
  name: 'Parkview Surgery',
  address: { lines: ['3 Park Road'], town: 'Leeds', postcode: 'LS6 2AB' },
  phone: '0113 496 0002',
};

export const hillside: Practice = {
  odsCode: 'Y90003',
  name: 'Hillside Health Centre',
  address: { lines: ['8 Hill Top'], town: 'Leeds', postcode: 'LS7 3CD' },
  phone: '0113 496 0003',
};

/** `practice` as a practice whose system did not answer this time. */
export function unavailablePractice(
  practice: Practice,
  reason: UnavailablePractice['reason'] = 'timeout',
): UnavailablePractice {
  return { odsCode: practice.odsCode, name: practice.name, reason };
}

export function makePractices(
  federation: Practice[] = [parkview],
  unavailable: UnavailablePractice[] = [],
): PracticesResponse {
  return { registered: riverside, federation, unavailable };
}

const location = {
  id: 'riverside-main',
  name: 'Riverside Medical Centre',
  address: { lines: ['12 Bridge Street'], town: 'Leeds', postcode: 'LS1 4AP' },
};

/** A London date some days from today, and a time on it in GMT/BST-proof form (midday ± minutes, UTC offset from Date). */
export function londonDay(daysFromToday: number): string {
  return addDaysToLondonDate(todayInLondon(), daysFromToday);
}

function instant(date: string, time: string): string {
  // Build the offset from the real zone so the test works in summer and winter.
  const probe = new Date(`${date}T12:00:00Z`);
  const london = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(probe);
  const offset = Number(london) - 12;
  return `${date}T${time}:00+0${offset}:00`;
}

export function makeSlot(change: Partial<Slot> & { day?: number; time?: string } = {}): Slot {
  const { day = 1, time = '09:30', ...rest } = change;
  const date = londonDay(day);
  const start = instant(date, time);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const endMinutes = hours * 60 + minutes + 10;
  const endTime = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  return {
    id: `slot-${date}-${time.replace(':', '')}`,
    start,
    end: instant(date, endTime),
    durationMinutes: 10,
    practitioner: { name: 'Dr Amina Shah' },
    role: { group: 'gp', display: 'GP' },
    channel: 'in-person',
    slotType: 'GP Appointment',
    location,
    ...rest,
  };
}

export function makeSlotsResponse(slots: Slot[], from = londonDay(0), days = 14): SlotsResponse {
  const list = Array.from({ length: days }, (_, index) => addDaysToLondonDate(from, index));
  return {
    practice: 'Y90001',
    from,
    to: list[list.length - 1] ?? from,
    days: list.map((date) => ({ date, slots: slots.filter((slot) => slot.start.startsWith(date)) })),
    locations: [location],
  };
}

export function makeAppointment(change: Partial<Appointment> = {}): Appointment {
  const slot = makeSlot({ day: 2, time: '10:00' });
  return {
    id: 'Y90001~appt-1',
    practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' },
    status: 'booked',
    start: slot.start,
    end: slot.end,
    durationMinutes: 10,
    practitioner: { name: 'Dr Amina Shah' },
    role: { group: 'gp', display: 'GP' },
    channel: 'in-person',
    slotType: 'GP Appointment',
    location,
    description: 'Cough for 3 weeks',
    canCancel: true,
    canAmend: true,
    ...change,
  };
}

export function makeAppointments(
  appointments: Appointment[] = [makeAppointment()],
  unavailable: UnavailablePractice[] = [],
): AppointmentsResponse {
  return {
    appointments,
    earliestDate: londonDay(0),
    note: 'This list shows appointments from today onwards. Past appointments are not shown.',
    unavailable,
  };
}

/** The reschedule answer: `booked` is the new appointment, `previous` the old one as the BFF last knew it. */
export function makeRescheduleResponse(
  booked: Appointment,
  previous: Appointment,
  previousOutcome: PreviousAppointmentOutcome,
  message?: string,
): RescheduleAppointmentResponse {
  return {
    booked,
    previousOutcome,
    previous:
      previousOutcome === 'cancelled'
        ? { ...previous, status: 'cancelled', canCancel: false, canAmend: false }
        : previous,
    ...(message ? { message } : {}),
  };
}

/**
 * The slot search as the BFF answers it from every free slot in the range: filtered by role, channel and location,
 * grouped by London day, with the locations of the asked role and channel to filter by.
 */
export function slotsResponseFor(query: SlotsQuery, slots: readonly Slot[]): SlotsResponse {
  const asked = slots.filter(
    (slot) =>
      (query.role === undefined || slot.role.group === query.role) &&
      (query.channel === undefined || slot.channel === query.channel),
  );
  const shown = asked
    .filter((slot) => query.location === undefined || slot.location.id === query.location)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const days = Array.from({ length: daysBetweenLondonDates(query.from, query.to) + 1 }, (_, index) => {
    const date = addDaysToLondonDate(query.from, index);
    return { date, slots: shown.filter((slot) => londonDateOf(slot.start) === date) };
  });
  const locations = new Map<string, AppointmentLocation>(
    asked.map((slot) => [slot.location.id, slot.location]),
  );
  return {
    practice: query.practice,
    from: query.from,
    to: query.to,
    days,
    locations: [...locations.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
