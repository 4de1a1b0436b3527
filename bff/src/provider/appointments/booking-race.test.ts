import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYS } from '../../gpconnect/constants.js';
import { bookingBody } from '../test-support/appointment-body.js';
import { makeConfig } from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';
import { spineHeaders } from '../test-support/spine-request.js';

describe('booking race over real HTTP', () => {
  let provider: TestProvider;
  let base: string;
  beforeAll(async () => {
    provider = await startTestProvider(makeConfig());
    await provider.app.listen({ host: '127.0.0.1', port: 0 });
    const address = provider.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}/A11111/STU3/1/gpconnect`;
  });
  afterAll(() => provider.close());

  it('20 parallel bookings of one slot: exactly one 201 and 19 × 409 DUPLICATE_REJECTED', async () => {
    const search = await fetch(
      `${base}/Slot?status=free&start=ge${tomorrow()}&end=le${tomorrow()}&_include=Slot:schedule&searchFilter=${SYS.orgType}|gp-practice`,
      { headers: spineHeaders(provider.practice, 'slotSearch') },
    );
    const bundle = (await search.json()) as {
      entry: Array<{ resource: { resourceType: string; id: string; start: string; end: string } }>;
    };
    const slot = bundle.entry
      .map((entry) => entry.resource)
      .find((resource) => resource.resourceType === 'Slot');
    if (!slot) throw new Error('no free slot');
    const body = JSON.stringify(bookingBody({ slots: [slot] }));
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${base}/Appointment`, {
          method: 'POST',
          headers: spineHeaders(provider.practice, 'appointmentCreate'),
          body,
        }),
      ),
    );
    const outcomes = await Promise.all(
      responses.map(async (response) => {
        const json = (await response.json()) as {
          issue?: Array<{ details: { coding: Array<{ code: string }> } }>;
        };
        return `${response.status} ${json.issue?.[0]?.details.coding[0]?.code ?? ''}`.trim();
      }),
    );
    expect(outcomes.filter((outcome) => outcome === '201')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === '409 DUPLICATE_REJECTED')).toHaveLength(19);
  });
});

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}
