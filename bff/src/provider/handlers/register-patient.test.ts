import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXT, SYS } from '../../gpconnect/constants.js';
import type { ProviderConfig } from '../config/schema.js';
import { bookingBody } from '../test-support/appointment-body.js';
import { makeConfig, makePatient, makePractice } from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';
import { registrationBody, type RegistrationPatient } from '../test-support/registration-body.js';
import { claimsFor, unsecuredJwt } from '../test-support/spine-request.js';

// Monday 23 March 2026, 10:00 GMT.
const NOW = new Date('2026-03-23T10:00:00Z');
const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;

/** PDS is every patient of every practice: Brown, Dent and Taylor are known only at the second practice. */
const BROWN = {
  nhsNumber: '9990000026',
  family: 'Brown',
  given: ['Ali'],
  gender: 'male',
  birthDate: '1985-11-02',
};
const MENSAH = {
  nhsNumber: '9990000077',
  family: 'Mensah',
  given: ['Kofi'],
  gender: 'male',
  birthDate: '1979-12-05',
};
const DENT = {
  nhsNumber: '9990000050',
  family: 'Dent',
  given: ['Arthur'],
  gender: 'male',
  birthDate: '1951-05-25',
};
const TAYLOR = {
  nhsNumber: '9990000069',
  family: 'Taylor',
  given: ['Sam'],
  gender: 'other',
  birthDate: '2001-09-09',
};

function config(): ProviderConfig {
  return makeConfig([
    makePractice({
      patients: [makePatient(), makePatient({ id: '7', ...MENSAH, gender: 'male', inactive: true })],
    }),
    makePractice({
      odsCode: 'B22222',
      asid: '900000000002',
      patients: [
        makePatient({ id: '1', ...BROWN, gender: 'male', phone: '07700 900123' }),
        makePatient({ id: '5', ...DENT, gender: 'male', deceased: '2020-01-01' }),
        makePatient({ id: '6', ...TAYLOR, gender: 'other', sensitive: true }),
      ],
    }),
  ]);
}

let provider: TestProvider;
const running = new Set<TestProvider>();
const directories: string[] = [];
afterEach(async () => {
  await Promise.all([...running].map((started) => stop(started)));
  directories.splice(0).forEach((directory) => rmSync(directory, { recursive: true, force: true }));
});
async function start(options: { database?: string } = {}) {
  provider = await startTestProvider(config(), { now: NOW, ...options });
  running.add(provider);
}
async function stop(started: TestProvider) {
  running.delete(started);
  await started.close();
}

const register = (body: unknown) =>
  provider.send(
    'registerPatient',
    'POST',
    '/Patient/$gpc.registerpatient',
    body === undefined ? {} : { body },
  );
const find = async (nhsNumber: string) =>
  (await provider.send('patientSearch', 'GET', `/Patient?identifier=${SYS.nhsNumber}|${nhsNumber}`)).json()
    .entry ?? [];
async function registeredId(body: unknown): Promise<string> {
  const response = await register(body);
  expect(response.status).toBe(200);
  return String(response.json().entry?.[0]?.resource.id);
}

describe('Register a patient', () => {
  it('registers a patient known to PDS temporarily: 200 and a searchset with the Patient as read returns it', async () => {
    await start();
    const response = await register(registrationBody(BROWN));
    expect(response.status).toBe(200);
    const bundle = response.json();
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'searchset',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Searchset-Bundle-1'] },
    });
    expect(bundle.entry).toHaveLength(1);
    const patient = bundle.entry?.[0]?.resource;
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1'] },
      identifier: [{ system: SYS.nhsNumber, value: BROWN.nhsNumber }],
      name: [{ use: 'official', family: 'Brown', given: ['Ali'] }],
      gender: 'male',
      birthDate: BROWN.birthDate,
      telecom: [{ system: 'phone', value: '07700 900123' }],
      managingOrganization: { reference: 'Organization/A11111' },
      extension: [
        {
          url: EXT.registrationDetails,
          extension: [
            {
              url: 'registrationType',
              valueCodeableConcept: {
                coding: [{ system: SYS.registrationType, code: 'T', display: 'Temporary' }],
              },
            },
          ],
        },
      ],
    });
    // A new logical id, clear of the seed's ids (the seed has patient 1 at this practice too).
    expect(patient?.id).toMatch(/^reg-[0-9a-f-]{36}$/);

    const read = await provider.send('patientRead', 'GET', `/Patient/${String(patient?.id)}`);
    expect(read.status).toBe(200);
    expect(read.json()).toEqual(patient);
  });

  it('then Find a patient returns them, and they can book and see the appointment', async () => {
    await start();
    const id = await registeredId(registrationBody(BROWN));
    expect((await find(BROWN.nhsNumber)).map((entry) => entry.resource.id)).toEqual([id]);

    const slots = await provider.send(
      'slotSearch',
      'GET',
      `/Slot?status=free&start=ge2026-03-24&end=le2026-03-24&_include=Slot:schedule&searchFilter=${SYS.orgType}|gp-practice`,
    );
    const slot = slots.json().entry?.find((entry) => entry.resource.resourceType === 'Slot')?.resource;
    if (!slot) throw new Error('no free slot');
    const booked = await provider.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({
        slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
        patientId: id,
      }),
    });
    expect(booked.status).toBe(201);
    expect(booked.json()['participant']).toContainEqual(
      expect.objectContaining({ actor: { reference: `Patient/${id}` } }),
    );
    const mine = await provider.send(
      'patientAppointments',
      'GET',
      `/Patient/${id}/Appointment?start=ge2026-03-23&start=le2026-03-30`,
    );
    expect(mine.status).toBe(200);
    expect(mine.json().entry).toHaveLength(1);
  });

  it('matches the family name case-insensitively and needs no gender', async () => {
    await start();
    const response = await register(
      registrationBody({ ...BROWN, family: 'bROWN' }, (patient) => delete patient['gender']),
    );
    expect(response.status).toBe(200);
  });

  it('re-activates a patient who left the practice under their old id, as a temporary registration', async () => {
    await start();
    expect(await find(MENSAH.nhsNumber)).toEqual([]);
    const response = await register(registrationBody(MENSAH));
    expect(response.status).toBe(200);
    const patient = response.json().entry?.[0]?.resource;
    expect(patient?.id).toBe('7');
    expect(JSON.stringify(patient?.['extension'])).toContain('"code":"T"');
    expect((await find(MENSAH.nhsNumber)).map((entry) => entry.resource.id)).toEqual(['7']);
    expect((await provider.send('patientRead', 'GET', '/Patient/7')).status).toBe(200);
  });

  describe('refuses', () => {
    it('a patient already registered at the practice, and a second registration, with 409 DUPLICATE_REJECTED', async () => {
      await start();
      const existing = await register(registrationBody());
      expect([existing.status, code(existing.json())]).toEqual([409, 'DUPLICATE_REJECTED']);
      await registeredId(registrationBody(BROWN));
      const again = await register(registrationBody(BROWN));
      expect([again.status, code(again.json())]).toEqual([409, 'DUPLICATE_REJECTED']);
      expect(await find(BROWN.nhsNumber)).toHaveLength(1);
    });

    it('an NHS number that fails its check digit with 400 INVALID_NHS_NUMBER, before other faults', async () => {
      await start();
      for (const body of [
        registrationBody({ nhsNumber: '9990000019' }),
        registrationBody({ nhsNumber: '999000001' }),
        registrationBody({ nhsNumber: '9990000019' }, (patient) => delete patient['birthDate']),
      ]) {
        const response = await register(body);
        expect([response.status, code(response.json())]).toEqual([400, 'INVALID_NHS_NUMBER']);
      }
    });

    it.each([
      ['an NHS number PDS does not know', registrationBody({ ...BROWN, nhsNumber: '9990000085' })],
      ['a family name that does not match PDS', registrationBody({ ...BROWN, family: 'Browne' })],
      ['a birth date that does not match PDS', registrationBody({ ...BROWN, birthDate: '1985-11-03' })],
      ['a gender that does not match PDS', registrationBody({ ...BROWN, gender: 'female' })],
      ['a patient PDS records as deceased', registrationBody(DENT)],
      ['a patient PDS records as sensitive', registrationBody(TAYLOR)],
    ])('%s with 400 INVALID_PATIENT_DEMOGRAPHICS', async (_, body) => {
      await start();
      const response = await register(body);
      expect([response.status, code(response.json())]).toEqual([400, 'INVALID_PATIENT_DEMOGRAPHICS']);
    });

    it('says nothing of a sensitive record that it would not say of an unknown number', async () => {
      await start();
      const sensitive = (await register(registrationBody(TAYLOR))).json().issue?.[0]?.diagnostics;
      const unknown = (await register(registrationBody({ ...TAYLOR, nhsNumber: '9990000085' }))).json()
        .issue?.[0]?.diagnostics;
      expect(sensitive).toBe(unknown);
    });

    const edits: Array<[string, (patient: RegistrationPatient) => void]> = [
      ['no birth date', (patient) => delete patient['birthDate']],
      ['a birth date that is not a date', (patient) => (patient['birthDate'] = '23/03/1985')],
      ['no NHS number identifier', (patient) => (patient.identifier = [])],
      ['an NHS number with no value', (patient) => (patient.identifier = [{ system: SYS.nhsNumber }])],
      [
        'an identifier of another system',
        (patient) => patient.identifier.push({ system: 'https://example.org/mrn', value: '42' }),
      ],
      ['no official name', (patient) => (patient.name = [{ use: 'usual', family: 'Brown', given: ['Ali'] }])],
      ['no family name', (patient) => delete patient.name[0]?.['family']],
      ['no given name', (patient) => delete patient.name[0]?.['given']],
      ['a blank given name', (patient) => patient.name[0] && (patient.name[0]['given'] = [' '])],
      ['an unknown gender', (patient) => (patient['gender'] = 'M')],
      [
        'an element that must not be populated',
        (patient) => (patient['maritalStatus'] = { text: 'Married' }),
      ],
      ['an id', (patient) => (patient['id'] = 'mine')],
      [
        'an unknown extension',
        (patient) => (patient['extension'] = [{ url: 'https://example.org/ext', valueString: 'x' }]),
      ],
      ['a telecom without a value', (patient) => (patient['telecom'] = [{ system: 'phone' }])],
      ['another resource type', (patient) => (patient['resourceType'] = 'Practitioner')],
    ];
    it.each(edits)('a Patient with %s with 422 INVALID_RESOURCE', async (_, edit) => {
      await start();
      const response = await register(registrationBody(BROWN, edit));
      expect([response.status, code(response.json())]).toEqual([422, 'INVALID_RESOURCE']);
      expect(response.json().issue?.[0]?.diagnostics).not.toContain('Brown');
    });

    it.each([
      ['no body', undefined],
      ['a bare Patient', (registrationBody(BROWN)['parameter'] as Array<{ resource: unknown }>)[0]?.resource],
      ['a Parameters with no parameter', { resourceType: 'Parameters' }],
      [
        'a Parameters with two parameters',
        {
          resourceType: 'Parameters',
          parameter: [1, 2].map(() => registrationBody(BROWN)['parameter']).flat(),
        },
      ],
      [
        'a parameter of another name',
        { resourceType: 'Parameters', parameter: [{ name: 'patient', resource: {} }] },
      ],
      [
        'a parameter with no resource',
        { resourceType: 'Parameters', parameter: [{ name: 'registerPatient' }] },
      ],
    ])('%s with 422 INVALID_RESOURCE', async (_, body) => {
      await start();
      const response = await register(body);
      expect([response.status, code(response.json())]).toEqual([422, 'INVALID_RESOURCE']);
    });

    it('a token whose scope is not patient/*.write with 400 BAD_REQUEST', async () => {
      await start();
      const claims = { ...claimsFor('registerPatient'), requested_scope: 'patient/*.read' };
      const response = await provider.send('registerPatient', 'POST', '/Patient/$gpc.registerpatient', {
        body: registrationBody(BROWN),
        headers: { authorization: `Bearer ${unsecuredJwt(claims)}` },
      });
      expect([response.status, code(response.json())]).toEqual([400, 'BAD_REQUEST']);
    });
  });

  it('keeps registrations across a restart on a file database', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gpc-register-'));
    directories.push(directory);
    const database = join(directory, 'provider.db');
    await start({ database });
    const id = await registeredId(registrationBody(BROWN));
    await registeredId(registrationBody(MENSAH));
    await stop(provider);

    await start({ database });
    expect((await find(BROWN.nhsNumber)).map((entry) => entry.resource.id)).toEqual([id]);
    expect((await provider.send('patientRead', 'GET', `/Patient/${id}`)).status).toBe(200);
    expect((await find(MENSAH.nhsNumber)).map((entry) => entry.resource.id)).toEqual(['7']);
    const again = await register(registrationBody(BROWN));
    expect([again.status, code(again.json())]).toEqual([409, 'DUPLICATE_REJECTED']);
  });

  it('is listed as an operation in the CapabilityStatement', async () => {
    await start();
    const metadata = (await provider.send('metadata', 'GET', '/metadata')).json();
    expect(JSON.stringify(metadata)).toContain(
      '"name":"gpc.registerpatient","definition":{"reference":"https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-RegisterPatient-Operation-1"}',
    );
  });
});

describe('the seed', () => {
  it('may not use the patient ids reserved for registrations', () => {
    expect(() => makeConfig([makePractice({ patients: [makePatient({ id: 'reg-1' })] })])).toThrow(
      /reserved/,
    );
  });
});
