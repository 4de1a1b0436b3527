import { EXT, ORG_TYPES, PROFILE, SYS } from '../../gpconnect/constants.js';
import type { PracticeConfig, ScheduleConfig } from '../config/schema.js';
import { gpcError } from '../outcomes.js';
import type { AppointmentRecord, BookingOrganisation } from '../store/store.js';
import type { Extension, WrittenAppointment, WrittenContainedOrganization } from './fhir-types.js';
import { practitionerRoleExtension } from './slot.js';

function bookingOrganisationResource(organisation: BookingOrganisation) {
  const type = organisation.orgType
    ? [
        {
          coding: [
            { system: SYS.orgType, code: organisation.orgType, display: ORG_TYPES[organisation.orgType] },
          ],
        },
      ]
    : organisation.otherType
      ? [{ coding: [organisation.otherType] }]
      : undefined;
  return {
    resourceType: 'Organization' as const,
    id: organisation.containedId,
    meta: { profile: [PROFILE.organization] },
    identifier: [{ system: SYS.odsOrg, value: organisation.odsCode }],
    ...(type ? { type } : {}),
    name: organisation.name,
    telecom: organisation.telecom,
  } satisfies WrittenContainedOrganization;
}

/**
 * A GPConnect-Appointment-1 as every appointment interaction returns it. Practitioner, location, role and
 * schedule type are read from the schedule as it is now, so a change to the schedule shows in later reads
 * (§8.8 "state reflection"). `reason` and `specialty` are never populated.
 */
export function appointmentResource(
  practice: PracticeConfig,
  appointment: AppointmentRecord,
  serviceFilteringEnabled: boolean,
) {
  const schedule: ScheduleConfig | undefined = practice.schedules.find(
    (candidate) => candidate.id === appointment.scheduleId,
  );
  // Without its schedule the appointment cannot be built to profile: the spec's answer is a 500.
  if (!schedule)
    throw gpcError('INTERNAL_SERVER_ERROR', 'The appointment refers to a schedule that no longer exists');
  const organisation = bookingOrganisationResource(appointment.bookingOrganisation);
  const extension: Extension[] = [
    { url: EXT.bookingOrganisation, valueReference: { reference: `#${organisation.id}` } },
    practitionerRoleExtension(schedule.role),
    { url: EXT.deliveryChannel, valueCode: appointment.deliveryChannel },
  ];
  if (appointment.cancellationReason !== undefined) {
    extension.push({ url: EXT.cancellationReason, valueString: appointment.cancellationReason });
  }
  const participant = [
    { actor: { reference: `Patient/${appointment.patientId}` }, status: 'accepted' },
    { actor: { reference: `Location/${schedule.locationId}` }, status: 'accepted' },
    ...(schedule.practitionerId
      ? [{ actor: { reference: `Practitioner/${schedule.practitionerId}` }, status: 'accepted' }]
      : []),
    ...(serviceFilteringEnabled && schedule.serviceId
      ? [{ actor: { reference: `HealthcareService/${schedule.serviceId}` }, status: 'accepted' }]
      : []),
  ];
  return {
    resourceType: 'Appointment' as const,
    id: appointment.id,
    meta: { versionId: String(appointment.version), profile: [PROFILE.appointment] },
    contained: [organisation],
    extension,
    status: appointment.status,
    serviceCategory: { text: schedule.scheduleType },
    serviceType: [{ text: appointment.slotType }],
    description: appointment.description,
    start: appointment.startText,
    end: appointment.endText,
    minutesDuration: Math.round((appointment.endMs - appointment.startMs) / 60_000),
    slot: appointment.slotIds.map((id) => ({ reference: `Slot/${id}` })),
    created: appointment.createdText,
    ...(appointment.comment !== undefined
      ? ({ comment: appointment.comment } satisfies Partial<WrittenAppointment>)
      : {}),
    participant,
  } satisfies WrittenAppointment;
}

export type AppointmentResource = ReturnType<typeof appointmentResource>;
