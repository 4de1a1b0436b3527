import { EXT, PROFILE, SYS } from '../../gpconnect/constants.js';
import { SDS_JOB_ROLES, type SdsJobRoleCode } from '../../gpconnect/job-roles.js';
import type { ScheduleConfig } from '../config/schema.js';
import type { SlotRecord } from '../store/store.js';
import { contentVersion, fieldsVersion } from './common.js';
import type { Extension, WrittenSchedule, WrittenSlot } from './fhir-types.js';

export function practitionerRoleExtension(role: SdsJobRoleCode) {
  return {
    url: EXT.practitionerRole,
    valueCodeableConcept: {
      coding: [{ system: SYS.sdsJobRole, code: role, display: SDS_JOB_ROLES[role].display }],
    },
  } satisfies Extension;
}

/** A GPConnect-Slot-1. No `comment` or `specialty` (§3.9); the slot type is `serviceType[0].text`. */
export function slotResource(slot: SlotRecord) {
  const content = {
    resourceType: 'Slot' as const,
    id: slot.id,
    extension: [{ url: EXT.deliveryChannel, valueCode: slot.deliveryChannel }],
    serviceType: [{ text: slot.slotType }],
    schedule: { reference: `Schedule/${slot.scheduleId}` },
    status: slot.status,
    start: slot.startText,
    end: slot.endText,
  } satisfies Omit<WrittenSlot, 'meta'>;
  // Slot searches return thousands of these: a cheap hash of the fields that can change, not of the JSON.
  const versionId = fieldsVersion(
    slot.id,
    slot.scheduleId,
    slot.status,
    slot.startText,
    slot.endText,
    slot.slotType,
    slot.deliveryChannel,
  );
  return { ...content, meta: { versionId, profile: [PROFILE.slot] } } satisfies WrittenSlot;
}

/**
 * A GPConnect-Schedule-1. The Location actor is always there (the surgery the appointment is at); the
 * HealthcareService actor only when service filtering is in effect (§8.2). The planning horizon spans the
 * slots being returned with it.
 */
export function scheduleResource(
  schedule: ScheduleConfig,
  horizon: { start: string; end: string },
  serviceInEffect: string | undefined,
) {
  const content = {
    resourceType: 'Schedule' as const,
    id: schedule.id,
    extension: [practitionerRoleExtension(schedule.role)],
    serviceCategory: { text: schedule.scheduleType },
    actor: [
      { reference: `Location/${schedule.locationId}` },
      ...(schedule.practitionerId ? [{ reference: `Practitioner/${schedule.practitionerId}` }] : []),
      ...(serviceInEffect ? [{ reference: `HealthcareService/${serviceInEffect}` }] : []),
    ],
    planningHorizon: horizon,
  } satisfies Omit<WrittenSchedule, 'meta'>;
  return {
    ...content,
    meta: { versionId: contentVersion(content), profile: [PROFILE.schedule] },
  } satisfies WrittenSchedule;
}
