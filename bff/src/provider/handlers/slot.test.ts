import { afterEach, describe, expect, it } from 'vitest';
import { EXT, SYS } from '../../gpconnect/constants.js';
import {
  makeConfig,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
  type PracticeInput,
} from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';

// Monday 23 March 2026, 10:00 GMT; BST starts on Sunday 29 March.
const NOW = new Date('2026-03-23T10:00:00Z');
const ODS = `searchFilter=${SYS.odsOrg}|GPA001`;
const GP = `searchFilter=${SYS.orgType}|gp-practice`;
const URGENT = `searchFilter=${SYS.orgType}|urgent-care`;

let provider: TestProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

async function start(practice: PracticeInput = makePractice(), supplier: 'on' | 'off' = 'on') {
  provider = await startTestProvider(makeConfig([practice], { supplierServiceFiltering: supplier }), {
    now: NOW,
  });
  return provider;
}

async function search(query: string) {
  if (!provider) throw new Error('start first');
  return provider.send('slotSearch', 'GET', `/Slot?${query}`);
}

const ofType = (body: FhirJson, type: string) =>
  (body.entry ?? []).map((entry) => entry.resource).filter((r) => r.resourceType === type);
const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;
const base = (range: string) => `status=free&${range}&_include=Slot:schedule`;

describe('Search for free slots: parameters', () => {
  it.each([
    ['no start', 'status=free&end=le2026-03-25&_include=Slot:schedule'],
    ['no end', 'status=free&start=ge2026-03-24&_include=Slot:schedule'],
    ['no status', 'start=ge2026-03-24&end=le2026-03-25&_include=Slot:schedule'],
    ['no _include=Slot:schedule', 'status=free&start=ge2026-03-24&end=le2026-03-25'],
    [
      'start twice',
      'status=free&start=ge2026-03-24&start=ge2026-03-24&end=le2026-03-25&_include=Slot:schedule',
    ],
  ])('400 BAD_REQUEST with %s', async (_, query) => {
    await start();
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(code(response.json())).toBe('BAD_REQUEST');
  });

  it.each([
    ['status busy', 'status=busy&start=ge2026-03-24&end=le2026-03-25&_include=Slot:schedule'],
    ['range of 15 days', base('start=ge2026-03-24&end=le2026-04-08')],
    ['end before start', base('start=ge2026-03-24&end=le2026-03-23')],
    ['start prefix lt', base('start=lt2026-03-24&end=le2026-03-25')],
    ['start prefix le', base('start=le2026-03-24&end=le2026-03-25')],
    ['end prefix ge', base('start=ge2026-03-24&end=ge2026-03-25')],
    ['end prefix gt', base('start=ge2026-03-24&end=gt2026-03-25')],
    ['partial date yyyy-mm', base('start=ge2026-03&end=le2026-03-25')],
    ['partial date yyyy', base('start=ge2026&end=le2026-03-25')],
    ['blank date', base('start=ge&end=le2026-03-25')],
    ['impossible date', base('start=ge2026-02-30&end=le2026-03-05')],
    ['dateTime with Z', base('start=ge2026-03-24T09:00:00Z&end=le2026-03-25')],
    ['dateTime without offset', base('start=ge2026-03-24T09:00:00&end=le2026-03-25')],
    ['offset +02:00', base('start=ge2026-03-24T09:00:00%2B02:00&end=le2026-03-25')],
    ['BST offset on a GMT date', base('start=ge2026-03-24T09:00:00%2B01:00&end=le2026-03-25')],
    ['GMT offset on a BST date', base('start=ge2026-04-01T09:00:00%2B00:00&end=le2026-04-02')],
  ])('422 INVALID_PARAMETER with %s', async (_, query) => {
    await start();
    const response = await search(query);
    expect(response.status).toBe(422);
    expect(code(response.json())).toBe('INVALID_PARAMETER');
  });

  it.each([0, 8, 14])('accepts a range of %i days', async (days) => {
    await start();
    const end = new Date(Date.UTC(2026, 2, 24 + days)).toISOString().slice(0, 10);
    expect((await search(base(`start=ge2026-03-24&end=le${end}`))).status).toBe(200);
  });

  it('accepts dateTimes with the right offset, and a literal + in the query', async () => {
    await start();
    expect(
      (await search(base('start=ge2026-03-24T09:00:00%2B00:00&end=le2026-04-01T17:00:00%2B01:00'))).status,
    ).toBe(200);
    expect(
      (await search(base('start=ge2026-03-24T09:00:00+00:00&end=le2026-03-25T17:00:00+00:00'))).status,
    ).toBe(200);
  });

  it('ignores unknown searchFilter systems and organisation types', async () => {
    await start();
    const response = await search(
      `${base('start=ge2026-03-24&end=le2026-03-24')}&searchFilter=https://example.org/x|y&searchFilter=${SYS.orgType}|oncology`,
    );
    expect(response.status).toBe(200);
    expect(ofType(response.json(), 'Slot')).toHaveLength(18);
  });
});

describe('Search for free slots: response', () => {
  it('returns slots fully within the range, in UK local time, with schedule and organisation', async () => {
    await start();
    const response = await search(
      `${base('start=ge2026-03-24T09:05:00%2B00:00&end=le2026-03-24T10:00:00%2B00:00')}&${ODS}&${GP}`,
    );
    expect(response.status).toBe(200);
    const body = response.json();
    const slots = ofType(body, 'Slot');
    expect(slots.map((slot) => slot['start'])).toEqual([
      '2026-03-24T09:10:00+00:00',
      '2026-03-24T09:20:00+00:00',
      '2026-03-24T09:30:00+00:00',
      '2026-03-24T09:40:00+00:00',
      '2026-03-24T09:50:00+00:00',
    ]);
    expect(slots[0]).toMatchObject({
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Slot-1'] },
      extension: [{ url: EXT.deliveryChannel, valueCode: 'In-person' }],
      serviceType: [{ text: 'GP appointment' }],
      schedule: { reference: 'Schedule/gp' },
      status: 'free',
    });
    expect(slots[0]?.['meta']).toHaveProperty('versionId');
    expect(slots[0]).not.toHaveProperty('comment');
    const [schedule] = ofType(body, 'Schedule');
    expect(schedule).toMatchObject({
      extension: [
        {
          url: EXT.practitionerRole,
          valueCodeableConcept: { coding: [{ system: SYS.sdsJobRole, code: 'R0260' }] },
        },
      ],
      serviceCategory: { text: 'General GP clinic' },
      actor: [{ reference: 'Location/main' }, { reference: 'Practitioner/dr-a' }],
    });
    // The practice Organization comes whenever a slot does, even without its _include (known issue).
    expect(ofType(body, 'Organization')).toHaveLength(1);
    expect(ofType(body, 'Practitioner')).toHaveLength(0);
    expect(ofType(body, 'Location')).toHaveLength(0);
    expect(body['meta']).not.toHaveProperty('extension');
  });

  it('lays out BST slots at the same wall-clock time with +01:00', async () => {
    await start();
    const body = (await search(base('start=ge2026-03-30&end=le2026-03-30'))).json();
    expect(ofType(body, 'Slot')[0]?.['start']).toBe('2026-03-30T09:00:00+01:00');
  });

  it('adds Practitioner and Location when asked, and an empty bundle has no entries', async () => {
    await start();
    const body = (
      await search(
        `${base('start=ge2026-03-24&end=le2026-03-24')}&_include:recurse=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location&_include:recurse=Location:managingOrganization`,
      )
    ).json();
    expect(ofType(body, 'Practitioner')).toHaveLength(1);
    expect(ofType(body, 'Location')[0]).toMatchObject({
      managingOrganization: { reference: 'Organization/A11111' },
    });
    const empty = (await search(base('start=ge2026-06-01&end=le2026-06-02'))).json();
    expect(empty).toMatchObject({ resourceType: 'Bundle', type: 'searchset', entry: [] });
  });

  it('never offers slots that have started or are not bookable', async () => {
    await start(
      makePractice({
        schedules: [
          makeSchedule({ sessions: [makeSession({ start: '08:00', end: '12:00' })] }),
          makeSchedule({ id: 'hidden', bookable: false }),
          makeSchedule({
            id: 'part',
            sessions: [makeSession({ start: '14:00', end: '15:00', bookable: false })],
          }),
        ],
      }),
    );
    const slots = ofType((await search(base('start=ge2026-03-23&end=le2026-03-23'))).json(), 'Slot');
    // 10:00 is now: the 10:00 slot has started; slots 10:10-11:50 remain, only from schedule gp.
    expect(slots).toHaveLength(11);
    expect(slots[0]?.['start']).toBe('2026-03-23T10:10:00+00:00');
    expect(new Set(slots.map((slot) => (slot['schedule'] as { reference: string }).reference))).toEqual(
      new Set(['Schedule/gp']),
    );
  });
});

describe('Search for free slots: availability rules (§8.1 matrix)', () => {
  const restricted = () =>
    makePractice({
      accessProfiles: [
        makeProfile({ id: 'urgent', orgTypes: ['urgent-care'] }),
        makeProfile({ id: 'hub', orgTypes: [], odsCodes: ['HUB01'] }),
        makeProfile({ id: 'gp-hub', orgTypes: ['gp-practice'], odsCodes: ['HUB01'] }),
      ],
      schedules: [
        makeSchedule({ id: 'open', sessions: [makeSession({ start: '09:00', end: '09:10' })] }),
        makeSchedule({
          id: 'urgent',
          accessProfiles: ['urgent'],
          sessions: [makeSession({ start: '10:00', end: '10:10' })],
        }),
        makeSchedule({
          id: 'hub',
          accessProfiles: ['hub'],
          sessions: [makeSession({ start: '11:00', end: '11:10' })],
        }),
        makeSchedule({
          id: 'gp-hub',
          accessProfiles: ['gp-hub'],
          sessions: [makeSession({ start: '12:00', end: '12:10' })],
        }),
      ],
    });
  const visible = async (filters: string) => {
    const body = (await search(`${base('start=ge2026-03-24&end=le2026-03-24')}${filters}`)).json();
    return ofType(body, 'Schedule')
      .map((schedule) => schedule.id)
      .sort();
  };

  it.each([
    ['no searchFilter', '', ['open']],
    ['org type gp-practice only', `&${GP}`, ['open']],
    ['org type urgent-care only', `&${URGENT}`, ['open', 'urgent']],
    ['ODS code only, not listed', `&${ODS}`, ['open']],
    ['ODS code only, listed', `&searchFilter=${SYS.odsOrg}|HUB01`, ['hub', 'open']],
    ['both, gp-practice + listed ODS', `&${GP}&searchFilter=${SYS.odsOrg}|HUB01`, ['gp-hub', 'hub', 'open']],
    [
      'both, urgent-care + listed ODS',
      `&${URGENT}&searchFilter=${SYS.odsOrg}|HUB01`,
      ['hub', 'open', 'urgent'],
    ],
  ])('%s', async (_, filters, expected) => {
    await start(restricted());
    expect(await visible(filters)).toEqual(expected);
  });

  it('applies the open-access embargo and booking window to unrestricted slots', async () => {
    await start(makePractice({ openAccess: { embargoMinutes: 60, bookingWindowDays: 2 } }));
    const today = ofType((await search(base('start=ge2026-03-23&end=le2026-03-23'))).json(), 'Slot');
    expect(today[0]?.['start']).toBe('2026-03-23T11:00:00+00:00');
    const later = ofType((await search(base('start=ge2026-03-24&end=le2026-03-27'))).json(), 'Slot');
    // Window ends 2026-03-25T10:00Z: slots of the 24th, and the 25th up to 10:00.
    expect(later.map((slot) => slot['start']).at(-1)).toBe('2026-03-25T10:00:00+00:00');
  });

  it('applies a profile’s own window and embargo to its slots', async () => {
    await start(
      makePractice({
        accessProfiles: [makeProfile({ id: 'urgent', bookingWindowDays: 1, embargoMinutes: 0 })],
        schedules: [makeSchedule({ accessProfiles: ['urgent'] })],
      }),
    );
    const slots = ofType(
      (await search(`${base('start=ge2026-03-23&end=le2026-03-26')}&${URGENT}`)).json(),
      'Slot',
    );
    expect(slots[0]?.['start']).toBe('2026-03-23T10:10:00+00:00');
    expect(slots.at(-1)?.['start']).toBe('2026-03-24T10:00:00+00:00');
  });
});

describe('Search for free slots: service filtering (1.2.8)', () => {
  const filtered = (serviceFiltering: boolean) =>
    makePractice({
      serviceFiltering,
      services: [
        { id: '1', dosServiceId: '1000000001', name: 'Service one' },
        { id: '2', dosServiceId: '1000000002', name: 'Service two' },
      ],
      schedules: [
        makeSchedule({
          id: 'one',
          serviceId: '1',
          sessions: [makeSession({ start: '09:00', end: '09:20' })],
        }),
        makeSchedule({
          id: 'two',
          serviceId: '2',
          sessions: [makeSession({ start: '10:00', end: '10:10' })],
        }),
      ],
    });
  const range = base('start=ge2026-03-24&end=le2026-03-24');

  it('returns only the slots of the service asked for, with the service and the enabled status', async () => {
    await start(filtered(true));
    const body = (
      await search(
        `${range}&service.identifier=${SYS.dosService}|1000000002&_include:recurse=Schedule:actor:HealthcareService`,
      )
    ).json();
    expect(ofType(body, 'Slot')).toHaveLength(1);
    expect(ofType(body, 'Schedule')[0]?.['actor']).toContainEqual({ reference: 'HealthcareService/2' });
    expect(ofType(body, 'HealthcareService')).toMatchObject([
      { id: '2', identifier: [{ system: SYS.dosService, value: '1000000002' }] },
    ]);
    expect(body['meta']).toMatchObject({
      extension: [{ url: EXT.serviceFilteringStatus, valueCode: 'enabled' }],
    });
  });

  it('404 NO_RECORD_FOUND for an unknown DoS id and 422 for a wrong system', async () => {
    await start(filtered(true));
    const unknown = await search(`${range}&service.identifier=${SYS.dosService}|999`);
    expect(unknown.status).toBe(404);
    expect(code(unknown.json())).toBe('NO_RECORD_FOUND');
    const wrong = await search(`${range}&service.identifier=https://example.org/id|1000000002`);
    expect(wrong.status).toBe(422);
    expect(code(wrong.json())).toBe('INVALID_PARAMETER');
  });

  it('returns every service’s slots and no status extension without service.identifier', async () => {
    await start(filtered(true));
    const body = (await search(range)).json();
    expect(ofType(body, 'Slot')).toHaveLength(3);
    expect(body['meta']).not.toHaveProperty('extension');
  });

  it('ignores service.identifier when the organisation or the supplier switch is off', async () => {
    await start(filtered(false));
    const body = (
      await search(
        `${range}&service.identifier=${SYS.dosService}|999&_include:recurse=Schedule:actor:HealthcareService`,
      )
    ).json();
    expect(ofType(body, 'Slot')).toHaveLength(3);
    expect(ofType(body, 'HealthcareService')).toHaveLength(0);
    expect(JSON.stringify(ofType(body, 'Schedule'))).not.toContain('HealthcareService');
    expect(body['meta']).toMatchObject({ extension: [{ valueCode: 'organization-disabled' }] });
    await provider?.close();
    await start(filtered(true), 'off');
    const supplierOff = (await search(`${range}&service.identifier=${SYS.dosService}|1000000001`)).json();
    expect(supplierOff['meta']).toMatchObject({ extension: [{ valueCode: 'supplier-disabled' }] });
    expect(ofType(supplierOff, 'Slot')).toHaveLength(3);
  });
});
