import { z } from 'zod';

/**
 * Code lists of the patient API with the words patients see. Practice systems describe who runs a session with an
 * SDS job role (R0260 "General Medical Practitioner", …); patients choose from a handful of groups instead. Which
 * group an SDS code belongs to is the BFF's business (bff/src/gpconnect/job-roles.ts), not the contract's.
 */

/** Who the patient would see, as patients think of it. */
export const roleGroups = [
  'gp',
  'nurse',
  'pharmacist',
  'healthcare-assistant',
  'phlebotomist',
  'mental-health',
  'other',
] as const;
export const roleGroupSchema = z.enum(roleGroups);
export type RoleGroup = z.infer<typeof roleGroupSchema>;

export const roleGroupDisplay: Record<RoleGroup, string> = {
  gp: 'GP',
  nurse: 'Nurse',
  pharmacist: 'Pharmacist',
  'healthcare-assistant': 'Healthcare assistant',
  phlebotomist: 'Phlebotomist (blood tests)',
  'mental-health': 'Mental health practitioner',
  other: 'Other healthcare professional',
};

/** A practitioner role as the patient sees it. */
export const practitionerRoleSchema = z.object({
  group: roleGroupSchema,
  /**
   * What to show: the group's words ("GP", "Nurse") for the named groups; for 'mental-health' and 'other' the
   * practice's own job title ("Counsellor", "Midwife") when it sent one, as the group alone says too little.
   */
  display: z.string().min(1),
});
export type PractitionerRole = z.infer<typeof practitionerRoleSchema>;

/** How the appointment happens. */
export const deliveryChannels = ['in-person', 'telephone', 'video'] as const;
export const deliveryChannelSchema = z.enum(deliveryChannels);
export type DeliveryChannel = z.infer<typeof deliveryChannelSchema>;

export const deliveryChannelDisplay: Record<DeliveryChannel, string> = {
  'in-person': 'In person',
  telephone: 'By phone',
  video: 'Video call',
};

/** Practitioner gender as GP Connect may report it; shown only when the practice sends it. */
export const practitionerGenderSchema = z.enum(['female', 'male', 'other']);
export type PractitionerGender = z.infer<typeof practitionerGenderSchema>;

/** The person running the session. */
export const practitionerSchema = z.object({
  /** As the practice records it, e.g. "Dr Sarah Black". */
  name: z.string().min(1),
  gender: practitionerGenderSchema.optional(),
});
export type Practitioner = z.infer<typeof practitionerSchema>;
