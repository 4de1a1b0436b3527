import type { Practice } from '@gpbook/shared/practices';
import { SYS } from './constants.js';
import type { ProviderEndpoint } from './client.js';
import type { GpConnectCaller } from './participants.js';
import { GpConnectError } from './errors.js';
import { organizationSchema, searchsetSchema, type FhirOrganization } from './fhir-schemas.js';
import type { Deadline } from './deadline.js';
import type { RequestingUser } from './spine-jwt.js';

const organizationBundleSchema = searchsetSchema(organizationSchema);

export interface CallContext {
  user: RequestingUser;
  traceId: string;
  /** The patient request's deadline, shared by all its calls (see deadline.ts). */
  deadline?: Deadline | undefined;
}

/** Find an organisation: the practice's own Organization, looked up by its ODS code. */
export async function findPracticeOrganisation(
  client: GpConnectCaller,
  endpoint: ProviderEndpoint,
  context: CallContext,
): Promise<Practice> {
  const { body } = await client.call({
    endpoint,
    interaction: 'organizationSearch',
    method: 'GET',
    path: '/Organization',
    query: [['identifier', `${SYS.odsOrg}|${endpoint.odsCode}`]],
    schema: organizationBundleSchema,
    ...context,
  });
  const organisation = body.entry
    ?.map((entry) => entry.resource)
    .find((resource) => hasOds(resource, endpoint.odsCode));
  if (!organisation) {
    throw new GpConnectError(
      { kind: 'rejected', status: 404, spineCode: 'ORGANISATION_NOT_FOUND' },
      'organizationSearch',
    );
  }
  return practiceFromOrganization(organisation, endpoint.odsCode);
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
