import { SYS } from '../../gpconnect/constants.js';
import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { searchset } from '../resources/common.js';
import { practitionerResource } from '../resources/foundations.js';
import { identifierParameter } from './identifier-search.js';

export const practitionerHandlers: InteractionHandlers = {
  practitionerRead: ({ practice, id }) => {
    const practitioner = practice.practitioners.find((candidate) => candidate.id === id);
    if (!practitioner) throw gpcError('PRACTITIONER_NOT_FOUND', 'No practitioner with this id');
    const resource = practitionerResource(practitioner);
    return { status: 200, resource, versionId: resource.meta.versionId };
  },
  practitionerSearch: ({ practice, query }) => {
    const { value } = identifierParameter(query, [SYS.sdsUser]);
    const found = practice.practitioners.filter((practitioner) => practitioner.sdsUserId === value);
    return { status: 200, resource: searchset(found.map(practitionerResource)) };
  },
};
