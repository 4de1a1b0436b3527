import { describe, expect, it } from 'vitest';
import { GpConnectError } from './errors.js';
import { createReferenceReader } from './participants.js';
import { findPatient } from './patients.js';
import { FakeGpConnect, notFound } from './test-support/fake-gp-connect.js';

describe('findPatient', () => {
  it('sends the NHS number identifier and returns the logical id of the match', async () => {
    const client = new FakeGpConnect(() => ({
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          {
            resource: {
              resourceType: 'Patient',
              id: 'p9',
              identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000009' }],
            },
          },
        ],
      },
    }));
    expect(await findPatient(client.at(), '9000000009')).toBe('p9');
    expect(client.calls[0]).toMatchObject({ interaction: 'patientSearch', path: '/Patient' });
    expect(client.queryOf(0)).toEqual(['identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009']);
  });

  it('returns undefined for an empty bundle', async () => {
    const client = new FakeGpConnect(() => ({
      body: { resourceType: 'Bundle', type: 'searchset', entry: [] },
    }));
    expect(await findPatient(client.at(), '9000000009')).toBeUndefined();
  });
});

describe('createReferenceReader', () => {
  it('reads each reference once per reader, gives undefined for 404 and passes other failures on', async () => {
    const client = new FakeGpConnect((call) => {
      if (call.path === '/Location/l1')
        return { body: { resourceType: 'Location', id: 'l1', name: 'Main Surgery' } };
      if (call.path === '/Location/down')
        return new GpConnectError({ kind: 'unreachable', cause: 'dropped' }, call.interaction);
      return notFound(call.interaction);
    });
    const reader = createReferenceReader(client.at());
    const [first, second, missing] = await Promise.all([
      reader.location('l1'),
      reader.location('l1'),
      reader.practitioner('gone'),
    ]);
    expect(first?.name).toBe('Main Surgery');
    expect(second).toBe(first);
    expect(missing).toBeUndefined();
    expect(client.calls.map((call) => call.path)).toEqual(['/Location/l1', '/Practitioner/gone']);
    await expect(reader.location('down')).rejects.toBeInstanceOf(GpConnectError);
  });
});
