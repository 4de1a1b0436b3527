import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appointmentSchema, appointmentsResponseSchema } from '@gpbook/shared/appointments';
import { apiErrorSchema } from '@gpbook/shared/errors';
import { slotsResponseSchema, type Slot } from '@gpbook/shared/slots';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../provider/config/load.js';
import { startStack, type Stack } from '../stack.js';
import { signedInSession } from '../test-support/identity/sign-in-stack.js';
import { patientApi } from '../test-support/patient-api.js';
import { loadConfig } from './config.js';
import { generateSigningKey } from './keys.js';

/**
 * What the patient gets when the practice system misbehaves. A proxy between the BFF and the real reference
 * provider injects one fault into the requests it is told to: the answer lost after the provider acted, the
 * request lost before it, a 5xx, or no answer at all.
 */

type Fault = 'none' | 'lose-answer' | 'lose-request' | 'server-error' | 'hang';
let fault: Fault = 'none';
let faultApplies: (method: string, path: string) => boolean = () => false;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function startFaultyProxy(targetPort: number): Promise<{ server: Server; port: number }> {
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    const active = fault !== 'none' && faultApplies(incoming.method ?? 'GET', path) ? fault : 'none';
    if (active === 'lose-request') {
      incoming.socket.destroy();
      return;
    }
    if (active === 'hang') return;
    if (active === 'server-error') {
      outgoing
        .writeHead(500, { 'content-type': 'application/fhir+json' })
        .end('{"resourceType":"OperationOutcome","issue":[]}');
      return;
    }
    const forward = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: incoming.method, path, headers: incoming.headers },
      (answer) => {
        if (active === 'lose-answer') {
          // The provider has done the work; the consumer never hears about it.
          answer.resume();
          answer.on('end', () => incoming.socket.destroy());
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      resolve({ server, port: address.port });
    }),
  );
}

let stack: Stack;
let proxy: Server;
let patient: Record<string, string>;

beforeAll(async () => {
  const providerPort = await freePort();
  const started = await startFaultyProxy(providerPort);
  proxy = started.server;
  const dataDir = mkdtempSync(join(tmpdir(), 'gpbook-faults-'));
  const seed = loadProviderConfig('demo');
  const directory = join(dataDir, 'directory.json');
  writeFileSync(
    directory,
    JSON.stringify({
      practices: seed.practices.map((practice) => ({
        odsCode: practice.odsCode,
        name: practice.name,
        asid: practice.asid,
        federation: 'demo',
        serviceRoot: `http://127.0.0.1:${started.port}/${practice.odsCode}/STU3/1/gpconnect`,
      })),
    }),
  );
  const config = loadConfig({
    PORT: '0',
    PROVIDER_PORT: String(providerPort),
    DEMO_IDP_PORT: '0',
    DATA_DIR: dataDir,
    PRACTICE_DIRECTORY: directory,
    GPC_TIMEOUT_MS: '1500',
  });
  stack = await startStack(config, pino({ level: 'silent' }), await generateSigningKey());
  patient = (
    await signedInSession(stack.sessions, config.publicUrl, {
      sub: 'carol',
      nhsNumber: '9990000034',
      registeredOds: 'Y90001',
    })
  ).headers;
});
afterAll(async () => {
  // The hung requests of the timeout test are still open: drop them, or close() waits for ever.
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await stack.close();
});
beforeEach(() => {
  fault = 'none';
});

const api = patientApi(
  () => stack.bffUrl,
  () => patient,
);

const today = todayInLondon();

async function someSlot(offset: number): Promise<Slot> {
  const query = `practice=Y90001&from=${addDaysToLondonDate(today, offset)}&to=${addDaysToLondonDate(today, offset + 4)}&channel=in-person`;
  const response = await api('GET', `/api/slots?${query}`);
  const slot = slotsResponseSchema.parse(response.json).days.flatMap((day) => day.slots)[0];
  if (!slot) throw new Error('no free slot');
  return slot;
}

const isBooking = (method: string, path: string) => method === 'POST' && path.endsWith('/Appointment');

describe('when a booking’s answer is lost', () => {
  it('finds the booking among the patient’s appointments and confirms it, exactly once', async () => {
    const slot = await someSlot(3);
    fault = 'lose-answer';
    faultApplies = isBooking;
    const response = await api('POST', '/api/appointments', {
      slotIds: [slot.id],
      description: 'Lost answer',
    });
    expect(response.status).toBe(201);
    expect(appointmentSchema.parse(response.json)).toMatchObject({ start: slot.start, status: 'booked' });

    fault = 'none';
    const list = appointmentsResponseSchema.parse((await api('GET', '/api/appointments')).json);
    expect(list.appointments.filter((appointment) => appointment.start === slot.start)).toHaveLength(1);
  });

  it('says it was not booked when the request never reached the practice, and the slot stays free', async () => {
    const slot = await someSlot(5);
    fault = 'lose-request';
    faultApplies = isBooking;
    const response = await api('POST', '/api/appointments', {
      slotIds: [slot.id],
      description: 'Lost request',
    });
    expect(response.status).toBe(503);
    expect(apiErrorSchema.parse(response.json).error.code).toBe('practice_unavailable');
    fault = 'none';
    const again = await someSlot(5);
    expect(again.id).toBe(slot.id);
  });

  it('says the outcome is unknown when it cannot check either', async () => {
    const slot = await someSlot(7);
    fault = 'lose-answer';
    faultApplies = (method, path) => isBooking(method, path) || path.includes('/Appointment?');
    const response = await api('POST', '/api/appointments', {
      slotIds: [slot.id],
      description: 'Unknown outcome',
    });
    expect(response.status).toBe(503);
    expect(apiErrorSchema.parse(response.json).error.code).toBe('booking_outcome_unknown');
  });
});

describe('when the practice system fails', () => {
  it('answers 503 practice_unavailable when it does not answer in time', async () => {
    fault = 'hang';
    faultApplies = (_method, path) => path.includes('/Slot?');
    const response = await api(
      'GET',
      `/api/slots?practice=Y90001&from=${today}&to=${addDaysToLondonDate(today, 3)}`,
    );
    expect(response.status).toBe(503);
    expect(apiErrorSchema.parse(response.json).error.code).toBe('practice_unavailable');
  });

  it('answers 502 practice_error on a 5xx, without passing the provider’s words on', async () => {
    fault = 'server-error';
    faultApplies = (_method, path) => path.includes('/Slot?');
    const response = await api(
      'GET',
      `/api/slots?practice=Y90001&from=${today}&to=${addDaysToLondonDate(today, 3)}`,
    );
    expect(response.status).toBe(502);
    const error = apiErrorSchema.parse(response.json).error;
    expect(error.code).toBe('practice_error');
    expect(error.message).not.toMatch(/OperationOutcome/);
  });
});
