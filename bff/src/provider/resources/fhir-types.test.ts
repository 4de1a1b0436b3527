import { describe, expect, it } from 'vitest';
import {
  appointmentSchema,
  healthcareServiceSchema,
  locationSchema,
  operationOutcomeSchema,
  organizationSchema,
  patientSchema,
  practitionerSchema,
  scheduleSchema,
  slotSchema,
} from '../../gpconnect/fhir-schemas.js';
import { operationOutcome } from '../outcomes.js';
import type { AppointmentRecord, SlotRecord } from '../store/store.js';
import { makeConfig, makePatient, makePractice } from '../test-support/builders.js';
import { appointmentResource } from './appointment.js';
import type { WrittenAppointment, WrittenLocation, WrittenPatient, WrittenSlot } from './fhir-types.js';
import {
  healthcareServiceResource,
  locationResource,
  patientResource,
  practitionerResource,
} from './foundations.js';
import { organizationResource } from './organization.js';
import { scheduleResource, slotResource } from './slot.js';

/**
 * The builders are typed against what our consumer reads (`satisfies` the zod-inferred types of
 * gpconnect/fhir-schemas.ts, index signatures removed): the `@ts-expect-error` lines below fail `tsc -b` the day
 * a misspelt element would pass. And what the builders write, the consumer's schemas parse.
 */
describe('the provider’s FHIR resource types', () => {
  it('refuse a misspelt or unknown element at compile time', () => {
    const slot = {
      resourceType: 'Slot',
      id: '1',
      schedule: { reference: 'Schedule/1' },
      status: 'free',
      start: '2026-03-24T09:00:00+00:00',
      end: '2026-03-24T09:10:00+00:00',
    } satisfies WrittenSlot;
    // @ts-expect-error -- `stauts` is no element of a Slot
    const misspelt = { ...slot, stauts: 'free' } satisfies WrittenSlot;
    // @ts-expect-error -- nor `refrence` of a Reference, however deep
    const deep = { ...slot, schedule: { refrence: 'Schedule/1' } } satisfies WrittenSlot;
    const location = { resourceType: 'Location', id: 'main' } satisfies WrittenLocation;
    // @ts-expect-error -- Location.address is one Address, whose elements are checked too
    const address = { ...location, address: { postcode: 'LS1 1AA' } } satisfies WrittenLocation;
    const patient = { resourceType: 'Patient', id: '1' } satisfies WrittenPatient;
    // @ts-expect-error -- an extension's value is `valueString`, not `valuestring`
    const extension = { ...patient, extension: [{ url: 'x', valuestring: 'y' }] } satisfies WrittenPatient;
    const appointment = { participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }] };
    // @ts-expect-error -- `comments` is no element of an Appointment
    const comments = { ...appointment, comments: 'x' } satisfies Partial<WrittenAppointment>;
    expect([misspelt, deep, address, extension, comments]).toHaveLength(5);
  });

  it('write what the consumer’s schemas parse', () => {
    const practice = makeConfig([
      makePractice({
        services: [{ id: 's', dosServiceId: '1000000001', name: 'Service' }],
        patients: [makePatient({ phone: '07700 900000', preferredLocationId: 'main' })],
      }),
    ]).practices[0];
    if (!practice) throw new Error('no practice');
    const [schedule] = practice.schedules;
    const [location] = practice.locations;
    const [practitioner] = practice.practitioners;
    const [service] = practice.services;
    const [patient] = practice.patients;
    if (!schedule || !location || !practitioner || !service || !patient) throw new Error('incomplete seed');
    const slot: SlotRecord = {
      id: 'gp-1',
      practice: practice.odsCode,
      scheduleId: schedule.id,
      status: 'free',
      startMs: Date.parse('2026-03-24T09:00:00Z'),
      endMs: Date.parse('2026-03-24T09:10:00Z'),
      startText: '2026-03-24T09:00:00+00:00',
      endText: '2026-03-24T09:10:00+00:00',
      slotType: 'GP appointment',
      deliveryChannel: 'In-person',
      bookable: true,
      accessProfiles: [],
    };
    const appointment: AppointmentRecord = {
      id: '7',
      practice: practice.odsCode,
      patientId: patient.id,
      version: 1,
      status: 'booked',
      scheduleId: schedule.id,
      startMs: slot.startMs,
      endMs: slot.endMs,
      startText: slot.startText,
      endText: slot.endText,
      slotType: slot.slotType,
      deliveryChannel: 'In-person',
      description: 'Sore throat',
      comment: 'Call first',
      createdText: '2026-03-23T10:00:00+00:00',
      bookingOrganisation: {
        containedId: '1',
        odsCode: 'GPA001',
        name: 'Booking Practice',
        telecom: [{ system: 'phone', value: '01111 222333' }],
        orgType: 'gp-practice',
      },
      accessProfile: undefined,
      slotIds: [slot.id],
      cancellationReason: undefined,
      lastModifiedMs: Date.parse('2026-03-23T10:00:00Z'),
    };
    const checks: Array<[{ parse: (value: unknown) => unknown }, unknown]> = [
      [slotSchema, slotResource(slot)],
      [scheduleSchema, scheduleResource(schedule, { start: slot.startText, end: slot.endText }, undefined)],
      [organizationSchema, organizationResource(practice)],
      [practitionerSchema, practitionerResource(practitioner)],
      [locationSchema, locationResource(practice, location)],
      [healthcareServiceSchema, healthcareServiceResource(practice, service)],
      [patientSchema, patientResource(practice, patient)],
      [operationOutcomeSchema, operationOutcome('BAD_REQUEST', 'detail')],
      [appointmentSchema, appointmentResource(practice, appointment, false)],
    ];
    for (const [schema, resource] of checks) expect(schema.parse(resource)).toEqual(resource);
  });
});
