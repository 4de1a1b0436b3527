import { z } from 'zod';
import { EXT, FHIR_ID_PATTERN, LIMITS, ORG_TYPES, SYS, type OrgTypeCode } from '../../gpconnect/constants.js';
import { gpcError } from '../outcomes.js';
import type { BookingOrganisation } from '../store/store.js';
import { parseLondonDateTime } from '../time/london.js';

/**
 * The Appointment a consumer sends to book, amend or cancel, checked for shape (GPConnect-Appointment-1 and
 * the rules of §3.10): anything malformed is 422 INVALID_RESOURCE with the offending element named.
 */
export interface AppointmentRequest {
  id: string | undefined;
  status: string;
  description: string | undefined;
  comment: string | undefined;
  start: string;
  startMs: number;
  end: string;
  endMs: number;
  created: string | undefined;
  slotIds: string[];
  participants: Array<{ type: string; id: string }>;
  bookingOrganisation: BookingOrganisation;
  deliveryChannel: string | undefined;
  practitionerRole: string | undefined;
  /** undefined when the extension is absent; the (possibly blank) text when present. */
  cancellationReason: string | undefined;
  minutesDuration: number | undefined;
  /** Appointment.priority as sent; this provider keeps none, so any value on an amend or cancel is a change. */
  priority: number | undefined;
  serviceCategoryText: string | undefined;
  serviceTypeTexts: string[] | undefined;
}

/** Elements GP Connect forbids consumers to send (§3.10, §7.3). */
const FORBIDDEN = [
  'reason',
  'specialty',
  'appointmentType',
  'indication',
  'supportingInformation',
  'incomingReferral',
  'requestedPeriod',
];

const text = z.object({ text: z.string().optional() }).loose();
const extension = z
  .object({
    url: z.string(),
    valueReference: z.object({ reference: z.string() }).loose().optional(),
    valueCode: z.string().optional(),
    valueString: z.string().optional(),
    valueCodeableConcept: z
      .object({
        coding: z.array(z.object({ system: z.string().optional(), code: z.string() }).loose()).min(1),
      })
      .loose()
      .optional(),
  })
  .loose();

const appointmentSchema = z.strictObject({
  resourceType: z.literal('Appointment'),
  id: z.string().optional(),
  meta: z.object({}).loose().optional(),
  language: z.string().optional(),
  text: z.object({}).loose().optional(),
  contained: z.array(z.object({ resourceType: z.string(), id: z.string().optional() }).loose()).optional(),
  extension: z.array(extension).optional(),
  identifier: z.array(z.object({ system: z.string().min(1), value: z.string().min(1) }).loose()).optional(),
  status: z.string(),
  serviceCategory: text.optional(),
  serviceType: z.array(text).optional(),
  priority: z.number().int().optional(),
  description: z.string().optional(),
  start: z.string(),
  end: z.string(),
  minutesDuration: z.number().int().positive().optional(),
  slot: z.array(z.object({ reference: z.string() }).loose()).min(1),
  created: z.string().optional(),
  comment: z.string().optional(),
  participant: z
    .array(
      z
        .object({
          actor: z.object({ reference: z.string() }).loose(),
          status: z.enum(['accepted', 'declined', 'tentative', 'needs-action']),
        })
        .loose(),
    )
    .min(1),
});

const containedOrganisation = z
  .object({
    resourceType: z.literal('Organization'),
    id: z.string().min(1),
    identifier: z.array(z.object({ system: z.string(), value: z.string() }).loose()).min(1),
    type: z
      .array(
        z
          .object({ coding: z.array(z.object({ system: z.string(), code: z.string() }).loose()).min(1) })
          .loose(),
      )
      .optional(),
    name: z.string().min(1),
    telecom: z
      .array(
        z.object({ system: z.string().min(1), value: z.string().min(1), use: z.string().optional() }).loose(),
      )
      .min(1),
  })
  .loose();

const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  EXT.bookingOrganisation,
  EXT.practitionerRole,
  EXT.deliveryChannel,
  EXT.cancellationReason,
]);

const RELATIVE_REFERENCE = new RegExp(
  `^(Patient|Location|Practitioner|HealthcareService|RelatedPerson|Device)/(${FHIR_ID_PATTERN})$`,
);

function invalid(message: string): never {
  throw gpcError('INVALID_RESOURCE', message);
}

function bookingOrganisation(
  contained: unknown[] | undefined,
  reference: string | undefined,
): BookingOrganisation {
  if (reference === undefined) invalid('The booking organisation extension is required');
  if (!reference.startsWith('#'))
    invalid('The booking organisation must be a contained resource referenced as #id');
  const target = (contained ?? []).find(
    (resource) =>
      typeof resource === 'object' &&
      resource !== null &&
      (resource as { id?: unknown }).id === reference.slice(1),
  );
  const parsed = containedOrganisation.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    invalid(
      `The contained booking organisation is not valid (${issue ? `${issue.path.join('.') || 'resource'}: ${issue.message}` : 'missing'})`,
    );
  }
  const organisation = parsed.data;
  const ods = organisation.identifier.find(
    (identifier) => identifier.system === SYS.odsOrg && identifier.value.length > 0,
  );
  if (!ods) invalid('The booking organisation needs an ODS code identifier');
  const coding = organisation.type?.[0]?.coding[0];
  const orgType =
    coding && coding.system === SYS.orgType && coding.code in ORG_TYPES
      ? (coding.code as OrgTypeCode)
      : undefined;
  return {
    containedId: organisation.id,
    odsCode: ods.value,
    name: organisation.name,
    telecom: organisation.telecom.map((contact) => ({
      system: contact.system,
      value: contact.value,
      ...(contact.use ? { use: contact.use } : {}),
    })),
    orgType,
    otherType: coding && !orgType ? { system: coding.system, code: coding.code } : undefined,
  };
}

export function parseAppointmentRequest(body: unknown): AppointmentRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    invalid('The request body must be an Appointment');
  const forbidden = FORBIDDEN.find((element) => element in body);
  if (forbidden) invalid(`Appointment.${forbidden} must not be sent`);
  const parsed = appointmentSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    invalid(
      `Appointment is not valid: ${issue ? `${issue.path.join('.') || 'resource'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  const appointment = parsed.data;

  const extensions = appointment.extension ?? [];
  const unknown = extensions.find((candidate) => !KNOWN_EXTENSIONS.has(candidate.url));
  if (unknown) invalid(`Extension ${unknown.url || '(blank url)'} is not supported on an Appointment`);
  const byUrl = (url: string) => extensions.filter((candidate) => candidate.url === url);
  for (const url of KNOWN_EXTENSIONS)
    if (byUrl(url).length > 1) invalid(`Extension ${url} appears more than once`);
  const reason = byUrl(EXT.cancellationReason)[0];

  const startMs = parseLondonDateTime(appointment.start);
  const endMs = parseLondonDateTime(appointment.end);
  if (startMs === undefined || endMs === undefined) {
    invalid('Appointment start and end must be yyyy-mm-ddThh:mm:ss with the UK offset of that date');
  }
  if (appointment.created !== undefined && parseLondonDateTime(appointment.created) === undefined) {
    invalid('Appointment.created must be yyyy-mm-ddThh:mm:ss with the UK offset of that date');
  }
  if (appointment.description !== undefined && appointment.description.length > LIMITS.descriptionMax) {
    invalid(`Appointment.description is longer than ${LIMITS.descriptionMax} characters`);
  }
  if (appointment.comment !== undefined && appointment.comment.length > LIMITS.commentMax) {
    invalid(`Appointment.comment is longer than ${LIMITS.commentMax} characters`);
  }

  const slotIds = appointment.slot.map((slot) => {
    const match = /^Slot\/(.+)$/.exec(slot.reference);
    if (!match?.[1]) invalid(`Slot reference ${slot.reference} is not a relative Slot reference`);
    return match[1];
  });
  if (new Set(slotIds).size !== slotIds.length) invalid('The same slot is referenced twice');

  const participants = appointment.participant.map((participant) => {
    const match = RELATIVE_REFERENCE.exec(participant.actor.reference);
    if (!match?.[1] || !match[2])
      invalid(`Participant reference ${participant.actor.reference} is not a relative reference`);
    return { type: match[1], id: match[2] };
  });

  return {
    id: appointment.id,
    status: appointment.status,
    description: appointment.description,
    comment: appointment.comment,
    start: appointment.start,
    startMs,
    end: appointment.end,
    endMs,
    created: appointment.created,
    slotIds,
    participants,
    bookingOrganisation: bookingOrganisation(
      appointment.contained,
      byUrl(EXT.bookingOrganisation)[0]?.valueReference?.reference,
    ),
    deliveryChannel: byUrl(EXT.deliveryChannel)[0]?.valueCode,
    practitionerRole: byUrl(EXT.practitionerRole)[0]?.valueCodeableConcept?.coding[0]?.code,
    cancellationReason: reason ? (reason.valueString ?? '') : undefined,
    minutesDuration: appointment.minutesDuration,
    priority: appointment.priority,
    serviceCategoryText: appointment.serviceCategory?.text,
    serviceTypeTexts: appointment.serviceType?.map((type) => type.text ?? ''),
  };
}

/** The single participant of a type, or undefined; two of a kind is invalid. */
export function participantOf(request: AppointmentRequest, type: string): string | undefined {
  const matches = request.participants.filter((participant) => participant.type === type);
  if (matches.length > 1) invalid(`More than one ${type} participant`);
  return matches[0]?.id;
}
