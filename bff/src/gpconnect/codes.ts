import type { DeliveryChannel, PractitionerRole } from '@gpbook/shared/codes';
import { EXT, SYS, type DeliveryChannelCode } from './constants.js';
import type { codeableConceptSchema, extensionSchema } from './fhir-schemas.js';
import { practitionerRoleOf } from './job-roles.js';
import type { z } from 'zod';

/** GP Connect codes <-> patient API codes. FHIR stays on this side: the patient API never sees these codes. */

type Extension = z.infer<typeof extensionSchema>;
type CodeableConcept = z.infer<typeof codeableConceptSchema>;

const channelOfCode: Record<DeliveryChannelCode, DeliveryChannel> = {
  'In-person': 'in-person',
  Telephone: 'telephone',
  Video: 'video',
};
const codeOfChannel: Record<DeliveryChannel, DeliveryChannelCode> = {
  'in-person': 'In-person',
  telephone: 'Telephone',
  video: 'Video',
};

/**
 * The patient-facing channel of a GP Connect delivery channel code. Codes are case-sensitive in the spec but the
 * binding is extensible, so case is forgiven. A missing code means in person: slots had no channel before 1.2.7.
 * An unknown code gives undefined (we cannot tell the patient how the appointment happens).
 */
export function channelFromGpConnect(code: string | undefined): DeliveryChannel | undefined {
  if (code === undefined) return 'in-person';
  const exact = (channelOfCode as Record<string, DeliveryChannel | undefined>)[code];
  if (exact) return exact;
  const lower = code.toLowerCase();
  return Object.entries(channelOfCode).find(([known]) => known.toLowerCase() === lower)?.[1];
}

export function channelToGpConnect(channel: DeliveryChannel): DeliveryChannelCode {
  return codeOfChannel[channel];
}

export function extensionOf(
  extensions: readonly Extension[] | undefined,
  url: string,
): Extension | undefined {
  return extensions?.find((extension) => extension.url === url);
}

/** The delivery channel code of a Slot's or Appointment's DeliveryChannel-2 extension. */
export function deliveryChannelCodeOf(extensions: readonly Extension[] | undefined): string | undefined {
  return extensionOf(extensions, EXT.deliveryChannel)?.valueCode;
}

/** The SDS job role of a Schedule's or Appointment's PractitionerRole-1 extension, as a patient-facing role. */
export function practitionerRoleFromExtensions(
  extensions: readonly Extension[] | undefined,
): PractitionerRole {
  const concept = extensionOf(extensions, EXT.practitionerRole)?.valueCodeableConcept;
  const coding = sdsCoding(concept);
  return practitionerRoleOf(coding?.code, coding?.display ?? concept?.text);
}

function sdsCoding(concept: CodeableConcept | undefined) {
  const codings = concept?.coding ?? [];
  return (
    codings.find((coding) => coding.system === SYS.sdsJobRole && coding.code) ??
    codings.find((coding) => coding.code)
  );
}
