import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig, makePatient, makePractice } from '../provider/test-support/builders.js';
import { startTestProvider, type TestProvider } from '../provider/test-support/provider.js';
import { bindPractice, type PracticeCaller } from './bound-caller.js';
import { GpConnectError } from './errors.js';
import { findPatient, registerPatient, type PatientRegistration } from './patients.js';
import { context, FakeGpConnect, testClient } from './test-support/fake-gp-connect.js';

const BROWN: PatientRegistration = {
  nhsNumber: '9990000026',
  family: 'Brown',
  given: ['Ali'],
  birthDate: '1985-11-02',
  gender: 'male',
};

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GpConnectError) return error.failure;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('registerPatient against the reference provider', () => {
  let provider: TestProvider;
  let practice: PracticeCaller;

  beforeAll(async () => {
    // Brown is on "PDS" (registered at the second practice) but not at the first, which the tests address.
    provider = await startTestProvider(
      makeConfig([
        makePractice(),
        makePractice({
          odsCode: 'B22222',
          asid: '900000000002',
          patients: [makePatient({ id: '1', ...BROWN })],
        }),
      ]),
    );
    await provider.app.listen({ host: '127.0.0.1', port: 0 });
    const address = provider.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const endpoint = {
      odsCode: provider.practice.odsCode,
      serviceRoot: `http://127.0.0.1:${address.port}/${provider.practice.odsCode}/STU3/1/gpconnect`,
      asid: provider.practice.asid,
    };
    practice = bindPractice(testClient(), endpoint, context);
  });
  afterAll(() => provider.close());

  it('registers the patient and returns the logical id Find a patient then returns', async () => {
    const id = await registerPatient(practice, BROWN);
    expect(id).toMatch(/^reg-/);
    expect(await findPatient(practice, BROWN.nhsNumber)).toBe(id);
  });

  it('treats "already registered" as success: the id comes from Find a patient', async () => {
    const id = await registerPatient(practice, BROWN); // registered now or by the test above
    expect(await registerPatient(practice, { ...BROWN, family: 'BROWN' })).toBe(id);
    // The seed's own patient of this practice (builders' default).
    const seeded = { nhsNumber: '9990000018', family: 'Smith', given: ['Jane'], birthDate: '1970-01-01' };
    expect(await registerPatient(practice, seeded)).toBe('1');
  });

  it('passes other rejections on unchanged', async () => {
    expect(await failureOf(registerPatient(practice, { ...BROWN, birthDate: '1985-11-03' }))).toMatchObject({
      kind: 'rejected',
      status: 400,
      spineCode: 'INVALID_PATIENT_DEMOGRAPHICS',
    });
    expect(await failureOf(registerPatient(practice, { ...BROWN, nhsNumber: '9990000019' }))).toMatchObject({
      kind: 'rejected',
      status: 400,
      spineCode: 'INVALID_NHS_NUMBER',
    });
    expect(await failureOf(registerPatient(practice, { ...BROWN, given: [] }))).toMatchObject({
      kind: 'rejected',
      status: 422,
      spineCode: 'INVALID_RESOURCE',
    });
  });
});

describe('registerPatient', () => {
  const duplicate = new GpConnectError(
    { kind: 'rejected', status: 409, spineCode: 'DUPLICATE_REJECTED' },
    'registerPatient',
  );

  it('sends one registerPatient parameter holding the minimal Patient', async () => {
    const client = new FakeGpConnect(() => ({
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          {
            resource: {
              resourceType: 'Patient',
              id: 'p1',
              identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: BROWN.nhsNumber }],
            },
          },
        ],
      },
    }));
    const { gender: _, ...withoutGender } = BROWN;
    expect(await registerPatient(client.at(), withoutGender)).toBe('p1');
    expect(client.calls[0]).toMatchObject({
      interaction: 'registerPatient',
      method: 'POST',
      path: '/Patient/$gpc.registerpatient',
    });
    expect(client.calls[0]?.body).toEqual({
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'registerPatient',
          resource: {
            resourceType: 'Patient',
            meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1'] },
            identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: BROWN.nhsNumber }],
            name: [{ use: 'official', family: 'Brown', given: ['Ali'] }],
            birthDate: BROWN.birthDate,
          },
        },
      ],
    });
  });

  it('refuses an answer without the registered patient', async () => {
    const client = new FakeGpConnect(() => ({
      body: { resourceType: 'Bundle', type: 'searchset', entry: [] },
    }));
    expect(await failureOf(registerPatient(client.at(), BROWN))).toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('throws the 409 itself when Find a patient cannot see the patient either', async () => {
    const client = new FakeGpConnect((call) =>
      call.interaction === 'registerPatient'
        ? duplicate
        : { body: { resourceType: 'Bundle', type: 'searchset', entry: [] } },
    );
    await expect(registerPatient(client.at(), BROWN)).rejects.toBe(duplicate);
    expect(client.calls.map((call) => call.interaction)).toEqual(['registerPatient', 'patientSearch']);
  });
});
