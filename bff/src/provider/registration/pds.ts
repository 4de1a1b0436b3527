import type { PatientConfig, ProviderConfig } from '../config/schema.js';

/**
 * The Personal Demographics Service of this reference provider's world: every patient of every practice in the
 * loaded configuration, keyed by NHS number (docs/decisions/0013). A seed that lists one person at several
 * practices gives PDS one record: the first listing's demographics, and the deceased and sensitive flags if any
 * listing carries them (they are PDS facts, not practice facts; "left the practice" is not).
 */
export interface PdsRecord {
  nhsNumber: string;
  prefix: string | undefined;
  given: string[];
  family: string;
  gender: PatientConfig['gender'];
  birthDate: string;
  address: PatientConfig['address'];
  phone: string | undefined;
  email: string | undefined;
  deceased: boolean;
  sensitive: boolean;
}

const byConfig = new WeakMap<ProviderConfig, Map<string, PdsRecord>>();

/** The PDS record for an NHS number, or undefined when PDS has none. */
export function pdsRecord(config: ProviderConfig, nhsNumber: string): PdsRecord | undefined {
  let records = byConfig.get(config);
  if (!records) {
    records = buildPds(config);
    byConfig.set(config, records);
  }
  return records.get(nhsNumber);
}

function buildPds(config: ProviderConfig): Map<string, PdsRecord> {
  const records = new Map<string, PdsRecord>();
  for (const practice of config.practices) {
    for (const patient of practice.patients) {
      const known = records.get(patient.nhsNumber);
      if (known) {
        known.deceased ||= patient.deceased !== undefined;
        known.sensitive ||= patient.sensitive;
        continue;
      }
      records.set(patient.nhsNumber, {
        nhsNumber: patient.nhsNumber,
        prefix: patient.prefix,
        given: patient.given,
        family: patient.family,
        gender: patient.gender,
        birthDate: patient.birthDate,
        address: patient.address,
        phone: patient.phone,
        email: patient.email,
        deceased: patient.deceased !== undefined,
        sensitive: patient.sensitive,
      });
    }
  }
  return records;
}
