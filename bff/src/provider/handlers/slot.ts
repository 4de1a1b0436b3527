import { EXT } from '../../gpconnect/constants.js';
import { offerSlot } from '../availability/access.js';
import type { InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { searchset, SerializedResource } from '../resources/common.js';
import {
  healthcareServiceResource,
  locationResource,
  practitionerResource,
} from '../resources/foundations.js';
import { organizationResource } from '../resources/organization.js';
import { scheduleResource, slotResource } from '../resources/slot.js';
import { serviceFilteringStatus } from '../service-filtering.js';
import { parseSlotSearch } from '../slots/search-params.js';
import type { ProviderStore, SlotRecord } from '../store/store.js';

/** Beyond this many, the cache of slot JSON starts again (rolling generation adds slots every day). */
const SLOT_JSON_CACHE_LIMIT = 200_000;

export function slotHandlers(store: ProviderStore): InteractionHandlers {
  // A free slot's resource is fixed: its row never changes but for its status, and only free slots are served.
  // So each slot is turned into JSON once, not on every search (a 14-day search can return thousands).
  const slotJson = new Map<string, string>();
  const serializedSlot = (slot: SlotRecord): SerializedResource => {
    let json = slotJson.get(slot.id);
    if (json === undefined) {
      if (slotJson.size >= SLOT_JSON_CACHE_LIMIT) slotJson.clear();
      json = JSON.stringify(slotResource(slot));
      slotJson.set(slot.id, json);
    }
    return new SerializedResource(json);
  };
  return {
    slotSearch: ({ config, practice, query, now }) => {
      const search = parseSlotSearch(query);
      const filteringStatus = serviceFilteringStatus(config, practice);
      const filtering = filteringStatus === 'enabled';

      // service.identifier narrows to schedules linked to that DoS service, only while filtering is in effect.
      let linkedSchedules: Set<string> | undefined;
      if (filtering && search.serviceIdentifier !== undefined) {
        const services = new Set(
          practice.services
            .filter((service) => service.dosServiceId === search.serviceIdentifier)
            .map((service) => service.id),
        );
        if (services.size === 0) {
          throw gpcError(
            'NO_RECORD_FOUND',
            'The HealthcareService identified by the service.identifier parameter was not found',
          );
        }
        linkedSchedules = new Set(
          practice.schedules
            .filter((schedule) => schedule.serviceId !== undefined && services.has(schedule.serviceId))
            .map((schedule) => schedule.id),
        );
      }

      const state = {
        practice,
        nowMs: now.getTime(),
        bookedByProfile: store.futureBookedSlotsByProfile(practice.odsCode, now.getTime()),
      };
      const schedulesById = new Map(practice.schedules.map((schedule) => [schedule.id, schedule]));
      const slots = store
        .freeSlotsWithin(practice.odsCode, search.fromMs, search.toMs)
        .filter(
          (slot) =>
            schedulesById.has(slot.scheduleId) &&
            (linkedSchedules === undefined || linkedSchedules.has(slot.scheduleId)) &&
            offerSlot(slot, search.consumer, state).ok,
        );

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
        const ids = new Set(
          schedules.flatMap((schedule) => (schedule.serviceId ? [schedule.serviceId] : [])),
        );
        resources.push(
          ...practice.services
            .filter((s) => ids.has(s.id))
            .map((s) => healthcareServiceResource(practice, s)),
        );
      }
      // Known issue (§3.9): the practice Organization always comes with at least one slot.
      if (slots.length > 0) resources.push(organizationResource(practice));

      const extraMeta =
        search.serviceIdentifier !== undefined
          ? { extension: [{ url: EXT.serviceFilteringStatus, valueCode: filteringStatus }] }
          : undefined;
      return { status: 200, resource: searchset(resources, extraMeta) };
    },
  };
}
