import type { DeliveryChannel, Practitioner, PractitionerRole } from '@gpbook/shared/codes';
import type { AppointmentLocation, Slot } from '@gpbook/shared/slots';
import {
  addDaysToLondonDate,
  daysBetweenLondonDates,
  londonDateTimeWithOffset,
  type LondonDate,
} from '@gpbook/shared/time';
import type { PracticeCaller } from './bound-caller.js';
import { channelFromGpConnect, deliveryChannelCodeOf, practitionerRoleFromExtensions } from './codes.js';
import { LIMITS, SYS, type OrgTypeCode } from './constants.js';
import { deepFreeze } from './repeat-answers.js';
import {
  slotBundleSchema,
  type FhirHealthcareService,
  type FhirLocation,
  type FhirOrganization,
  type FhirPractitioner,
  type FhirSchedule,
  type FhirSlot,
  type FhirSlotBundle,
} from './fhir-schemas.js';
import { encodeSlotId, idOfReference } from './ids.js';
import { locationFromPractice, locationView, practitionerView } from './participants.js';

/** Search for free slots (§3.9): the request, the client-side join of the bundle, and ranges over two weeks. */

export interface SlotSearch {
  /** First London date, inclusive. */
  start: LondonDate;
  /** Last London date, inclusive (`le` on a date covers the whole day). */
  end: LondonDate;
  /** Our ODS code, for the practice's slot restrictions (searchFilter). */
  consumerOds: string;
  /** Our organisation type; the booking organisation must carry the same one. */
  consumerOrgType: OrgTypeCode;
  /** The DoS service chosen for this practice, if any (service filtering, 1.2.8). */
  dosServiceId?: string | undefined;
}

/** What booking a slot needs, from the slot and its Schedule, exactly as the provider sent it. */
export interface SlotBookingDetails {
  slotId: string;
  scheduleId: string;
  /** Copied verbatim into the Appointment: providers compare the strings. */
  start: string;
  end: string;
  locationId: string;
  practitionerId?: string;
  healthcareServiceId?: string;
  channel: DeliveryChannel;
  /** `Slot.serviceType[0].text`: adjacent slots must share it. */
  slotType: string;
}

/** A free slot: what the patient sees and what booking it takes. */
export interface FreeSlot {
  slot: Slot;
  booking: SlotBookingDetails;
}

/** The query parameters of one Search for free slots. */
export function slotSearchQuery(search: SlotSearch): Array<[string, string]> {
  const query: Array<[string, string]> = [
    ['status', 'free'],
    ['start', `ge${search.start}`],
    ['end', `le${search.end}`],
    ['_include', 'Slot:schedule'],
    ['_include:recurse', 'Schedule:actor:Practitioner'],
    ['_include:recurse', 'Schedule:actor:Location'],
    ['_include:recurse', 'Schedule:actor:HealthcareService'],
    ['_include:recurse', 'Location:managingOrganization'],
    ['searchFilter', `${SYS.odsOrg}|${search.consumerOds}`],
    ['searchFilter', `${SYS.orgType}|${search.consumerOrgType}`],
  ];
  if (search.dosServiceId !== undefined)
    query.push(['service.identifier', `${SYS.dosService}|${search.dosServiceId}`]);
  return query;
}

/**
 * One Search for free slots at the caller's practice: at most `LIMITS.slotSearchMaxDays` from start to end (use
 * `searchFreeSlotsInRange` for longer ranges). Slots come back joined and sorted by start.
 */
export async function searchFreeSlots(
  caller: PracticeCaller,
  search: SlotSearch,
): Promise<readonly FreeSlot[]> {
  const span = daysBetweenLondonDates(search.start, search.end);
  if (span < 0 || span > LIMITS.slotSearchMaxDays) {
    throw new RangeError(`A slot search covers 0 to ${LIMITS.slotSearchMaxDays} days, not ${span}`);
  }
  const { body } = await caller.call({
    interaction: 'slotSearch',
    method: 'GET',
    path: '/Slot',
    query: slotSearchQuery(search),
    schema: slotBundleSchema,
    repeatable: true,
  });
  return joinedOnce(body, caller.endpoint.odsCode);
}

const joined = new WeakMap<FhirSlotBundle, { odsCode: string; slots: readonly FreeSlot[] }>();

/**
 * The slots of a bundle, joined once per bundle: a repeated answer is the same frozen bundle (repeat-answers.ts),
 * so its slots are the same frozen list too, and what is worked out from that list can be kept beside it.
 */
function joinedOnce(bundle: FhirSlotBundle, odsCode: string): readonly FreeSlot[] {
  if (!Object.isFrozen(bundle)) return freeSlotsFromBundle(bundle, odsCode);
  const known = joined.get(bundle);
  if (known?.odsCode === odsCode) return known.slots;
  const slots = deepFreeze(freeSlotsFromBundle(bundle, odsCode));
  joined.set(bundle, { odsCode, slots });
  return slots;
}

/** Any range: split into windows GP Connect accepts, searched together, merged. */
export async function searchFreeSlotsInRange(
  caller: PracticeCaller,
  search: SlotSearch,
): Promise<readonly FreeSlot[]> {
  const windows = splitSlotSearchRange(search.start, search.end);
  const results = await Promise.all(
    windows.map((window) => searchFreeSlots(caller, { ...search, ...window })),
  );
  // One window's slots come back merged already.
  const [only, ...others] = results;
  if (!only) return [];
  return others.length === 0 ? only : mergedOnce(only, others);
}

const merged = new WeakMap<
  readonly FreeSlot[],
  { others: ReadonlyArray<readonly FreeSlot[]>; slots: readonly FreeSlot[] }
>();

/** {@link mergeFreeSlots}, once for the same frozen lists (see {@link joinedOnce}). */
function mergedOnce(
  first: readonly FreeSlot[],
  others: ReadonlyArray<readonly FreeSlot[]>,
): readonly FreeSlot[] {
  const all = [first, ...others];
  if (!all.every((list) => Object.isFrozen(list))) return mergeFreeSlots(all);
  const known = merged.get(first);
  if (known && known.others.length === others.length && known.others.every((list, i) => list === others[i])) {
    return known.slots;
  }
  const slots = Object.freeze(mergeFreeSlots(all));
  merged.set(first, { others, slots });
  return slots;
}

export interface DateWindow {
  start: LondonDate;
  end: LondonDate;
}

/**
 * Splits `start`..`end` (inclusive London dates) into windows with `end − start ≤ maxDays`, the GP Connect range
 * rule. `le` on a date includes that whole day, so the next window starts the day after: no day is searched
 * twice and none is missed. (A slot running over midnight at a window boundary falls in neither window; GP
 * appointment books do not have those.)
 */
export function splitSlotSearchRange(
  start: LondonDate,
  end: LondonDate,
  maxDays: number = LIMITS.slotSearchMaxDays,
): DateWindow[] {
  if (!Number.isInteger(maxDays) || maxDays < 0) throw new RangeError(`maxDays must be a whole number ≥ 0`);
  const span = daysBetweenLondonDates(start, end);
  if (span < 0) throw new RangeError(`The range ends (${end}) before it starts (${start})`);
  const windows: DateWindow[] = [];
  // By days from `start`: each window starts the day after the last one ended.
  for (let first = 0; first <= span; first += maxDays + 1) {
    const last = Math.min(first + maxDays, span);
    windows.push({
      start: first === 0 ? start : addDaysToLondonDate(start, first),
      end: last === span ? end : addDaysToLondonDate(start, last),
    });
  }
  return windows;
}

/** The slots of several searches: one per slot id, sorted by start (then id, so the order is stable). */
export function mergeFreeSlots(results: ReadonlyArray<readonly FreeSlot[]>): FreeSlot[] {
  const byId = new Map<string, FreeSlot>();
  for (const result of results) for (const free of result) byId.set(free.booking.slotId, free);
  // Parse each start once, not in every comparison.
  return sortByStart([...byId.values()].map((free) => ({ free, startMs: Date.parse(free.booking.start) })));
}

function sortByStart(slots: Array<{ free: FreeSlot; startMs: number }>): FreeSlot[] {
  return slots
    .sort((a, b) => a.startMs - b.startMs || a.free.booking.slotId.localeCompare(b.free.booking.slotId))
    .map(({ free }) => free);
}

interface SlotBundleIndex {
  schedules: Map<string, FhirSchedule>;
  practitioners: Map<string, FhirPractitioner>;
  locations: Map<string, FhirLocation>;
  services: Map<string, FhirHealthcareService>;
  organizations: Map<string, FhirOrganization>;
}

/**
 * Joins each Slot to its Schedule and the Schedule's actors by `Type/id` (never `fullUrl`, which the spec tells
 * consumers not to use). Slots we cannot describe or book truthfully are left out: not free, no Schedule, no
 * Location actor, or a delivery channel we do not know. A missing Practitioner is fine (many sessions have none).
 *
 * Per slot only what differs between slots is worked out: everything from the Schedule is done once per Schedule
 * and shared (the same location, practitioner and role objects in every slot of a session), and each start is
 * parsed once.
 */
export function freeSlotsFromBundle(bundle: FhirSlotBundle, odsCode: string): FreeSlot[] {
  const index: SlotBundleIndex = {
    schedules: new Map(),
    practitioners: new Map(),
    locations: new Map(),
    services: new Map(),
    organizations: new Map(),
  };
  const slots: FhirSlot[] = [];
  for (const { resource } of bundle.entry ?? []) {
    if (isSlot(resource)) slots.push(resource);
    else if (isSchedule(resource)) index.schedules.set(resource.id, resource);
    else if (isPractitioner(resource)) index.practitioners.set(resource.id, resource);
    else if (isLocation(resource)) index.locations.set(resource.id, resource);
    else if (isHealthcareService(resource)) index.services.set(resource.id, resource);
    else if (isOrganization(resource)) index.organizations.set(resource.id, resource);
  }
  const practice = practiceOrganization(index.organizations, odsCode);
  // Everything that comes from the Schedule is worked out once per Schedule reference, not once per slot.
  const sessions = new Map<string, SessionView | undefined>();
  const sessionOf = (reference: string) => {
    let session = sessions.get(reference);
    if (session === undefined && !sessions.has(reference)) {
      const scheduleId = idOfReference(reference, 'Schedule');
      session = scheduleId === undefined ? undefined : sessionView(scheduleId, index, odsCode, practice);
      sessions.set(reference, session);
    }
    return session;
  };
  // One per slot id (the last one sent, as mergeFreeSlots keeps it), sorted by start.
  const byId = new Map<string, { free: FreeSlot; startMs: number }>();
  for (const slot of slots) {
    const joined = joinSlot(slot, sessionOf, odsCode);
    if (joined) byId.set(slot.id, joined);
  }
  return sortByStart([...byId.values()]);
}

/** What every slot of one Schedule shares: where, with whom, in which role and service. */
interface SessionView {
  scheduleId: string;
  locationId: string;
  practitionerId: string | undefined;
  serviceId: string | undefined;
  location: AppointmentLocation;
  practitioner: Practitioner | undefined;
  role: PractitionerRole;
  scheduleType: string | undefined;
  serviceName: string | undefined;
}

/** The Schedule's view, or undefined when it is missing from the bundle or has no Location actor. */
function sessionView(
  scheduleId: string,
  index: SlotBundleIndex,
  odsCode: string,
  practice: FhirOrganization | undefined,
): SessionView | undefined {
  const schedule = index.schedules.get(scheduleId);
  if (!schedule) return undefined;
  const actorId = (type: string) =>
    schedule.actor.map((actor) => idOfReference(actor.reference, type)).find((id) => id !== undefined);
  const locationId = actorId('Location');
  if (!locationId) return undefined;
  const practitionerId = actorId('Practitioner');
  const serviceId = actorId('HealthcareService');
  const locationResource = index.locations.get(locationId);
  const location =
    (locationResource && locationView(locationResource)) ??
    locationFromPractice(locationId, {
      name: odsCode,
      organization: practiceOf(locationResource, index) ?? practice,
    });
  const practitionerResource =
    practitionerId === undefined ? undefined : index.practitioners.get(practitionerId);
  return {
    scheduleId,
    locationId,
    practitionerId,
    serviceId,
    location,
    practitioner: practitionerResource && practitionerView(practitionerResource),
    role: practitionerRoleFromExtensions(schedule.extension),
    scheduleType: schedule.serviceCategory?.text?.trim() || undefined,
    serviceName:
      serviceId === undefined ? undefined : index.services.get(serviceId)?.name?.trim() || undefined,
  };
}

function joinSlot(
  slot: FhirSlot,
  sessionOf: (scheduleReference: string) => SessionView | undefined,
  odsCode: string,
): { free: FreeSlot; startMs: number } | undefined {
  if (slot.status !== 'free') return undefined;
  const session = sessionOf(slot.schedule.reference);
  if (!session) return undefined;
  const channel = channelFromGpConnect(deliveryChannelCodeOf(slot.extension));
  if (!channel) return undefined;
  const slotType = slotTypeOf(slot) || session.scheduleType || 'Appointment';
  const startMs = Date.parse(slot.start);
  const endMs = Date.parse(slot.end);
  const start = londonDateTimeWithOffset(new Date(startMs));

  const view: Slot = {
    id: encodeSlotId({ odsCode, date: start.slice(0, start.indexOf('T')), slotId: slot.id }),
    start,
    end: londonDateTimeWithOffset(new Date(endMs)),
    durationMinutes: Math.max(1, Math.round((endMs - startMs) / 60_000)),
    role: session.role,
    channel,
    slotType,
    location: session.location,
  };
  if (session.practitioner) view.practitioner = session.practitioner;
  if (session.scheduleType) view.scheduleType = session.scheduleType;
  if (session.serviceName) view.serviceName = session.serviceName;

  const booking: SlotBookingDetails = {
    slotId: slot.id,
    scheduleId: session.scheduleId,
    start: slot.start,
    end: slot.end,
    locationId: session.locationId,
    channel,
    slotType,
  };
  if (session.practitionerId) booking.practitionerId = session.practitionerId;
  if (session.serviceId) booking.healthcareServiceId = session.serviceId;
  return { free: { slot: view, booking }, startMs };
}

/** `Slot.serviceType`'s first non-blank text, trimmed. */
function slotTypeOf(slot: FhirSlot): string | undefined {
  for (const type of slot.serviceType ?? []) {
    const text = type.text?.trim();
    if (text) return text;
  }
  return undefined;
}

/** The practice's Organization: the known issue says it is in every bundle with slots; match on ODS code. */
function practiceOrganization(organizations: Map<string, FhirOrganization>, odsCode: string) {
  const all = [...organizations.values()];
  return (
    all.find((organization) =>
      organization.identifier?.some(
        (identifier) => identifier.system === SYS.odsOrg && identifier.value === odsCode,
      ),
    ) ?? (all.length === 1 ? all[0] : undefined)
  );
}

function practiceOf(
  location: FhirLocation | undefined,
  index: SlotBundleIndex,
): FhirOrganization | undefined {
  const id = idOfReference(location?.managingOrganization?.reference, 'Organization');
  return id === undefined ? undefined : index.organizations.get(id);
}

type BundleResource = NonNullable<FhirSlotBundle['entry']>[number]['resource'];
const isSlot = (resource: BundleResource): resource is FhirSlot => resource.resourceType === 'Slot';
const isSchedule = (resource: BundleResource): resource is FhirSchedule =>
  resource.resourceType === 'Schedule';
const isPractitioner = (resource: BundleResource): resource is FhirPractitioner =>
  resource.resourceType === 'Practitioner';
const isLocation = (resource: BundleResource): resource is FhirLocation =>
  resource.resourceType === 'Location';
const isHealthcareService = (resource: BundleResource): resource is FhirHealthcareService =>
  resource.resourceType === 'HealthcareService';
const isOrganization = (resource: BundleResource): resource is FhirOrganization =>
  resource.resourceType === 'Organization';
