import { EXT, GPC_VERSION, PROFILE } from '../../gpconnect/constants.js';
import type { InteractionHandlers } from '../context.js';
import { contentVersion } from '../resources/common.js';
import { serviceFilteringStatus } from '../service-filtering.js';

const SOFTWARE = { name: 'GP Appointments reference provider', version: '0.1.0', releaseDate: '2026-11-21' };

export const metadataHandlers: InteractionHandlers = {
  metadata: ({ practice, config }) => {
    const content = {
      resourceType: 'CapabilityStatement',
      version: GPC_VERSION,
      name: 'GP Connect',
      status: 'active',
      date: SOFTWARE.releaseDate,
      publisher: 'GP Appointments open-source project',
      description: `This server implements the GP Connect API version ${GPC_VERSION}`,
      kind: 'capability',
      software: SOFTWARE,
      fhirVersion: '3.0.1',
      acceptUnknown: 'both',
      format: ['application/fhir+json', 'application/fhir+xml'],
      profile: [
        PROFILE.patient,
        PROFILE.organization,
        PROFILE.practitioner,
        PROFILE.practitionerRole,
        PROFILE.location,
        PROFILE.healthcareService,
        PROFILE.operationOutcome,
        PROFILE.appointment,
        PROFILE.schedule,
        PROFILE.slot,
      ].map((reference) => ({ reference })),
      rest: [
        {
          mode: 'server',
          security: { cors: true },
          // Where the spec's 1.2.8 example puts it ("as shown in the example below"): on rest[0].
          extension: [
            { url: EXT.serviceFilteringStatus, valueCode: serviceFilteringStatus(config, practice) },
          ],
          resource: [
            {
              type: 'Patient',
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              searchParam: [
                {
                  name: 'identifier',
                  type: 'token',
                  documentation: 'NHS number (e.g. https://fhir.nhs.uk/Id/nhs-number|123456789)',
                },
              ],
            },
            {
              type: 'Organization',
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              searchParam: [
                {
                  name: 'identifier',
                  type: 'token',
                  documentation: 'ODS code (e.g. https://fhir.nhs.uk/Id/ods-organization-code|Y12345)',
                },
              ],
            },
            {
              type: 'HealthcareService',
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              searchParam: [
                {
                  name: 'identifier',
                  type: 'token',
                  documentation: 'DOS service ID (e.g. https://fhir.nhs.uk/Id/uec-dos-service-id|100000123)',
                },
              ],
            },
            {
              type: 'Practitioner',
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              searchParam: [
                {
                  name: 'identifier',
                  type: 'token',
                  documentation: 'SDS user ID (i.e. https://fhir.nhs.uk/Id/sds-user-id|999999)',
                },
              ],
            },
            { type: 'Location', interaction: [{ code: 'read' }] },
            {
              type: 'Appointment',
              interaction: [
                { code: 'read' },
                { code: 'create' },
                { code: 'update' },
                { code: 'search-type' },
              ],
              updateCreate: false,
              searchParam: [{ name: 'start', type: 'date' }],
            },
            {
              type: 'Slot',
              interaction: [{ code: 'search-type' }],
              searchInclude: [
                'Schedule:actor:Location',
                'Schedule:actor:Practitioner',
                'Schedule:actor:HealthcareService',
                'Slot:schedule',
                'Location:managingOrganization',
              ],
              searchParam: [
                { name: 'start', type: 'date' },
                { name: 'end', type: 'date' },
                { name: 'status', type: 'token' },
                { name: 'searchFilter', type: 'token' },
                {
                  name: 'service.identifier',
                  definition: 'https://fhir.nhs.uk/STU3/SearchParameter/GPConnect-Slot-ServiceIdentifier-1',
                  type: 'token',
                  documentation:
                    'UEC DOS service ID (i.e. https://fhir.nhs.uk/Id/uec-dos-service-id|1000123)',
                },
              ],
            },
          ],
          operation: [
            {
              name: 'gpc.registerpatient',
              definition: {
                reference:
                  'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-RegisterPatient-Operation-1',
              },
            },
          ],
        },
      ],
    };
    const resource = { ...content, meta: { versionId: contentVersion(content) } };
    return { status: 200, resource, versionId: resource.meta.versionId };
  },
};
