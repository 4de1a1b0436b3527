import { describe, expect, it } from 'vitest';
import {
  amendAppointmentRequestSchema,
  appointmentSchema,
  bookAppointmentRequestSchema,
  cancelAppointmentRequestSchema,
  rescheduleAppointmentRequestSchema,
} from './appointments.js';

describe('bookAppointmentRequestSchema', () => {
  it('trims the description and comment', () => {
    const parsed = bookAppointmentRequestSchema.parse({
      slotIds: ['A1~2026-03-03~1'],
      description: '  Sore knee  ',
      comment: ' Left one ',
    });
    expect(parsed).toEqual({ slotIds: ['A1~2026-03-03~1'], description: 'Sore knee', comment: 'Left one' });
  });

  it('limits the description to 100 characters and requires one', () => {
    expect(
      bookAppointmentRequestSchema.safeParse({ slotIds: ['x'], description: 'a'.repeat(100) }).success,
    ).toBe(true);
    expect(
      bookAppointmentRequestSchema.safeParse({ slotIds: ['x'], description: 'a'.repeat(101) }).success,
    ).toBe(false);
    expect(bookAppointmentRequestSchema.safeParse({ slotIds: ['x'], description: '   ' }).success).toBe(
      false,
    );
    expect(bookAppointmentRequestSchema.safeParse({ slotIds: [], description: 'Cough' }).success).toBe(false);
  });

  it('limits the comment to 500 characters, or 460 with a phone number', () => {
    const base = { slotIds: ['x'], description: 'Cough' };
    expect(bookAppointmentRequestSchema.safeParse({ ...base, comment: 'a'.repeat(500) }).success).toBe(true);
    expect(bookAppointmentRequestSchema.safeParse({ ...base, comment: 'a'.repeat(501) }).success).toBe(false);
    expect(
      bookAppointmentRequestSchema.safeParse({ ...base, comment: 'a'.repeat(460), phone: '07700 900982' })
        .success,
    ).toBe(true);
    expect(
      bookAppointmentRequestSchema.safeParse({ ...base, comment: 'a'.repeat(461), phone: '07700 900982' })
        .success,
    ).toBe(false);
  });

  it('accepts UK phone numbers and refuses others', () => {
    const base = { slotIds: ['x'], description: 'Cough' };
    for (const phone of ['07700 900982', '+44 7700 900982', '(0113) 496 0000']) {
      expect(bookAppointmentRequestSchema.safeParse({ ...base, phone }).success, phone).toBe(true);
    }
    for (const phone of ['12345', 'call me', '0770090098212345']) {
      expect(bookAppointmentRequestSchema.safeParse({ ...base, phone }).success, phone).toBe(false);
    }
  });

  it('refuses ids with characters we never issue', () => {
    expect(
      bookAppointmentRequestSchema.safeParse({ slotIds: ['A1/../x'], description: 'Cough' }).success,
    ).toBe(false);
  });
});

describe('amend, cancel and reschedule requests', () => {
  it('amend needs a description or a comment; an empty comment is allowed (it removes it)', () => {
    expect(amendAppointmentRequestSchema.safeParse({}).success).toBe(false);
    expect(amendAppointmentRequestSchema.parse({ comment: '' })).toEqual({ comment: '' });
    expect(amendAppointmentRequestSchema.safeParse({ description: '' }).success).toBe(false);
  });

  it('cancel needs a reason', () => {
    expect(cancelAppointmentRequestSchema.safeParse({ reason: '  ' }).success).toBe(false);
    expect(cancelAppointmentRequestSchema.parse({ reason: ' Feeling better ' })).toEqual({
      reason: 'Feeling better',
    });
  });

  it('reschedule needs slots; the rest is optional', () => {
    expect(rescheduleAppointmentRequestSchema.parse({ slotIds: ['x'] })).toEqual({ slotIds: ['x'] });
    expect(rescheduleAppointmentRequestSchema.safeParse({ description: 'x' }).success).toBe(false);
  });
});

describe('appointmentSchema', () => {
  it('accepts a full appointment and refuses a Z time', () => {
    const appointment = {
      id: 'A20047~9',
      practice: { odsCode: 'A20047', name: 'Trevelyan' },
      status: 'booked',
      start: '2026-03-03T09:30:00+00:00',
      end: '2026-03-03T09:40:00+00:00',
      durationMinutes: 10,
      role: { group: 'gp', display: 'GP' },
      channel: 'telephone',
      slotType: 'GP Appointment',
      location: { id: '17', name: 'Trevelyan', address: { lines: [] } },
      description: 'Cough',
      phone: '07700 900982',
      canCancel: true,
      canAmend: true,
    };
    expect(appointmentSchema.parse(appointment)).toEqual(appointment);
    expect(appointmentSchema.safeParse({ ...appointment, start: '2026-03-03T09:30:00Z' }).success).toBe(
      false,
    );
  });
});
