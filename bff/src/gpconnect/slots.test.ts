import { describe, expect, it } from 'vitest';
import { EXT } from './constants.js';
import type { FhirSlotBundle } from './fhir-schemas.js';
import { slotBundleSchema } from './fhir-schemas.js';
import {
  freeSlotsFromBundle,
  mergeFreeSlots,
  searchFreeSlots,
  searchFreeSlotsInRange,
  slotSearchQuery,
  splitSlotSearchRange,
  type FreeSlot,
} from './slots.js';
import { FakeGpConnect } from './test-support/fake-gp-connect.js';

const search = { consumerOds: 'X26', consumerOrgType: 'gp-practice' as const };

function makeSlot(id: string, start: string, end: string, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Slot',
    id,
    extension: [{ url: EXT.deliveryChannel, valueCode: 'Telephone' }],
    serviceType: [{ text: 'Phone consultation' }],
    schedule: { reference: 'Schedule/s1' },
    status: 'free',
    start,
    end,
    ...extra,
  };
}
function makeSchedule(id: string, actors: string[], roleCode = 'R1290', roleDisplay = 'Pharmacist') {
  return {
    resourceType: 'Schedule',
    id,
    extension: [
      {
        url: EXT.practitionerRole,
        valueCodeableConcept: {
          coding: [
            {
              system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1',
              code: roleCode,
              display: roleDisplay,
            },
          ],
        },
      },
    ],
    actor: actors.map((reference) => ({ reference })),
  };
}
const bundle = (...resources: object[]): FhirSlotBundle =>
  slotBundleSchema.parse({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  });
const location = {
  resourceType: 'Location',
  id: 'l1',
  name: 'Main Surgery',
  address: { line: ['1 Road'], city: 'Leeds' },
};

describe('splitSlotSearchRange', () => {
  it('keeps a range of up to 14 days from start to end as one window', () => {
    expect(splitSlotSearchRange('2026-03-02', '2026-03-02')).toEqual([
      { start: '2026-03-02', end: '2026-03-02' },
    ]);
    expect(splitSlotSearchRange('2026-03-02', '2026-03-16')).toEqual([
      { start: '2026-03-02', end: '2026-03-16' },
    ]);
  });

  it('splits longer ranges so every day is searched exactly once', () => {
    const windows = splitSlotSearchRange('2026-03-02', '2026-03-31');
    expect(windows).toEqual([
      { start: '2026-03-02', end: '2026-03-16' },
      { start: '2026-03-17', end: '2026-03-31' },
    ]);
    expect(splitSlotSearchRange('2026-03-02', '2026-03-17')).toEqual([
      { start: '2026-03-02', end: '2026-03-16' },
      { start: '2026-03-17', end: '2026-03-17' },
    ]);
  });

  it('covers each day of a long range once, across the clock change, with no window over the limit', () => {
    const windows = splitSlotSearchRange('2026-03-20', '2026-05-10', 6);
    const days = new Set<string>();
    for (const window of windows) {
      const span = (Date.parse(window.end) - Date.parse(window.start)) / 86_400_000;
      expect(span).toBeLessThanOrEqual(6);
      for (let time = Date.parse(window.start); time <= Date.parse(window.end); time += 86_400_000) {
        const day = new Date(time).toISOString().slice(0, 10);
        expect(days.has(day), day).toBe(false);
        days.add(day);
      }
    }
    expect(days.size).toBe(52);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => splitSlotSearchRange('2026-03-02', '2026-03-01')).toThrow(RangeError);
  });
});

describe('slotSearchQuery and searchFreeSlots', () => {
  it('sends every parameter §3.9 asks for, and service.identifier only with a DoS id', () => {
    expect(
      slotSearchQuery({ ...search, start: '2026-03-02', end: '2026-03-15' }).map(
        ([name, value]) => `${name}=${value}`,
      ),
    ).toEqual([
      'status=free',
      'start=ge2026-03-02',
      'end=le2026-03-15',
      '_include=Slot:schedule',
      '_include:recurse=Schedule:actor:Practitioner',
      '_include:recurse=Schedule:actor:Location',
      '_include:recurse=Schedule:actor:HealthcareService',
      '_include:recurse=Location:managingOrganization',
      'searchFilter=https://fhir.nhs.uk/Id/ods-organization-code|X26',
      'searchFilter=https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1|gp-practice',
    ]);
    expect(
      slotSearchQuery({ ...search, start: '2026-03-02', end: '2026-03-15', dosServiceId: '1000000123' }).at(
        -1,
      ),
    ).toEqual(['service.identifier', 'https://fhir.nhs.uk/Id/uec-dos-service-id|1000000123']);
  });

  it('refuses to send a single search longer than GP Connect allows', async () => {
    const client = new FakeGpConnect(() => ({
      body: { resourceType: 'Bundle', type: 'searchset', entry: [] },
    }));
    await expect(
      searchFreeSlots(client.at(), { ...search, start: '2026-03-01', end: '2026-03-16' }),
    ).rejects.toThrow(RangeError);
    expect(client.calls).toHaveLength(0);
  });

  it('searches a long range window by window and merges the slots by start, once each', async () => {
    const client = new FakeGpConnect((call) => {
      const start = call.query?.find(([name]) => name === 'start')?.[1];
      const slots =
        start === 'ge2026-03-02'
          ? [
              makeSlot('b', '2026-03-16T09:10:00+00:00', '2026-03-16T09:20:00+00:00'),
              makeSlot('a', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00'),
            ]
          : [
              makeSlot('c', '2026-03-30T09:00:00+01:00', '2026-03-30T09:10:00+01:00'),
              makeSlot('a', '2026-03-03T09:00:00+00:00', '2026-03-03T09:10:00+00:00'),
            ];
      return {
        body: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [...slots, makeSchedule('s1', ['Location/l1']), location].map((resource) => ({ resource })),
        },
      };
    });
    const free = await searchFreeSlotsInRange(client.at(), {
      ...search,
      start: '2026-03-02',
      end: '2026-03-31',
    });
    expect(client.calls.map((call) => call.query?.slice(1, 3).map(([, value]) => value))).toEqual([
      ['ge2026-03-02', 'le2026-03-16'],
      ['ge2026-03-17', 'le2026-03-31'],
    ]);
    expect(free.map((entry) => entry.booking.slotId)).toEqual(['a', 'b', 'c']);
  });
});

describe('freeSlotsFromBundle', () => {
  it('maps a telephone pharmacist slot without a practitioner', () => {
    const [free] = freeSlotsFromBundle(
      bundle(
        makeSlot('x1', '2026-07-01T14:00:00+01:00', '2026-07-01T14:15:00+01:00'),
        makeSchedule('s1', ['Location/l1']),
        location,
      ),
      'A00001',
    );
    expect(free?.slot).toEqual({
      id: 'A00001~2026-07-01~x1',
      start: '2026-07-01T14:00:00+01:00',
      end: '2026-07-01T14:15:00+01:00',
      durationMinutes: 15,
      role: { group: 'pharmacist', display: 'Pharmacist' },
      channel: 'telephone',
      slotType: 'Phone consultation',
      location: { id: 'l1', name: 'Main Surgery', address: { lines: ['1 Road'], town: 'Leeds' } },
    });
  });

  it('leaves out slots it cannot describe or book: busy, unknown schedule, no location actor, unknown channel', () => {
    const free = freeSlotsFromBundle(
      bundle(
        makeSlot('busy', '2026-07-01T09:00:00+01:00', '2026-07-01T09:10:00+01:00', { status: 'busy' }),
        makeSlot('orphan', '2026-07-01T09:00:00+01:00', '2026-07-01T09:10:00+01:00', {
          schedule: { reference: 'Schedule/nope' },
        }),
        makeSlot('nowhere', '2026-07-01T09:00:00+01:00', '2026-07-01T09:10:00+01:00', {
          schedule: { reference: 'Schedule/s2' },
        }),
        makeSlot('carrier-pigeon', '2026-07-01T09:00:00+01:00', '2026-07-01T09:10:00+01:00', {
          extension: [{ url: EXT.deliveryChannel, valueCode: 'Pigeon' }],
        }),
        makeSlot('ok', '2026-07-01T09:00:00+01:00', '2026-07-01T09:10:00+01:00', { extension: [] }),
        makeSchedule('s1', ['Location/l1']),
        makeSchedule('s2', ['Practitioner/p1']),
        location,
      ),
      'A00001',
    );
    expect(free.map((entry) => [entry.booking.slotId, entry.slot.channel])).toEqual([['ok', 'in-person']]);
  });

  it('lists a slot sent twice once, and every slot in order of its instant', () => {
    const free = freeSlotsFromBundle(
      bundle(
        makeSlot('late', '2026-10-25T01:30:00+00:00', '2026-10-25T01:40:00+00:00'),
        makeSlot('twice', '2026-10-25T01:10:00+01:00', '2026-10-25T01:20:00+01:00'),
        makeSlot('early', '2026-10-25T01:20:00+01:00', '2026-10-25T01:30:00+01:00'),
        makeSlot('twice', '2026-10-25T01:10:00+01:00', '2026-10-25T01:20:00+01:00'),
        makeSchedule('s1', ['Location/l1']),
        location,
      ),
      'A00001',
    );
    expect(free.map((entry) => [entry.booking.slotId, entry.slot.start])).toEqual([
      ['twice', '2026-10-25T01:10:00+01:00'],
      ['early', '2026-10-25T01:20:00+01:00'],
      ['late', '2026-10-25T01:30:00+00:00'],
    ]);
    // What the session gives every slot is worked out once and shared.
    expect(free[0]?.slot.location).toBe(free[2]?.slot.location);
    expect(free[0]?.slot.role).toBe(free[2]?.slot.role);
  });

  it('lets unknown resource types through but refuses a malformed Slot', () => {
    expect(bundle({ resourceType: 'PractitionerRole', id: 'r1' }).entry).toHaveLength(1);
    expect(() => bundle(makeSlot('z', '2026-07-01T09:00:00Z', '2026-07-01T09:10:00Z'))).toThrow();
    expect(() => bundle(makeSlot('x', '2026-02-30T09:00:00+00:00', '2026-02-30T09:10:00+00:00'))).toThrow();
    expect(() =>
      bundle({
        ...makeSlot('y', '2026-07-01T09:00:00+01:00', '2026-07-01T09:10:00+01:00'),
        schedule: { reference: 'http://x/Schedule/1' },
      }),
    ).toThrow();
  });
});

describe('mergeFreeSlots', () => {
  it('keeps one of each slot id, sorted by instant (not by string) and then id', () => {
    const entry = (slotId: string, start: string) => ({ booking: { slotId, start } }) as FreeSlot;
    const merged = mergeFreeSlots([
      [entry('late', '2026-10-25T01:30:00+00:00'), entry('b', '2026-10-25T01:10:00+01:00')],
      [
        entry('early', '2026-10-25T01:20:00+01:00'),
        entry('b', '2026-10-25T01:10:00+01:00'),
        entry('a', '2026-10-25T01:10:00+01:00'),
      ],
    ]);
    expect(merged.map((free) => free.booking.slotId)).toEqual(['a', 'b', 'early', 'late']);
  });
});
