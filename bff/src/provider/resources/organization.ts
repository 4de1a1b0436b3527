import { PROFILE, SYS } from '../../gpconnect/constants.js';
import type { PracticeConfig } from '../config/schema.js';
import { contentVersion, fhirAddress } from './common.js';
import type { WrittenOrganization } from './fhir-types.js';

/** The practice as a CareConnect-GPC-Organization-1. Its logical id is its ODS code. */
export function organizationResource(practice: PracticeConfig) {
  const content = {
    resourceType: 'Organization' as const,
    id: practice.odsCode,
    identifier: [{ system: SYS.odsOrg, value: practice.odsCode }],
    name: practice.name,
    telecom: [{ system: 'phone', value: practice.phone, use: 'work' }],
    address: [fhirAddress(practice.address, 'work')],
  } satisfies Omit<WrittenOrganization, 'meta'>;
  return {
    ...content,
    meta: { versionId: contentVersion(content), profile: [PROFILE.organization] },
  } satisfies WrittenOrganization;
}
