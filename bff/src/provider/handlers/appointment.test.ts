import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXT, SYS } from '../../gpconnect/constants.js';
import { bookingBody } from '../test-support/appointment-body.js';
import {
  makeConfig,
  makePatient,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
} from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';
import { claimsFor, unsecuredJwt } from '../test-support/spine-request.js';

// Monday 23 March 2026, 10:00 GMT.
const NOW = new Date('2026-03-23T10:00:00Z');
const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;
type Slot = { id: string; start: string; end: string };

let provider: TestProvider;
async function start(
  practice = makePractice({
    patients: [
      makePatient(),
      makePatient({ id: '2', nhsNumber: '9990000026' }),
      makePatient({ id: '5', nhsNumber: '9990000050', deceased: '2020-01-01' }),
    ],
    accessProfiles: [makeProfile({ id: 'urgent', maxBookedSlots: 1 })],
    schedules: [
      makeSchedule(),
      makeSchedule({
        id: 'phone',
        sessions: [
          makeSession({ start: '14:00', end: '15:00', deliveryChannel: 'Telephone', slotType: 'Call' }),
        ],
      }),
      makeSchedule({
        id: 'urgent',
        accessProfiles: ['urgent'],
        sessions: [makeSession({ start: '16:00', end: '17:00' })],
      }),
    ],
  }),
) {
  provider = await startTestProvider(makeConfig([practice]), { now: NOW });
}
beforeEach(() => start());
afterEach(() => provider.close());

async function freeSlots(
  date = '2026-03-24',
  filters = `searchFilter=${SYS.orgType}|gp-practice`,
): Promise<Slot[]> {
  const body = (
    await provider.send(
      'slotSearch',
      'GET',
      `/Slot?status=free&start=ge${date}&end=le${date}&_include=Slot:schedule&${filters}`,
    )
  ).json();
  return (body.entry ?? [])
    .map((entry) => entry.resource)
    .filter((resource) => resource.resourceType === 'Slot')
    .map((slot) => ({ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }));
}
const book = (body: unknown) => provider.send('appointmentCreate', 'POST', '/Appointment', { body });
async function booked(slots?: Slot[], extra: Partial<Parameters<typeof bookingBody>[0]> = {}) {
  const chosen = slots ?? (await freeSlots()).slice(0, 1);
  const response = await book(bookingBody({ slots: chosen, ...extra }));
  expect(response.status).toBe(201);
  return response;
}

describe('Book an appointment', () => {
  it('books a free slot: 201, Location, ETag, the stored appointment, and the slot is no longer offered', async () => {
    const [slot] = await freeSlots();
    if (!slot) throw new Error('no slot');
    const response = await book(bookingBody({ slots: [slot], comment: 'Please call first' }));
    expect(response.status).toBe(201);
    const appointment = response.json();
    expect(response.headers['location']).toMatch(
      new RegExp(`/A11111/STU3/1/gpconnect/Appointment/${String(appointment['id'])}/_history/1$`),
    );
    expect(response.headers['etag']).toBe('W/"1"');
    expect(response.headers['last-modified']).toBeDefined();
    expect(appointment).toMatchObject({
      resourceType: 'Appointment',
      meta: {
        versionId: '1',
        profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1'],
      },
      status: 'booked',
      start: slot.start,
      end: slot.end,
      minutesDuration: 10,
      description: 'Sore throat',
      comment: 'Please call first',
      serviceCategory: { text: 'General GP clinic' },
      serviceType: [{ text: 'GP appointment' }],
      slot: [{ reference: `Slot/${slot.id}` }],
      contained: [
        {
          resourceType: 'Organization',
          id: '1',
          identifier: [{ system: SYS.odsOrg, value: 'GPA001' }],
          type: [{ coding: [{ code: 'gp-practice' }] }],
        },
      ],
    });
    expect(appointment['extension']).toEqual(
      expect.arrayContaining([
        { url: EXT.bookingOrganisation, valueReference: { reference: '#1' } },
        { url: EXT.deliveryChannel, valueCode: 'In-person' },
        expect.objectContaining({ url: EXT.practitionerRole }),
      ]),
    );
    expect(appointment['participant']).toContainEqual({
      actor: { reference: 'Practitioner/dr-a' },
      status: 'accepted',
    });
    expect(appointment).not.toHaveProperty('reason');
    expect((await freeSlots()).map((s) => s.id)).not.toContain(slot.id);
    expect((await book(bookingBody({ slots: [slot] }))).status).toBe(409);
  });

  it('books adjacent slots of one schedule as one appointment', async () => {
    const slots = (await freeSlots()).slice(0, 3);
    const appointment = (await booked(slots)).json();
    expect(appointment).toMatchObject({ minutesDuration: 30, start: slots[0]?.start, end: slots[2]?.end });
  });

  it.each<[string, (body: ReturnType<typeof bookingBody>, slots: Slot[]) => unknown]>([
    ['reason', (b) => Object.assign(b, { reason: [{ text: 'x' }] })],
    ['specialty', (b) => Object.assign(b, { specialty: { text: 'x' } })],
    ['an id', (b) => Object.assign(b, { id: '7' })],
    ['an unknown element', (b) => Object.assign(b, { colour: 'blue' })],
    [
      'no start',
      (b) => {
        delete b['start'];
      },
    ],
    [
      'no status',
      (b) => {
        delete b['status'];
      },
    ],
    ['status proposed', (b) => Object.assign(b, { status: 'proposed' })],
    [
      'no slot',
      (b) => {
        delete b['slot'];
      },
    ],
    ['an unknown slot', (b) => Object.assign(b, { slot: [{ reference: 'Slot/hello' }] })],
    [
      'a start not that of the slot',
      (b, s) => Object.assign(b, { start: s[0]?.start.replace('+00:00', '+01:00') }),
    ],
    [
      'no Patient participant',
      (b) => {
        b.participant.splice(0, 1);
      },
    ],
    [
      'no Location participant',
      (b) => {
        b.participant.splice(1, 1);
      },
    ],
    [
      'a Location not the slot’s',
      (b) => Object.assign(b.participant[1] ?? {}, { actor: { reference: 'Location/other' } }),
    ],
    [
      'a participant without status',
      (b) => {
        delete b.participant[0]?.['status'];
      },
    ],
    [
      'an absolute reference',
      (b) => Object.assign(b.participant[0] ?? {}, { actor: { reference: 'https://x.nhs.uk/Patient/1' } }),
    ],
    [
      'an unknown patient',
      (b) => Object.assign(b.participant[0] ?? {}, { actor: { reference: 'Patient/99' } }),
    ],
    [
      'a deceased patient',
      (b) => Object.assign(b.participant[0] ?? {}, { actor: { reference: 'Patient/5' } }),
    ],
    ['a description over 100 characters', (b) => Object.assign(b, { description: 'x'.repeat(101) })],
    [
      'no description',
      (b) => {
        delete b['description'];
      },
    ],
    ['a comment over 500 characters', (b) => Object.assign(b, { comment: 'x'.repeat(501) })],
    [
      'a booking organisation without name',
      (b) => {
        delete (b['contained'] as Array<Record<string, unknown>>)[0]?.['name'];
      },
    ],
    [
      'a booking organisation without telecom',
      (b) => {
        delete (b['contained'] as Array<Record<string, unknown>>)[0]?.['telecom'];
      },
    ],
    [
      'a booking organisation reference not starting with #',
      (b) => Object.assign(b.extension[0] ?? {}, { valueReference: { reference: '1' } }),
    ],
    ['an unknown extension', (b) => b.extension.push({ url: 'https://example.org/x', valueString: 'x' })],
    [
      'a delivery channel unlike the slot’s',
      (b) => b.extension.push({ url: EXT.deliveryChannel, valueCode: 'Video' }),
    ],
    ['a minutesDuration unlike the slots’', (b) => Object.assign(b, { minutesDuration: 25 })],
    ['a cancellation reason', (b) => b.extension.push({ url: EXT.cancellationReason, valueString: 'x' })],
  ])('422 INVALID_RESOURCE with %s', async (_, breakIt) => {
    const slots = (await freeSlots()).slice(0, 1);
    const body = bookingBody({ slots });
    breakIt(body, slots);
    const response = await book(body);
    expect(response.status).toBe(422);
    expect(code(response.json())).toBe('INVALID_RESOURCE');
  });

  it('refuses slots that are not adjacent, of different schedules, or in the past', async () => {
    const slots = await freeSlots();
    expect((await book(bookingBody({ slots: [slots[0] as Slot, slots[2] as Slot] }))).status).toBe(422);
    const phone = slots.find((slot) => slot.start.includes('T14:00'));
    const last = slots.find((slot) => slot.end.includes('T12:00'));
    expect((await book(bookingBody({ slots: [last as Slot, phone as Slot] }))).status).toBe(422);
    // A slot of today that has begun (09:00 < now 10:00).
    const started = { id: '1', start: '2026-03-23T09:00:00+00:00', end: '2026-03-23T09:10:00+00:00' };
    const response = await book(bookingBody({ slots: [started] }));
    expect(response.status).toBe(422);
    expect(response.json().issue?.[0]?.diagnostics).toMatch(/past/);
  });

  it('refuses, with the same rule as search, a slot the booking organisation was never offered', async () => {
    const urgent = (await freeSlots('2026-03-24', `searchFilter=${SYS.orgType}|urgent-care`)).filter((slot) =>
      slot.start.includes('T16:'),
    );
    expect(urgent.length).toBeGreaterThan(1);
    const asGp = await book(bookingBody({ slots: [urgent[0] as Slot] }));
    expect(asGp.status).toBe(422);
    expect(asGp.json().issue?.[0]?.diagnostics).toMatch(/restricted/);
    await booked([urgent[0] as Slot], { orgType: 'urgent-care' });
    // The profile allows one future booked slot at a time.
    const overLimit = await book(bookingBody({ slots: [urgent[1] as Slot], orgType: 'urgent-care' }));
    expect(overLimit.status).toBe(422);
    expect(overLimit.json().issue?.[0]?.diagnostics).toMatch(/profile-limit/);
    expect(
      (await freeSlots('2026-03-24', `searchFilter=${SYS.orgType}|urgent-care`)).some((s) =>
        s.start.includes('T16:'),
      ),
    ).toBe(false);
  });
});

describe('Read, amend and cancel', () => {
  async function bookOne() {
    const response = await booked(undefined, { comment: 'Original comment' });
    return response.json() as FhirJson & { id: string };
  }
  const put = (interaction: 'appointmentAmend' | 'appointmentCancel', body: FhirJson, ifMatch = 'W/"1"') =>
    provider.send(interaction, 'PUT', `/Appointment/${String(body['id'])}`, {
      body,
      headers: { 'if-match': ifMatch },
    });

  it('reads a future appointment with its ETag; unknown ids are 404', async () => {
    const appointment = await bookOne();
    const read = await provider.send('appointmentRead', 'GET', `/Appointment/${appointment.id}`);
    expect(read.status).toBe(200);
    expect(read.headers['etag']).toBe('W/"1"');
    expect(read.json()).toEqual(appointment);
    for (const id of ['Invalid4321', '8888888888']) {
      const missing = await provider.send('appointmentRead', 'GET', `/Appointment/${id}`);
      expect(missing.status).toBe(404);
      expect(code(missing.json())).toBe('NO_RECORD_FOUND');
    }
  });

  it('amends description and comment only, with a new version', async () => {
    const appointment = await bookOne();
    const amended = await put('appointmentAmend', {
      ...appointment,
      description: 'Worse now',
      comment: 'New comment',
    });
    expect(amended.status).toBe(200);
    expect(amended.headers['etag']).toBe('W/"2"');
    expect(amended.json()).toMatchObject({
      description: 'Worse now',
      comment: 'New comment',
      meta: { versionId: '2' },
    });
    const minimal = await provider.send('appointmentAmend', 'PUT', `/Appointment/${appointment.id}`, {
      body: { ...amended.json(), description: 'Again' },
      headers: { 'if-match': 'W/"2"', prefer: 'return=minimal' },
    });
    expect(minimal.status).toBe(200);
    expect(minimal.json()).toEqual({});
  });

  it('409 FHIR_CONSTRAINT_VIOLATION when If-Match is not the current version', async () => {
    const appointment = await bookOne();
    const response = await put('appointmentAmend', { ...appointment, description: 'x' }, 'W/"7"');
    expect(response.status).toBe(409);
    expect(code(response.json())).toBe('FHIR_CONSTRAINT_VIOLATION');
  });

  it.each<[string, (a: FhirJson) => FhirJson]>([
    ['start', (a) => ({ ...a, start: '2026-03-24T09:30:00+00:00' })],
    ['status', (a) => ({ ...a, status: 'arrived' })],
    [
      'participants',
      (a) => ({
        ...a,
        participant: [
          ...(a['participant'] as unknown[]),
          { actor: { reference: 'Patient/2' }, status: 'accepted' },
        ],
      }),
    ],
    ['slots', (a) => ({ ...a, slot: [{ reference: 'Slot/99999' }] })],
    [
      'booking organisation',
      (a) => ({
        ...a,
        contained: [{ ...(a['contained'] as Array<Record<string, unknown>>)[0], name: 'Other' }],
      }),
    ],
    ['priority', (a) => ({ ...a, priority: 1 })],
    ['description too long', (a) => ({ ...a, description: 'x'.repeat(101) })],
    [
      'a cancellation reason',
      (a) => ({
        ...a,
        extension: [...(a['extension'] as unknown[]), { url: EXT.cancellationReason, valueString: 'x' }],
      }),
    ],
    ['a different id', (a) => ({ ...a, id: '999' })],
  ])('amend refuses a change of %s with 422 INVALID_RESOURCE', async (_, change) => {
    const appointment = await bookOne();
    const response = await provider.send('appointmentAmend', 'PUT', `/Appointment/${appointment.id}`, {
      body: change(appointment),
      headers: { 'if-match': 'W/"1"' },
    });
    expect(response.status).toBe(422);
    expect(code(response.json())).toBe('INVALID_RESOURCE');
  });

  it('amend accepts serviceCategory and serviceType as sent and ignores them (1.2.7)', async () => {
    const appointment = await bookOne();
    expect(appointment).toMatchObject({
      serviceCategory: { text: 'General GP clinic' },
      serviceType: [{ text: 'GP appointment' }],
    });
    const renamed = await put('appointmentAmend', {
      ...appointment,
      description: 'Worse now',
      serviceCategory: { text: 'Another clinic' },
      serviceType: [{ text: 'Another type' }],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json()).toMatchObject({
      description: 'Worse now',
      serviceCategory: { text: 'General GP clinic' },
      serviceType: [{ text: 'GP appointment' }],
    });
    const { serviceCategory: _category, serviceType: _type, ...without } = renamed.json();
    const left = await put('appointmentAmend', { ...without, description: 'Left out' }, 'W/"2"');
    expect(left.status).toBe(200);
    expect(left.json()).toMatchObject({ serviceType: [{ text: 'GP appointment' }] });
  });

  it('cancel still refuses a change of serviceType with 422 INVALID_RESOURCE', async () => {
    const appointment = await bookOne();
    const response = await put('appointmentCancel', {
      ...cancelled(appointment),
      serviceType: [{ text: 'Other' }],
    });
    expect(response.status).toBe(422);
    expect(code(response.json())).toBe('INVALID_RESOURCE');
  });

  it('reads an empty id as no such appointment (404), as the assurance suite does', async () => {
    const response = await provider.send('appointmentRead', 'GET', '/Appointment/');
    expect(response.status).toBe(404);
    expect(code(response.json())).toBe('NO_RECORD_FOUND');
  });

  const cancelled = (a: FhirJson, reason: string | undefined = 'No longer needed'): FhirJson => ({
    ...a,
    status: 'cancelled',
    extension: [
      ...(a['extension'] as unknown[]),
      ...(reason === undefined ? [] : [{ url: EXT.cancellationReason, valueString: reason }]),
    ],
  });

  it('cancels with a reason, frees the slot, and then refuses amend or a second cancel', async () => {
    const appointment = await bookOne();
    const slotId = String((appointment['slot'] as Array<{ reference: string }>)[0]?.reference.split('/')[1]);
    const response = await put('appointmentCancel', cancelled(appointment));
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: 'cancelled', meta: { versionId: '2' } });
    expect(response.json()['extension']).toContainEqual({
      url: EXT.cancellationReason,
      valueString: 'No longer needed',
    });
    expect((await freeSlots()).map((slot) => slot.id)).toContain(slotId);
    const again = await put('appointmentCancel', cancelled(response.json()), 'W/"2"');
    expect(again.status).toBe(422);
    const amend = await put(
      'appointmentAmend',
      { ...response.json(), status: 'booked', description: 'x' },
      'W/"2"',
    );
    expect(amend.status).toBe(422);
    expect(code(amend.json())).toBe('INVALID_RESOURCE');
  });

  it('cancel: empty reason is 422 INVALID_PARAMETER; other changes are 422 INVALID_RESOURCE; stale If-Match is 409', async () => {
    const appointment = await bookOne();
    const empty = await put('appointmentCancel', cancelled(appointment, ''));
    expect(empty.status).toBe(422);
    expect(code(empty.json())).toBe('INVALID_PARAMETER');
    const comment = await put('appointmentCancel', { ...cancelled(appointment), comment: 'changed' });
    expect(code(comment.json())).toBe('INVALID_RESOURCE');
    const description = await put('appointmentCancel', { ...cancelled(appointment), description: 'changed' });
    expect(code(description.json())).toBe('INVALID_RESOURCE');
    const wrongUrl = await put('appointmentCancel', {
      ...appointment,
      status: 'cancelled',
      extension: [...(appointment['extension'] as unknown[]), { url: '', valueString: 'x' }],
    });
    expect(code(wrongUrl.json())).toBe('INVALID_RESOURCE');
    const stale = await put('appointmentCancel', cancelled(appointment), 'W/"0"');
    expect(stale.status).toBe(409);
  });

  it('refuses read, amend and cancel of a past appointment', async () => {
    // Book through a file database, then reopen it with the clock two days later.
    const directory = mkdtempSync(join(tmpdir(), 'gpc-past-'));
    const database = join(directory, 'provider.db');
    const config = provider.config;
    const before = await startTestProvider(config, { now: NOW, database });
    const [slot] =
      (
        await before.send(
          'slotSearch',
          'GET',
          `/Slot?status=free&start=ge2026-03-24&end=le2026-03-24&_include=Slot:schedule`,
        )
      ).json().entry ?? [];
    const slotResource = slot?.resource ?? { id: '', start: '', end: '' };
    const made = await before.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({
        slots: [
          {
            id: String(slotResource.id),
            start: String(slotResource['start']),
            end: String(slotResource['end']),
          },
        ],
      }),
    });
    expect(made.status).toBe(201);
    const appointment = made.json();
    await before.close();
    const after = await startTestProvider(config, { now: new Date('2026-03-25T10:00:00Z'), database });
    try {
      const read = await after.send('appointmentRead', 'GET', `/Appointment/${String(appointment['id'])}`);
      expect(read.status).toBe(422);
      expect(code(read.json())).toBe('INVALID_PARAMETER');
      const amend = await after.send('appointmentAmend', 'PUT', `/Appointment/${String(appointment['id'])}`, {
        body: { ...appointment, description: 'x' },
        headers: { 'if-match': 'W/"1"' },
      });
      expect(amend.status).toBe(422);
      expect(code(amend.json())).toBe('INVALID_RESOURCE');
      const cancel = await after.send(
        'appointmentCancel',
        'PUT',
        `/Appointment/${String(appointment['id'])}`,
        {
          body: cancelled(appointment),
          headers: { 'if-match': 'W/"1"' },
        },
      );
      expect(cancel.status).toBe(422);
    } finally {
      await after.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('Retrieve a patient’s appointments', () => {
  const retrieve = (patient: string, query: string) =>
    provider.send('patientAppointments', 'GET', `/Patient/${patient}/Appointment?${query}`);

  it('returns the patient’s appointments in range, cancelled ones included', async () => {
    const [first, second] = await freeSlots();
    const a = (await booked([first as Slot])).json();
    await booked([second as Slot], { patientId: '2' });
    await provider.send('appointmentCancel', 'PUT', `/Appointment/${String(a['id'])}`, {
      body: {
        ...a,
        status: 'cancelled',
        extension: [...(a['extension'] as unknown[]), { url: EXT.cancellationReason, valueString: 'x' }],
      },
      headers: { 'if-match': 'W/"1"' },
    });
    await booked([(await freeSlots('2026-03-27'))[0] as Slot]);
    const body = (await retrieve('1', 'start=ge2026-03-23&start=le2026-03-24')).json();
    expect(body.entry?.map((entry) => entry.resource['status'])).toEqual(['cancelled']);
    const all = (await retrieve('1', 'start=ge2026-03-23&start=le2026-04-30')).json();
    expect(all.entry).toHaveLength(2);
  });

  it.each([
    ['only one start', 'start=ge2026-03-23'],
    ['no start', ''],
    ['a past start', 'start=ge2026-03-22&start=le2026-03-24'],
    ['a time', 'start=ge2026-03-23T09:00:00%2B00:00&start=le2026-03-24'],
    ['a partial date', 'start=ge2026-03&start=le2026-03-24'],
    ['wrong prefixes', 'start=gt2026-03-23&start=lt2026-03-24'],
    ['end before start', 'start=ge2026-03-25&start=le2026-03-24'],
  ])('422 INVALID_PARAMETER with %s', async (_, query) => {
    const response = await retrieve('1', query);
    expect(response.status).toBe(422);
    expect(code(response.json())).toBe('INVALID_PARAMETER');
  });

  it('404 for an unknown or deceased patient, 400 for a write scope', async () => {
    expect((await retrieve('dd', 'start=ge2026-03-23&start=le2026-03-24')).status).toBe(404);
    expect((await retrieve('5', 'start=ge2026-03-23&start=le2026-03-24')).status).toBe(404);
    const claims = claimsFor('patientAppointments');
    claims['requested_scope'] = 'patient/*.write';
    const write = await provider.send(
      'patientAppointments',
      'GET',
      '/Patient/1/Appointment?start=ge2026-03-23&start=le2026-03-24',
      {
        headers: { authorization: `Bearer ${unsecuredJwt(claims)}` },
      },
    );
    expect(write.status).toBe(400);
  });
});
