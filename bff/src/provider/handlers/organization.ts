import { SYS } from '../../gpconnect/constants.js';
import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { organizationResource } from '../resources/organization.js';
import { searchset } from '../resources/common.js';
import { identifierParameter } from './identifier-search.js';

const LEGACY_ODS_SYSTEM = 'http://fhir.nhs.net/Id/ods-organization-code';

/**
 * Organisations are the practices this GP system hosts. Like a real multi-tenant system, every service root can
 * read and find any of them (the assurance suite reads several organisations through one endpoint).
 */
export const organizationHandlers: InteractionHandlers = {
  organizationRead: ({ config, id }) => {
    const found = config.practices.find((candidate) => candidate.odsCode === id);
    if (!found) throw gpcError('ORGANISATION_NOT_FOUND', `No organisation with id ${id ?? ''}`);
    const resource = organizationResource(found);
    return { status: 200, resource, versionId: resource.meta.versionId };
  },
  organizationSearch: ({ config, query }) => {
    const { value } = identifierParameter(query, [SYS.odsOrg, LEGACY_ODS_SYSTEM]);
    const found = config.practices
      .filter((candidate) => candidate.odsCode === value)
      .map(organizationResource);
    return { status: 200, resource: searchset(found) };
  },
};
