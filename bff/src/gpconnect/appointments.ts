import { londonDateTimeWithOffset, type LondonDate } from '@gpbook/shared/time';
import type { PracticeCaller } from './bound-caller.js';
import { EXT, PROFILE, SYS, type OrgTypeCode } from './constants.js';
import { GpConnectError } from './errors.js';
import { appointmentSchema, searchsetSchema, type FhirAppointment } from './fhir-schemas.js';
import { idOfReference } from './ids.js';
import type { SlotBookingDetails } from './slots.js';

/** Book, read, retrieve, amend and cancel appointments (§3.10–3.14). */

/** Us, as the organisation that books: the contained Organization of every Appointment we create. */
export interface BookingOrganisation {
  odsCode: string;
  name: string;
  /** A number the practice can call us on (providers reject a booking organisation without one). */
  phone: string;
  /** The organisation type sent as searchFilter in the slot search. */
  orgType: OrgTypeCode;
}

export interface BookingInput {
  /** One slot, or adjacent slots of one Schedule in start order. */
  slots: readonly SlotBookingDetails[];
  /** The patient's logical id at this practice (from `findPatient`). */
  patientId: string;
  bookingOrganisation: BookingOrganisation;
  description: string;
  comment?: string | undefined;
  /** For telephone appointments: the number the practice should call; it goes at the top of the comment. */
  phone?: string | undefined;
  /** Defaults to the current time. */
  now?: Date;
}

const BOOKING_ORGANISATION_ID = '1';

/** The Appointment we POST to book (§3.10), field by field as the spec's example. */
export function buildBookAppointmentRequest(input: BookingInput) {
  const first = input.slots[0];
  const last = input.slots[input.slots.length - 1];
  if (!first || !last) throw new RangeError('A booking needs at least one slot');
  const organisation = input.bookingOrganisation;
  const comment = composeComment({ phone: input.phone, comment: input.comment });
  return {
    resourceType: 'Appointment' as const,
    meta: { profile: [PROFILE.appointment] },
    contained: [
      {
        resourceType: 'Organization' as const,
        id: BOOKING_ORGANISATION_ID,
        meta: { profile: [PROFILE.organization] },
        identifier: [{ system: SYS.odsOrg, value: organisation.odsCode }],
        type: [{ coding: [{ system: SYS.orgType, code: organisation.orgType }] }],
        name: organisation.name,
        telecom: [{ system: 'phone', value: organisation.phone }],
      },
    ],
    extension: [
      { url: EXT.bookingOrganisation, valueReference: { reference: `#${BOOKING_ORGANISATION_ID}` } },
    ],
    status: 'booked' as const,
    description: input.description,
    // Verbatim: providers require the strings to match the slots' exactly.
    start: first.start,
    end: last.end,
    slot: input.slots.map((slot) => ({ reference: `Slot/${slot.slotId}` })),
    created: londonDateTimeWithOffset(input.now ?? new Date()),
    ...(comment !== undefined ? { comment } : {}),
    participant: [
      { actor: { reference: `Patient/${input.patientId}` }, status: 'accepted' as const },
      { actor: { reference: `Location/${first.locationId}` }, status: 'accepted' as const },
      ...(first.practitionerId
        ? [{ actor: { reference: `Practitioner/${first.practitionerId}` }, status: 'accepted' as const }]
        : []),
    ],
  };
}
export type BookAppointmentRequest = ReturnType<typeof buildBookAppointmentRequest>;

/** An Appointment and the version to send back as `If-Match` when changing it. */
export interface VersionedAppointment {
  appointment: FhirAppointment;
  /** `W/"<versionId>"`. */
  ifMatch: string;
}

/**
 * Book an appointment. Never retried: if the answer is lost (`unreachable`) the booking may have been made, and
 * 409 DUPLICATE_REJECTED means a slot was taken since the search.
 */
export async function bookAppointment(
  caller: PracticeCaller,
  request: BookAppointmentRequest,
): Promise<VersionedAppointment> {
  const response = await caller.call({
    interaction: 'appointmentCreate',
    method: 'POST',
    path: '/Appointment',
    body: request,
    schema: appointmentSchema,
  });
  return versioned(response.body, response.etag, 'appointmentCreate');
}

/** Read an appointment (future ones only: providers refuse past ones). */
export async function readAppointment(
  caller: PracticeCaller,
  logicalId: string,
): Promise<VersionedAppointment> {
  const response = await caller.call({
    interaction: 'appointmentRead',
    method: 'GET',
    path: `/Appointment/${encodeURIComponent(logicalId)}`,
    schema: appointmentSchema,
  });
  return versioned(response.body, response.etag, 'appointmentRead');
}

const appointmentBundleSchema = searchsetSchema(appointmentSchema);

/**
 * Retrieve a patient's appointments (§3.12) from `start` (today at the earliest: providers refuse past ranges) to
 * `end`, dates only. Includes cancelled appointments: GP Connect filters nothing out.
 */
export async function retrievePatientAppointments(
  caller: PracticeCaller,
  range: { patientId: string; start: LondonDate; end: LondonDate },
): Promise<FhirAppointment[]> {
  const { body } = await caller.call({
    interaction: 'patientAppointments',
    method: 'GET',
    path: `/Patient/${encodeURIComponent(range.patientId)}/Appointment`,
    query: [
      ['start', `ge${range.start}`],
      ['start', `le${range.end}`],
    ],
    schema: appointmentBundleSchema,
  });
  return (body.entry ?? []).map((entry) => entry.resource);
}

export interface AppointmentChanges {
  description?: string | undefined;
  /** An empty string removes the comment. */
  comment?: string | undefined;
}

/** The appointment as read with only its description and comment changed: all an amend may change (§3.13). */
export function amendedAppointment(current: FhirAppointment, changes: AppointmentChanges): FhirAppointment {
  const next: FhirAppointment = structuredClone(current);
  if (changes.description !== undefined) next.description = changes.description;
  if (changes.comment !== undefined) {
    // The patient edits their own words; a phone number we added at booking stays.
    const comment = composeComment({ phone: splitComment(current.comment).phone, comment: changes.comment });
    if (comment !== undefined) next.comment = comment;
    else delete next.comment;
  }
  return next;
}

const PHONE_LABEL = 'Patient phone: ';

/**
 * The stored comment for a patient's comment and, for telephone appointments, the number to call. GP Connect has
 * no field for a contact number; the spec's known-issue workaround puts it in the free text the practice reads.
 */
export function composeComment(parts: {
  phone?: string | undefined;
  comment?: string | undefined;
}): string | undefined {
  const lines = [parts.phone ? `${PHONE_LABEL}${parts.phone}` : '', parts.comment?.trim() ?? ''].filter(
    (line) => line.length > 0,
  );
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** The parts of a stored comment: the phone line we wrote at booking, and the rest. */
export function splitComment(stored: string | undefined): { phone?: string; comment?: string } {
  if (stored === undefined) return {};
  const [firstLine = '', ...rest] = stored.split('\n');
  if (!firstLine.startsWith(PHONE_LABEL)) return stored.trim() ? { comment: stored } : {};
  const phone = firstLine.slice(PHONE_LABEL.length).trim();
  const comment = rest.join('\n').trim();
  return { ...(phone ? { phone } : {}), ...(comment ? { comment } : {}) };
}

/** Amend the description and/or comment of `current` (as last read, with its `ifMatch`). */
export async function amendAppointment(
  caller: PracticeCaller,
  current: VersionedAppointment,
  changes: AppointmentChanges,
): Promise<VersionedAppointment> {
  return updateAppointment(
    caller,
    'appointmentAmend',
    current,
    amendedAppointment(current.appointment, changes),
  );
}

/**
 * The appointment as read with status `cancelled` and the cancellation reason extension: all a cancel may change
 * (§3.14). A reason already present is replaced rather than repeated.
 */
export function cancelledAppointment(current: FhirAppointment, reason: string): FhirAppointment {
  const next: FhirAppointment = structuredClone(current);
  next.status = 'cancelled';
  next.extension = [
    ...(next.extension ?? []).filter((extension) => extension.url !== EXT.cancellationReason),
    { url: EXT.cancellationReason, valueString: reason },
  ];
  return next;
}

/** Cancel `current` (as last read, with its `ifMatch`) giving the patient's reason. */
export async function cancelAppointment(
  caller: PracticeCaller,
  current: VersionedAppointment,
  reason: string,
): Promise<VersionedAppointment> {
  return updateAppointment(
    caller,
    'appointmentCancel',
    current,
    cancelledAppointment(current.appointment, reason),
  );
}

async function updateAppointment(
  caller: PracticeCaller,
  interaction: 'appointmentAmend' | 'appointmentCancel',
  current: VersionedAppointment,
  body: FhirAppointment,
): Promise<VersionedAppointment> {
  const response = await caller.call({
    interaction,
    method: 'PUT',
    path: `/Appointment/${encodeURIComponent(current.appointment.id)}`,
    body,
    ifMatch: current.ifMatch,
    schema: appointmentSchema,
  });
  return versioned(response.body, response.etag, interaction);
}

function versioned(
  appointment: FhirAppointment,
  etag: string | undefined,
  interaction: string,
): VersionedAppointment {
  const versionId = appointment.meta?.versionId;
  if (versionId) return { appointment, ifMatch: `W/"${versionId}"` };
  if (etag)
    return {
      appointment,
      ifMatch: etag.startsWith('W/') ? etag : `W/${etag.startsWith('"') ? etag : `"${etag}"`}`,
    };
  throw new GpConnectError(
    { kind: 'invalid_response', status: 200, detail: 'Appointment has neither meta.versionId nor an ETag' },
    interaction,
  );
}

/** The patient's logical id in the appointment's Patient participant. */
export function patientIdOf(appointment: FhirAppointment): string | undefined {
  return appointment.participant
    .map((participant) => idOfReference(participant.actor.reference, 'Patient'))
    .find(Boolean);
}

/** Whether the appointment is this patient's: check before showing, amending or cancelling one by its id. */
export function isAppointmentOf(appointment: FhirAppointment, patientId: string): boolean {
  return patientIdOf(appointment) === patientId;
}
