import {
  organisationTypeDisplay,
  type Consumer,
  type ConsumerKey,
  type OrganisationType,
} from '@gpbook/shared/practice-view';
import type { SearchFilter } from '../gpconnect/consumer-slot-search.js';

/** This app as a consumer: what it sends in every slot search (GPC_CONSUMER_ODS, GPC_CONSUMER_ORG_TYPE). */
export interface AppConsumer {
  odsCode: string;
  orgType: OrganisationType;
}

/** A consumer key resolved: the words for it, what it sends, and whether it is this app. */
export interface ResolvedConsumer {
  consumer: Consumer;
  searchFilter: SearchFilter;
}

/**
 * What a consumer key (@gpbook/shared/practice-view consumerKeySchema, already validated) stands for. `names` gives
 * an organisation's name from the practice directory, when it is one we know.
 */
export function resolveConsumer(
  key: ConsumerKey,
  app: AppConsumer,
  names: (odsCode: string) => string | undefined,
): ResolvedConsumer {
  const [kind, first, second] = key.split(':');
  if (kind === 'app')
    return {
      consumer: { key, kind: 'app', orgType: app.orgType, odsCode: app.odsCode, label: 'This app' },
      searchFilter: { odsCode: app.odsCode, orgType: app.orgType },
    };
  if (kind === 'org' && isOrganisationType(first))
    return {
      consumer: { key, kind: 'org', orgType: first, label: organisationTypeDisplay[first] },
      searchFilter: { orgType: first },
    };
  if (kind === 'ods' && first !== undefined) {
    const orgType = isOrganisationType(second) ? second : undefined;
    const name = names(first);
    return {
      consumer: {
        key,
        kind: 'ods',
        odsCode: first,
        ...(orgType ? { orgType } : {}),
        label: name ? `${name} (${first})` : `Organisation ${first}`,
      },
      searchFilter: { odsCode: first, orgType },
    };
  }
  return {
    consumer: { key, kind: 'none', label: 'Any consumer sending no filter' },
    searchFilter: {},
  };
}

function isOrganisationType(value: string | undefined): value is OrganisationType {
  return value !== undefined && Object.hasOwn(organisationTypeDisplay, value);
}
