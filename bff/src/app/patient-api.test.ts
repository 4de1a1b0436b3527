import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appointmentSchema,
  appointmentsResponseSchema,
  rescheduleAppointmentResponseSchema,
  type Appointment,
} from '@gpbook/shared/appointments';
import { apiErrorSchema } from '@gpbook/shared/errors';
import { slotsResponseSchema, type Slot } from '@gpbook/shared/slots';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../stack.js';
import { signedInSession } from '../test-support/identity/sign-in-stack.js';
import { errorCode, patientApi } from '../test-support/patient-api.js';
import { loadConfig, type AppConfig } from './config.js';
import { generateSigningKey } from '../platform/signing-key.js';

/**
 * The patient API against the real reference provider (demo seed) over HTTP: nothing that we ship is mocked.
 * Patients come from bff/seeds/demo.json: 9990000018 is registered at Y90001 (and known at Y90002),
 * 9990000026 at Y90001.
 */

let stack: Stack;
let config: AppConfig;
type Headers = Record<string, string>;
let alice: Headers;
let bob: Headers;

beforeAll(async () => {
  config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: '0',
    DEMO_IDP_PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gpbook-api-')),
  });
  stack = await startStack(config, pino({ level: 'silent' }), await generateSigningKey());
  alice = (
    await signedInSession(stack.sessions, config.publicUrl, {
      sub: 'alice',
      nhsNumber: '9990000018',
      registeredOds: 'Y90001',
    })
  ).headers;
  bob = (
    await signedInSession(stack.sessions, config.publicUrl, {
      sub: 'bob',
      nhsNumber: '9990000026',
      registeredOds: 'Y90001',
    })
  ).headers;
});
afterAll(() => stack.close());

const call = patientApi(
  () => stack.bffUrl,
  () => ({}),
);
const api = (headers: Headers, method: string, path: string, body?: unknown) =>
  call(method, path, body, headers);

const today = todayInLondon();
const range = (fromDays: number, toDays: number) =>
  `from=${addDaysToLondonDate(today, fromDays)}&to=${addDaysToLondonDate(today, toDays)}`;

async function freeSlots(headers: Headers, query: string): Promise<Slot[]> {
  const response = await api(headers, 'GET', `/api/slots?${query}`);
  expect(response.status, response.text).toBe(200);
  return slotsResponseSchema.parse(response.json).days.flatMap((day) => day.slots);
}

async function book(headers: Headers, slot: Slot, extra: Record<string, unknown> = {}) {
  return api(headers, 'POST', '/api/appointments', {
    slotIds: [slot.id],
    description: 'Knee pain for three weeks',
    ...(slot.channel === 'telephone' ? { phone: '07700 900982' } : {}),
    ...extra,
  });
}

describe('GET /api/slots', () => {
  it('returns free slots grouped by day, with practitioner, role, channel and location', async () => {
    const response = await api(alice, 'GET', `/api/slots?practice=Y90001&${range(1, 14)}`);
    expect(response.status, response.text).toBe(200);
    const body = slotsResponseSchema.parse(response.json);
    expect(body.days).toHaveLength(14);
    const slots = body.days.flatMap((day) => day.slots);
    expect(slots.length).toBeGreaterThan(20);
    const channels = new Set(slots.map((slot) => slot.channel));
    expect(channels).toEqual(new Set(['in-person', 'telephone', 'video']));
    expect(new Set(slots.map((slot) => slot.role.group)).size).toBeGreaterThanOrEqual(4);
    for (const slot of slots.slice(0, 20)) {
      expect(slot.location.name).not.toBe('');
      expect(slot.durationMinutes).toBeGreaterThan(0);
    }
  });

  it('compresses the answer for clients that accept it', async () => {
    const response = await fetch(`${stack.bffUrl}/api/slots?practice=Y90001&${range(1, 14)}`, {
      headers: { ...alice, 'accept-encoding': 'br, gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(slotsResponseSchema.parse(await response.json()).days).toHaveLength(14);
  });

  it('answers a repeated search with the same bytes, and changes for everyone the moment a slot is booked or freed', async () => {
    const query = `/api/slots?practice=Y90001&${range(3, 9)}&role=nurse`;
    const first = await api(bob, 'GET', query);
    const repeated = await api(bob, 'GET', query);
    // Another patient asking the same is answered from the same practice answer, with the same bytes.
    const other = await api(alice, 'GET', query);
    expect(repeated.text).toBe(first.text);
    expect(other.text).toBe(first.text);
    const slot = slotsResponseSchema.parse(first.json).days.flatMap((day) => day.slots)[0] as Slot;

    const booking = await book(alice, slot);
    expect(booking.status, booking.text).toBe(201);
    const afterBooking = slotsResponseSchema.parse((await api(bob, 'GET', query)).json);
    expect(afterBooking.days.flatMap((day) => day.slots).map((free) => free.id)).not.toContain(slot.id);

    const { id } = appointmentSchema.parse(booking.json);
    const cancel = await api(alice, 'POST', `/api/appointments/${id}/cancel`, { reason: 'Not needed' });
    expect(cancel.status, cancel.text).toBe(200);
    const afterCancel = await api(bob, 'GET', query);
    expect(afterCancel.text).toBe(first.text);
  });

  it('filters by role, channel and location', async () => {
    const nurses = await freeSlots(alice, `practice=Y90001&${range(1, 14)}&role=nurse`);
    expect(nurses.length).toBeGreaterThan(0);
    expect(nurses.every((slot) => slot.role.group === 'nurse')).toBe(true);
    const phone = await freeSlots(alice, `practice=Y90001&${range(1, 14)}&channel=telephone`);
    expect(phone.length).toBeGreaterThan(0);
    expect(phone.every((slot) => slot.channel === 'telephone')).toBe(true);
    const location = phone[0]?.location.id ?? '';
    const atLocation = await freeSlots(alice, `practice=Y90001&${range(1, 14)}&location=${location}`);
    expect(atLocation.every((slot) => slot.location.id === location)).toBe(true);
  });

  it('splits a range over 14 days into several searches and merges them without gaps or repeats', async () => {
    const long = await freeSlots(alice, `practice=Y90001&${range(1, 28)}`);
    const first = await freeSlots(alice, `practice=Y90001&${range(1, 14)}`);
    const second = await freeSlots(alice, `practice=Y90001&${range(15, 28)}`);
    expect(long.map((slot) => slot.id)).toEqual([...first, ...second].map((slot) => slot.id));
    expect(new Set(long.map((slot) => slot.id)).size).toBe(long.length);
  });

  it('refuses a range over eight weeks, and an end before the start, with field errors', async () => {
    const tooLong = await api(alice, 'GET', `/api/slots?practice=Y90001&${range(0, 60)}`);
    expect(tooLong.status).toBe(422);
    expect(errorCode(tooLong.json)).toBe('validation_failed');
    const backwards = await api(alice, 'GET', `/api/slots?practice=Y90001&${range(5, 1)}`);
    expect(backwards.status).toBe(422);
  });

  it('answers 404 practice_unknown for a practice outside the patient’s federation', async () => {
    const response = await api(alice, 'GET', `/api/slots?practice=A20047&${range(1, 7)}`);
    expect(response.status).toBe(404);
    expect(errorCode(response.json)).toBe('practice_unknown');
  });

  it('says who runs the service without a session: the demo names no one and says it is the demo', async () => {
    const response = await api({}, 'GET', '/api/service');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ demo: true });
  });

  it('needs a session', async () => {
    const response = await api({}, 'GET', `/api/slots?practice=Y90001&${range(1, 7)}`);
    expect(response.status).toBe(401);
  });
});

describe('booking and managing an appointment', () => {
  let booked: Appointment;
  let slot: Slot;

  it('books a slot: 201 with the appointment, then it is listed', async () => {
    const slots = await freeSlots(alice, `practice=Y90001&${range(2, 6)}&channel=in-person&role=gp`);
    slot = slots[0] as Slot;
    const response = await book(alice, slot, { comment: 'It hurts on stairs' });
    expect(response.status, response.text).toBe(201);
    booked = appointmentSchema.parse(response.json);
    expect(booked).toMatchObject({
      status: 'booked',
      start: slot.start,
      end: slot.end,
      channel: 'in-person',
      description: 'Knee pain for three weeks',
      comment: 'It hurts on stairs',
      canCancel: true,
    });
    expect(booked.practice.odsCode).toBe('Y90001');

    const list = appointmentsResponseSchema.parse((await api(alice, 'GET', '/api/appointments')).json);
    expect(list.appointments.map((appointment) => appointment.id)).toContain(booked.id);
    expect(list.earliestDate).toBe(today);
    expect(list.note).toMatch(/from today/);

    const again = await freeSlots(alice, `practice=Y90001&${range(2, 6)}&channel=in-person&role=gp`);
    expect(again.map((candidate) => candidate.id)).not.toContain(slot.id);
  });

  it('answers 409 slot_taken when the slot has gone', async () => {
    const response = await book(bob, slot);
    expect(response.status).toBe(409);
    expect(errorCode(response.json)).toBe('slot_taken');
  });

  it('reads, amends and downloads the appointment', async () => {
    const read = await api(alice, 'GET', `/api/appointments/${booked.id}`);
    expect(read.status).toBe(200);
    expect(appointmentSchema.parse(read.json).id).toBe(booked.id);

    const amended = await api(alice, 'PATCH', `/api/appointments/${booked.id}`, {
      description: 'Knee pain, worse at night',
    });
    expect(amended.status, amended.text).toBe(200);
    expect(appointmentSchema.parse(amended.json)).toMatchObject({
      description: 'Knee pain, worse at night',
      comment: 'It hurts on stairs',
    });

    const ics = await api(alice, 'GET', `/api/appointments/${booked.id}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.text).toContain('TZID=Europe/London');
    expect(ics.text).not.toContain('Knee pain');
  });

  it('keeps another patient out: B cannot read, amend, cancel, reschedule or download A’s appointment', async () => {
    const attempts = [
      await api(bob, 'GET', `/api/appointments/${booked.id}`),
      await api(bob, 'PATCH', `/api/appointments/${booked.id}`, { description: 'Mine now' }),
      await api(bob, 'POST', `/api/appointments/${booked.id}/cancel`, { reason: 'Not mine' }),
      await api(bob, 'POST', `/api/appointments/${booked.id}/reschedule`, { slotIds: [slot.id] }),
      await api(bob, 'GET', `/api/appointments/${booked.id}/calendar.ics`),
    ];
    for (const attempt of attempts) {
      expect(attempt.status, attempt.text).toBe(404);
      expect(errorCode(attempt.json)).toBe('not_found');
    }
    const bobs = appointmentsResponseSchema.parse((await api(bob, 'GET', '/api/appointments')).json);
    expect(bobs.appointments.map((appointment) => appointment.id)).not.toContain(booked.id);
    const stillThere = appointmentSchema.parse(
      (await api(alice, 'GET', `/api/appointments/${booked.id}`)).json,
    );
    expect(stillThere).toMatchObject({ status: 'booked', description: 'Knee pain, worse at night' });
  });

  it('reschedules: books the new slot, then cancels the old one', async () => {
    const slots = await freeSlots(alice, `practice=Y90001&${range(7, 12)}&channel=in-person&role=gp`);
    const target = slots[0] as Slot;
    const response = await api(alice, 'POST', `/api/appointments/${booked.id}/reschedule`, {
      slotIds: [target.id],
    });
    expect(response.status, response.text).toBe(201);
    const body = rescheduleAppointmentResponseSchema.parse(response.json);
    expect(body.previousOutcome).toBe('cancelled');
    expect(body.previous.status).toBe('cancelled');
    expect(body.booked).toMatchObject({
      start: target.start,
      description: 'Knee pain, worse at night',
      status: 'booked',
    });
    booked = body.booked;
  });

  it('cancels with a reason, frees the slot, and answers a second cancel with the cancellation already made', async () => {
    const response = await api(alice, 'POST', `/api/appointments/${booked.id}/cancel`, {
      reason: 'Feeling better',
    });
    expect(response.status, response.text).toBe(200);
    expect(appointmentSchema.parse(response.json)).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Feeling better',
    });
    // A retry (say, after an answer that never arrived) finds what the patient asked for already done.
    const again = await api(alice, 'POST', `/api/appointments/${booked.id}/cancel`, { reason: 'Again' });
    expect(again.status).toBe(200);
    expect(appointmentSchema.parse(again.json)).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Feeling better',
    });
  });

  it('needs a phone number for a telephone appointment (422 with the field named)', async () => {
    const [phoneSlot] = await freeSlots(alice, `practice=Y90001&${range(2, 9)}&channel=telephone`);
    const response = await api(alice, 'POST', '/api/appointments', {
      slotIds: [phoneSlot?.id],
      description: 'Repeat prescription question',
    });
    expect(response.status).toBe(422);
    const error = apiErrorSchema.parse(response.json).error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields?.map((field) => field.field)).toContain('phone');
  });

  it('refuses bad input with field errors and nothing booked', async () => {
    const [free] = await freeSlots(alice, `practice=Y90001&${range(2, 9)}&channel=in-person`);
    const cases = [
      { slotIds: [free?.id], description: '' },
      { slotIds: [free?.id], description: 'x'.repeat(101) },
      { slotIds: [free?.id], description: 'ok', comment: 'y'.repeat(501) },
      { slotIds: [], description: 'ok' },
      { slotIds: ['not an id!'], description: 'ok' },
    ];
    for (const body of cases) {
      const response = await api(alice, 'POST', '/api/appointments', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(errorCode(response.json)).toBe('validation_failed');
    }
    const stillFree = await freeSlots(alice, `practice=Y90001&${range(2, 9)}&channel=in-person`);
    expect(stillFree.map((slot) => slot.id)).toContain(free?.id);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const { 'x-csrf-token': _token, ...withoutToken } = alice;
    const response = await api(withoutToken, 'POST', '/api/appointments', {
      slotIds: [slot.id],
      description: 'x',
    });
    expect(response.status).toBe(403);
    expect(errorCode(response.json)).toBe('csrf_failed');
  });
});

describe('the federation', () => {
  it('books at another practice of the federation where the patient is known', async () => {
    const [slot] = await freeSlots(alice, `practice=Y90002&${range(2, 9)}&channel=in-person`);
    const response = await book(alice, slot as Slot);
    expect(response.status, response.text).toBe(201);
    const booked = appointmentSchema.parse(response.json);
    expect(booked.practice.odsCode).toBe('Y90002');
    const list = appointmentsResponseSchema.parse((await api(alice, 'GET', '/api/appointments')).json);
    expect(list.appointments.map((appointment) => appointment.id)).toContain(booked.id);
  });

  it('registers the patient at a federation practice that does not know them, then books', async () => {
    const oliver = (
      await signedInSession(stack.sessions, config.publicUrl, {
        sub: 'oliver',
        nhsNumber: '9990000026',
        givenName: 'Oliver',
        familyName: 'Brown',
        birthDate: '1985-11-02',
        registeredOds: 'Y90001',
      })
    ).headers;
    const [slot] = await freeSlots(oliver, `practice=Y90003&${range(2, 9)}&channel=in-person`);
    const response = await book(oliver, slot as Slot);
    expect(response.status, response.text).toBe(201);
    expect(appointmentSchema.parse(response.json).practice.odsCode).toBe('Y90003');
    const list = appointmentsResponseSchema.parse((await api(oliver, 'GET', '/api/appointments')).json);
    expect(list.appointments.map((appointment) => appointment.practice.odsCode)).toContain('Y90003');
  });

  it('tells a patient whose own practice has no record of them on the home list, not at the last step', async () => {
    // 9990000042 is George, registered at Y90001; a session claiming Y90002 (which does not know him) stands in
    // for a practice that cannot find the record.
    const unknown = (
      await signedInSession(stack.sessions, config.publicUrl, {
        sub: 'nobody-here',
        nhsNumber: '9990000042',
        registeredOds: 'Y90002',
      })
    ).headers;
    const response = await api(unknown, 'GET', '/api/appointments');
    expect(response.status).toBe(403);
    expect(errorCode(response.json)).toBe('patient_not_found');
  });

  it('answers an appointment id over the router’s length limit with a typed 414, like any other error', async () => {
    const response = await api(alice, 'GET', `/api/appointments/${'A'.repeat(120)}`);
    expect(response.status).toBe(414);
    expect(errorCode(response.json)).toBe('bad_request');
  });

  it('says so when the practice cannot match the patient to their NHS record', async () => {
    // George's session carries a birth date that does not match the NHS record for his number.
    const george = (
      await signedInSession(stack.sessions, config.publicUrl, {
        sub: 'george',
        nhsNumber: '9990000042',
        givenName: 'George',
        familyName: 'Wilson',
        birthDate: '1950-01-30',
        registeredOds: 'Y90001',
      })
    ).headers;
    // Before any slot is offered there: the practice cannot register him, so it cannot book for him.
    const response = await api(george, 'GET', `/api/slots?practice=Y90003&${range(2, 9)}&channel=in-person`);
    expect(response.status).toBe(403);
    expect(errorCode(response.json)).toBe('practice_cannot_book');
  });
});
