import { isRealDateTime } from '@gpbook/shared/time';
import { z } from 'zod';
import { FHIR_ID_PATTERN } from './constants.js';

/**
 * Zod schemas of the FHIR STU3 we read from GP Connect providers. They describe only what the BFF uses:
 * unknown fields pass through (providers add more), but a field we rely on with the wrong shape fails the parse.
 */

export const referenceSchema = z.looseObject({ reference: z.string().min(1) });
export const codingSchema = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export const codeableConceptSchema = z.looseObject({
  coding: z.array(codingSchema).optional(),
  text: z.string().optional(),
});
export const identifierSchema = z.looseObject({
  system: z.string().optional(),
  value: z.string().optional(),
});
export const extensionSchema = z.looseObject({
  url: z.string(),
  valueCode: z.string().optional(),
  valueString: z.string().optional(),
  valueReference: referenceSchema.optional(),
  valueCodeableConcept: codeableConceptSchema.optional(),
});
export const metaSchema = z.looseObject({
  versionId: z.string().optional(),
  profile: z.array(z.string()).optional(),
  extension: z.array(extensionSchema).optional(),
});
export const addressSchema = z.looseObject({
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  postalCode: z.string().optional(),
});
export const contactPointSchema = z.looseObject({
  system: z.string().optional(),
  value: z.string().optional(),
});
export const humanNameSchema = z.looseObject({
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});

const resourceBase = {
  id: z.string().min(1),
  meta: metaSchema.optional(),
};

export const organizationSchema = z.looseObject({
  resourceType: z.literal('Organization'),
  ...resourceBase,
  identifier: z.array(identifierSchema).optional(),
  name: z.string().optional(),
  address: z.array(addressSchema).optional(),
  telecom: z.array(contactPointSchema).optional(),
});
export type FhirOrganization = z.infer<typeof organizationSchema>;

export const operationOutcomeSchema = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  issue: z
    .array(
      z.looseObject({
        severity: z.string().optional(),
        code: z.string().optional(),
        details: codeableConceptSchema.optional(),
        diagnostics: z.string().optional(),
      }),
    )
    .min(1),
});
export type FhirOperationOutcome = z.infer<typeof operationOutcomeSchema>;

/** A searchset Bundle whose entries are checked by `resource` (a discriminated union of what we read). */
export function searchsetSchema<T extends z.ZodType>(resource: T) {
  return z.looseObject({
    resourceType: z.literal('Bundle'),
    type: z.literal('searchset'),
    meta: metaSchema.optional(),
    entry: z.array(z.looseObject({ resource })).optional(),
  });
}

/** A relative reference `Type/id`; GP Connect forbids absolute ones in the resources we join. */
export const relativeReferenceSchema = z.looseObject({
  reference: z
    .string()
    .regex(new RegExp(`^[A-Za-z]+/${FHIR_ID_PATTERN}$`), 'expected a relative reference Type/id'),
});

/** A UK local dateTime as GP Connect sends it: `yyyy-mm-ddThh:mm:ss+hh:mm` (seconds; never `Z`). */
export const fhirDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/, 'expected yyyy-mm-ddThh:mm:ss+hh:mm')
  .refine(isRealDateTime, 'not a real date and time');

export const periodSchema = z.looseObject({
  start: fhirDateTimeSchema.optional(),
  end: fhirDateTimeSchema.optional(),
});

export const slotSchema = z.looseObject({
  resourceType: z.literal('Slot'),
  ...resourceBase,
  extension: z.array(extensionSchema).optional(),
  serviceType: z.array(codeableConceptSchema).optional(),
  schedule: relativeReferenceSchema,
  status: z.string(),
  start: fhirDateTimeSchema,
  end: fhirDateTimeSchema,
});
export type FhirSlot = z.infer<typeof slotSchema>;

export const scheduleSchema = z.looseObject({
  resourceType: z.literal('Schedule'),
  ...resourceBase,
  extension: z.array(extensionSchema).optional(),
  serviceCategory: codeableConceptSchema.optional(),
  actor: z.array(relativeReferenceSchema).min(1),
  planningHorizon: periodSchema.optional(),
});
export type FhirSchedule = z.infer<typeof scheduleSchema>;

export const practitionerSchema = z.looseObject({
  resourceType: z.literal('Practitioner'),
  ...resourceBase,
  identifier: z.array(identifierSchema).optional(),
  name: z.array(humanNameSchema).optional(),
  gender: z.string().optional(),
});
export type FhirPractitioner = z.infer<typeof practitionerSchema>;

export const locationSchema = z.looseObject({
  resourceType: z.literal('Location'),
  ...resourceBase,
  name: z.string().optional(),
  /** STU3 Location has one address (Organization has a list). */
  address: addressSchema.optional(),
  telecom: z.array(contactPointSchema).optional(),
  managingOrganization: referenceSchema.optional(),
});
export type FhirLocation = z.infer<typeof locationSchema>;

export const healthcareServiceSchema = z.looseObject({
  resourceType: z.literal('HealthcareService'),
  ...resourceBase,
  identifier: z.array(identifierSchema).optional(),
  providedBy: referenceSchema.optional(),
  name: z.string().optional(),
});
export type FhirHealthcareService = z.infer<typeof healthcareServiceSchema>;

export const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  ...resourceBase,
  identifier: z.array(identifierSchema).optional(),
  name: z.array(humanNameSchema).optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
});
export type FhirPatient = z.infer<typeof patientSchema>;

export const participantSchema = z.looseObject({
  actor: relativeReferenceSchema,
  status: z.string(),
});

/** The booking organisation, contained in the Appointment (`#1`). */
export const containedOrganizationSchema = organizationSchema.extend({
  type: z.array(codeableConceptSchema).optional(),
});

export const appointmentSchema = z.looseObject({
  resourceType: z.literal('Appointment'),
  ...resourceBase,
  contained: z
    .array(z.union([containedOrganizationSchema, z.looseObject({ resourceType: z.string() })]))
    .optional(),
  extension: z.array(extensionSchema).optional(),
  status: z.string(),
  serviceCategory: codeableConceptSchema.optional(),
  serviceType: z.array(codeableConceptSchema).optional(),
  description: z.string().optional(),
  start: fhirDateTimeSchema,
  end: fhirDateTimeSchema,
  minutesDuration: z.number().optional(),
  slot: z.array(relativeReferenceSchema).min(1),
  created: fhirDateTimeSchema.optional(),
  comment: z.string().optional(),
  participant: z.array(participantSchema).min(1),
});
export type FhirAppointment = z.infer<typeof appointmentSchema>;

const slotBundleResourceTypes = [
  'Slot',
  'Schedule',
  'Practitioner',
  'Location',
  'HealthcareService',
  'Organization',
];

/**
 * What a Search for free slots bundle holds. Resources of other types are let through untouched (a provider may
 * add more than we asked for); a Slot or Schedule with a malformed field we rely on fails the parse.
 */
export const slotBundleResourceSchema = z.union([
  z.discriminatedUnion('resourceType', [
    slotSchema,
    scheduleSchema,
    practitionerSchema,
    locationSchema,
    healthcareServiceSchema,
    organizationSchema,
  ]),
  z.looseObject({
    resourceType: z.string().refine((type) => !slotBundleResourceTypes.includes(type), 'malformed resource'),
  }),
]);
export const slotBundleSchema = searchsetSchema(slotBundleResourceSchema);
export type FhirSlotBundle = z.infer<typeof slotBundleSchema>;

/**
 * Register a patient's answer (§3.8): a GPConnect-Searchset-Bundle-1, which holds at least one entry — the
 * registered Patient.
 */
export const registeredPatientBundleSchema = searchsetSchema(patientSchema).extend({
  entry: z.array(z.looseObject({ resource: patientSchema })).min(1),
});
