import { describe, expect, it } from 'vitest';
import { EXT, PROFILE, SYS } from '../../gpconnect/constants.js';
import { bookingBody } from '../test-support/appointment-body.js';
import { registrationBody } from '../test-support/registration-body.js';
import { FhirXmlError, fromFhirXml, toFhirXml } from './index.js';

const roundTrip = (resource: unknown) => fromFhirXml(toFhirXml(resource, { strict: true }));
const SLOT = { id: 's1', start: '2026-03-24T09:00:00+00:00', end: '2026-03-24T09:10:00+00:00' };

describe('toFhirXml', () => {
  it('writes an Appointment in the shape of the spec’s XML examples', () => {
    const appointment = {
      // JSON key order deliberately scrambled: XML order comes from the definition, not the object.
      participant: [{ status: 'accepted', actor: { reference: 'Patient/1' } }],
      status: 'booked',
      resourceType: 'Appointment',
      minutesDuration: 10,
      extension: [{ valueReference: { reference: '#1' }, url: EXT.bookingOrganisation }],
      id: '7',
      start: SLOT.start,
      end: SLOT.end,
      slot: [{ reference: 'Slot/s1' }],
      contained: [
        {
          resourceType: 'Organization',
          name: 'Booking Practice',
          id: '1',
          identifier: [{ value: 'GPA001', system: SYS.odsOrg }],
        },
      ],
      meta: { profile: [PROFILE.appointment], versionId: '1' },
    };
    expect(toFhirXml(appointment)).toBe(
      [
        '<Appointment xmlns="http://hl7.org/fhir">',
        '<id value="7"/>',
        `<meta><versionId value="1"/><profile value="${PROFILE.appointment}"/></meta>`,
        '<contained><Organization><id value="1"/>',
        `<identifier><system value="${SYS.odsOrg}"/><value value="GPA001"/></identifier>`,
        '<name value="Booking Practice"/></Organization></contained>',
        `<extension url="${EXT.bookingOrganisation}"><valueReference><reference value="#1"/></valueReference></extension>`,
        '<status value="booked"/>',
        `<start value="${SLOT.start}"/><end value="${SLOT.end}"/>`,
        '<minutesDuration value="10"/>',
        '<slot><reference value="Slot/s1"/></slot>',
        '<participant><actor><reference value="Patient/1"/></actor><status value="accepted"/></participant>',
        '</Appointment>',
      ].join(''),
    );
  });

  it('writes element ids as attributes, resource ids as elements, booleans and numbers as values', () => {
    const xml = toFhirXml({
      resourceType: 'Patient',
      id: 'p1',
      active: true,
      name: [{ id: 'n1', family: 'Smith', given: ['Jane', 'Ann'] }],
      birthDate: '1970-01-01',
      _birthDate: { id: 'b', extension: [{ url: 'https://example.org/time', valueString: '10:00' }] },
    });
    expect(xml).toContain('<id value="p1"/>');
    expect(xml).toContain('<active value="true"/>');
    expect(xml).toContain(
      '<name id="n1"><family value="Smith"/><given value="Jane"/><given value="Ann"/></name>',
    );
    expect(xml).toContain(
      '<birthDate id="b" value="1970-01-01"><extension url="https://example.org/time"><valueString value="10:00"/></extension></birthDate>',
    );
  });

  it('escapes markup, quotes and line ends in values', () => {
    const xml = toFhirXml({ resourceType: 'Appointment', description: 'A & B <c> "d"\nline\ttab' });
    expect(xml).toContain('<description value="A &amp; B &lt;c&gt; &quot;d&quot;&#xA;line&#x9;tab"/>');
  });

  it('refuses in strict mode an element the order tables do not place', () => {
    expect(() => toFhirXml({ resourceType: 'Slot', colour: 'blue' }, { strict: true })).toThrow(
      /Slot\.colour/,
    );
    expect(toFhirXml({ resourceType: 'Slot', colour: 'blue' })).toContain('<colour value="blue"/>');
  });

  it('refuses something that is not a resource', () => {
    expect(() => toFhirXml({ status: 'booked' })).toThrow(TypeError);
    expect(() => toFhirXml('x')).toThrow(TypeError);
  });
});

describe('fromFhirXml', () => {
  it('reads single repeating elements back as arrays and numbers as numbers', () => {
    const body = fromFhirXml(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Appointment xmlns="http://hl7.org/fhir">',
        '  <!-- a comment -->',
        `  <meta><profile value="${PROFILE.appointment}"/></meta>`,
        '  <contained><Organization><id value="1"/>',
        `    <identifier><system value="${SYS.odsOrg}"/><value value="GPA001"/></identifier>`,
        '    <type><coding><system value="x"/><code value="gp-practice"/></coding></type>',
        '    <name value="Booking Practice"/><telecom><system value="phone"/><value value="01"/></telecom>',
        '    <address><line value="1 Road"/><postalCode value="LS1 1AA"/></address>',
        '  </Organization></contained>',
        `  <extension url="${EXT.bookingOrganisation}"><valueReference><reference value="#1"/></valueReference></extension>`,
        '  <status value="booked"/>',
        '  <serviceType><text value="GP"/></serviceType>',
        '  <priority value="0"/>',
        '  <start value="2026-03-24T09:00:00+00:00"/><end value="2026-03-24T09:10:00+00:00"/>',
        '  <minutesDuration value="10"/>',
        '  <slot><reference value="Slot/s1"/></slot>',
        '  <participant><actor><reference value="Patient/1"/></actor><status value="accepted"/></participant>',
        '</Appointment>',
      ].join('\n'),
    );
    expect(body).toEqual({
      resourceType: 'Appointment',
      meta: { profile: [PROFILE.appointment] },
      contained: [
        {
          resourceType: 'Organization',
          id: '1',
          identifier: [{ system: SYS.odsOrg, value: 'GPA001' }],
          type: [{ coding: [{ system: 'x', code: 'gp-practice' }] }],
          name: 'Booking Practice',
          telecom: [{ system: 'phone', value: '01' }],
          address: [{ line: ['1 Road'], postalCode: 'LS1 1AA' }],
        },
      ],
      extension: [{ url: EXT.bookingOrganisation, valueReference: { reference: '#1' } }],
      status: 'booked',
      serviceType: [{ text: 'GP' }],
      priority: 0,
      start: '2026-03-24T09:00:00+00:00',
      end: '2026-03-24T09:10:00+00:00',
      minutesDuration: 10,
      slot: [{ reference: 'Slot/s1' }],
      participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }],
    });
  });

  it('keeps values that do not fit their type as text, for the resource checks to refuse', () => {
    const body = fromFhirXml(
      '<Appointment xmlns="http://hl7.org/fhir"><minutesDuration value="ten"/><priority value="1.5"/></Appointment>',
    );
    expect(body).toMatchObject({ minutesDuration: 'ten', priority: '1.5' });
  });

  it('reads primitive extensions, element ids, character references and unknown elements', () => {
    const body = fromFhirXml(
      [
        '<Patient xmlns="http://hl7.org/fhir">',
        '<name id="n1"><given value="Jane"/><given><extension url="u"><valueString value="x"/></extension></given></name>',
        '<birthDate id="b" value="1970-01-01"/>',
        '<gender value="&#x66;emale &amp; &#233;"/>',
        '<favouriteColour value="blue"/>',
        '</Patient>',
      ].join(''),
    );
    expect(body).toEqual({
      resourceType: 'Patient',
      name: [
        { id: 'n1', given: ['Jane', null], _given: [null, { extension: [{ url: 'u', valueString: 'x' }] }] },
      ],
      birthDate: '1970-01-01',
      _birthDate: { id: 'b' },
      gender: 'female & é',
      favouriteColour: 'blue',
    });
  });

  it.each([
    ['not XML at all', 'resourceType=Appointment'],
    ['an unclosed element', '<Appointment xmlns="http://hl7.org/fhir"><status value="booked"></Appointment>'],
    ['no FHIR namespace', '<Appointment><status value="booked"/></Appointment>'],
    ['another namespace', '<Appointment xmlns="http://example.org"/>'],
    ['two roots', '<Appointment xmlns="http://hl7.org/fhir"/><Appointment xmlns="http://hl7.org/fhir"/>'],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><Appointment xmlns="http://hl7.org/fhir"/>'],
    ['text content', '<Appointment xmlns="http://hl7.org/fhir">booked</Appointment>'],
    [
      'a repeated single element',
      '<Appointment xmlns="http://hl7.org/fhir"><status value="a"/><status value="b"/></Appointment>',
    ],
    ['an empty resource wrapper', '<Appointment xmlns="http://hl7.org/fhir"><contained/></Appointment>'],
  ])('refuses %s', (_case, xml) => {
    expect(() => fromFhirXml(xml)).toThrow(FhirXmlError);
  });

  it('round-trips narrative XHTML', () => {
    const resource = {
      resourceType: 'OperationOutcome',
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>A &amp; <b>B</b></p></div>',
      },
      issue: [{ severity: 'error', code: 'processing' }],
    };
    expect(roundTrip(resource)).toEqual(resource);
  });
});

describe('round trips of request bodies', () => {
  it('a book request', () => {
    const body = bookingBody({ slots: [SLOT], comment: 'Please call "first" & <soon>' });
    expect(roundTrip(body)).toEqual(body);
  });

  it('a cancel request with an empty reason and a priority', () => {
    const body = {
      ...bookingBody({ slots: [SLOT] }),
      id: '12',
      status: 'cancelled',
      priority: 3,
      minutesDuration: 10,
      extension: [{ url: EXT.cancellationReason, valueString: '' }],
    };
    expect(roundTrip(body)).toEqual(body);
  });

  it('a Register a patient Parameters, the Patient wrapped in its resource element', () => {
    const body = registrationBody({}, (patient) => {
      patient['address'] = [{ use: 'home', line: ['1 Road'], city: 'Leeds', postalCode: 'LS1 1AA' }];
      patient['telecom'] = [{ system: 'phone', value: '0113', use: 'home' }];
      patient['name'] = [{ use: 'official', family: 'Smith', given: ['Jane'], prefix: ['Mrs'] }];
    });
    const xml = toFhirXml(body, { strict: true });
    expect(xml).toContain('<parameter><name value="registerPatient"/><resource><Patient>');
    expect(roundTrip(body)).toEqual(body);
  });
});
