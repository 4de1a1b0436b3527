import { EXT } from '../../gpconnect/constants.js';
import { offerChangesAt, type Consumer } from '../availability/access.js';
import { inScope, slotVerdict, type SearchScope } from '../availability/verdict.js';
import type { PracticeConfig, ProviderConfig } from '../config/schema.js';
import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { fhirJson, searchset, SerializedResource } from '../resources/common.js';
import {
  healthcareServiceResource,
  locationResource,
  practitionerResource,
} from '../resources/foundations.js';
import { organizationResource } from '../resources/organization.js';
import { scheduleResource, slotResource } from '../resources/slot.js';
import { serviceFilteringStatus } from '../service-filtering.js';
import { SlotAnswerCache } from '../slots/answer-cache.js';
import { parseSlotSearch, type SlotSearch } from '../slots/search-params.js';
import type { ProviderStore, SlotRecord } from '../store/store.js';

/** Beyond this many, the cache of slot JSON starts again (rolling generation adds slots every day). */
const SLOT_JSON_CACHE_LIMIT = 200_000;

export interface SlotHandlerOptions {
  /**
   * Whole answers kept for repeat searches (docs/decisions/0050): a cache of the default size when left out;
   * `false` makes every answer afresh (the reference the cache is tested against).
   */
  answers?: SlotAnswerCache | false;
}

/**
 * The cache key of a search: every field of the parsed search, in a fixed order, sets as sorted lists. The mapped
 * types make a field added to {@link SlotSearch} or {@link Consumer} a compile error here until it is keyed.
 */
export function slotAnswerKey(odsCode: string, search: SlotSearch): string {
  const consumer: { [K in keyof Required<Consumer>]: string | null } = {
    orgType: search.consumer.orgType ?? null,
    odsCode: search.consumer.odsCode ?? null,
  };
  const fields: { [K in keyof SlotSearch]-?: unknown } = {
    fromMs: search.fromMs,
    toMs: search.toMs,
    includes: [...search.includes].sort(),
    consumer,
    serviceIdentifier: search.serviceIdentifier ?? null,
  };
  return JSON.stringify([odsCode, fields]);
}

/** What a search is made from. The answer is a function of these, the store's contents and `nowMs` only. */
interface SearchInputs {
  config: ProviderConfig;
  practice: PracticeConfig;
  search: SlotSearch;
  nowMs: number;
}

export function slotHandlers(store: ProviderStore, options: SlotHandlerOptions = {}): InteractionHandlers {
  const answers = options.answers === undefined ? new SlotAnswerCache() : options.answers || undefined;

  // A free slot's resource is fixed but for its delivery channel, which a rules change may rewrite (issue 14):
  // its times never change, and only free slots are served. So each slot is turned into JSON once per channel,
  // not on every search (a 14-day search can return thousands).
  const slotJson = new Map<string, { channel: string; json: string }>();
  const serializedSlot = (slot: SlotRecord): SerializedResource => {
    let made = slotJson.get(slot.id);
    if (made?.channel !== slot.deliveryChannel) {
      if (slotJson.size >= SLOT_JSON_CACHE_LIMIT) slotJson.clear();
      made = { channel: slot.deliveryChannel, json: JSON.stringify(slotResource(slot)) };
      slotJson.set(slot.id, made);
    }
    return new SerializedResource(made.json);
  };

  /**
   * The searchset, and the first instant after `nowMs` at which it could differ with the store unchanged: the
   * earliest time-rule edge of any slot the rules were applied to (offerChangesAt), and, when a profile limits
   * the slots held, the next start of an appointment held under a profile.
   */
  function makeAnswer({ config, practice, search, nowMs }: SearchInputs) {
    const filteringStatus = serviceFilteringStatus(config, practice);
    const filtering = filteringStatus === 'enabled';
    const linkedSchedules = filtering ? schedulesOfService(practice, search.serviceIdentifier) : undefined;

    const state = {
      practice,
      nowMs,
      bookedByProfile: store.futureBookedSlotsByProfile(practice.odsCode, nowMs),
    };
    let untilMs = practice.accessProfiles.some((profile) => profile.maxBookedSlots !== undefined)
      ? (store.nextProfileBookingStart(practice.odsCode, nowMs) ?? Infinity)
      : Infinity;
    const schedulesById = new Map(practice.schedules.map((schedule) => [schedule.id, schedule]));
    const scope: SearchScope = { schedules: schedulesById, services: linkedSchedules };
    // The practice view's explanations apply the very same verdict (availability/verdict.ts).
    const slots = store.freeSlotsWithin(practice.odsCode, search.fromMs, search.toMs).filter((slot) => {
      if (inScope(slot, scope)) untilMs = Math.min(untilMs, offerChangesAt(slot, practice, nowMs));
      return slotVerdict(slot, scope, search.consumer, state).offered;
    });

    const horizons = new Map<string, { start: string; end: string; startMs: number; endMs: number }>();
    for (const slot of slots) {
      const horizon = horizons.get(slot.scheduleId);
      if (!horizon) {
        horizons.set(slot.scheduleId, {
          start: slot.startText,
          end: slot.endText,
          startMs: slot.startMs,
          endMs: slot.endMs,
        });
        continue;
      }
      if (slot.endMs > horizon.endMs) Object.assign(horizon, { end: slot.endText, endMs: slot.endMs });
    }
    const schedules = [...horizons.keys()].flatMap((id) => {
      const schedule = schedulesById.get(id);
      return schedule ? [schedule] : [];
    });

    const resources: unknown[] = slots.map(serializedSlot);
    for (const schedule of schedules) {
      const horizon = horizons.get(schedule.id) ?? { start: '', end: '' };
      resources.push(
        scheduleResource(
          schedule,
          { start: horizon.start, end: horizon.end },
          filtering ? schedule.serviceId : undefined,
        ),
      );
    }
    if (search.includes.has('Schedule:actor:Practitioner')) {
      const ids = new Set(
        schedules.flatMap((schedule) => (schedule.practitionerId ? [schedule.practitionerId] : [])),
      );
      resources.push(...practice.practitioners.filter((p) => ids.has(p.id)).map(practitionerResource));
    }
    if (search.includes.has('Schedule:actor:Location')) {
      const ids = new Set(schedules.map((schedule) => schedule.locationId));
      resources.push(
        ...practice.locations.filter((l) => ids.has(l.id)).map((l) => locationResource(practice, l)),
      );
    }
    if (filtering && search.includes.has('Schedule:actor:HealthcareService')) {
      const ids = new Set(schedules.flatMap((schedule) => (schedule.serviceId ? [schedule.serviceId] : [])));
      resources.push(
        ...practice.services.filter((s) => ids.has(s.id)).map((s) => healthcareServiceResource(practice, s)),
      );
    }
    // Known issue (§3.9): the practice Organization always comes with at least one slot.
    if (slots.length > 0) resources.push(organizationResource(practice));

    const extraMeta =
      search.serviceIdentifier !== undefined
        ? { extension: [{ url: EXT.serviceFilteringStatus, valueCode: filteringStatus }] }
        : undefined;
    return { resource: searchset(resources, extraMeta), untilMs };
  }

  return {
    slotSearch: ({ config, practice, query, now }) => {
      const inputs: SearchInputs = { config, practice, search: parseSlotSearch(query), nowMs: now.getTime() };
      // An unknown service is an error whatever the store holds: found before any answer is looked for.
      if (serviceFilteringStatus(config, practice) === 'enabled') {
        schedulesOfService(practice, inputs.search.serviceIdentifier);
      }
      if (!answers) return { status: 200, resource: makeAnswer(inputs).resource };

      const key = slotAnswerKey(practice.odsCode, inputs.search);
      const cached = answers.get(key, { practice, config, store, version: store.version() }, inputs.nowMs);
      if (cached) return { status: 200, prepared: cached };
      // The version is read in the same read transaction as the slots and bookings, so it names what was read.
      const { version, resource, untilMs } = store.snapshot(() => ({
        version: store.version(),
        ...makeAnswer(inputs),
      }));
      const prepared = answers.set(
        key,
        { practice, config, store, version },
        { fromMs: inputs.nowMs, untilMs },
        Buffer.from(fhirJson(resource), 'utf8'),
      );
      return { status: 200, prepared };
    },
  };
}

/**
 * The schedules linked to the DoS service `service.identifier` names, while filtering is in effect (undefined
 * without the parameter: every schedule); 404 for a service the practice does not have.
 */
function schedulesOfService(
  practice: PracticeConfig,
  serviceIdentifier: string | undefined,
): Set<string> | undefined {
  if (serviceIdentifier === undefined) return undefined;
  const services = new Set(
    practice.services
      .filter((service) => service.dosServiceId === serviceIdentifier)
      .map((service) => service.id),
  );
  if (services.size === 0) {
    throw gpcError(
      'NO_RECORD_FOUND',
      'The HealthcareService identified by the service.identifier parameter was not found',
    );
  }
  return new Set(
    practice.schedules
      .filter((schedule) => schedule.serviceId !== undefined && services.has(schedule.serviceId))
      .map((schedule) => schedule.id),
  );
}
