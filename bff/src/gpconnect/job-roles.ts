import { roleGroupDisplay, type PractitionerRole, type RoleGroup } from '@gpbook/shared/codes';

/**
 * SDS job roles, the codes GP Connect names who runs a session with, and the groups patients choose from instead.
 * The patient API knows only the groups (@gpbook/shared/codes); the SDS codes stay on this side.
 */

/**
 * The 20 codes of GPConnect-PractitionerRole-1 (1.2.7/1.2.8 binding): each one's SDS display text and the
 * patient-facing group it belongs to. Consumers tolerate any SDS code (see roleGroupOf).
 */
export const SDS_JOB_ROLES = {
  R0260: { display: 'General Medical Practitioner', group: 'gp' },
  R0270: { display: 'Salaried General Practitioner', group: 'gp' },
  R0410: { display: 'Student Practice Nurse', group: 'nurse' },
  R0600: { display: 'Specialist Nurse Practitioner', group: 'nurse' },
  R0610: { display: 'Sister/Charge Nurse', group: 'nurse' },
  R0620: { display: 'Staff Nurse', group: 'nurse' },
  R0680: { display: 'Midwife', group: 'other' },
  R0690: { display: 'Community Practitioner', group: 'other' },
  R0700: { display: 'Community Nurse', group: 'nurse' },
  R0790: { display: 'Dietitian', group: 'other' },
  R1290: { display: 'Pharmacist', group: 'pharmacist' },
  R1300: { display: 'Psychotherapist', group: 'mental-health' },
  R1310: { display: 'Clinical Psychologist', group: 'mental-health' },
  R1330: { display: 'Social Worker', group: 'other' },
  R1450: { display: 'Health Care Support Worker', group: 'healthcare-assistant' },
  R1480: { display: 'Healthcare Assistant', group: 'healthcare-assistant' },
  R1550: { display: 'Counsellor', group: 'mental-health' },
  R1590: { display: 'Phlebotomist', group: 'phlebotomist' },
  R6200: { display: 'GP Registrar', group: 'gp' },
  R6300: { display: 'Sessional GP', group: 'gp' },
} as const satisfies Record<string, { display: string; group: RoleGroup }>;
export type SdsJobRoleCode = keyof typeof SDS_JOB_ROLES;

function isSdsJobRoleCode(code: string): code is SdsJobRoleCode {
  return Object.hasOwn(SDS_JOB_ROLES, code);
}

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
  if (sdsCode !== undefined && isSdsJobRoleCode(sdsCode)) return SDS_JOB_ROLES[sdsCode].group;
  if (sdsDisplay) {
    for (const [words, group] of groupByDisplayWords) if (words.test(sdsDisplay)) return group;
  }
  return 'other';
}

/**
 * The patient-facing role for an SDS job role code and its display text: the group's words ("GP", "Nurse") for
 * the named groups; for 'mental-health' and 'other' the practice's own job title when it sent one.
 */
export function practitionerRoleOf(sdsCode: string | undefined, sdsDisplay?: string): PractitionerRole {
  const group = roleGroupOf(sdsCode, sdsDisplay);
  const specific = group === 'mental-health' || group === 'other';
  const display =
    specific && sdsDisplay && sdsDisplay.trim().length > 0 ? sdsDisplay.trim() : roleGroupDisplay[group];
  return { group, display };
}
