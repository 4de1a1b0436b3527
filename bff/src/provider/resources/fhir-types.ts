import type { z } from 'zod';
import type {
  addressSchema,
  contactPointSchema,
  extensionSchema,
  FhirAppointment,
  FhirHealthcareService,
  FhirLocation,
  FhirOperationOutcome,
  FhirOrganization,
  FhirPatient,
  FhirPractitioner,
  FhirSchedule,
  FhirSlot,
  humanNameSchema,
  identifierSchema,
} from '../../gpconnect/fhir-schemas.js';

/**
 * The types the provider's resource builders write, checked with `satisfies` so that a misspelt or misplaced
 * element fails the type check. They start from what our consumer reads (the zod-inferred types of
 * gpconnect/fhir-schemas.ts), so the two cannot drift apart, and add the STU3 elements the provider writes that
 * the consumer does not read.
 */

/**
 * A zod-inferred type without the index signature `z.looseObject` gives every object (`[k: string]: unknown`),
 * at every depth: under that signature any misspelt element would be allowed.
 */
export type Known<T> = T extends readonly (infer U)[]
  ? Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Known<T[K]> }
    : T;

/** `A` with the elements of `B` added, or replacing those of the same name. */
type With<A, B> = Omit<A, keyof B> & B;

export type Identifier = With<Known<z.infer<typeof identifierSchema>>, { extension?: Extension[] }>;
export type Extension = With<
  Known<z.infer<typeof extensionSchema>>,
  { extension?: Extension[]; valueReference?: { reference: string } }
>;
export type ContactPoint = With<Known<z.infer<typeof contactPointSchema>>, { use?: string }>;
export type Address = With<Known<z.infer<typeof addressSchema>>, { use?: string; country?: string }>;
export type HumanName = With<Known<z.infer<typeof humanNameSchema>>, { use?: string }>;

/** The elements every written resource may carry with a richer type than the consumer reads. */
interface Common {
  identifier?: Identifier[];
  extension?: Extension[];
  telecom?: ContactPoint[];
}

export type WrittenSlot = With<Known<FhirSlot>, Pick<Common, 'extension'>>;
export type WrittenSchedule = With<Known<FhirSchedule>, Pick<Common, 'extension'>>;
export type WrittenOrganization = With<
  Known<FhirOrganization>,
  Pick<Common, 'identifier' | 'telecom'> & { address?: Address[] }
>;
/** The booking organisation, contained in an Appointment. */
export type WrittenContainedOrganization = With<
  WrittenOrganization,
  { type?: Array<{ coding: Array<{ system: string; code: string; display?: string }> }> }
>;
export type WrittenPractitioner = With<
  Known<FhirPractitioner>,
  Pick<Common, 'identifier'> & { name?: HumanName[] }
>;
export type WrittenLocation = With<
  Known<FhirLocation>,
  Pick<Common, 'identifier' | 'telecom'> & { status?: 'active' | 'suspended' | 'inactive'; address?: Address }
>;
export type WrittenHealthcareService = With<Known<FhirHealthcareService>, Pick<Common, 'identifier'>>;
export type WrittenPatient = With<
  Known<FhirPatient>,
  Common & {
    active?: boolean;
    name?: HumanName[];
    address?: Address[];
    managingOrganization?: { reference: string };
  }
>;
export type WrittenAppointment = With<
  Known<FhirAppointment>,
  Pick<Common, 'extension'> & { contained?: WrittenContainedOrganization[] }
>;
export type WrittenOperationOutcome = Known<FhirOperationOutcome> & {
  meta: { profile: string[] };
};
