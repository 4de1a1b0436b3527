import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { locationResource } from '../resources/foundations.js';

export const locationHandlers: InteractionHandlers = {
  // The practice's own sites first, then those of the other practices this system hosts (as for organisations).
  locationRead: ({ practice, config, id }) => {
    for (const owner of [practice, ...config.practices.filter((other) => other !== practice)]) {
      const location = owner.locations.find((candidate) => candidate.id === id);
      if (!location) continue;
      const resource = locationResource(owner, location);
      return { status: 200, resource, versionId: resource.meta.versionId };
    }
    // NO_RECORD_FOUND is the spec's generic not-found code (digest §3.6, §11 item 18).
    throw gpcError('NO_RECORD_FOUND', 'No location with this id');
  },
};
