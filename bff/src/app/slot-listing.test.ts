import { slotsResponseSchema, type Slot } from '@gpbook/shared/slots';
import { describe, expect, it } from 'vitest';
import { filterSlots, groupSlotsByLondonDate, locationsOf, slotsResponseFor } from './slot-listing.js';

function makeSlot(overrides: Partial<Slot> & Pick<Slot, 'id' | 'start'>): Slot {
  return {
    end: overrides.start,
    durationMinutes: 10,
    role: { group: 'gp', display: 'GP' },
    channel: 'in-person',
    slotType: 'GP Appointment',
    location: {
      id: '17',
      name: 'The Trevelyan Practice',
      address: { lines: ['Trevelyan Square'], postcode: 'LS1 6AE' },
    },
    ...overrides,
  };
}

describe('grouping and filtering', () => {
  const slots = [
    makeSlot({ id: 'b', start: '2026-03-29T09:00:00+01:00', channel: 'telephone' }),
    makeSlot({ id: 'a', start: '2026-03-28T23:30:00+00:00', role: { group: 'nurse', display: 'Nurse' } }),
    makeSlot({
      id: 'c',
      start: '2026-03-29T00:30:00+00:00',
      location: { id: '18', name: 'Branch', address: { lines: [] } },
    }),
    makeSlot({ id: 'outside', start: '2026-04-05T09:00:00+01:00' }),
  ];

  it('lists every day of the range, slots sorted by start on their London date', () => {
    const days = groupSlotsByLondonDate(slots, '2026-03-28', '2026-03-30');
    expect(days.map((day) => [day.date, day.slots.map((slot) => slot.id)])).toEqual([
      ['2026-03-28', ['a']],
      ['2026-03-29', ['c', 'b']],
      ['2026-03-30', []],
    ]);
  });

  it('filters by role, channel and location together', () => {
    expect(filterSlots(slots, { role: 'gp' }).map((slot) => slot.id)).toEqual(['b', 'c', 'outside']);
    expect(filterSlots(slots, { role: 'gp', channel: 'telephone' }).map((slot) => slot.id)).toEqual(['b']);
    expect(filterSlots(slots, { location: '18' }).map((slot) => slot.id)).toEqual(['c']);
    expect(filterSlots(slots, {})).toHaveLength(4);
  });

  it('builds a response that the schema accepts, with the locations of the role and channel whatever the location', () => {
    const response = slotsResponseFor(
      { practice: 'A20047', from: '2026-03-28', to: '2026-03-29', location: '18' },
      slots,
    );
    expect(slotsResponseSchema.parse(response)).toEqual(response);
    expect(response.days.flatMap((day) => day.slots.map((slot) => slot.id))).toEqual(['c']);
    expect(response.locations.map((location) => location.name)).toEqual(['Branch', 'The Trevelyan Practice']);
    expect(locationsOf([])).toEqual([]);
    // Only the main surgery has telephone appointments: the branch is no choice for them.
    const telephone = slotsResponseFor(
      { practice: 'A20047', from: '2026-03-28', to: '2026-03-29', channel: 'telephone' },
      slots,
    );
    expect(telephone.locations.map((location) => location.name)).toEqual(['The Trevelyan Practice']);
  });
});
