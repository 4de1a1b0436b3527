import type { PracticeConfig } from '../config/schema.js';
import { gpcError } from '../outcomes.js';
import type { AppointmentRecord } from '../store/store.js';
import { participantOf, type AppointmentRequest } from './request.js';

/**
 * What an amend or cancel may change (§3.13, §3.14): amend only description and comment; cancel only status and
 * the cancellation reason. Everything else sent must equal the stored appointment (an amend's serviceCategory and
 * serviceType excepted: they are ignored), or the request is 422 INVALID_RESOURCE naming the element that differs.
 */
function invalid(message: string): never {
  throw gpcError('INVALID_RESOURCE', message);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function checkUnchanged(
  practice: PracticeConfig,
  current: AppointmentRecord,
  request: AppointmentRequest,
  kind: 'amend' | 'cancel',
): void {
  const schedule = practice.schedules.find((candidate) => candidate.id === current.scheduleId);
  if (request.start !== current.startText || request.end !== current.endText)
    invalid('Appointment start and end cannot change');
  if (!sameSet(request.slotIds, current.slotIds)) invalid('Appointment slots cannot change');
  if (participantOf(request, 'Patient') !== current.patientId)
    invalid('The Patient participant cannot change');
  if (participantOf(request, 'Location') !== schedule?.locationId)
    invalid('The Location participant cannot change');
  const practitioner = participantOf(request, 'Practitioner');
  if (practitioner !== undefined && practitioner !== schedule?.practitionerId)
    invalid('The Practitioner participant cannot change');
  const service = participantOf(request, 'HealthcareService');
  if (service !== undefined && service !== schedule?.serviceId)
    invalid('The HealthcareService participant cannot change');
  const allowedTypes = new Set(['Patient', 'Location', 'Practitioner', 'HealthcareService']);
  if (request.participants.some((participant) => !allowedTypes.has(participant.type)))
    invalid('Participants cannot be added');
  const organisation = request.bookingOrganisation;
  const stored = current.bookingOrganisation;
  if (
    organisation.odsCode !== stored.odsCode ||
    organisation.name !== stored.name ||
    !sameSet(
      organisation.telecom.map((t) => `${t.system}|${t.value}`),
      stored.telecom.map((t) => `${t.system}|${t.value}`),
    )
  ) {
    invalid('The booking organisation cannot change');
  }
  // The appointment keeps no priority of its own (it is never populated), so sending one changes it.
  if (request.priority !== undefined) invalid('Appointment.priority cannot change');
  if (request.deliveryChannel !== undefined && request.deliveryChannel !== current.deliveryChannel) {
    invalid('The delivery channel cannot change');
  }
  if (request.practitionerRole !== undefined && request.practitionerRole !== schedule?.role) {
    invalid('The practitioner role cannot change');
  }
  // Amend: the schedule type and slot type (serviceCategory/serviceType, 1.2.7) are the practice's names, shown to
  // the consumer and sent back as read; they are not the consumer's to amend, so they are accepted and ignored.
  // Cancel keeps refusing any change to them (docs/decisions/0030).
  if (kind === 'cancel') {
    if (request.serviceCategoryText !== undefined && request.serviceCategoryText !== schedule?.scheduleType) {
      invalid('Appointment.serviceCategory cannot change');
    }
    if (request.serviceTypeTexts !== undefined && !sameSet(request.serviceTypeTexts, [current.slotType])) {
      invalid('Appointment.serviceType cannot change');
    }
  }
  const minutes = Math.round((current.endMs - current.startMs) / 60_000);
  if (request.minutesDuration !== undefined && request.minutesDuration !== minutes)
    invalid('minutesDuration cannot change');
}

/** Validates an amend; returns the new description and comment. */
export function amendChanges(
  practice: PracticeConfig,
  current: AppointmentRecord,
  request: AppointmentRequest,
): { description: string; comment: string | undefined } {
  if (request.status !== 'booked')
    invalid('An amend must keep status booked; cancel with the cancel interaction');
  if (request.cancellationReason !== undefined) invalid('An amend must not carry a cancellation reason');
  if (request.description === undefined || request.description.trim().length === 0)
    invalid('Appointment.description is required');
  checkUnchanged(practice, current, request, 'amend');
  return { description: request.description, comment: request.comment };
}

/** Validates a cancel; returns the cancellation reason. */
export function cancelChanges(
  practice: PracticeConfig,
  current: AppointmentRecord,
  request: AppointmentRequest,
): string {
  if (request.status !== 'cancelled') invalid('A cancel must set status cancelled');
  if (request.description !== current.description) invalid('Appointment.description cannot change on cancel');
  if ((request.comment ?? undefined) !== current.comment)
    invalid('Appointment.comment cannot change on cancel');
  checkUnchanged(practice, current, request, 'cancel');
  // An empty reason is an invalid parameter, not an invalid resource (assurance suite; docs/decisions/0013).
  if (request.cancellationReason === undefined || request.cancellationReason.trim().length === 0) {
    throw gpcError('INVALID_PARAMETER', 'A cancellation reason is required');
  }
  return request.cancellationReason;
}
