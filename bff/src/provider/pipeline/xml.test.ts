import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXT, SYS } from '../../gpconnect/constants.js';
import { fromFhirXml, toFhirXml } from '../fhir-xml/index.js';
import { bookingBody } from '../test-support/appointment-body.js';
import {
  makeConfig,
  makePatient,
  makePractice,
  makeSchedule,
  makeSession,
} from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';
import { registrationBody } from '../test-support/registration-body.js';

// Monday 23 March 2026, 10:00 GMT.
const NOW = new Date('2026-03-23T10:00:00Z');
const XML = 'application/fhir+xml';
const XML_CONTENT_TYPE = 'application/fhir+xml;charset=utf-8';
const JSON_CONTENT_TYPE = 'application/fhir+json;charset=utf-8';
const INCLUDES = [
  '_include=Slot:schedule',
  '_include:recurse=Schedule:actor:Practitioner',
  '_include:recurse=Schedule:actor:Location',
  '_include:recurse=Schedule:actor:HealthcareService',
].join('&');
const SLOTS = `/Slot?status=free&start=ge2026-03-24&end=le2026-03-24&${INCLUDES}&service.identifier=${SYS.dosService}|1000000001&searchFilter=${SYS.orgType}|gp-practice`;

type Response = Awaited<ReturnType<TestProvider['send']>>;
const fromXml = (response: Response) => fromFhirXml(response.body) as FhirJson;
const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;
/** JSON → XML → JSON, every element placed by the order tables (strict). */
const roundTrip = (resource: unknown) => fromFhirXml(toFhirXml(resource, { strict: true }));
/** A searchset's id is new on every search. */
const withoutId = (bundle: FhirJson) => ({ ...bundle, id: undefined });

let provider: TestProvider;
beforeEach(async () => {
  provider = await startTestProvider(
    makeConfig([
      makePractice({
        serviceFiltering: true,
        services: [{ id: 'svc', dosServiceId: '1000000001', name: 'Service one' }],
        locations: [
          {
            id: 'main',
            name: 'Main surgery',
            odsSiteCode: 'A11111001',
            phone: '0113 111 1111',
            address: {
              lines: ['1 Test Street', 'Hyde Park'],
              city: 'Leeds',
              district: 'West Yorkshire',
              postcode: 'LS1 1AA',
            },
          },
        ],
        practitioners: [
          {
            id: 'dr-a',
            sdsUserId: 'G1000001',
            roleProfileIds: ['R1', 'R2'],
            given: ['Ann', 'Beth'],
            family: 'Able',
            prefix: 'Dr',
            gender: 'female',
          },
        ],
        schedules: [
          makeSchedule({ serviceId: 'svc', sessions: [makeSession({ start: '09:00', end: '09:30' })] }),
        ],
        patients: [
          makePatient({
            phone: '07700 900000',
            email: 'jane@example.org',
            prefix: 'Mrs',
            preferredLocationId: 'main',
            address: { lines: ['2 Home Road'], city: 'Leeds', postcode: 'LS2 2BB' },
          }),
          makePatient({
            id: '2',
            nhsNumber: '9990000026',
            family: 'Brown',
            given: ['Ali'],
            gender: 'male',
            birthDate: '1985-11-02',
            inactive: true,
          }),
        ],
      }),
    ]),
    { now: NOW },
  );
});
afterEach(() => provider.close());

async function freeSlots() {
  const bundle = (await provider.send('slotSearch', 'GET', SLOTS)).json();
  return (bundle.entry ?? [])
    .map((entry) => entry.resource)
    .filter((resource) => resource.resourceType === 'Slot')
    .map((slot) => ({ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }));
}
const bookXml = (
  body: unknown,
  path = '/Appointment?_format=application/fhir+xml',
  headers: Record<string, string | undefined> = {},
) =>
  provider.send('appointmentCreate', 'POST', path, {
    body: toFhirXml(body),
    headers: { 'content-type': `${XML};charset=utf-8`, ...headers },
  });

describe('FHIR XML responses', () => {
  it('answers a slot search asked for with Accept: application/fhir+xml in XML, the same content as JSON', async () => {
    const xml = await provider.send('slotSearch', 'GET', SLOTS, { headers: { accept: XML } });
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toBe(XML_CONTENT_TYPE);
    expect(xml.body.startsWith('<Bundle xmlns="http://hl7.org/fhir"><id value="')).toBe(true);
    expect(xml.body).toContain('<entry><resource><Slot><id value="');
    const json = (await provider.send('slotSearch', 'GET', SLOTS)).json();
    expect(withoutId(fromXml(xml))).toEqual(withoutId(json));
  });

  it('lets _format=application/fhir+json override an XML Accept, and _format=application/fhir+xml override a JSON one', async () => {
    const json = await provider.send('slotSearch', 'GET', `${SLOTS}&_format=application/fhir+json`, {
      headers: { accept: XML },
    });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(json.json()['resourceType']).toBe('Bundle');
    const xml = await provider.send('metadata', 'GET', '/metadata?_format=application/fhir+xml');
    expect(xml.headers['content-type']).toBe(XML_CONTENT_TYPE);
    const encoded = await provider.send('metadata', 'GET', `/metadata?_format=${encodeURIComponent(XML)}`);
    expect(encoded.headers['content-type']).toBe(XML_CONTENT_TYPE);
  });

  it('follows the Accept preference order and falls back to the Content-Type, then JSON', async () => {
    const metadata = (headers: Record<string, string | undefined>) =>
      provider.send('metadata', 'GET', '/metadata', { headers });
    const typeOf = async (headers: Record<string, string | undefined>) =>
      (await metadata(headers)).headers['content-type'];
    expect(await typeOf({ accept: `${XML}, application/fhir+json` })).toBe(XML_CONTENT_TYPE);
    expect(await typeOf({ accept: `${XML};q=0.5, application/fhir+json` })).toBe(JSON_CONTENT_TYPE);
    expect(await typeOf({ accept: '*/*', 'content-type': XML })).toBe(XML_CONTENT_TYPE);
    expect(await typeOf({ accept: undefined, 'content-type': XML })).toBe(XML_CONTENT_TYPE);
    expect(await typeOf({ accept: undefined, 'content-type': undefined })).toBe(JSON_CONTENT_TYPE);
  });

  it('lists both formats in the CapabilityStatement and serves it as XML', async () => {
    const json = (await provider.send('metadata', 'GET', '/metadata')).json();
    expect(json['format']).toEqual(['application/fhir+json', XML]);
    const xml = await provider.send('metadata', 'GET', '/metadata', { headers: { accept: XML } });
    expect(xml.body).toContain(
      '<format value="application/fhir+json"/><format value="application/fhir+xml"/>',
    );
    expect(xml.body).toContain('<security><cors value="true"/></security>');
    expect(fromXml(xml)).toEqual(json);
  });

  it('answers errors in XML when XML is asked for, and a 415 for an unsupported type in JSON', async () => {
    const missing = await provider.send('locationRead', 'GET', '/Location/nowhere', {
      headers: { accept: XML },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe(XML_CONTENT_TYPE);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.body).toMatch(
      /^<OperationOutcome xmlns="http:\/\/hl7.org\/fhir"><meta><profile value="[^"]+"\/><\/meta><issue><severity value="error"\/>/,
    );
    expect(code(fromXml(missing))).toBe('NO_RECORD_FOUND');

    const noTrace = await provider.send('metadata', 'GET', '/metadata?_format=application/fhir+xml', {
      headers: { 'ssp-traceid': undefined },
    });
    expect(noTrace.status).toBe(400);
    expect(code(fromXml(noTrace))).toBe('BAD_REQUEST');

    const textBody = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      body: 'booked',
      headers: { 'content-type': 'text/plain', accept: XML },
    });
    expect(textBody.status).toBe(415);
    expect(code(fromXml(textBody))).toBe('UNSUPPORTED_MEDIA_TYPE');

    const unsupported = await provider.send('metadata', 'GET', '/metadata', {
      headers: { accept: 'text/html' },
    });
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(code(unsupported.json())).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('FHIR XML request bodies', () => {
  it('books an appointment sent as XML with _format=application/fhir+xml, answering in XML', async () => {
    const [slot] = await freeSlots();
    if (!slot) throw new Error('no slot');
    const response = await bookXml(
      bookingBody({ slots: [slot], comment: 'Call "first" & <then> come' }),
      '/Appointment?_format=application/fhir+xml',
      { accept: 'application/fhir+json' },
    );
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe(XML_CONTENT_TYPE);
    expect(response.headers['etag']).toBe('W/"1"');
    expect(response.headers['location']).toMatch(/\/Appointment\/[^/]+\/_history\/1$/);
    const appointment = fromXml(response);
    expect(appointment).toMatchObject({
      resourceType: 'Appointment',
      meta: { versionId: '1' },
      status: 'booked',
      minutesDuration: 10,
      comment: 'Call "first" & <then> come',
      slot: [{ reference: `Slot/${slot.id}` }],
      contained: [
        { resourceType: 'Organization', id: '1', identifier: [{ system: SYS.odsOrg, value: 'GPA001' }] },
      ],
    });
    const read = await provider.send('appointmentRead', 'GET', `/Appointment/${String(appointment['id'])}`);
    expect(read.json()).toEqual(appointment);
  });

  it('books from an indented, hand-written XML request in the style of the spec’s examples', async () => {
    const [slot] = await freeSlots();
    if (!slot) throw new Error('no slot');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Appointment xmlns="http://hl7.org/fhir">
  <meta>
    <profile value="https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1" />
  </meta>
  <!-- the booking organisation, contained and referenced as #1 -->
  <contained>
    <Organization>
      <id value="1" />
      <meta>
        <profile value="https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Organization-1" />
      </meta>
      <identifier>
        <system value="${SYS.odsOrg}" />
        <value value="GPA001" />
      </identifier>
      <name value="Booking Practice" />
      <telecom>
        <system value="phone" />
        <value value="01111 222333" />
      </telecom>
    </Organization>
  </contained>
  <extension url="${EXT.bookingOrganisation}">
    <valueReference>
      <reference value="#1" />
    </valueReference>
  </extension>
  <status value="booked" />
  <description value="Sore throat &amp; cough" />
  <start value="${slot.start}" />
  <end value="${slot.end}" />
  <slot>
    <reference value="Slot/${slot.id}" />
  </slot>
  <created value="2026-03-23T09:00:00+00:00" />
  <participant>
    <actor>
      <reference value="Patient/1" />
    </actor>
    <status value="accepted" />
  </participant>
  <participant>
    <actor>
      <reference value="Location/main" />
    </actor>
    <status value="accepted" />
  </participant>
</Appointment>
`;
    const response = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      body: xml,
      headers: { 'content-type': 'application/fhir+xml;charset=utf-8', accept: XML },
    });
    expect(response.status).toBe(201);
    expect(fromXml(response)).toMatchObject({
      description: 'Sore throat & cough',
      slot: [{ reference: `Slot/${slot.id}` }],
    });
  });

  it('answers an XML body in XML when nothing else is asked for, and in JSON when Accept says so', async () => {
    const [first, second] = await freeSlots();
    if (!first || !second) throw new Error('no slots');
    const xml = await bookXml(bookingBody({ slots: [first] }), '/Appointment', { accept: undefined });
    expect(xml.status).toBe(201);
    expect(xml.headers['content-type']).toBe(XML_CONTENT_TYPE);
    const json = await bookXml(bookingBody({ slots: [second] }), '/Appointment', {
      accept: 'application/fhir+json',
    });
    expect(json.status).toBe(201);
    expect(json.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(json.json()['resourceType']).toBe('Appointment');
  });

  it('amends and cancels with XML bodies', async () => {
    const [slot] = await freeSlots();
    if (!slot) throw new Error('no slot');
    const booked = (
      await provider.send('appointmentCreate', 'POST', '/Appointment', {
        body: bookingBody({ slots: [slot] }),
      })
    ).json();
    const put = (interaction: 'appointmentAmend' | 'appointmentCancel', body: FhirJson, ifMatch: string) =>
      provider.send(interaction, 'PUT', `/Appointment/${String(body['id'])}`, {
        body: toFhirXml(body),
        headers: { 'content-type': XML, accept: XML, 'if-match': ifMatch },
      });
    const amended = await put('appointmentAmend', { ...booked, description: 'Worse now' }, 'W/"1"');
    expect(amended.status).toBe(200);
    expect(fromXml(amended)).toMatchObject({ description: 'Worse now', meta: { versionId: '2' } });
    const cancelled = await put(
      'appointmentCancel',
      {
        ...fromXml(amended),
        status: 'cancelled',
        extension: [
          ...(booked['extension'] as unknown[]),
          { url: EXT.cancellationReason, valueString: 'No longer needed' },
        ],
      },
      'W/"2"',
    );
    expect(cancelled.status).toBe(200);
    const cancelledBody = fromXml(cancelled);
    expect(cancelledBody['status']).toBe('cancelled');
    expect(cancelledBody['extension']).toEqual(
      expect.arrayContaining([{ url: EXT.cancellationReason, valueString: 'No longer needed' }]),
    );
  });

  it('judges an XML resource by the same rules as JSON: a forbidden element is 422 INVALID_RESOURCE', async () => {
    const [slot] = await freeSlots();
    if (!slot) throw new Error('no slot');
    const response = await bookXml({ ...bookingBody({ slots: [slot] }), reason: [{ text: 'Cough' }] });
    expect(response.status).toBe(422);
    expect(code(fromXml(response))).toBe('INVALID_RESOURCE');
  });

  it('refuses malformed XML with 400 BAD_REQUEST', async () => {
    const send = (body: string, headers: Record<string, string> = {}) =>
      provider.send('appointmentCreate', 'POST', '/Appointment', {
        body,
        headers: { 'content-type': XML, ...headers },
      });
    const unclosed = await send(
      '<Appointment xmlns="http://hl7.org/fhir"><status value="booked"></Appointment>',
    );
    expect(unclosed.status).toBe(400);
    expect(unclosed.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(code(unclosed.json())).toBe('BAD_REQUEST');
    const noNamespace = await send('<Appointment><status value="booked"/></Appointment>', { accept: XML });
    expect(noNamespace.status).toBe(400);
    expect(code(fromXml(noNamespace))).toBe('BAD_REQUEST');
    expect(
      (await send(JSON.stringify(bookingBody({ slots: [{ id: '1', start: 'a', end: 'b' }] })))).status,
    ).toBe(400);
  });

  it('registers a patient from an XML Parameters, answering with an XML Bundle', async () => {
    const response = await provider.send('registerPatient', 'POST', '/Patient/$gpc.registerpatient', {
      body: toFhirXml(
        registrationBody({
          nhsNumber: '9990000026',
          family: 'Brown',
          given: ['Ali'],
          gender: 'male',
          birthDate: '1985-11-02',
        }),
      ),
      headers: { 'content-type': XML, accept: XML },
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<entry><resource><Patient><id value="2"/>');
    const bundle = fromXml(response);
    expect(bundle.entry?.[0]?.resource).toMatchObject({
      resourceType: 'Patient',
      name: [{ family: 'Brown', given: ['Ali'] }],
    });
    expect(roundTrip(bundle)).toEqual(bundle);
  });
});

describe('JSON → XML → JSON round trips of what the handlers emit', () => {
  it('slot search: Bundle, Slot, Schedule, Practitioner, Location, HealthcareService, Organization', async () => {
    const bundle = (await provider.send('slotSearch', 'GET', SLOTS)).json();
    const types = new Set(bundle.entry?.map((entry) => entry.resource.resourceType));
    expect([...types].sort()).toEqual([
      'HealthcareService',
      'Location',
      'Organization',
      'Practitioner',
      'Schedule',
      'Slot',
    ]);
    expect(bundle['meta']).toMatchObject({ extension: [{ url: EXT.serviceFilteringStatus }] });
    expect(roundTrip(bundle)).toEqual(bundle);
  });

  it('booking, read and patient appointments: Appointment and its searchset', async () => {
    const [slot] = await freeSlots();
    if (!slot) throw new Error('no slot');
    const booked = (
      await provider.send('appointmentCreate', 'POST', '/Appointment', {
        body: bookingBody({ slots: [slot], comment: 'x' }),
      })
    ).json();
    expect(roundTrip(booked)).toEqual(booked);
    const read = (
      await provider.send('appointmentRead', 'GET', `/Appointment/${String(booked['id'])}`)
    ).json();
    expect(roundTrip(read)).toEqual(read);
    const search = (
      await provider.send(
        'patientAppointments',
        'GET',
        '/Patient/1/Appointment?start=ge2026-03-23&start=le2026-03-30',
      )
    ).json();
    expect(search.entry).toHaveLength(1);
    expect(roundTrip(search)).toEqual(search);
  });

  it('foundations reads and searches: Patient, Practitioner, Organization, Location, HealthcareService', async () => {
    const responses = await Promise.all([
      provider.send('patientRead', 'GET', '/Patient/1'),
      provider.send('patientSearch', 'GET', `/Patient?identifier=${SYS.nhsNumber}|9990000018`),
      provider.send('practitionerRead', 'GET', '/Practitioner/dr-a'),
      provider.send('practitionerSearch', 'GET', `/Practitioner?identifier=${SYS.sdsUser}|G1000001`),
      provider.send('organizationRead', 'GET', '/Organization/A11111'),
      provider.send('organizationSearch', 'GET', `/Organization?identifier=${SYS.odsOrg}|A11111`),
      provider.send('locationRead', 'GET', '/Location/main'),
      provider.send('healthcareServiceRead', 'GET', '/HealthcareService/svc'),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(200);
      const resource = response.json();
      expect(roundTrip(resource)).toEqual(resource);
    }
    expect(responses[0]?.json()).toMatchObject({
      extension: [{ extension: [{ url: 'registrationType' }, { url: 'preferredBranchSurgery' }] }],
    });
  });

  it('CapabilityStatement and OperationOutcome', async () => {
    const capability = (await provider.send('metadata', 'GET', '/metadata')).json();
    expect(roundTrip(capability)).toEqual(capability);
    const outcome = (await provider.send('patientRead', 'GET', '/Patient/404')).json();
    expect(outcome['resourceType']).toBe('OperationOutcome');
    expect(roundTrip(outcome)).toEqual(outcome);
  });
});
