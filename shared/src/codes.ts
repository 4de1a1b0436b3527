import { z } from 'zod';

/**
 * Code lists of the patient API with the words patients see. Practice systems describe who runs a session with an
 * SDS job role (R0260 "General Medical Practitioner", …); patients choose from a handful of groups instead.
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

/** The SDS job roles of GP Connect's PractitionerRole value set (1.2.8), by group. */
const groupOfSdsCode: Readonly<Record<string, RoleGroup>> = {
  R0260: 'gp', // General Medical Practitioner
  R0270: 'gp', // Salaried General Practitioner
  R6200: 'gp', // GP Registrar
  R6300: 'gp', // Sessional GP
  R0410: 'nurse', // Student Practice Nurse
  R0600: 'nurse', // Specialist Nurse Practitioner
  R0610: 'nurse', // Sister/Charge Nurse
  R0620: 'nurse', // Staff Nurse
  R0700: 'nurse', // Community Nurse
  R1290: 'pharmacist',
  R1450: 'healthcare-assistant', // Health Care Support Worker
  R1480: 'healthcare-assistant',
  R1590: 'phlebotomist',
  R1300: 'mental-health', // Psychotherapist
  R1310: 'mental-health', // Clinical Psychologist
  R1550: 'mental-health', // Counsellor
  R0680: 'other', // Midwife
  R0690: 'other', // Community Practitioner
  R0790: 'other', // Dietitian
  R1330: 'other', // Social Worker
};

/** Words in an SDS display text that place a code outside the 20-code value set (1.2.9 allows any SDS role). */
const groupByDisplayWords: ReadonlyArray<readonly [RegExp, RoleGroup]> = [
  [/\bgeneral (medical )?practitioner\b|\bGP\b/i, 'gp'],
  [/\bnurse\b|\bnursing\b/i, 'nurse'],
  [/\bpharmacist\b/i, 'pharmacist'],
  [/\bphlebotomist\b/i, 'phlebotomist'],
  [/\bhealth ?care (assistant|support worker)\b/i, 'healthcare-assistant'],
  [/\bpsycholog|\bpsychotherap|\bcounsell|\bmental health\b/i, 'mental-health'],
];

/**
 * The group of any SDS job role code. Providers may send codes beyond the 20 of the 1.2.8 value set (1.2.9 widens
 * the binding to every SDS role), so unknown codes are placed by their display text when it is clear, else 'other'.
 */
export function roleGroupOf(sdsCode: string | undefined, sdsDisplay?: string): RoleGroup {
  const byCode = sdsCode === undefined ? undefined : groupOfSdsCode[sdsCode];
  if (byCode) return byCode;
  if (sdsDisplay) {
    for (const [words, group] of groupByDisplayWords) if (words.test(sdsDisplay)) return group;
  }
  return 'other';
}

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

/** The patient-facing role for an SDS job role code and its display text. */
export function practitionerRoleOf(sdsCode: string | undefined, sdsDisplay?: string): PractitionerRole {
  const group = roleGroupOf(sdsCode, sdsDisplay);
  const specific = group === 'mental-health' || group === 'other';
  const display =
    specific && sdsDisplay && sdsDisplay.trim().length > 0 ? sdsDisplay.trim() : roleGroupDisplay[group];
  return { group, display };
}

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
