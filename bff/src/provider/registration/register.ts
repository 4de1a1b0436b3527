import { randomUUID } from 'node:crypto';
import {
  REGISTRATION_ID_PREFIX,
  type PatientConfig,
  type PracticeConfig,
  type ProviderConfig,
} from '../config/schema.js';
import { gpcError } from '../outcomes.js';
import type { ProviderStore } from '../store/store.js';
import { pdsRecord, type PdsRecord } from './pds.js';
import type { RegistrationRequest } from './request.js';

/**
 * Register a patient (§3.8): traces the patient on PDS, then creates, or re-activates, a temporary registration
 * at the practice. The check for an existing registration and the insert run in one `BEGIN IMMEDIATE`
 * transaction, so two concurrent requests cannot both register the patient.
 */
export function registerTemporaryPatient(
  store: ProviderStore,
  config: ProviderConfig,
  practice: PracticeConfig,
  request: RegistrationRequest,
  now: Date,
): PatientConfig {
  const pds = traceOnPds(config, request);
  return store.immediate(() => {
    const local = store.patientByNhsNumber(practice.odsCode, request.nhsNumber);
    // "Deceased (PDS or local)": the practice may know of a death PDS has not caught up with.
    if (local?.deceased !== undefined) throw demographicsError('The patient is recorded as deceased');
    // Not deceased (above) nor sensitive (the PDS trace): so registered here unless they have left.
    if (local !== undefined && !local.inactive) {
      throw gpcError('DUPLICATE_REJECTED', 'The patient is already registered at this practice');
    }
    // A patient who left is re-activated under their old id, so their record and history stay theirs.
    const patient = local
      ? { ...local, inactive: false, registrationType: 'T' as const }
      : newRegistration(pds);
    store.insertRegistration(practice.odsCode, patient, now);
    return patient;
  });
}

function demographicsError(diagnostics: string) {
  return gpcError('INVALID_PATIENT_DEMOGRAPHICS', diagnostics);
}

/**
 * The PDS trace. Unknown NHS number, demographics that do not match and a sensitive (S-flag) record all give the
 * same answer, so the operation cannot be used to learn whether a number exists or is restricted; a death is
 * said only once the caller has shown it knows the patient.
 */
function traceOnPds(config: ProviderConfig, request: RegistrationRequest): PdsRecord {
  const record = pdsRecord(config, request.nhsNumber);
  const matches =
    record !== undefined &&
    sameFamilyName(record.family, request.family) &&
    record.birthDate === request.birthDate &&
    (request.gender === undefined || record.gender === request.gender);
  if (!matches || record.sensitive) {
    throw demographicsError('The NHS number and demographics could not be verified on PDS');
  }
  if (record.deceased) throw demographicsError('The patient is recorded as deceased on PDS');
  return record;
}

function sameFamilyName(a: string, b: string): boolean {
  return a.trim().toLocaleUpperCase('en-GB') === b.trim().toLocaleUpperCase('en-GB');
}

/** A new temporary registration, its demographics copied from PDS (the source of truth for them). */
function newRegistration(pds: PdsRecord): PatientConfig {
  return {
    // The reserved prefix keeps it clear of every seed id (the configuration schema refuses it there).
    id: `${REGISTRATION_ID_PREFIX}${randomUUID()}`,
    nhsNumber: pds.nhsNumber,
    ...(pds.prefix === undefined ? {} : { prefix: pds.prefix }),
    given: pds.given,
    family: pds.family,
    gender: pds.gender,
    birthDate: pds.birthDate,
    ...(pds.address === undefined ? {} : { address: pds.address }),
    ...(pds.phone === undefined ? {} : { phone: pds.phone }),
    ...(pds.email === undefined ? {} : { email: pds.email }),
    sensitive: false,
    inactive: false,
    registrationType: 'T',
  };
}
