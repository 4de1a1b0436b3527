import type { Appointment } from '@gpbook/shared/appointments';
import { londonDateTimeWithOffset, minutesBetween } from '@gpbook/shared/time';
import { splitComment } from './appointments.js';
import {
  channelFromGpConnect,
  deliveryChannelCodeOf,
  extensionOf,
  practitionerRoleFromExtensions,
} from './codes.js';
import { EXT } from './constants.js';
import type { FhirAppointment, FhirLocation, FhirPractitioner } from './fhir-schemas.js';
import { encodeAppointmentId, idOfReference } from './ids.js';
import {
  locationFromPractice,
  locationView,
  practitionerView,
  type ReferenceReader,
} from './participants.js';

/** A GP Connect Appointment as the patient sees it. */

export interface AppointmentViewContext {
  /** The practice whose system holds the appointment. */
  practice: { odsCode: string; name: string };
  /** The Practitioner participant, read with `readPractitioner`, when there is one. */
  practitioner?: FhirPractitioner | undefined;
  /** The Location participant, read with `readLocation`; without it the practice stands in. */
  location?: FhirLocation | undefined;
  /** For `canCancel` / `canAmend`; defaults to the current time. */
  now?: Date;
}

/** The logical ids of the appointment's Practitioner and Location participants. */
export function participantIdsOf(appointment: FhirAppointment): {
  practitionerId?: string;
  locationId?: string;
} {
  const idOf = (type: string) =>
    appointment.participant
      .map((participant) => idOfReference(participant.actor.reference, type))
      .find(Boolean);
  const practitionerId = idOf('Practitioner');
  const locationId = idOf('Location');
  return { ...(practitionerId ? { practitionerId } : {}), ...(locationId ? { locationId } : {}) };
}

/**
 * Maps an Appointment for the patient, or undefined for one entered in error (not an appointment at all). Role and
 * channel come from the extensions the provider adds; any status other than cancelled (booked, arrived,
 * fulfilled…) shows as booked, and only a booked appointment that has not started may be cancelled or amended.
 */
export function toPatientAppointment(
  appointment: FhirAppointment,
  context: AppointmentViewContext,
): Appointment | undefined {
  if (appointment.status === 'entered-in-error') return undefined;
  const { odsCode, name } = context.practice;
  const cancelled = appointment.status === 'cancelled';
  const changeable =
    appointment.status === 'booked' && Date.parse(appointment.start) > (context.now ?? new Date()).getTime();
  const practitioner = context.practitioner && practitionerView(context.practitioner);
  const locationId = participantIdsOf(appointment).locationId ?? context.location?.id ?? 'unknown';
  const location =
    (context.location && locationView(context.location)) ?? locationFromPractice(locationId, { name });
  const { phone, comment } = splitComment(appointment.comment);
  const reason = extensionOf(appointment.extension, EXT.cancellationReason)?.valueString;
  const slotType =
    appointment.serviceType?.find((type) => type.text?.trim())?.text?.trim() ||
    appointment.serviceCategory?.text?.trim() ||
    'Appointment';
  return {
    id: encodeAppointmentId({ odsCode, logicalId: appointment.id }),
    practice: { odsCode, name },
    status: cancelled ? 'cancelled' : 'booked',
    start: londonDateTimeWithOffset(appointment.start),
    end: londonDateTimeWithOffset(appointment.end),
    durationMinutes: Math.max(1, minutesBetween(appointment.start, appointment.end)),
    ...(practitioner ? { practitioner } : {}),
    role: practitionerRoleFromExtensions(appointment.extension),
    // An unknown channel code on a booked appointment cannot be hidden like a slot can; in person is the default.
    channel: channelFromGpConnect(deliveryChannelCodeOf(appointment.extension)) ?? 'in-person',
    slotType,
    location,
    description: appointment.description ?? '',
    ...(comment ? { comment } : {}),
    ...(phone ? { phone } : {}),
    ...(cancelled && reason ? { cancellationReason: reason } : {}),
    ...(appointment.created ? { created: londonDateTimeWithOffset(appointment.created) } : {}),
    ...(appointment.meta?.versionId ? { version: appointment.meta.versionId } : {}),
    canCancel: changeable,
    canAmend: changeable,
  };
}

/** Reads the appointment's practitioner and location (through the per-request `reader`) and maps it. */
export async function describeAppointment(
  appointment: FhirAppointment,
  reader: ReferenceReader,
  context: Omit<AppointmentViewContext, 'practitioner' | 'location'>,
): Promise<Appointment | undefined> {
  const { practitionerId, locationId } = participantIdsOf(appointment);
  const [practitioner, location] = await Promise.all([
    practitionerId ? reader.practitioner(practitionerId) : undefined,
    locationId ? reader.location(locationId) : undefined,
  ]);
  return toPatientAppointment(appointment, { ...context, practitioner, location });
}
