import type { Appointment, AppointmentsResponse } from '@gpbook/shared/appointments';
import type { Practice, PracticesResponse } from '@gpbook/shared/practices';
import type { SessionResponse } from '@gpbook/shared/session';
import type { Slot, SlotsResponse } from '@gpbook/shared/slots';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';

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

export function makePractices(federation: Practice[] = [parkview]): PracticesResponse {
  return { registered: riverside, federation };
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

export function makeAppointments(appointments: Appointment[] = [makeAppointment()]): AppointmentsResponse {
  return {
    appointments,
    earliestDate: londonDay(0),
    note: 'This list shows appointments from today onwards. Past appointments are not shown.',
  };
}
