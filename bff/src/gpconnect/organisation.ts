import type { Practice } from '@gpbook/shared/practices';
import { SYS } from './constants.js';
import type { PracticeCaller } from './bound-caller.js';
import { GpConnectError } from './errors.js';
import { organizationSchema, searchsetSchema, type FhirOrganization } from './fhir-schemas.js';

const organizationBundleSchema = searchsetSchema(organizationSchema);

/** Find an organisation: the practice's own Organization, looked up by its ODS code. */
export async function findPracticeOrganisation(caller: PracticeCaller): Promise<Practice> {
  const { body } = await caller.call({
    interaction: 'organizationSearch',
    method: 'GET',
    path: '/Organization',
    query: [['identifier', `${SYS.odsOrg}|${caller.endpoint.odsCode}`]],
    schema: organizationBundleSchema,
  });
  const organisation = body.entry
    ?.map((entry) => entry.resource)
    .find((resource) => hasOds(resource, caller.endpoint.odsCode));
  if (!organisation) {
    throw new GpConnectError(
      { kind: 'rejected', status: 404, spineCode: 'ORGANISATION_NOT_FOUND' },
      'organizationSearch',
    );
  }
  return practiceFromOrganization(organisation, caller.endpoint.odsCode);
}

function hasOds(organisation: FhirOrganization, odsCode: string): boolean {
  return (
    organisation.identifier?.some(
      (identifier) => identifier.system === SYS.odsOrg && identifier.value === odsCode,
    ) ?? false
  );
}

export function practiceFromOrganization(organisation: FhirOrganization, odsCode: string): Practice {
  const address = organisation.address?.[0];
  const phone = organisation.telecom?.find((telecom) => telecom.system === 'phone')?.value;
  return {
    odsCode,
    name: organisation.name ?? odsCode,
    address: {
      lines: address?.line ?? [],
      ...(address?.city ? { town: address.city } : {}),
      ...(address?.postalCode ? { postcode: address.postalCode } : {}),
    },
    ...(phone ? { phone } : {}),
  };
}
