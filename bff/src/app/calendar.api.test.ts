import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appointmentSchema,
  rescheduleAppointmentResponseSchema,
  type Appointment,
} from '@gpbook/shared/appointments';
import { slotsResponseSchema, type Slot } from '@gpbook/shared/slots';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../stack.js';
import { signedInSession } from '../test-support/identity/sign-in-stack.js';
import { patientApi } from '../test-support/patient-api.js';
import { loadConfig } from './config.js';
import { generateSigningKey } from '../platform/signing-key.js';

/**
 * `GET /api/appointments/:id/calendar.ics` through an appointment's life, against the real reference provider:
 * the file a patient downloads again after a change must update the event they have, not add another.
 */

let stack: Stack;
let patient: Record<string, string>;

beforeAll(async () => {
  const config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: '0',
    DEMO_IDP_PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gpbook-calendar-')),
  });
  stack = await startStack(config, pino({ level: 'silent' }), await generateSigningKey());
  patient = (
    await signedInSession(stack.sessions, config.publicUrl, {
      sub: 'calendar-patient',
      nhsNumber: '9990000018',
      registeredOds: 'Y90001',
    })
  ).headers;
});
afterAll(() => stack.close());

const call = patientApi(
  () => stack.bffUrl,
  () => patient,
);
const today = todayInLondon();

async function firstFreeSlot(fromDays: number, toDays: number): Promise<Slot> {
  const from = addDaysToLondonDate(today, fromDays);
  const to = addDaysToLondonDate(today, toDays);
  const response = await call('GET', `/api/slots?practice=Y90001&from=${from}&to=${to}&channel=in-person`);
  expect(response.status, response.text).toBe(200);
  const slot = slotsResponseSchema.parse(response.json).days.flatMap((day) => day.slots)[0];
  expect(slot).toBeDefined();
  return slot!;
}

/** The VEVENT's properties, unfolded; names without parameters. */
async function download(appointment: Appointment): Promise<Record<string, string>> {
  const response = await call('GET', `/api/appointments/${appointment.id}/calendar.ics`);
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/calendar');
  const lines = response.text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const event = lines.slice(lines.indexOf('BEGIN:VEVENT') + 1, lines.indexOf('END:VEVENT'));
  const properties = Object.fromEntries(
    event.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).split(';')[0]!, line.slice(colon + 1)];
    }),
  );
  const method = lines.find((line) => line.startsWith('METHOD:'));
  // Nothing the patient wrote reaches the file.
  for (const words of ['Knee pain', 'It hurts on stairs', 'worse at night', 'Feeling better'])
    expect(response.text).not.toContain(words);
  return { ...properties, METHOD: method?.slice('METHOD:'.length) ?? '' };
}

describe('the calendar file through an appointment’s life', () => {
  it('keeps one UID per appointment, raises SEQUENCE on cancel, and says STATUS:CANCELLED for the old one after a reschedule', async () => {
    const booking = await call('POST', '/api/appointments', {
      slotIds: [(await firstFreeSlot(2, 8)).id],
      description: 'Knee pain for three weeks',
      comment: 'It hurts on stairs',
    });
    expect(booking.status, booking.text).toBe(201);
    const booked = appointmentSchema.parse(booking.json);

    const first = await download(booked);
    expect(first).toMatchObject({ METHOD: 'PUBLISH', STATUS: 'CONFIRMED' });
    expect(first.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(await download(booked)).toMatchObject({ UID: first.UID, SEQUENCE: first.SEQUENCE });

    const amend = await call('PATCH', `/api/appointments/${booked.id}`, {
      description: 'Knee pain, worse at night',
    });
    expect(amend.status, amend.text).toBe(200);
    const amended = await download(booked);
    expect(amended.UID).toBe(first.UID);
    expect(Number(amended.SEQUENCE)).toBeGreaterThanOrEqual(Number(first.SEQUENCE));

    const reschedule = await call('POST', `/api/appointments/${booked.id}/reschedule`, {
      slotIds: [(await firstFreeSlot(9, 14)).id],
    });
    expect(reschedule.status, reschedule.text).toBe(201);
    const { booked: replacement, previousOutcome } = rescheduleAppointmentResponseSchema.parse(
      reschedule.json,
    );
    expect(previousOutcome).toBe('cancelled');

    const old = await download(booked);
    expect(old).toMatchObject({ UID: first.UID, STATUS: 'CANCELLED', METHOD: 'PUBLISH' });
    expect(Number(old.SEQUENCE)).toBeGreaterThan(Number(amended.SEQUENCE));

    const next = await download(replacement);
    expect(next).toMatchObject({ STATUS: 'CONFIRMED' });
    expect(next.UID).not.toBe(first.UID);

    const cancel = await call('POST', `/api/appointments/${replacement.id}/cancel`, {
      reason: 'Feeling better',
    });
    expect(cancel.status, cancel.text).toBe(200);
    const cancelled = await download(replacement);
    expect(cancelled).toMatchObject({ UID: next.UID, STATUS: 'CANCELLED' });
    expect(Number(cancelled.SEQUENCE)).toBeGreaterThan(Number(next.SEQUENCE));
  });
});
