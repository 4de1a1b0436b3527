import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig, makePractice } from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';
import { claimsFor, unsecuredJwt } from '../test-support/spine-request.js';

const code = (body: { issue?: Array<{ details: { coding: Array<{ code: string }> } }> }) =>
  body.issue?.[0]?.details.coding[0]?.code;

describe('provider pipeline', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider(makeConfig());
  });
  afterAll(() => provider.close());

  const metadata = (headers: Record<string, string | undefined>) =>
    provider.send('metadata', 'GET', '/metadata', { headers });

  it('answers a valid request with no-store caching', async () => {
    const response = await metadata({});
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()['resourceType']).toBe('CapabilityStatement');
  });

  it.each(['ssp-traceid', 'ssp-from', 'ssp-to', 'ssp-interactionid', 'authorization'])(
    'refuses a request without %s with 400 BAD_REQUEST and no-store',
    async (header) => {
      const response = await metadata({ [header]: undefined });
      expect(response.status).toBe(400);
      expect(code(response.json())).toBe('BAD_REQUEST');
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it('refuses an Ssp-To that is not this practice', async () => {
    expect((await metadata({ 'ssp-to': '123' })).status).toBe(400);
  });

  it('refuses an interaction id that does not match the verb and URL', async () => {
    const response = await provider.send('metadata', 'GET', '/Location/main');
    expect(response.status).toBe(400);
    expect(code(response.json())).toBe('BAD_REQUEST');
    expect(
      (await metadata({ 'ssp-interactionid': 'urn:nhs:names:services:gpconnect:fhir:rest:read:nothing-1' }))
        .status,
    ).toBe(400);
  });

  it('answers unknown endpoints and wrong verbs with an OperationOutcome', async () => {
    expect((await provider.send('metadata', 'GET', '/metadatas')).status).toBe(404);
    expect((await provider.send('metadata', 'GET', '/Metadata')).status).toBe(404);
    const patch = await provider.send('metadata', 'PATCH', '/metadata');
    expect(patch.status).toBe(405);
    expect(patch.json()['resourceType']).toBe('OperationOutcome');
  });

  describe('Spine JWT', () => {
    const withClaims = (change: (claims: Record<string, unknown>) => void) => {
      const claims = claimsFor('metadata');
      change(claims);
      return metadata({ authorization: `Bearer ${unsecuredJwt(claims)}` });
    };

    it('refuses exp - iat other than 300 seconds', async () => {
      expect((await withClaims((c) => (c['exp'] = Number(c['iat']) + 299))).status).toBe(400);
      expect((await withClaims((c) => (c['exp'] = Number(c['iat']) + 301))).status).toBe(400);
    });

    it('refuses an expired token and accepts an iat slightly in the future', async () => {
      const past = Math.floor(Date.now() / 1000) - 600;
      expect((await withClaims((c) => Object.assign(c, { iat: past, exp: past + 300 }))).status).toBe(400);
      const future = Math.floor(Date.now() / 1000) + 200;
      expect((await withClaims((c) => Object.assign(c, { iat: future, exp: future + 300 }))).status).toBe(
        200,
      );
    });

    it.each([
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'reason_for_request',
      'requested_scope',
      'requesting_device',
      'requesting_organization',
      'requesting_practitioner',
    ])('refuses a token without %s', async (claim) => {
      const response = await withClaims((c) => delete c[claim]);
      expect(response.status).toBe(400);
      expect(code(response.json())).toBe('BAD_REQUEST');
    });

    it('refuses a wrong reason_for_request, an unknown scope, a scope for another operation, and requested_record', async () => {
      expect((await withClaims((c) => (c['reason_for_request'] = 'secondaryuses'))).status).toBe(400);
      expect((await withClaims((c) => (c['requested_scope'] = 'patient/*.everything'))).status).toBe(400);
      expect((await withClaims((c) => (c['requested_scope'] = 'patient/*.read'))).status).toBe(400);
      expect((await withClaims((c) => (c['requested_record'] = {}))).status).toBe(400);
    });

    it('refuses sub different from requesting_practitioner.id', async () => {
      expect((await withClaims((c) => (c['sub'] = 'someone-else'))).status).toBe(400);
    });

    it('answers 422 for claims that are not valid FHIR resources', async () => {
      expect((await withClaims((c) => (c['requesting_device'] = { resourceType: 'Device' }))).status).toBe(
        422,
      );
      expect(
        (
          await withClaims(
            (c) => ((c['requesting_practitioner'] as Record<string, unknown>)['resourceType'] = 'Patient'),
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await withClaims(
            (c) => (c['requesting_organization'] = { resourceType: 'Organization', identifier: [] }),
          )
        ).status,
      ).toBe(422);
    });

    it('refuses a header other than {"alg":"none","typ":"JWT"}, a signature on an unsecured token and bad base64', async () => {
      const claims = claimsFor('metadata');
      expect(
        (await metadata({ authorization: `Bearer ${unsecuredJwt(claims, { alg: 'HS256', typ: 'JWT' })}` }))
          .status,
      ).toBe(400);
      expect((await metadata({ authorization: `Bearer ${unsecuredJwt(claims)}abc` })).status).toBe(400);
      expect((await metadata({ authorization: `Bearer ${unsecuredJwt(claims).slice(0, -1)}` })).status).toBe(
        400,
      );
      expect((await metadata({ authorization: 'Bearer a+b==.c.' })).status).toBe(400);
      expect((await metadata({ authorization: unsecuredJwt(claims) })).status).toBe(400);
    });
  });

  describe('content negotiation', () => {
    it('refuses a format that is neither FHIR JSON nor FHIR XML with 415, in JSON', async () => {
      const accept = await metadata({ accept: 'text/html' });
      expect(accept.status).toBe(415);
      expect(accept.headers['content-type']).toBe('application/fhir+json;charset=utf-8');
      expect(code(accept.json())).toBe('BAD_REQUEST');
      expect((await provider.send('metadata', 'GET', '/metadata?_format=text/turtle')).status).toBe(415);
      // XML is supported: see xml.test.ts.
      expect((await metadata({ accept: 'application/fhir+xml' })).status).toBe(200);
    });

    it('lets _format override Accept', async () => {
      const response = await provider.send('metadata', 'GET', '/metadata?_format=application/fhir+json', {
        headers: { accept: 'application/fhir+xml' },
      });
      expect(response.status).toBe(200);
    });

    it('needs a FHIR Content-Type on a POST', async () => {
      const response = await provider.send('appointmentCreate', 'POST', '/Appointment', {
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(415);
    });
  });

  it('answers 403 ACCESS_DENIED when appointment management is switched off at the practice', async () => {
    const off = await startTestProvider(makeConfig([makePractice({ appointmentManagementEnabled: false })]));
    const response = await off.send(
      'slotSearch',
      'GET',
      '/Slot?status=free&start=ge2026-01-01&end=le2026-01-02&_include=Slot:schedule',
    );
    expect(response.status).toBe(403);
    expect(code(response.json())).toBe('ACCESS_DENIED');
    await off.close();
  });
});

describe('signed Spine JWTs', () => {
  let provider: TestProvider;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  let signWithOtherKey: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS512');
    const other = await generateKeyPair('RS512');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS512', use: 'sig' };
    provider = await startTestProvider(makeConfig(), { jwt: { jwks: { keys: [jwk] } } });
    sign = (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: 'test' }).sign(privateKey);
    signWithOtherKey = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: 'test' })
        .sign(other.privateKey);
  });
  afterAll(() => provider.close());

  it('accepts a token signed by a key of the JWKS', async () => {
    const token = await sign(claimsFor('metadata'));
    expect(
      (await provider.send('metadata', 'GET', '/metadata', { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
  });

  it('refuses unsecured tokens and tokens signed by another key', async () => {
    expect((await provider.send('metadata', 'GET', '/metadata')).status).toBe(400);
    const forged = await signWithOtherKey(claimsFor('metadata'));
    expect(
      (
        await provider.send('metadata', 'GET', '/metadata', {
          headers: { authorization: `Bearer ${forged}` },
        })
      ).status,
    ).toBe(400);
  });

  it('still applies the GP Connect claim rules to signed tokens', async () => {
    const claims = claimsFor('metadata');
    claims['exp'] = Number(claims['iat']) + 600;
    const token = await sign(claims);
    expect(
      (await provider.send('metadata', 'GET', '/metadata', { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(400);
  });
});
