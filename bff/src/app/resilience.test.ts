import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appointmentSchema,
  appointmentsResponseSchema,
  rescheduleAppointmentResponseSchema,
  type Appointment,
} from '@gpbook/shared/appointments';
import { apiErrorSchema } from '@gpbook/shared/errors';
import { readinessResponseSchema } from '@gpbook/shared/health';
import { practicesResponseSchema } from '@gpbook/shared/practices';
import { slotsResponseSchema, type Slot } from '@gpbook/shared/slots';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../provider/config/load.js';
import { startStack, type Stack } from '../stack.js';
import { FaultProxy, type SeenRequest } from '../test-support/fault-proxy.js';
import { signedInSession } from '../test-support/identity/sign-in-stack.js';
import { patientApi, type ApiAnswer } from '../test-support/patient-api.js';
import { loadConfig } from './config.js';
import { generateSigningKey } from '../platform/signing-key.js';
import { freePort } from '../test-support/free-port.js';

/**
 * What the patient is told when the practice's system fails the way real ones do, and what that system holds
 * afterwards. The BFF talks to the real reference provider through a fault-injecting proxy (one port per
 * practice): for every write, no success may be reported as a failure, no failure as a success, and nothing may
 * be booked twice. The provider's state is checked through the patient API with the faults switched off.
 */

const TIMEOUT_MS = 1000;

let stack: Stack;
let proxy: FaultProxy;
let aisha: Record<string, string>;
let jane: Record<string, string>;

beforeAll(async () => {
  const providerPort = await freePort();
  const seed = loadProviderConfig('demo');
  proxy = await FaultProxy.start(
    providerPort,
    seed.practices.map((practice) => practice.odsCode),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'gpbook-faults-'));
  const directory = join(dataDir, 'directory.json');
  writeFileSync(
    directory,
    JSON.stringify({
      practices: seed.practices.map((practice) => ({
        odsCode: practice.odsCode,
        name: practice.name,
        asid: practice.asid,
        federation: 'demo',
        serviceRoot: proxy.serviceRoot(practice.odsCode),
      })),
    }),
  );
  const config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: String(providerPort),
    DEMO_IDP_PORT: '0',
    DATA_DIR: dataDir,
    PRACTICE_DIRECTORY: directory,
    GPC_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  stack = await startStack(config, pino({ level: 'silent' }), await generateSigningKey());
  const session = (sub: string, nhsNumber: string) =>
    signedInSession(stack.sessions, config.publicUrl, { sub, nhsNumber, registeredOds: 'Y90001' });
  // Aisha is registered at Y90001 only; Jane at Y90001 and known at Y90002 too (bff/seeds/demo.json).
  aisha = (await session('aisha', '9990000034')).headers;
  jane = (await session('jane', '9990000018')).headers;
});
afterAll(async () => {
  await proxy.close();
  await stack.close();
});
beforeEach(() => proxy.reset());

const api = (as: Record<string, string>) =>
  patientApi(
    () => stack.bffUrl,
    () => as,
  );
const today = todayInLondon();

const isBook = (request: SeenRequest) => request.method === 'POST' && request.path === '/Appointment';
const isChange = (request: SeenRequest) =>
  request.method === 'PUT' && request.path.startsWith('/Appointment/');
const isRetrieve = (request: SeenRequest) =>
  request.method === 'GET' && /^\/Patient\/[^/]+\/Appointment\?/.test(request.path);
const isRead = (request: SeenRequest) =>
  request.method === 'GET' && /^\/Appointment\/[^/?]+$/.test(request.path);
const isRegister = (request: SeenRequest) => request.path.startsWith('/Patient/$gpc.registerpatient');
const atPractice = (odsCode: string) => (request: SeenRequest) => request.practice === odsCode;

/** A free in-person slot at Y90001 starting `offset` days ahead (each test uses its own days). */
async function freeSlot(as: Record<string, string>, offset: number, index = 0): Promise<Slot> {
  const query = `practice=Y90001&from=${addDaysToLondonDate(today, offset)}&to=${addDaysToLondonDate(today, offset + 2)}&channel=in-person`;
  const response = await api(as)('GET', `/api/slots?${query}`);
  expect(response.status, response.text).toBe(200);
  const slot = slotsResponseSchema.parse(response.json).days.flatMap((day) => day.slots)[index];
  if (!slot) throw new Error('no free slot');
  return slot;
}

async function isStillFree(as: Record<string, string>, slot: Slot, offset: number): Promise<boolean> {
  const query = `practice=Y90001&from=${addDaysToLondonDate(today, offset)}&to=${addDaysToLondonDate(today, offset + 2)}&channel=in-person`;
  const response = await api(as)('GET', `/api/slots?${query}`);
  return slotsResponseSchema
    .parse(response.json)
    .days.flatMap((day) => day.slots)
    .some((candidate) => candidate.id === slot.id);
}

/** What the practice holds for the patient, read with every fault off. */
async function held(as: Record<string, string>): Promise<Appointment[]> {
  proxy.reset();
  const response = await api(as)('GET', '/api/appointments');
  expect(response.status, response.text).toBe(200);
  return appointmentsResponseSchema.parse(response.json).appointments;
}

const bookedAt = (appointments: Appointment[], slot: Slot) =>
  appointments.filter((appointment) => appointment.start === slot.start && appointment.status === 'booked');

function book(as: Record<string, string>, slot: Slot, description = 'Sore throat'): Promise<ApiAnswer> {
  return api(as)('POST', '/api/appointments', { slotIds: [slot.id], description });
}

const code = (answer: ApiAnswer) => apiErrorSchema.parse(answer.json).error.code;

describe('booking', () => {
  it('the provider booked, then the connection dropped: booked, found by reading back, exactly once', async () => {
    const slot = await freeSlot(aisha, 2);
    proxy.inject({ when: isBook, fault: { kind: 'drop-answer' } });
    const answer = await book(aisha, slot);
    expect(answer.status, answer.text).toBe(201);
    expect(appointmentSchema.parse(answer.json)).toMatchObject({ start: slot.start, status: 'booked' });
    expect(bookedAt(await held(aisha), slot)).toHaveLength(1);
  });

  it('the provider booked, then its answer came too late: booked', async () => {
    const slot = await freeSlot(aisha, 3);
    proxy.inject({ when: isBook, fault: { kind: 'delay-answer', ms: TIMEOUT_MS * 3 } });
    const answer = await book(aisha, slot);
    expect(answer.status, answer.text).toBe(201);
    expect(bookedAt(await held(aisha), slot)).toHaveLength(1);
  });

  it('the provider booked, then answered 500: booked', async () => {
    const slot = await freeSlot(aisha, 4);
    proxy.inject({ when: isBook, fault: { kind: 'status', status: 500, afterForwarding: true } });
    const answer = await book(aisha, slot);
    expect(answer.status, answer.text).toBe(201);
    expect(bookedAt(await held(aisha), slot)).toHaveLength(1);
  });

  it('a 500 before the provider booked anything: not booked, said so, and the slot stays free', async () => {
    const slot = await freeSlot(aisha, 5);
    proxy.inject({ when: isBook, fault: { kind: 'status', status: 500 } });
    const answer = await book(aisha, slot);
    expect(answer.status).toBe(502);
    expect(code(answer)).toBe('practice_unavailable');
    expect(answer.text).not.toMatch(/Injected|OperationOutcome/);
    expect(bookedAt(await held(aisha), slot)).toHaveLength(0);
    expect(await isStillFree(aisha, slot, 5)).toBe(true);
  });

  it('the request was lost on the way: not booked, and the slot stays free', async () => {
    const slot = await freeSlot(aisha, 6);
    proxy.inject({ when: isBook, fault: { kind: 'drop-request' } });
    const answer = await book(aisha, slot);
    expect(answer.status).toBe(503);
    expect(code(answer)).toBe('practice_unavailable');
    expect(bookedAt(await held(aisha), slot)).toHaveLength(0);
    expect(await isStillFree(aisha, slot, 6)).toBe(true);
  });

  it('the practice refuses connections when the booking is sent: not booked ("could not be reached")', async () => {
    const slot = await freeSlot(aisha, 7);
    // The practice's server is down when the patient presses Book.
    await proxy.refuse('Y90001');
    try {
      const answer = await book(aisha, slot);
      expect(answer.status).toBe(503);
      expect(code(answer)).toBe('practice_unavailable');
    } finally {
      await proxy.accept('Y90001');
    }
    expect(bookedAt(await held(aisha), slot)).toHaveLength(0);
  });

  it('booked, but nothing could be read back: outcome unknown; the list then shows the truth, and a retry is recognised as the same booking', async () => {
    const slot = await freeSlot(aisha, 8);
    proxy.inject({ when: isBook, fault: { kind: 'drop-answer' } });
    proxy.inject({ when: isRetrieve, fault: { kind: 'drop-request' } });
    const answer = await book(aisha, slot);
    expect(answer.status).toBe(503);
    expect(code(answer)).toBe('outcome_unknown');

    // Once the practice answers again, the list shows it booked.
    expect(bookedAt(await held(aisha), slot)).toHaveLength(1);
    // The patient tries again: the practice says the slot is taken, and it is theirs.
    const retry = await book(aisha, slot);
    expect(retry.status, retry.text).toBe(201);
    expect(appointmentSchema.parse(retry.json)).toMatchObject({ start: slot.start, status: 'booked' });
    expect(bookedAt(await held(aisha), slot)).toHaveLength(1);
  });

  it('another patient booked the slot first: slot taken, and theirs is untouched', async () => {
    const slot = await freeSlot(jane, 9);
    expect((await book(jane, slot)).status).toBe(201);
    // Aisha's page still offers it (she searched before Jane booked); the booking checks it afresh.
    const answer = await book(aisha, slot);
    expect(answer.status).toBe(409);
    expect(code(answer)).toBe('slot_taken');
    expect(bookedAt(await held(jane), slot)).toHaveLength(1);
    expect(bookedAt(await held(aisha), slot)).toHaveLength(0);
  });

  it('booked, then the practitioner and location could not be read: still booked, described from the slot', async () => {
    const slot = await freeSlot(aisha, 10);
    proxy.inject({
      when: (request) => /^\/(Practitioner|Location)\//.test(request.path),
      fault: { kind: 'status', status: 500 },
    });
    const answer = await book(aisha, slot);
    expect(answer.status, answer.text).toBe(201);
    const booked = appointmentSchema.parse(answer.json);
    expect(booked.status).toBe('booked');
    expect(booked.practitioner).toEqual(slot.practitioner);
    expect(booked.location).toEqual(slot.location);
    expect(bookedAt(await held(aisha), slot)).toHaveLength(1);
  });
});

/** A fresh booking for Aisha, `offset` days ahead, with faults off. */
async function bookedFor(offset: number, index = 0): Promise<Appointment> {
  const slot = await freeSlot(aisha, offset, index);
  const answer = await book(aisha, slot, 'Check-up');
  expect(answer.status, answer.text).toBe(201);
  return appointmentSchema.parse(answer.json);
}

async function statusOf(appointment: Appointment): Promise<Appointment | undefined> {
  return (await held(aisha)).find((candidate) => candidate.id === appointment.id);
}

describe('cancelling', () => {
  const cancel = (appointment: Appointment) =>
    api(aisha)('POST', `/api/appointments/${appointment.id}/cancel`, { reason: 'Feeling better' });

  it('the provider cancelled, then the connection dropped: cancelled', async () => {
    const appointment = await bookedFor(12);
    proxy.inject({ when: isChange, fault: { kind: 'drop-answer' } });
    const answer = await cancel(appointment);
    expect(answer.status, answer.text).toBe(200);
    expect(appointmentSchema.parse(answer.json).status).toBe('cancelled');
    expect((await statusOf(appointment))?.status).toBe('cancelled');
  });

  it('the provider cancelled, then its answer came too late: cancelled', async () => {
    const appointment = await bookedFor(13);
    proxy.inject({ when: isChange, fault: { kind: 'delay-answer', ms: TIMEOUT_MS * 3 } });
    const answer = await cancel(appointment);
    expect(answer.status, answer.text).toBe(200);
    expect((await statusOf(appointment))?.status).toBe('cancelled');
  });

  it('a 500 before anything changed: not cancelled, said so, and still booked', async () => {
    const appointment = await bookedFor(14);
    proxy.inject({ when: isChange, fault: { kind: 'status', status: 500 } });
    const answer = await cancel(appointment);
    expect(answer.status).toBe(502);
    expect(code(answer)).toBe('practice_unavailable');
    expect((await statusOf(appointment))?.status).toBe('booked');
  });

  it('cancelled, but nothing could be read back: outcome unknown; a retry then answers that it is cancelled', async () => {
    const appointment = await bookedFor(15);
    proxy.inject({ when: isChange, fault: { kind: 'drop-answer' } });
    // The first read (ownership) gets through; the read-backs after the lost answer do not.
    let reads = 0;
    proxy.inject({ when: (request) => isRead(request) && ++reads > 1, fault: { kind: 'drop-request' } });
    const answer = await cancel(appointment);
    expect(answer.status).toBe(503);
    expect(code(answer)).toBe('outcome_unknown');

    expect((await statusOf(appointment))?.status).toBe('cancelled');
    const retry = await cancel(appointment);
    expect(retry.status, retry.text).toBe(200);
    expect(appointmentSchema.parse(retry.json).status).toBe('cancelled');
  });
});

describe('changing the reason', () => {
  const amend = (appointment: Appointment, description: string) =>
    api(aisha)('PATCH', `/api/appointments/${appointment.id}`, { description });

  it('the provider amended, then the connection dropped: amended', async () => {
    const appointment = await bookedFor(16);
    proxy.inject({ when: isChange, fault: { kind: 'drop-answer' } });
    const answer = await amend(appointment, 'Sore throat and a cough');
    expect(answer.status, answer.text).toBe(200);
    expect(appointmentSchema.parse(answer.json).description).toBe('Sore throat and a cough');
    expect((await statusOf(appointment))?.description).toBe('Sore throat and a cough');
  });

  it('a 500 before anything changed: not amended, and the reason is as it was', async () => {
    const appointment = await bookedFor(17);
    proxy.inject({ when: isChange, fault: { kind: 'status', status: 500 } });
    const answer = await amend(appointment, 'Something else');
    expect(answer.status).toBe(502);
    expect(code(answer)).toBe('practice_unavailable');
    expect((await statusOf(appointment))?.description).toBe('Check-up');
  });
});

describe('rescheduling', () => {
  async function reschedule(offset: number) {
    const old = await bookedFor(offset);
    // Another time, so "booked at this time" cannot mistake the old appointment for the new.
    const query = `practice=Y90001&from=${addDaysToLondonDate(today, offset)}&to=${addDaysToLondonDate(today, offset + 2)}&channel=in-person`;
    const slots = slotsResponseSchema
      .parse((await api(aisha)('GET', `/api/slots?${query}`)).json)
      .days.flatMap((day) => day.slots);
    const target = slots.find((slot) => slot.start !== old.start);
    if (!target) throw new Error('no other free time');
    return { old, target };
  }
  const move = (old: Appointment, target: Slot) =>
    api(aisha)('POST', `/api/appointments/${old.id}/reschedule`, { slotIds: [target.id] });

  it('the cancel of the old one was made but its answer lost: the old one is reported cancelled', async () => {
    const { old, target } = await reschedule(19);
    proxy.inject({ when: isChange, fault: { kind: 'drop-answer' } });
    const answer = await move(old, target);
    expect(answer.status, answer.text).toBe(201);
    expect(rescheduleAppointmentResponseSchema.parse(answer.json).previousOutcome).toBe('cancelled');
    const now = await held(aisha);
    expect(now.find((appointment) => appointment.id === old.id)?.status).toBe('cancelled');
    expect(bookedAt(now, target)).toHaveLength(1);
  });

  it('the cancel failed before reaching the provider: the patient is told they hold both, and they do', async () => {
    const { old, target } = await reschedule(21);
    proxy.inject({ when: isChange, fault: { kind: 'status', status: 500 } });
    const answer = await move(old, target);
    expect(answer.status, answer.text).toBe(201);
    expect(rescheduleAppointmentResponseSchema.parse(answer.json).previousOutcome).toBe('still-booked');
    const now = await held(aisha);
    expect(now.find((appointment) => appointment.id === old.id)?.status).toBe('booked');
    expect(bookedAt(now, target)).toHaveLength(1);
  });

  it('the cancel was sent and nothing could be read back: the old one is reported unknown', async () => {
    const { old, target } = await reschedule(23);
    proxy.inject({ when: isChange, fault: { kind: 'drop-answer' } });
    let reads = 0;
    // The ownership read gets through; the read-backs after the lost cancel do not.
    proxy.inject({ when: (request) => isRead(request) && ++reads > 1, fault: { kind: 'drop-request' } });
    const answer = await move(old, target);
    expect(answer.status, answer.text).toBe(201);
    expect(rescheduleAppointmentResponseSchema.parse(answer.json).previousOutcome).toBe('unknown');
    const now = await held(aisha);
    expect(now.find((appointment) => appointment.id === old.id)?.status).toBe('cancelled');
    expect(bookedAt(now, target)).toHaveLength(1);
  });
});

describe('a practice that cannot register the patient', () => {
  it('answers 501 to Register a patient: the patient hears it before any slot is offered there', async () => {
    proxy.inject({ when: isRegister, fault: { kind: 'status', status: 501 } });
    const answer = await api(aisha)(
      'GET',
      `/api/slots?practice=Y90003&from=${addDaysToLondonDate(today, 2)}&to=${addDaysToLondonDate(today, 9)}`,
    );
    expect(answer.status).toBe(403);
    expect(code(answer)).toBe('practice_cannot_book');
    expect(proxy.seen((request) => request.path.startsWith('/Slot?'))).toHaveLength(0);
  });
});

describe('one deadline per patient request', () => {
  it('a federation practice that does not answer costs one budget, and the list says it is missing', async () => {
    proxy.inject({ when: atPractice('Y90002'), fault: { kind: 'hang' } });
    const answer = await api(jane)('GET', '/api/appointments');
    expect(answer.status, answer.text).toBe(200);
    const list = appointmentsResponseSchema.parse(answer.json);
    expect(list.unavailable).toMatchObject([{ odsCode: 'Y90002', reason: 'timeout' }]);
    expect(list.unavailable).toHaveLength(1);
    // The hanging read was not tried a second time: the request's budget was spent on the first.
    expect(proxy.seen(atPractice('Y90002'))).toHaveLength(1);
  });

  it('a federation practice that refuses connections is reported as not reachable', async () => {
    await proxy.refuse('Y90002');
    try {
      const answer = await api(jane)('GET', '/api/appointments');
      expect(answer.status, answer.text).toBe(200);
      const list = appointmentsResponseSchema.parse(answer.json);
      expect(list.unavailable).toMatchObject([{ odsCode: 'Y90002', reason: 'unreachable' }]);
    } finally {
      await proxy.accept('Y90002');
    }
  });

  it('readiness then shows that practice as down, as last seen, and the instance as degraded', async () => {
    await proxy.refuse('Y90002');
    try {
      expect((await api(jane)('GET', '/api/appointments')).status).toBe(200);
    } finally {
      await proxy.accept('Y90002');
    }
    const ready = await fetch(`${stack.bffUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    const body = readinessResponseSchema.parse(await ready.json());
    expect(body.status).toBe('degraded');
    expect(body.practices.find((practice) => practice.odsCode === 'Y90002')).toMatchObject({
      status: 'down',
      reason: 'unreachable',
    });
    expect(body.practices.find((practice) => practice.odsCode === 'Y90001')?.status).toBe('up');
  });

  it('the practice list shows the practices that answered and names the one that did not', async () => {
    proxy.inject({ when: atPractice('Y90003'), fault: { kind: 'hang' } });
    const answer = await api(jane)('GET', '/api/practices');
    expect(answer.status, answer.text).toBe(200);
    const practices = practicesResponseSchema.parse(answer.json);
    expect(practices.registered.odsCode).toBe('Y90001');
    expect(practices.federation.map((practice) => practice.odsCode)).toEqual(['Y90002']);
    expect(practices.unavailable).toMatchObject([{ odsCode: 'Y90003', reason: 'timeout' }]);
  });

  it('the registered practice not answering in time is "did not answer in time"', async () => {
    proxy.inject({ when: (request) => request.path.startsWith('/Slot?'), fault: { kind: 'hang' } });
    const answer = await api(aisha)(
      'GET',
      `/api/slots?practice=Y90001&from=${today}&to=${addDaysToLondonDate(today, 3)}`,
    );
    expect(answer.status).toBe(503);
    expect(code(answer)).toBe('practice_timeout');
  });

  it('a 5xx from the registered practice is "not available", without the provider’s words', async () => {
    proxy.inject({
      when: (request) => request.path.startsWith('/Slot?'),
      fault: { kind: 'status', status: 500 },
    });
    const answer = await api(aisha)(
      'GET',
      `/api/slots?practice=Y90001&from=${today}&to=${addDaysToLondonDate(today, 3)}`,
    );
    expect(answer.status).toBe(502);
    expect(code(answer)).toBe('practice_unavailable');
    expect(answer.text).not.toMatch(/Injected|OperationOutcome/);
  });
});
