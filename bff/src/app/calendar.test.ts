import type { Appointment } from '@gpbook/shared/appointments';
import { describe, expect, it } from 'vitest';
import { appointmentCalendar } from './calendar.js';

function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'Y90001~42',
    practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' },
    status: 'booked',
    start: '2026-07-14T09:30:00+01:00',
    end: '2026-07-14T09:40:00+01:00',
    durationMinutes: 10,
    practitioner: { name: 'Dr Amina Shah', gender: 'female' },
    role: { group: 'gp', display: 'GP', sdsCode: 'R0260', sdsDisplay: 'General Medical Practitioner' },
    channel: 'in-person',
    slotType: 'GP appointment',
    location: {
      id: 'riverside-main',
      name: 'Riverside Medical Centre',
      address: { lines: ['12 Bridge Street'], town: 'Leeds', postcode: 'LS1 4AP' },
    },
    description: 'Sore knee for three weeks',
    comment: 'Private detail',
    canCancel: true,
    canAmend: true,
    ...overrides,
  } as Appointment;
}

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('appointmentCalendar', () => {
  it('writes Europe/London local times with a VTIMEZONE, in summer (BST) and winter (GMT)', () => {
    const summer = unfold(appointmentCalendar(appointment(), { publicUrl: 'https://book.example' }));
    expect(summer).toContain('BEGIN:VTIMEZONE');
    expect(summer).toContain('TZID:Europe/London');
    expect(summer).toMatch(/DTSTART;TZID=Europe\/London:20260714T093000/);
    expect(summer).toMatch(/DTEND;TZID=Europe\/London:20260714T094000/);
    const winter = unfold(
      appointmentCalendar(
        appointment({ start: '2026-12-01T14:00:00+00:00', end: '2026-12-01T14:15:00+00:00' }),
        {
          publicUrl: 'https://book.example',
        },
      ),
    );
    expect(winter).toMatch(/DTSTART;TZID=Europe\/London:20261201T140000/);
  });

  it('gives the address for an appointment in person, and leaves out the patient’s own words', () => {
    const ics = unfold(appointmentCalendar(appointment(), { publicUrl: 'https://book.example' }));
    expect(ics).toContain('12 Bridge Street');
    expect(ics).not.toContain('Sore knee');
    expect(ics).not.toContain('Private detail');
    expect(ics).toContain('UID:Y90001~42@book.example');
  });

  it('gives no address for telephone and video appointments', () => {
    for (const channel of ['telephone', 'video'] as const) {
      const ics = unfold(
        appointmentCalendar(appointment({ channel }), { publicUrl: 'https://book.example' }),
      );
      expect(ics).not.toContain('12 Bridge Street');
      expect(ics).not.toMatch(/^LOCATION/m);
    }
  });
});
