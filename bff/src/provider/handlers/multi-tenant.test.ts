import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYS } from '../../gpconnect/constants.js';
import { makeConfig, makePractice } from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';

const ADDRESS = { lines: ['2 Other Road'], city: 'Leeds', postcode: 'LS2 2BB' };

describe('one GP system hosting several practices', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider(
      makeConfig([
        makePractice(),
        makePractice({
          odsCode: 'B22222',
          asid: '900000000002',
          name: 'Second Practice',
          locations: [{ id: 'branch-8', name: 'Second branch', address: ADDRESS }],
          schedules: [],
        }),
      ]),
    );
  });
  afterAll(() => provider.close());

  it('finds and reads another hosted practice’s Organization through any service root', async () => {
    const found = (
      await provider.send('organizationSearch', 'GET', `/Organization?identifier=${SYS.odsOrg}|B22222`)
    ).json();
    expect(found.entry?.map((entry) => entry.resource['name'])).toEqual(['Second Practice']);
    expect((await provider.send('organizationRead', 'GET', '/Organization/B22222')).status).toBe(200);
    const unknown = await provider.send('organizationRead', 'GET', '/Organization/INVOC1');
    expect(unknown.status).toBe(404);
    const none = (
      await provider.send('organizationSearch', 'GET', `/Organization?identifier=${SYS.odsOrg}|INVOC1`)
    ).json();
    expect(none.entry).toEqual([]);
  });

  it('reads another hosted practice’s Location, managed by that practice', async () => {
    const response = await provider.send('locationRead', 'GET', '/Location/branch-8');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Second branch',
      managingOrganization: { reference: 'Organization/B22222' },
    });
  });
});
