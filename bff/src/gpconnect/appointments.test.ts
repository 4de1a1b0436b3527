import { describe, expect, it } from 'vitest';
import {
  amendAppointment,
  amendedAppointment,
  bookAppointment,
  buildBookAppointmentRequest,
  cancelAppointment,
  cancelledAppointment,
  composeComment,
  isAppointmentOf,
  splitComment,
} from './appointments.js';
import { toPatientAppointment } from './appointment-view.js';
import { EXT } from './constants.js';
import { appointmentSchema, type FhirAppointment } from './fhir-schemas.js';
import type { SlotBookingDetails } from './slots.js';
import { FakeGpConnect } from './test-support/fake-gp-connect.js';

function makeSlot(
  slotId: string,
  start: string,
  end: string,
  extra: Partial<SlotBookingDetails> = {},
): SlotBookingDetails {
  return {
    slotId,
    scheduleId: 's1',
    start,
    end,
    locationId: 'l1',
    channel: 'telephone',
    slotType: 'Phone',
    ...extra,
  };
}
const organisation = {
  odsCode: 'X26',
  name: 'GP Appointments app',
  phone: '0300 000 0000',
  orgType: 'gp-practice' as const,
};

function makeAppointment(extra: Partial<FhirAppointment> = {}): FhirAppointment {
  return appointmentSchema.parse({
    resourceType: 'Appointment',
    id: 'a1',
    meta: {
      versionId: '3',
      profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1'],
    },
    extension: [{ url: EXT.bookingOrganisation, valueReference: { reference: '#1' } }],
    status: 'booked',
    description: 'Cough',
    start: '2026-10-25T01:30:00+00:00',
    end: '2026-10-25T01:50:00+00:00',
    slot: [{ reference: 'Slot/1' }, { reference: 'Slot/2' }],
    comment: 'Patient phone: 07700 900982\nMornings are best',
    participant: [
      { actor: { reference: 'Patient/p9' }, status: 'accepted' },
      { actor: { reference: 'Location/l1' }, status: 'accepted' },
    ],
    providerOnlyField: { kept: true },
    ...extra,
  });
}

describe('buildBookAppointmentRequest', () => {
  it('spans adjacent slots verbatim, names the practitioner, and puts the phone at the top of the comment', () => {
    const request = buildBookAppointmentRequest({
      slots: [
        makeSlot('1', '2026-10-25T01:30:00+01:00', '2026-10-25T01:40:00+01:00', { practitionerId: 'pr1' }),
        makeSlot('2', '2026-10-25T01:40:00+01:00', '2026-10-25T01:00:00+00:00', { practitionerId: 'pr1' }),
      ],
      patientId: 'p9',
      bookingOrganisation: organisation,
      description: 'Cough',
      comment: 'Mornings are best',
      phone: '07700 900982',
      now: new Date('2026-10-20T08:00:00Z'),
    });
    expect(request).toMatchObject({
      start: '2026-10-25T01:30:00+01:00',
      end: '2026-10-25T01:00:00+00:00',
      slot: [{ reference: 'Slot/1' }, { reference: 'Slot/2' }],
      created: '2026-10-20T09:00:00+01:00',
      comment: 'Patient phone: 07700 900982\nMornings are best',
      participant: [
        { actor: { reference: 'Patient/p9' }, status: 'accepted' },
        { actor: { reference: 'Location/l1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/pr1' }, status: 'accepted' },
      ],
    });
    expect(request.contained[0]).toMatchObject({
      id: '1',
      type: [{ coding: [{ code: 'gp-practice' }] }],
      telecom: [{ system: 'phone', value: '0300 000 0000' }],
    });
    expect(request).not.toHaveProperty('id');
  });

  it('leaves out an absent comment and refuses no slots', () => {
    const request = buildBookAppointmentRequest({
      slots: [makeSlot('1', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00')],
      patientId: 'p9',
      bookingOrganisation: organisation,
      description: 'Cough',
    });
    expect(request).not.toHaveProperty('comment');
    expect(request.participant).toHaveLength(2);
    expect(() =>
      buildBookAppointmentRequest({
        slots: [],
        patientId: 'p9',
        bookingOrganisation: organisation,
        description: 'x',
      }),
    ).toThrow(RangeError);
  });
});

describe('comment with a phone number', () => {
  it('round-trips the phone and the patient comment', () => {
    expect(splitComment(composeComment({ phone: '07700 900982', comment: 'Hi' }))).toEqual({
      phone: '07700 900982',
      comment: 'Hi',
    });
    expect(splitComment(composeComment({ phone: '07700 900982' }))).toEqual({ phone: '07700 900982' });
    expect(splitComment('Just a note\nline two')).toEqual({ comment: 'Just a note\nline two' });
    expect(composeComment({})).toBeUndefined();
  });

  it('shows the phone apart from the comment', () => {
    const view = toPatientAppointment(makeAppointment(), {
      practice: { odsCode: 'A00001', name: 'Practice' },
      now: new Date('2026-10-01T00:00:00Z'),
    });
    expect(view).toMatchObject({ phone: '07700 900982', comment: 'Mornings are best', canCancel: true });
  });
});

describe('amend', () => {
  it('changes the patient comment but keeps the phone, and a blank comment leaves only the phone', () => {
    const current = makeAppointment();
    expect(amendedAppointment(current, { comment: 'Afternoons now' }).comment).toBe(
      'Patient phone: 07700 900982\nAfternoons now',
    );
    expect(amendedAppointment(current, { comment: '' }).comment).toBe('Patient phone: 07700 900982');
    const plain = makeAppointment({ comment: 'Old' });
    expect(amendedAppointment(plain, { comment: '' })).not.toHaveProperty('comment');
  });

  it('changes nothing else and does not touch the resource it was given', () => {
    const current = makeAppointment();
    const before = structuredClone(current);
    const next = amendedAppointment(current, { description: 'Cough and cold' });
    expect(current).toEqual(before);
    expect({ ...next, description: current.description }).toEqual(current);
  });

  it('PUTs the whole resource with If-Match and returns the new version', async () => {
    const client = new FakeGpConnect((call) => ({
      body: { ...(call.body as object), meta: { versionId: '4' } },
    }));
    const result = await amendAppointment(
      client.at(),
      { appointment: makeAppointment(), ifMatch: 'W/"3"' },
      { description: 'Cold' },
    );
    expect(client.calls[0]).toMatchObject({
      interaction: 'appointmentAmend',
      method: 'PUT',
      path: '/Appointment/a1',
      ifMatch: 'W/"3"',
    });
    expect(client.calls[0]?.body).toMatchObject({ description: 'Cold', providerOnlyField: { kept: true } });
    expect(result.ifMatch).toBe('W/"4"');
  });
});

describe('cancel', () => {
  it('sets status and one reason extension, replacing an old one', () => {
    const current = makeAppointment({
      extension: [
        { url: EXT.bookingOrganisation, valueReference: { reference: '#1' } },
        { url: EXT.cancellationReason, valueString: 'old' },
      ],
    });
    const next = cancelledAppointment(current, 'Feeling better');
    expect(next.status).toBe('cancelled');
    expect(next.extension?.filter((extension) => extension.url === EXT.cancellationReason)).toEqual([
      { url: EXT.cancellationReason, valueString: 'Feeling better' },
    ]);
    expect(current.status).toBe('booked');
  });

  it('PUTs with the cancel interaction and If-Match', async () => {
    const client = new FakeGpConnect((call) => ({ body: call.body, etag: 'W/"5"' }));
    await cancelAppointment(
      client.at(),
      { appointment: makeAppointment(), ifMatch: 'W/"3"' },
      'Feeling better',
    );
    expect(client.calls[0]).toMatchObject({
      interaction: 'appointmentCancel',
      ifMatch: 'W/"3"',
      body: { status: 'cancelled' },
    });
  });
});

describe('bookAppointment and ownership', () => {
  it('POSTs the request and takes the version from the answer', async () => {
    const client = new FakeGpConnect((call) => ({
      status: 201,
      body: { ...(call.body as object), id: 'new1', meta: { versionId: '1' } },
    }));
    const request = buildBookAppointmentRequest({
      slots: [makeSlot('1', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00')],
      patientId: 'p9',
      bookingOrganisation: organisation,
      description: 'Cough',
    });
    const booked = await bookAppointment(client.at(), request);
    expect(client.calls[0]).toMatchObject({
      interaction: 'appointmentCreate',
      method: 'POST',
      path: '/Appointment',
    });
    expect(booked).toMatchObject({ appointment: { id: 'new1' }, ifMatch: 'W/"1"' });
  });

  it('knows whose appointment it is', () => {
    expect(isAppointmentOf(makeAppointment(), 'p9')).toBe(true);
    expect(isAppointmentOf(makeAppointment(), 'p1')).toBe(false);
  });
});
