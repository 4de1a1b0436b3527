import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYS } from '../../gpconnect/constants.js';
import { makeConfig, makePatient, makePractice } from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';

const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;

describe('Foundations interactions', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider(
      makeConfig([
        makePractice({
          serviceFiltering: true,
          services: [{ id: '1', dosServiceId: '1000000001', name: 'Service one' }],
          patients: [
            makePatient(),
            makePatient({ id: '5', nhsNumber: '9990000050', deceased: '2020-01-01' }),
            makePatient({ id: '6', nhsNumber: '9990000069', sensitive: true }),
            makePatient({ id: '7', nhsNumber: '9990000077', inactive: true }),
          ],
        }),
      ]),
    );
  });
  afterAll(() => provider.close());

  const findPatient = (identifier: string) =>
    provider.send('patientSearch', 'GET', `/Patient?identifier=${identifier}`);

  it('finds a patient by NHS number, with profile, version and the practice as managing organisation', async () => {
    const body = (await findPatient(`${SYS.nhsNumber}|9990000018`)).json();
    expect(body.entry).toHaveLength(1);
    expect(body.entry?.[0]?.resource).toMatchObject({
      resourceType: 'Patient',
      id: '1',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1'] },
      identifier: [{ system: SYS.nhsNumber, value: '9990000018' }],
      name: [{ use: 'official', family: 'Smith' }],
      managingOrganization: { reference: 'Organization/A11111' },
    });
  });

  it.each(['9990000050', '9990000069', '9990000077', '9990000085'])(
    'returns an empty bundle for %s (deceased, sensitive, inactive, unknown)',
    async (nhs) => {
      const response = await findPatient(`${SYS.nhsNumber}|${nhs}`);
      expect(response.status).toBe(200);
      expect(response.json().entry).toEqual([]);
    },
  );

  it('answers identifier errors as the assurance suite expects', async () => {
    const invalid = await findPatient(`${SYS.nhsNumber}|9990000019`);
    expect([invalid.status, code(invalid.json())]).toEqual([400, 'INVALID_NHS_NUMBER']);
    const system = await findPatient('https://example.org/nhs|9990000018');
    expect([system.status, code(system.json())]).toEqual([400, 'INVALID_IDENTIFIER_SYSTEM']);
    const blank = await findPatient(`${SYS.nhsNumber}|`);
    expect([blank.status, code(blank.json())]).toEqual([422, 'INVALID_PARAMETER']);
    expect((await provider.send('patientSearch', 'GET', '/Patient')).status).toBe(400);
    expect(
      (await provider.send('patientSearch', 'GET', `/Patient?Identifier=${SYS.nhsNumber}|9990000018`)).status,
    ).toBe(400);
  });

  it('reads a patient; unknown, deceased, sensitive and inactive patients are 404 PATIENT_NOT_FOUND', async () => {
    const read = await provider.send('patientRead', 'GET', '/Patient/1');
    expect(read.status).toBe(200);
    expect(read.headers['etag']).toMatch(/^W\/".+"$/);
    for (const id of ['99', '5', '6', '7']) {
      const response = await provider.send('patientRead', 'GET', `/Patient/${id}`);
      expect([response.status, code(response.json())]).toEqual([404, 'PATIENT_NOT_FOUND']);
    }
  });

  it('reads and finds practitioners', async () => {
    const read = await provider.send('practitionerRead', 'GET', '/Practitioner/dr-a');
    expect(read.json()).toMatchObject({
      resourceType: 'Practitioner',
      identifier: [{ system: SYS.sdsUser, value: 'G1000001' }],
      name: [{ family: 'Able' }],
    });
    const missing = await provider.send('practitionerRead', 'GET', '/Practitioner/nobody');
    expect([missing.status, code(missing.json())]).toEqual([404, 'PRACTITIONER_NOT_FOUND']);
    const found = await provider.send(
      'practitionerSearch',
      'GET',
      `/Practitioner?identifier=${SYS.sdsUser}|G1000001`,
    );
    expect(found.json().entry).toHaveLength(1);
    const none = await provider.send(
      'practitionerSearch',
      'GET',
      `/Practitioner?identifier=${SYS.sdsUser}|G99999999`,
    );
    expect(none.json().entry).toEqual([]);
  });

  it('reads locations; unknown is 404 NO_RECORD_FOUND', async () => {
    const read = await provider.send('locationRead', 'GET', '/Location/main');
    expect(read.json()).toMatchObject({
      resourceType: 'Location',
      name: 'Main surgery',
      managingOrganization: { reference: 'Organization/A11111' },
    });
    const missing = await provider.send('locationRead', 'GET', '/Location/nowhere');
    expect([missing.status, code(missing.json())]).toEqual([404, 'NO_RECORD_FOUND']);
  });

  it('reads and finds healthcare services', async () => {
    const read = await provider.send('healthcareServiceRead', 'GET', '/HealthcareService/1');
    expect(read.json()).toMatchObject({
      identifier: [{ system: SYS.dosService, value: '1000000001' }],
      providedBy: { reference: 'Organization/A11111' },
    });
    expect((await provider.send('healthcareServiceRead', 'GET', '/HealthcareService/9')).status).toBe(404);
    expect(
      (await provider.send('healthcareServiceSearch', 'GET', '/HealthcareService')).json().entry,
    ).toHaveLength(1);
    expect(
      (
        await provider.send(
          'healthcareServiceSearch',
          'GET',
          `/HealthcareService?identifier=${SYS.dosService}|1000000001`,
        )
      ).json().entry,
    ).toHaveLength(1);
    expect(
      (
        await provider.send(
          'healthcareServiceSearch',
          'GET',
          `/HealthcareService?identifier=${SYS.dosService}|2`,
        )
      ).json().entry,
    ).toEqual([]);
    expect(
      (
        await provider.send(
          'healthcareServiceSearch',
          'GET',
          `/HealthcareService?identifier=${SYS.dosService}|`,
        )
      ).status,
    ).toBe(422);
  });

  it('treats the service list as empty when service filtering is off', async () => {
    const off = await startTestProvider(
      makeConfig([makePractice({ services: [{ id: '1', dosServiceId: '1', name: 'x' }] })]),
    );
    expect((await off.send('healthcareServiceRead', 'GET', '/HealthcareService/1')).status).toBe(404);
    expect((await off.send('healthcareServiceSearch', 'GET', '/HealthcareService')).json().entry).toEqual([]);
    await off.close();
  });

  it('reads the organisation and advertises the service filtering status', async () => {
    expect((await provider.send('organizationRead', 'GET', '/Organization/A11111')).status).toBe(200);
    const metadata = (await provider.send('metadata', 'GET', '/metadata')).json();
    const rest = (metadata['rest'] as Array<Record<string, unknown>>)[0];
    expect(metadata['extension']).toBeUndefined();
    expect(rest?.['extension']).toEqual([
      {
        url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-ServiceFilteringStatus-1',
        valueCode: 'enabled',
      },
    ]);
  });

  it('documents the service.identifier search parameter as the spec does', async () => {
    const metadata = (await provider.send('metadata', 'GET', '/metadata')).json();
    const rest = (metadata['rest'] as Array<{ resource: Array<Record<string, unknown>> }>)[0];
    const slot = rest?.resource.find((resource) => resource['type'] === 'Slot');
    const params = slot?.['searchParam'] as Array<Record<string, string>>;
    expect(params.find((param) => param['name'] === 'service.identifier')).toEqual({
      name: 'service.identifier',
      definition: 'https://fhir.nhs.uk/STU3/SearchParameter/GPConnect-Slot-ServiceIdentifier-1',
      type: 'token',
      documentation: 'UEC DOS service ID (i.e. https://fhir.nhs.uk/Id/uec-dos-service-id|1000123)',
    });
  });

  it('answers a healthcare service read without an id with 400 BAD_REQUEST', async () => {
    const response = await provider.send('healthcareServiceRead', 'GET', '/HealthcareService/');
    expect(response.status).toBe(400);
    expect(code(response.json())).toBe('BAD_REQUEST');
    expect(response.json()['resourceType']).toBe('OperationOutcome');
  });
});
