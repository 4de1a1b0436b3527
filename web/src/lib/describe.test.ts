import { describe, expect, it } from 'vitest';
import { appointmentKind, roleGroupText, roleText } from './describe';
import { inSentence, whoText } from './describe-details';

describe('role words', () => {
  it('says what a phlebotomist appointment is for first', () => {
    expect(roleGroupText.phlebotomist).toBe('Blood test (phlebotomist)');
    expect(roleText({ group: 'phlebotomist', display: 'Phlebotomist (blood tests)' })).toBe(
      'Blood test (phlebotomist)',
    );
    expect(appointmentKind({ group: 'phlebotomist', display: 'Phlebotomist (blood tests)' })).toBe(
      'Blood test appointment',
    );
    expect(
      whoText({ name: 'Sarah Lewis' }, { group: 'phlebotomist', display: 'Phlebotomist (blood tests)' }),
    ).toBe('Sarah Lewis, Blood test (phlebotomist)');
    expect(whoText({ name: 'Dr Amina Shah' }, { group: 'gp', display: 'GP' })).toBe('Dr Amina Shah (GP)');
  });

  it('keeps the practice’s own job title for mental health and other roles', () => {
    expect(roleText({ group: 'mental-health', display: 'Counsellor' })).toBe('Counsellor');
    expect(roleText({ group: 'other', display: 'Midwife' })).toBe('Midwife');
  });

  it('writes a label inside a sentence without its capital, but keeps initialisms', () => {
    expect(inSentence('Mental health practitioner')).toBe('mental health practitioner');
    expect(inSentence('Nurse appointment')).toBe('nurse appointment');
    expect(inSentence('GP appointment')).toBe('GP appointment');
    expect(inSentence('MSK physiotherapist')).toBe('MSK physiotherapist');
    expect(inSentence('Blood test (phlebotomist)')).toBe('blood test (phlebotomist)');
  });
});
