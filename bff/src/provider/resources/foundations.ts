import { EXT, PROFILE, SYS } from '../../gpconnect/constants.js';
import type {
  HealthcareServiceConfig,
  LocationConfig,
  PatientConfig,
  PracticeConfig,
  PractitionerConfig,
} from '../config/schema.js';
import { contentVersion, fhirAddress } from './common.js';
import type {
  WrittenHealthcareService,
  WrittenLocation,
  WrittenPatient,
  WrittenPractitioner,
} from './fhir-types.js';

/**
 * Foundations resources built from the practice configuration. Their version id is a hash of their content, so
 * it changes exactly when the configuration does (the "non-version-capable back end" pattern of §4.3).
 */
function versioned<T extends object>(
  content: T,
  profile: string,
): T & { meta: { versionId: string; profile: string[] } } {
  return { ...content, meta: { versionId: contentVersion(content), profile: [profile] } };
}

export function practitionerResource(practitioner: PractitionerConfig) {
  return versioned(
    {
      resourceType: 'Practitioner' as const,
      id: practitioner.id,
      identifier: [
        { system: SYS.sdsUser, value: practitioner.sdsUserId },
        ...practitioner.roleProfileIds.map((value) => ({ system: SYS.sdsRoleProfile, value })),
      ],
      name: [
        {
          use: 'official',
          family: practitioner.family,
          given: practitioner.given,
          ...(practitioner.prefix ? { prefix: [practitioner.prefix] } : {}),
        },
      ],
      gender: practitioner.gender,
    } satisfies Omit<WrittenPractitioner, 'meta'>,
    PROFILE.practitioner,
  );
}

export function locationResource(practice: PracticeConfig, location: LocationConfig) {
  return versioned(
    {
      resourceType: 'Location' as const,
      id: location.id,
      ...(location.odsSiteCode
        ? ({
            identifier: [{ system: SYS.odsSite, value: location.odsSiteCode }],
          } satisfies Partial<WrittenLocation>)
        : {}),
      status: 'active',
      name: location.name,
      ...(location.phone
        ? ({
            telecom: [{ system: 'phone', value: location.phone, use: 'work' }],
          } satisfies Partial<WrittenLocation>)
        : {}),
      address: fhirAddress(location.address, 'work'),
      managingOrganization: { reference: `Organization/${practice.odsCode}` },
    } satisfies Omit<WrittenLocation, 'meta'>,
    PROFILE.location,
  );
}

export function healthcareServiceResource(practice: PracticeConfig, service: HealthcareServiceConfig) {
  return versioned(
    {
      resourceType: 'HealthcareService' as const,
      id: service.id,
      identifier: [{ system: SYS.dosService, value: service.dosServiceId }],
      providedBy: { reference: `Organization/${practice.odsCode}` },
      name: service.name,
    } satisfies Omit<WrittenHealthcareService, 'meta'>,
    PROFILE.healthcareService,
  );
}

const REGISTRATION_TYPE = {
  R: 'Regular',
  E: 'Emergency',
  IN: 'Immediately necessary',
  T: 'Temporary',
  P: 'Private',
  O: 'Other',
  S: 'Synthetic Record',
} as const;

/** A CareConnect-GPC-Patient-1. `managingOrganization` is the practice addressed by the URL (§3.2). */
export function patientResource(practice: PracticeConfig, patient: PatientConfig) {
  const telecom = [
    ...(patient.phone ? [{ system: 'phone', value: patient.phone, use: 'home' }] : []),
    ...(patient.email ? [{ system: 'email', value: patient.email, use: 'home' }] : []),
  ];
  return versioned(
    {
      resourceType: 'Patient' as const,
      id: patient.id,
      extension: [
        {
          url: EXT.registrationDetails,
          extension: [
            {
              url: 'registrationType',
              valueCodeableConcept: {
                coding: [
                  {
                    system: SYS.registrationType,
                    code: patient.registrationType,
                    display: REGISTRATION_TYPE[patient.registrationType],
                  },
                ],
              },
            },
            ...(patient.preferredLocationId
              ? [
                  {
                    url: 'preferredBranchSurgery',
                    valueReference: { reference: `Location/${patient.preferredLocationId}` },
                  },
                ]
              : []),
          ],
        },
      ],
      identifier: [
        {
          extension: [
            {
              url: EXT.nhsNumberVerification,
              valueCodeableConcept: {
                coding: [
                  { system: SYS.nhsNumberVerification, code: '01', display: 'Number present and verified' },
                ],
              },
            },
          ],
          system: SYS.nhsNumber,
          value: patient.nhsNumber,
        },
      ],
      active: true,
      name: [
        {
          use: 'official',
          family: patient.family,
          given: patient.given,
          ...(patient.prefix ? { prefix: [patient.prefix] } : {}),
        },
      ],
      ...(telecom.length > 0 ? { telecom } : {}),
      gender: patient.gender,
      birthDate: patient.birthDate,
      ...(patient.address ? { address: [fhirAddress(patient.address, 'home')] } : {}),
      managingOrganization: { reference: `Organization/${practice.odsCode}` },
    } satisfies Omit<WrittenPatient, 'meta'>,
    PROFILE.patient,
  );
}
