import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from './pipeline/interactions.js';
import { SERVICE_ROOT_PREFIX } from './routes.js';
import { makeConfig, makePractice } from './test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from './test-support/provider.js';
import { claimsFor, unsecuredJwt } from './test-support/spine-request.js';

const code = (body: FhirJson) => body.issue?.[0]?.details.coding[0]?.code;

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider(makeConfig());
});
afterAll(() => provider.close());

describe('routing', () => {
  it('has a Fastify route for every verb of every endpoint: the served ones and the refused ones', () => {
    for (const endpoint of ENDPOINTS) {
      const url = `${SERVICE_ROOT_PREFIX}${endpoint.url}`;
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']) {
        expect(provider.app.hasRoute({ method, url }), `${method} ${url}`).toBe(true);
      }
    }
  });

  it('reads the logical id from the route, decoded', async () => {
    const response = await provider.send('locationRead', 'GET', '/Location/ma%69n');
    expect(response.status).toBe(200);
    expect(response.json()['id']).toBe('main');
  });

  it('answers an id over 100 characters (the router’s limit; FHIR ids are at most 64) with 400 BAD_REQUEST', async () => {
    const response = await provider.send('locationRead', 'GET', `/Location/${'a'.repeat(101)}`);
    expect([response.status, code(response.json())]).toEqual([400, 'BAD_REQUEST']);
  });
});

/** The pipeline steps run as hooks in the order of digest §13.3: the first failing step decides the answer. */
describe('the order of the pipeline hooks', () => {
  const jwtWith = (change: (claims: Record<string, unknown>) => void) => {
    const claims = claimsFor('metadata');
    change(claims);
    return `Bearer ${unsecuredJwt(claims)}`;
  };
  const outcome = async (response: Awaited<ReturnType<TestProvider['send']>>) => [
    response.status,
    code(response.json()),
  ];

  it('an unknown practice before anything else', async () => {
    const other = makeConfig([makePractice({ odsCode: 'B22222', asid: '900000000002' })]).practices[0];
    if (!other) throw new Error('no practice');
    const response = await provider.send('metadata', 'GET', '/metadata', {
      practice: other,
      headers: { 'ssp-traceid': undefined },
    });
    expect(await outcome(response)).toEqual([404, 'NO_RECORD_FOUND']);
  });

  it('the Spine headers before the route', async () => {
    const response = await provider.send('metadata', 'GET', '/metadatas', { headers: { 'ssp-from': '' } });
    expect(await outcome(response)).toEqual([400, 'BAD_REQUEST']);
  });

  it('the route before the JWT', async () => {
    const response = await provider.send('metadata', 'GET', '/Schedule/1', {
      headers: { authorization: undefined },
    });
    expect(await outcome(response)).toEqual([501, 'NOT_IMPLEMENTED']);
  });

  it('the JWT before the media types', async () => {
    const response = await provider.send('metadata', 'GET', '/metadata', {
      headers: {
        authorization: jwtWith((c) => ((c['requesting_device'] as Record<string, unknown>)['x'] = 1)),
        accept: 'text/xml',
      },
    });
    expect(await outcome(response)).toEqual([422, 'INVALID_RESOURCE']);
  });

  it('the media types before the scope', async () => {
    const response = await provider.send('metadata', 'GET', '/metadata', {
      headers: {
        authorization: jwtWith((c) => (c['requested_scope'] = 'patient/*.read')),
        accept: 'text/xml',
      },
    });
    expect(await outcome(response)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('the scope before the practice switches', async () => {
    const off = await startTestProvider(makeConfig([makePractice({ gpConnectEnabled: false })]));
    const scope = await off.send('metadata', 'GET', '/metadata', {
      headers: { authorization: jwtWith((c) => (c['requested_scope'] = 'patient/*.read')) },
    });
    expect(await outcome(scope)).toEqual([400, 'BAD_REQUEST']);
    expect(await outcome(await off.send('metadata', 'GET', '/metadata'))).toEqual([403, 'ACCESS_DENIED']);
    await off.close();
  });

  it('the practice switches before the body', async () => {
    const off = await startTestProvider(makeConfig([makePractice({ appointmentManagementEnabled: false })]));
    const response = await off.send('appointmentCreate', 'POST', '/Appointment', { body: '{not json' });
    expect(await outcome(response)).toEqual([403, 'ACCESS_DENIED']);
    await off.close();
  });
});
