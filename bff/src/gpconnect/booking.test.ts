import { describe, expect, it } from 'vitest';
import { assertBookableTogether, assertPhoneWhenNeeded, BookingRefused, findSlotsToBook } from './booking.js';
import { EXT } from './constants.js';
import { decodeAppointmentId, decodeSlotId, encodeAppointmentId, encodeSlotId } from './ids.js';
import type { FreeSlot, SlotBookingDetails } from './slots.js';
import { FakeGpConnect } from './test-support/fake-gp-connect.js';

function makeFree(
  slotId: string,
  start: string,
  end: string,
  extra: Partial<SlotBookingDetails> = {},
): FreeSlot {
  return {
    slot: {} as FreeSlot['slot'],
    booking: {
      slotId,
      scheduleId: 's1',
      start,
      end,
      locationId: 'l1',
      channel: 'in-person',
      slotType: 'GP',
      ...extra,
    },
  };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof BookingRefused ? error.code : 'other error';
  }
  return 'no error';
};

describe('assertBookableTogether', () => {
  const a = makeFree('a', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00');
  const b = makeFree('b', '2026-03-03T09:10:00+00:00', '2026-03-03T09:20:00+00:00');

  it('accepts one slot, and adjacent slots of one session in any order', () => {
    expect(refusal(() => assertBookableTogether([a]))).toBe('no error');
    expect(refusal(() => assertBookableTogether([b, a]))).toBe('no error');
  });

  it('refuses gaps, other schedules, channels or slot types, and repeats', () => {
    const gap = makeFree('c', '2026-03-03T09:20:00+00:00', '2026-03-03T09:30:00+00:00');
    expect(refusal(() => assertBookableTogether([a, gap]))).toBe('validation_failed');
    expect(
      refusal(() => assertBookableTogether([a, { ...b, booking: { ...b.booking, scheduleId: 's2' } }])),
    ).toBe('validation_failed');
    expect(
      refusal(() => assertBookableTogether([a, { ...b, booking: { ...b.booking, channel: 'video' } }])),
    ).toBe('validation_failed');
    expect(
      refusal(() => assertBookableTogether([a, { ...b, booking: { ...b.booking, slotType: 'Nurse' } }])),
    ).toBe('validation_failed');
    expect(refusal(() => assertBookableTogether([a, a]))).toBe('bad_request');
  });

  it('treats times with different offsets as the instants they are', () => {
    const beforeChange = makeFree('x', '2026-10-25T01:40:00+01:00', '2026-10-25T01:00:00+00:00');
    const afterChange = makeFree('y', '2026-10-25T01:00:00+00:00', '2026-10-25T01:10:00+00:00');
    expect(refusal(() => assertBookableTogether([beforeChange, afterChange]))).toBe('no error');
  });
});

describe('assertPhoneWhenNeeded', () => {
  it('needs a phone number for telephone slots only', () => {
    const phoneSlot = makeFree('t', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00', {
      channel: 'telephone',
    });
    expect(refusal(() => assertPhoneWhenNeeded([phoneSlot], undefined))).toBe('validation_failed');
    expect(refusal(() => assertPhoneWhenNeeded([phoneSlot], '07700 900982'))).toBe('no error');
    expect(
      refusal(() =>
        assertPhoneWhenNeeded(
          [makeFree('p', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00')],
          undefined,
        ),
      ),
    ).toBe('no error');
  });
});

describe('findSlotsToBook', () => {
  const client = () =>
    new FakeGpConnect(() => ({
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          {
            resource: {
              resourceType: 'Slot',
              id: '7',
              extension: [{ url: EXT.deliveryChannel, valueCode: 'Video' }],
              schedule: { reference: 'Schedule/s1' },
              status: 'free',
              start: '2026-03-03T09:00:00+00:00',
              end: '2026-03-03T09:10:00+00:00',
            },
          },
          { resource: { resourceType: 'Schedule', id: 's1', actor: [{ reference: 'Location/l1' }] } },
          { resource: { resourceType: 'Location', id: 'l1', name: 'Main Surgery' } },
        ],
      },
    }));
  const searchFor = { consumerOds: 'X26', consumerOrgType: 'gp-practice' as const };

  it('finds the slot again with a one-day search at its practice', async () => {
    const fake = client();
    const slots = await findSlotsToBook(
      fake.at(),
      [{ odsCode: 'A00001', date: '2026-03-03', slotId: '7' }],
      searchFor,
    );
    expect(slots.map((slot) => [slot.booking.slotId, slot.booking.channel, slot.booking.start])).toEqual([
      ['7', 'video', '2026-03-03T09:00:00+00:00'],
    ]);
    expect(fake.queryOf(0).slice(1, 3)).toEqual(['start=ge2026-03-03', 'end=le2026-03-03']);
  });

  it('says a slot is unavailable when the practice no longer lists it as free', async () => {
    await expect(
      findSlotsToBook(client().at(), [{ odsCode: 'A00001', date: '2026-03-03', slotId: '8' }], searchFor),
    ).rejects.toMatchObject({ code: 'slot_unavailable' });
  });

  it('refuses slots of another practice or too far apart without calling anyone', async () => {
    const fake = client();
    await expect(
      findSlotsToBook(fake.at(), [{ odsCode: 'B00002', date: '2026-03-03', slotId: '7' }], searchFor),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      findSlotsToBook(
        fake.at(),
        [
          { odsCode: 'A00001', date: '2026-03-03', slotId: '7' },
          { odsCode: 'A00001', date: '2026-04-03', slotId: '9' },
        ],
        searchFor,
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('ids', () => {
  it('round-trips slot and appointment ids and rejects anything else', () => {
    const slot = { odsCode: 'A00001', date: '2026-03-03', slotId: 'slot-1.2' };
    expect(decodeSlotId(encodeSlotId(slot))).toEqual(slot);
    expect(decodeAppointmentId(encodeAppointmentId({ odsCode: 'A00001', logicalId: '9' }))).toEqual({
      odsCode: 'A00001',
      logicalId: '9',
    });
    for (const bad of [
      '',
      'A00001~9',
      'a00001~2026-03-03~1',
      'A00001~2026-02-30~1',
      'A00001~2026-03-03~1~x',
      'A00001~2026-03-03~a/b',
    ]) {
      expect(decodeSlotId(bad), bad).toBeUndefined();
    }
    for (const bad of ['A00001', 'A00001~', 'A00001~9~9', 'A00001~../x'])
      expect(decodeAppointmentId(bad), bad).toBeUndefined();
  });
});
