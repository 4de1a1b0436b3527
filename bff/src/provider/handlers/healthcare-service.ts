import { SYS } from '../../gpconnect/constants.js';
import type { PracticeConfig, ProviderConfig } from '../config/schema.js';
import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { searchset } from '../resources/common.js';
import { healthcareServiceResource } from '../resources/foundations.js';
import { serviceFilteringStatus } from '../service-filtering.js';
import { identifierParameter } from './identifier-search.js';

/** The practice's service list as consumers may see it: empty unless service filtering is in effect (§3.7). */
function serviceList(config: ProviderConfig, practice: PracticeConfig) {
  return serviceFilteringStatus(config, practice) === 'enabled' ? practice.services : [];
}

export const healthcareServiceHandlers: InteractionHandlers = {
  healthcareServiceRead: ({ config, practice, id }) => {
    const service = serviceList(config, practice).find((candidate) => candidate.id === id);
    if (!service) throw gpcError('NO_RECORD_FOUND', 'No healthcare service with this id');
    const resource = healthcareServiceResource(practice, service);
    return { status: 200, resource, versionId: resource.meta.versionId };
  },
  healthcareServiceSearch: ({ config, practice, query }) => {
    const services = serviceList(config, practice);
    // Without an identifier, find returns every service of the list.
    if (
      query.all('identifier').length === 0 &&
      !query.names().some((name) => name.toLowerCase() === 'identifier')
    ) {
      return {
        status: 200,
        resource: searchset(services.map((service) => healthcareServiceResource(practice, service))),
      };
    }
    const { value } = identifierParameter(query, [SYS.dosService]);
    const found = services.filter((service) => service.dosServiceId === value);
    return {
      status: 200,
      resource: searchset(found.map((service) => healthcareServiceResource(practice, service))),
    };
  },
};
