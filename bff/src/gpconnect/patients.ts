import type { PracticeCaller } from './bound-caller.js';
import { PROFILE, SYS } from './constants.js';
import { GpConnectError } from './errors.js';
import {
  patientSchema,
  registeredPatientBundleSchema,
  searchsetSchema,
  type FhirPatient,
} from './fhir-schemas.js';

const patientBundleSchema = searchsetSchema(patientSchema);

/**
 * Find a patient (§3.2): the practice's logical id for an NHS number, or undefined when the practice returns an
 * empty bundle — not registered there, or deceased, inactive or sensitive, which GP Connect does not tell apart.
 */
export async function findPatient(caller: PracticeCaller, nhsNumber: string): Promise<string | undefined> {
  const { body } = await caller.call({
    interaction: 'patientSearch',
    method: 'GET',
    path: '/Patient',
    query: [['identifier', `${SYS.nhsNumber}|${nhsNumber}`]],
    schema: patientBundleSchema,
  });
  return body.entry?.map((entry) => entry.resource).find((patient) => hasNhsNumber(patient, nhsNumber))?.id;
}

function hasNhsNumber(patient: FhirPatient, nhsNumber: string): boolean {
  return (
    patient.identifier?.some(
      (identifier) => identifier.system === SYS.nhsNumber && identifier.value === nhsNumber,
    ) ?? false
  );
}

/** The details Register a patient needs (§3.8): the provider traces them on PDS before registering. */
export interface PatientRegistration {
  nhsNumber: string;
  family: string;
  given: string[];
  /** `yyyy-mm-dd`. */
  birthDate: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
}

/**
 * Register a patient (§3.8): asks the practice to register the patient temporarily, so they can book there, and
 * returns their logical id. A patient already registered there (409 DUPLICATE_REJECTED) is not a failure: their
 * id is found with Find a patient instead. Any other rejection (400 INVALID_PATIENT_DEMOGRAPHICS when PDS does
 * not confirm the details, INVALID_NHS_NUMBER, 422 INVALID_RESOURCE) is thrown as the GpConnectError it is.
 */
export async function registerPatient(
  caller: PracticeCaller,
  registration: PatientRegistration,
): Promise<string> {
  try {
    const { body } = await caller.call({
      interaction: 'registerPatient',
      method: 'POST',
      path: '/Patient/$gpc.registerpatient',
      body: registrationParameters(registration),
      schema: registeredPatientBundleSchema,
    });
    const patient = body.entry
      .map((entry) => entry.resource)
      .find((resource) => hasNhsNumber(resource, registration.nhsNumber));
    if (!patient) {
      throw new GpConnectError(
        {
          kind: 'invalid_response',
          status: 200,
          detail: 'no Patient with the NHS number registered in the answer',
        },
        'registerPatient',
      );
    }
    return patient.id;
  } catch (error) {
    if (!(error instanceof GpConnectError) || error.spineCode !== 'DUPLICATE_REJECTED') throw error;
    const existing = await findPatient(caller, registration.nhsNumber);
    // Registered yet not found (deceased, left or sensitive after all): the 409 is the truest answer we have.
    if (existing === undefined) throw error;
    return existing;
  }
}

/** The `Parameters` body: one `registerPatient` parameter holding the minimal CareConnect-GPC-Patient-1. */
function registrationParameters(registration: PatientRegistration) {
  return {
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'registerPatient',
        resource: {
          resourceType: 'Patient',
          meta: { profile: [PROFILE.patient] },
          identifier: [{ system: SYS.nhsNumber, value: registration.nhsNumber }],
          name: [{ use: 'official', family: registration.family, given: registration.given }],
          ...(registration.gender === undefined ? {} : { gender: registration.gender }),
          birthDate: registration.birthDate,
        },
      },
    ],
  };
}
