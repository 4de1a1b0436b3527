import { describe, expect, it } from 'vitest';
import {
  choicesSearch,
  earlierFrom,
  missingStep,
  nextPath,
  previousPath,
  readChoices,
  slotWindow,
  stepsOf,
  type BookingFlow,
} from './booking-steps';

const book: BookingFlow = { kind: 'book', base: '/book', practiceStep: true };
const reschedule: BookingFlow = { kind: 'reschedule', base: '/appointments/a1/change', appointmentId: 'a1' };

describe('booking steps', () => {
  it('reads only valid choices from the address', () => {
    expect(
      readChoices(new URLSearchParams('practice=Y90001&role=gp&channel=fax&from=2026-02-30&slot=a%20b')),
    ).toEqual({
      practice: 'Y90001',
      role: 'gp',
      channel: undefined,
      from: undefined,
      slot: undefined,
    });
  });

  it('reads the slot list’s day and filters from the address, and writes them back', () => {
    const search =
      '?practice=Y90001&role=gp&channel=in-person&day=2026-12-01&time=evening&gender=female&clinician=Dr+Amelia+Hart';
    const choices = readChoices(new URLSearchParams(search));
    expect(choices).toMatchObject({
      day: '2026-12-01',
      time: 'evening',
      gender: 'female',
      clinician: 'Dr Amelia Hart',
    });
    expect(choicesSearch(choices)).toBe(search);
    expect(readChoices(new URLSearchParams('day=2026-13-01&time=night&gender=other&clinician='))).toEqual({});
  });

  it('asks for the practice only when there is a choice, and never when moving an appointment', () => {
    expect(stepsOf(book)[0]).toBe('practice');
    expect(stepsOf({ ...book, practiceStep: false })[0]).toBe('type');
    expect(stepsOf(reschedule)).toEqual(['slots', 'check']);
  });

  it('asks for the number to call on its own page, after the reason, for a telephone appointment only', () => {
    expect(stepsOf(book, { channel: 'telephone' })).toEqual([
      'practice',
      'type',
      'how',
      'slots',
      'reason',
      'phone',
      'check',
    ]);
    expect(stepsOf(book, { channel: 'video' })).not.toContain('phone');
    expect(stepsOf(reschedule, { channel: 'telephone' })).toEqual(['slots', 'phone', 'check']);
    const choices = { practice: 'Y90001', role: 'gp', channel: 'telephone', slot: 's1' } as const;
    expect(nextPath(book, 'reason', choices)).toBe(
      '/book/phone?practice=Y90001&role=gp&channel=telephone&slot=s1',
    );
    expect(previousPath(book, 'check', choices)).toBe(
      '/book/phone?practice=Y90001&role=gp&channel=telephone&slot=s1',
    );
    expect(missingStep(book, 'phone', { ...choices, slot: undefined })).toBe('slots');
  });

  it('sends the patient back to the first step they skipped', () => {
    expect(missingStep(book, 'slots', { practice: 'Y90001', role: 'gp' })).toBe('how');
    expect(missingStep(book, 'check', {})).toBe('start');
    expect(missingStep(book, 'how', { practice: 'Y90001', role: 'gp' })).toBeUndefined();
  });

  it('goes back from the first step to where the journey started', () => {
    expect(previousPath({ ...book, practiceStep: false }, 'type', {})).toBe('/');
    expect(previousPath(reschedule, 'slots', { practice: 'Y90001', role: 'gp', channel: 'telephone' })).toBe(
      '/appointments/a1',
    );
  });

  it('when moving an appointment, changing its type or channel is a side step from the times and back to them', () => {
    const choices = { practice: 'Y90001', role: 'gp', channel: 'telephone' } as const;
    expect(previousPath(reschedule, 'type', choices)).toBe(
      '/appointments/a1/change/slots?practice=Y90001&role=gp&channel=telephone',
    );
    expect(nextPath(reschedule, 'type', { ...choices, role: 'nurse' })).toBe(
      '/appointments/a1/change/slots?practice=Y90001&role=nurse&channel=telephone',
    );
    expect(nextPath(reschedule, 'how', choices)).toBe(
      '/appointments/a1/change/slots?practice=Y90001&role=gp&channel=telephone',
    );
    expect(missingStep(reschedule, 'type', { practice: 'Y90001' })).toBeUndefined();
    expect(missingStep(reschedule, 'slots', { practice: 'Y90001', role: 'gp' })).toBe('start');
    expect(missingStep(reschedule, 'check', choices)).toBe('slots');
  });

  it('shows two weeks from today, never before today', () => {
    expect(slotWindow(undefined, '2026-03-03')).toEqual({ from: '2026-03-03', to: '2026-03-16' });
    expect(slotWindow('2026-01-01', '2026-03-03').from).toBe('2026-03-03');
    expect(earlierFrom('2026-03-10', '2026-03-03')).toBe('2026-03-03');
    expect(earlierFrom('2026-03-03', '2026-03-03')).toBeUndefined();
  });
});
