import { describe, expect, it } from 'vitest';
import { makeSlot } from '../../../test/builders';
import { clinicianChoices } from './slot-filters';

describe('clinicianChoices', () => {
  it('lists each clinician once, by surname then whole name (case aside), and the genders there are', () => {
    const slot = (name: string, gender?: 'female' | 'male' | 'other', time = '09:00') =>
      makeSlot({ time, practitioner: { name, ...(gender ? { gender } : {}) } });
    const days = [
      {
        date: '2026-12-01',
        slots: [
          slot('Dr Tobi okafor', 'male'),
          slot('Nurse Sarah Lewis', 'female', '09:10'),
          slot('Dr Amelia Hart', 'female', '09:20'),
          slot('Dr Tobi okafor', 'male', '09:30'),
          slot('Dr Ben Hart', 'other', '09:40'),
          makeSlot({ time: '09:50', practitioner: undefined }),
        ],
      },
    ];
    expect(clinicianChoices(days)).toEqual({
      names: ['Dr Amelia Hart', 'Dr Ben Hart', 'Nurse Sarah Lewis', 'Dr Tobi okafor'],
      genders: ['female', 'male'],
    });
    expect(clinicianChoices([])).toEqual({ names: [], genders: [] });
  });
});
