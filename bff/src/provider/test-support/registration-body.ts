import { PROFILE, SYS } from '../../gpconnect/constants.js';

export type RegistrationPatient = Record<string, unknown> & {
  identifier: Array<Record<string, unknown>>;
  name: Array<Record<string, unknown>>;
};

/**
 * A valid Register a patient body (`Parameters` holding one CareConnect-GPC-Patient-1) for the builders' default
 * patient; `edit` changes the Patient to break one rule at a time.
 */
export function registrationBody(
  details: {
    nhsNumber?: string;
    family?: string;
    given?: string[];
    birthDate?: string;
    gender?: string;
  } = {},
  edit: (patient: RegistrationPatient) => void = () => {},
): Record<string, unknown> {
  const patient: RegistrationPatient = {
    resourceType: 'Patient',
    meta: { profile: [PROFILE.patient] },
    identifier: [{ system: SYS.nhsNumber, value: details.nhsNumber ?? '9990000018' }],
    name: [{ use: 'official', family: details.family ?? 'Smith', given: details.given ?? ['Jane'] }],
    gender: details.gender ?? 'female',
    birthDate: details.birthDate ?? '1970-01-01',
  };
  edit(patient);
  return { resourceType: 'Parameters', parameter: [{ name: 'registerPatient', resource: patient }] };
}
