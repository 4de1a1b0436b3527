import { describe, expect, it } from 'vitest';
import { fhirJson, plainResource, searchset, SerializedResource } from './common.js';

const slot = { resourceType: 'Slot', id: '7', status: 'free', start: '2026-03-03T09:00:00+00:00' };
const schedule = { resourceType: 'Schedule', id: 's1', actor: [{ reference: 'Location/1' }] };

describe('ready-made JSON in a searchset', () => {
  it('writes the same Bundle as JSON.stringify of the plain resources, in the same key order', () => {
    const made = searchset([new SerializedResource(JSON.stringify(slot)), schedule], { tag: [] });
    const plain = { ...made, entry: [{ resource: slot }, { resource: schedule }] };
    expect(fhirJson(made)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(made)).toBe(JSON.stringify(plain));
    expect(plainResource(made)).toEqual(plain);
  });

  it('leaves everything else to JSON.stringify, the empty Bundle included', () => {
    const empty = searchset([]);
    expect(fhirJson(empty)).toBe(JSON.stringify(empty));
    expect(fhirJson(schedule)).toBe(JSON.stringify(schedule));
    expect(plainResource(schedule)).toBe(schedule);
  });
});
