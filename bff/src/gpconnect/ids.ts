import { londonDateSchema, type LondonDate } from '@gpbook/shared/time';
import { FHIR_ID_REGEX, ODS_CODE_REGEX } from './constants.js';

/**
 * The opaque ids the patient API hands out. FHIR logical ids are `[A-Za-z0-9-.]{1,64}` and ODS codes `[A-Z0-9]`,
 * so `~` separates the parts safely and the result needs no escaping in a URL path.
 */

/** A free slot: the practice, the London date it starts on (to find it again with a one-day search), its id. */
export interface SlotKey {
  odsCode: string;
  date: LondonDate;
  slotId: string;
}

export function encodeSlotId(key: SlotKey): string {
  return `${key.odsCode}~${key.date}~${key.slotId}`;
}

/** The key in a patient API slot id, or undefined when it is not one of ours. */
export function decodeSlotId(id: string): SlotKey | undefined {
  const [odsCode, date, slotId, ...rest] = id.split('~');
  if (rest.length > 0 || !odsCode || !date || !slotId) return undefined;
  if (
    !ODS_CODE_REGEX.test(odsCode) ||
    !FHIR_ID_REGEX.test(slotId) ||
    !londonDateSchema.safeParse(date).success
  )
    return undefined;
  return { odsCode, date, slotId };
}

/** An appointment: the practice whose system holds it and its logical id there. */
export interface AppointmentKey {
  odsCode: string;
  logicalId: string;
}

export function encodeAppointmentId(key: AppointmentKey): string {
  return `${key.odsCode}~${key.logicalId}`;
}

export function decodeAppointmentId(id: string): AppointmentKey | undefined {
  const [odsCode, logicalId, ...rest] = id.split('~');
  if (rest.length > 0 || !odsCode || !logicalId) return undefined;
  if (!ODS_CODE_REGEX.test(odsCode) || !FHIR_ID_REGEX.test(logicalId)) return undefined;
  return { odsCode, logicalId };
}

/** The logical id of a relative reference of `type` (`Location/17` → `17`), or undefined. */
export function idOfReference(reference: string | undefined, type: string): string | undefined {
  if (reference === undefined) return undefined;
  const [referenceType, id, ...rest] = reference.split('/');
  return referenceType === type && id && rest.length === 0 && FHIR_ID_REGEX.test(id) ? id : undefined;
}
