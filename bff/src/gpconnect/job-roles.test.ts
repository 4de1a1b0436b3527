import { describe, expect, it } from 'vitest';
import { practitionerRoleOf, roleGroupOf, SDS_JOB_ROLES } from './job-roles.js';

describe('roleGroupOf', () => {
  it('places every code of the GP Connect 1.2.8 value set', () => {
    const expected: Record<string, string> = {
      R0260: 'gp',
      R0270: 'gp',
      R6200: 'gp',
      R6300: 'gp',
      R0410: 'nurse',
      R0600: 'nurse',
      R0610: 'nurse',
      R0620: 'nurse',
      R0700: 'nurse',
      R1290: 'pharmacist',
      R1450: 'healthcare-assistant',
      R1480: 'healthcare-assistant',
      R1590: 'phlebotomist',
      R1300: 'mental-health',
      R1310: 'mental-health',
      R1550: 'mental-health',
      R0680: 'other',
      R0690: 'other',
      R0790: 'other',
      R1330: 'other',
    };
    for (const [code, group] of Object.entries(expected)) expect(roleGroupOf(code), code).toBe(group);
  });

  it('places other SDS codes by their display text, else as other', () => {
    expect(roleGroupOf('R0570', 'Nurse Consultant')).toBe('nurse');
    expect(roleGroupOf('R9999', 'Advanced Clinical Pharmacist')).toBe('pharmacist');
    expect(roleGroupOf('R8000', 'Clinical Director')).toBe('other');
    expect(roleGroupOf('R8000')).toBe('other');
    expect(roleGroupOf(undefined)).toBe('other');
  });
});

describe('practitionerRoleOf', () => {
  it('shows the group for named groups and the job title for the rest', () => {
    expect(practitionerRoleOf('R0260', 'General Medical Practitioner')).toEqual({
      group: 'gp',
      display: 'GP',
    });
    expect(practitionerRoleOf('R0620', 'Staff Nurse')).toEqual({ group: 'nurse', display: 'Nurse' });
    expect(practitionerRoleOf('R0680', 'Midwife')).toEqual({ group: 'other', display: 'Midwife' });
    expect(practitionerRoleOf('R1550', 'Counsellor')).toEqual({
      group: 'mental-health',
      display: 'Counsellor',
    });
    expect(practitionerRoleOf(undefined)).toEqual({
      group: 'other',
      display: 'Other healthcare professional',
    });
  });
});

describe('SDS_JOB_ROLES', () => {
  it('names every code of the value set and leaves codes of other names to roleGroupOf', () => {
    expect(Object.keys(SDS_JOB_ROLES)).toHaveLength(20);
    for (const { display } of Object.values(SDS_JOB_ROLES)) expect(display.length).toBeGreaterThan(0);
    expect(roleGroupOf('constructor')).toBe('other');
  });
});
