import type { PatientConfig } from '../config/schema.js';

/**
 * Whether GP Connect Appointment Management serves this patient at all. Deceased, inactive (left) and
 * PDS-sensitive patients are treated as unknown: empty search bundle, 404 PATIENT_NOT_FOUND on read (§8.6).
 */
export function isServedPatient(patient: PatientConfig | undefined): patient is PatientConfig {
  return patient !== undefined && patient.deceased === undefined && !patient.sensitive && !patient.inactive;
}
