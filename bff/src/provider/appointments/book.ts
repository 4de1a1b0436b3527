import { offerSlot } from '../availability/access.js';
import type { PracticeConfig } from '../config/schema.js';
import { isServedPatient } from '../handlers/patient-status.js';
import { gpcError } from '../outcomes.js';
import type { AppointmentRecord, ProviderStore, SlotRecord } from '../store/store.js';
import { londonIso } from '../time/london.js';
import { participantOf, type AppointmentRequest } from './request.js';

function invalid(message: string): never {
  throw gpcError('INVALID_RESOURCE', message);
}

/** Adjacency (§8.4): one schedule, one delivery channel, one slot type, each slot starting as the last ends. */
function checkContiguous(slots: SlotRecord[]): void {
  for (let i = 1; i < slots.length; i++) {
    const previous = slots[i - 1];
    const slot = slots[i];
    if (!previous || !slot) continue;
    if (slot.scheduleId !== previous.scheduleId) invalid('All slots must belong to the same schedule');
    if (slot.deliveryChannel !== previous.deliveryChannel)
      invalid('All slots must have the same delivery channel');
    if (slot.slotType !== previous.slotType) invalid('All slots must have the same slot type');
    if (slot.startMs !== previous.endMs) invalid('The slots must be adjacent');
  }
}

/**
 * Books an appointment in ONE `BEGIN IMMEDIATE` transaction: every check that depends on the appointment book
 * (slot still free, access profile allowance) is made after the write lock is held, and the slots are marked
 * busy before it is released, so two bookings of one slot can never both succeed.
 */
export function bookAppointment(
  store: ProviderStore,
  practice: PracticeConfig,
  request: AppointmentRequest,
  now: Date,
): AppointmentRecord {
  if (request.id !== undefined) invalid('A new Appointment must not carry an id');
  if (request.status !== 'booked') invalid('A new Appointment must have status booked');
  if (request.description === undefined || request.description.trim().length === 0) {
    invalid('Appointment.description is required');
  }
  if (request.cancellationReason !== undefined)
    invalid('A new Appointment must not carry a cancellation reason');
  const patientId = participantOf(request, 'Patient');
  const locationId = participantOf(request, 'Location');
  const practitionerId = participantOf(request, 'Practitioner');
  const serviceId = participantOf(request, 'HealthcareService');
  if (patientId === undefined) invalid('A Patient participant is required');
  if (locationId === undefined) invalid('A Location participant is required');
  // Patient reference not found → 422 INVALID_RESOURCE (DEMO validateParticipantActor).
  if (!isServedPatient(store.patient(practice.odsCode, patientId)))
    invalid(`Patient/${patientId} is not a known patient`);
  const nowMs = now.getTime();
  const description = request.description;

  return store.immediate(() => {
    const found = store.slots(practice.odsCode, request.slotIds);
    // See docs/decisions/0012: an unknown slot is INVALID_RESOURCE, as the assurance suite expects.
    const missing = request.slotIds.find((_, i) => found[i] === undefined);
    if (missing !== undefined) invalid(`Reference to Slot/${missing}: no such slot exists at this practice`);
    const slots = found
      .filter((slot): slot is SlotRecord => slot !== undefined)
      .sort((a, b) => a.startMs - b.startMs);
    checkContiguous(slots);
    const first = slots[0];
    const last = slots[slots.length - 1];
    if (!first || !last) invalid('At least one slot is required');
    if (request.start !== first.startText || request.end !== last.endText) {
      invalid(`Appointment start and end must be those of the slots (${first.startText} to ${last.endText})`);
    }
    const schedule = practice.schedules.find((candidate) => candidate.id === first.scheduleId);
    if (!schedule) invalid('The slot belongs to no current schedule');
    if (locationId !== schedule.locationId)
      invalid(`The Location participant must be Location/${schedule.locationId}`);
    if (practitionerId !== undefined && practitionerId !== schedule.practitionerId) {
      invalid('The Practitioner participant is not the practitioner of the slot');
    }
    if (serviceId !== undefined && serviceId !== schedule.serviceId) {
      invalid('The HealthcareService participant is not the service of the slot');
    }
    if (request.deliveryChannel !== undefined && request.deliveryChannel !== first.deliveryChannel) {
      invalid('The delivery channel is not that of the slot');
    }
    if (request.practitionerRole !== undefined && request.practitionerRole !== schedule.role) {
      invalid('The practitioner role is not that of the schedule');
    }
    const minutes = Math.round((last.endMs - first.startMs) / 60_000);
    if (request.minutesDuration !== undefined && request.minutesDuration !== minutes) {
      invalid(`minutesDuration must be ${minutes}, the length of the slots`);
    }
    // See docs/decisions/0011: a past appointment is INVALID_RESOURCE on every body-carrying interaction.
    if (first.startMs <= nowMs) invalid('The appointment start is in the past');
    if (slots.some((slot) => slot.status !== 'free')) {
      throw gpcError('DUPLICATE_REJECTED', 'The slot is already in use');
    }
    // The same rule search applies, fed from the booking organisation (docs/decisions/0010).
    const state = {
      practice,
      nowMs,
      bookedByProfile: store.futureBookedSlotsByProfile(practice.odsCode, nowMs),
    };
    const consumer = {
      orgType: request.bookingOrganisation.orgType,
      odsCode: request.bookingOrganisation.odsCode,
    };
    const offers = slots.map((slot) => offerSlot(slot, consumer, state, slots.length));
    const refused = offers.find((offer) => !offer.ok);
    if (refused && !refused.ok) {
      invalid(`The slot is not available to the booking organisation (${refused.refusal})`);
    }
    const firstOffer = offers[0];
    const profile = firstOffer?.ok ? firstOffer.profile : undefined;
    return store.insertAppointment(
      {
        practice: practice.odsCode,
        patientId,
        scheduleId: schedule.id,
        startMs: first.startMs,
        endMs: last.endMs,
        startText: first.startText,
        endText: last.endText,
        slotType: first.slotType,
        deliveryChannel: first.deliveryChannel,
        description,
        comment: request.comment,
        createdText: request.created ?? londonIso(now),
        bookingOrganisation: request.bookingOrganisation,
        accessProfile: profile?.id,
        slotIds: slots.map((slot) => slot.id),
      },
      nowMs,
    );
  });
}
