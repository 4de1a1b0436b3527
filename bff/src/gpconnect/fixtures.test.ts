import { readdirSync, readFileSync } from 'node:fs';
import { appointmentSchema as patientAppointmentSchema } from '@gpbook/shared/appointments';
import { slotSchema as patientSlotSchema } from '@gpbook/shared/slots';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeAppointment, toPatientAppointment } from './appointment-view.js';
import {
  amendedAppointment,
  buildBookAppointmentRequest,
  cancelledAppointment,
  readAppointment,
  retrievePatientAppointments,
} from './appointments.js';
import { EXT } from './constants.js';
import {
  appointmentSchema,
  searchsetSchema,
  slotBundleSchema,
  type FhirAppointment,
} from './fhir-schemas.js';
import { createReferenceReader } from './participants.js';
import { freeSlotsFromBundle, searchFreeSlots } from './slots.js';
import { FakeGpConnect, notFound } from './test-support/fake-gp-connect.js';

/** The GP Connect specification's own example payloads (release 1.2.8), kept as published: see the folder's README. */
const examples = new URL('../../test/fixtures/gpconnect/', import.meta.url);
const example = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
const parse = <T>(schema: z.ZodType<T>, name: string): T => schema.parse(example(name));

const appointmentBundleSchema = searchsetSchema(appointmentSchema);
const practice = { odsCode: 'A00001', name: 'The Trevelyan Practice' };
const before2017 = new Date('2017-01-01T00:00:00Z');

describe('every response example', () => {
  const schemaFor: Array<[RegExp, z.ZodType]> = [
    [/^search-for-free-slots-response-/, slotBundleSchema],
    [/^retrieve-patient-appts-response-/, appointmentBundleSchema],
    [/^(book|read|amend|cancel)-appt-response-/, appointmentSchema],
  ];

  it('parses with the schema of its interaction (and there are examples to parse)', () => {
    const responses = readdirSync(examples).filter((name) => name.includes('-response-'));
    expect(responses).toHaveLength(10);
    for (const name of responses) {
      const schema = schemaFor.find(([pattern]) => pattern.test(name))?.[1];
      expect(schema, `no schema for ${name}`).toBeDefined();
      const result = schema?.safeParse(example(name));
      expect(result?.success, `${name}: ${result?.error?.message}`).toBe(true);
    }
  });

  it('keeps unknown fields, so an appointment goes back to the practice as it was read', () => {
    const raw = example('read-appt-response-payload-1.json');
    expect(appointmentSchema.parse(raw)).toEqual(raw);
  });
});

describe('Search for free slots examples', () => {
  it('payload 1: joins slots to schedule, practitioner, location and service', () => {
    const free = freeSlotsFromBundle(
      parse(slotBundleSchema, 'search-for-free-slots-response-payload-1.json'),
      'A00001',
    );
    expect(free.map((entry) => entry.slot)).toEqual([
      {
        id: 'A00001~2017-09-15~1584',
        start: '2017-09-15T11:30:00+01:00',
        end: '2017-09-15T11:40:00+01:00',
        durationMinutes: 10,
        practitioner: { name: 'Mrs Sarah Black', gender: 'female' },
        role: { group: 'gp', display: 'GP' },
        channel: 'in-person',
        slotType: 'GP Appointment',
        scheduleType: 'General GP Appointments',
        serviceName: 'The Trevelyan GP Hub',
        location: {
          id: '17',
          name: 'The Trevelyan Practice',
          address: { lines: ['Trevelyan Square', 'Boar Ln', 'Leeds'], postcode: 'LS1 6AE' },
        },
      },
      expect.objectContaining({
        id: 'A00001~2017-09-15~1644',
        slotType: 'NHS Health Check',
        start: '2017-09-15T11:40:00+01:00',
      }),
    ]);
    expect(free[0]?.booking).toEqual({
      slotId: '1584',
      scheduleId: '14',
      start: '2017-09-15T11:30:00+01:00',
      end: '2017-09-15T11:40:00+01:00',
      locationId: '17',
      practitionerId: '2',
      healthcareServiceId: '3',
      channel: 'in-person',
      slotType: 'GP Appointment',
    });
    for (const entry of free) expect(patientSlotSchema.parse(entry.slot)).toEqual(entry.slot);
  });

  it('payload 2 (service filtering off at the organisation): no service name', () => {
    const bundle = parse(slotBundleSchema, 'search-for-free-slots-response-payload-2.json');
    expect(bundle.meta?.extension?.[0]).toMatchObject({ valueCode: 'organization-disabled' });
    const free = freeSlotsFromBundle(bundle, 'A00001');
    expect(
      free.map((entry) => [entry.slot.start, entry.slot.serviceName, entry.slot.practitioner?.name]),
    ).toEqual([
      ['2016-08-15T11:30:00+01:00', undefined, 'Mrs Sarah Black'],
      ['2016-08-15T11:40:00+01:00', undefined, 'Mrs Sarah Black'],
    ]);
    expect(free[0]?.booking.healthcareServiceId).toBeUndefined();
  });

  it('payload 3 (no includes): no practitioner, and the practice stands in for the Location it did not include', () => {
    const free = freeSlotsFromBundle(
      parse(slotBundleSchema, 'search-for-free-slots-response-payload-3.json'),
      'A00001',
    );
    expect(free).toHaveLength(2);
    const [first] = free;
    expect(first?.slot.practitioner).toBeUndefined();
    expect(first?.booking.practitionerId).toBeUndefined();
    expect(first?.slot.location).toEqual({
      id: '17',
      name: 'The Trevelyan Practice',
      address: { lines: ['Trevelyan Square', 'Boar Ln'], town: 'Leeds', postcode: 'LS1 6AE' },
    });
    // 29 March 2019 was still GMT: the example's +01:00 is shown as London time, but booked exactly as sent.
    expect(first?.slot.start).toBe('2019-03-29T10:30:00+00:00');
    expect(first?.booking.start).toBe('2019-03-29T11:30:00+01:00');
    expect(first?.slot.id).toBe('A00001~2019-03-29~1584');
  });

  it('payload 4: an empty bundle is no slots', async () => {
    const client = new FakeGpConnect(() => ({
      body: example('search-for-free-slots-response-payload-4.json'),
    }));
    const free = await searchFreeSlots(client.at(), {
      start: '2026-03-02',
      end: '2026-03-15',
      consumerOds: 'X26',
      consumerOrgType: 'gp-practice',
    });
    expect(free).toEqual([]);
  });
});

describe('Book an appointment example', () => {
  it('our request is the spec example field for field', () => {
    const request = buildBookAppointmentRequest({
      slots: [
        {
          slotId: '1',
          scheduleId: '14',
          start: '2017-05-30T10:00:00+01:00',
          end: '2017-05-30T10:25:00+01:00',
          locationId: '32',
          channel: 'in-person',
          slotType: 'GP Appointment',
        },
      ],
      patientId: '1',
      bookingOrganisation: {
        odsCode: 'Z100',
        name: 'North Ambulance Service',
        phone: '01111222333',
        orgType: 'urgent-care',
      },
      description: 'Free text description.',
      comment: 'Free text comment.',
      now: new Date('2017-05-25T12:48:41Z'),
    });
    expect(request).toEqual(example('book-appt-request-payload-1.json'));
  });

  it('the response maps to what the patient sees', () => {
    const booked = parse(appointmentSchema, 'book-appt-response-payload-1.json');
    const view = toPatientAppointment(booked, { practice, now: before2017 });
    expect(view).toMatchObject({
      id: 'A00001~9',
      status: 'booked',
      start: '2017-05-30T10:00:00+01:00',
      end: '2017-05-30T10:25:00+01:00',
      durationMinutes: 25,
      role: { group: 'gp', display: 'GP' },
      channel: 'in-person',
      slotType: 'General GP Appointment',
      description: 'Free text description.',
      comment: 'Free text comment.',
      created: '2017-05-25T13:48:41+01:00',
      location: { id: '32', name: 'The Trevelyan Practice' },
      canCancel: true,
      canAmend: true,
    });
    expect(view?.cancellationReason).toBeUndefined();
    expect(patientAppointmentSchema.parse(view)).toEqual(view);
  });
});

describe('Read and Retrieve appointment examples', () => {
  it('read: resolves the location by Read location, and a past appointment cannot be changed', async () => {
    const client = new FakeGpConnect((call) => {
      if (call.interaction === 'appointmentRead')
        return { body: example('read-appt-response-payload-1.json') };
      if (call.path === '/Location/1') {
        return {
          body: {
            resourceType: 'Location',
            id: '1',
            name: 'Branch Surgery',
            address: { line: ['1 High Street'], city: 'Leeds', postalCode: 'LS2 1AA' },
          },
        };
      }
      return notFound(call.interaction);
    });
    const { appointment, ifMatch } = await readAppointment(client.at(), '150');
    expect(ifMatch).toMatch(/^W\/".+"$/);
    const view = await describeAppointment(appointment, createReferenceReader(client.at()), {
      practice,
    });
    expect(view).toMatchObject({
      id: 'A00001~150',
      description: 'GP Connect Appointment description 148',
      start: '2017-08-17T11:20:00+01:00',
      location: {
        id: '1',
        name: 'Branch Surgery',
        address: { lines: ['1 High Street'], town: 'Leeds', postcode: 'LS2 1AA' },
      },
      canCancel: false,
      canAmend: false,
    });
    expect(view?.practitioner).toBeUndefined();
    expect(client.calls.map((call) => call.path)).toEqual(['/Appointment/150', '/Location/1']);
  });

  it('retrieve 1a: two appointments, a nurse one over two slots with its practitioner read once', async () => {
    const client = new FakeGpConnect((call) => {
      if (call.interaction === 'patientAppointments')
        return { body: example('retrieve-patient-appts-response-payload-1a.json') };
      if (call.path === '/Practitioner/2') {
        return {
          body: {
            resourceType: 'Practitioner',
            id: '2',
            name: [{ family: 'Black', given: ['Sarah'], prefix: ['Mrs'] }],
            gender: 'female',
          },
        };
      }
      return notFound(call.interaction);
    });
    const appointments = await retrievePatientAppointments(client.at(), {
      patientId: '1001',
      start: '2017-08-01',
      end: '2017-09-30',
    });
    expect(client.queryOf(0)).toEqual(['start=ge2017-08-01', 'start=le2017-09-30']);
    expect(client.calls[0]?.path).toBe('/Patient/1001/Appointment');
    const reader = createReferenceReader(client.at());
    const views = await Promise.all(
      appointments.map((appointment) =>
        describeAppointment(appointment, reader, { practice, now: before2017 }),
      ),
    );
    expect(
      views.map((view) => [
        view?.id,
        view?.role.display,
        view?.slotType,
        view?.durationMinutes,
        view?.practitioner?.name,
      ]),
    ).toEqual([
      ['A00001~149', 'Nurse', 'Nurse Appointment', 20, 'Mrs Sarah Black'],
      ['A00001~150', 'GP', 'General GP Appointment', 10, undefined],
    ]);
    expect(views[0]?.comment).toBe('Test Appointment Comment 148');
    // Location/1 is read once for both (404 here, so the practice stands in), Practitioner/2 once.
    expect(client.calls.filter((call) => call.path === '/Location/1')).toHaveLength(1);
    expect(views[0]?.location).toEqual({ id: '1', name: 'The Trevelyan Practice', address: { lines: [] } });
  });

  it('retrieve 1b: an empty bundle is no appointments', async () => {
    const client = new FakeGpConnect(() => ({
      body: example('retrieve-patient-appts-response-payload-1b.json'),
    }));
    expect(
      await retrievePatientAppointments(client.at(), {
        patientId: '1',
        start: '2026-03-02',
        end: '2026-06-02',
      }),
    ).toEqual([]);
  });
});

describe('Amend and Cancel examples', () => {
  it('amend: only the description changes from the appointment as read', () => {
    const request = parse(appointmentSchema, 'amend-appt-request-payload-1.json');
    const asRead: FhirAppointment = { ...structuredClone(request), description: 'Free text description.' };
    expect(amendedAppointment(asRead, { description: 'Free text description updated.' })).toEqual(request);
  });

  it('amend response: the patient sees the new description and the practitioner', async () => {
    const amended = parse(appointmentSchema, 'amend-appt-response-payload-1.json');
    const client = new FakeGpConnect((call) =>
      call.path === '/Practitioner/18'
        ? {
            body: {
              resourceType: 'Practitioner',
              id: '18',
              name: [{ family: 'Parker', given: ['Jo'], prefix: ['Dr'] }],
            },
          }
        : notFound(call.interaction),
    );
    const view = await describeAppointment(amended, createReferenceReader(client.at()), {
      practice,
      now: before2017,
    });
    expect(view).toMatchObject({
      description: 'Free text description updated.',
      practitioner: { name: 'Dr Jo Parker' },
    });
    expect(view?.practitioner?.gender).toBeUndefined();
  });

  it('cancel: only the status and the reason extension change', () => {
    const request = parse(appointmentSchema, 'cancel-appt-request-payload-1.json');
    const asRead: FhirAppointment = {
      ...structuredClone(request),
      status: 'booked',
      extension: (request.extension ?? []).filter((extension) => extension.url !== EXT.cancellationReason),
    };
    expect(cancelledAppointment(asRead, 'Free text cancellation reason.')).toEqual(request);
  });

  it('cancel response: cancelled, with its reason, and no longer cancellable', () => {
    const cancelled = parse(appointmentSchema, 'cancel-appt-response-payload-1.json');
    const view = toPatientAppointment(cancelled, { practice, now: before2017 });
    expect(view).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Free text cancellation reason.',
      description: 'Free text description updated.',
      canCancel: false,
      canAmend: false,
    });
  });
});
