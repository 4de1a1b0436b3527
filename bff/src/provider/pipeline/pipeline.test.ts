import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig, makePractice } from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';
import { claimsFor, spineHeaders, unsecuredJwt } from '../test-support/spine-request.js';

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

  describe('requests that reach no interaction', () => {
    const answer = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string) => {
      const response = await provider.send('metadata', method, path);
      const body = response.json();
      return [response.status, code(body), body.issue?.[0]?.code];
    };

    it.each(['/metadatas', '/Metadata', '/Locationss/main', '/Location!/main', '/locations/main'])(
      'answers %s, which names no FHIR resource, with 404 NO_RECORD_FOUND',
      async (path) => {
        expect(await answer('GET', path)).toEqual([404, 'NO_RECORD_FOUND', 'not-found']);
      },
    );

    it.each([
      ['PATCH', '/metadata'],
      ['DELETE', '/metadata'],
      ['POST', '/metadata'],
      ['PUT', '/Location/main'],
      ['DELETE', '/Appointment/1'],
    ] as const)(
      'answers %s %s, a verb the endpoint does not take, with 400 BAD_REQUEST',
      async (method, path) => {
        expect(await answer(method, path)).toEqual([400, 'BAD_REQUEST', 'invalid']);
      },
    );

    it('answers OPTIONS and HEAD on an endpoint with 400 BAD_REQUEST too', async () => {
      for (const method of ['OPTIONS', 'HEAD'] as const) {
        const response = await provider.app.inject({
          method,
          url: `/${provider.practice.odsCode}/STU3/1/gpconnect/metadata`,
          headers: spineHeaders(provider.practice, 'metadata'),
        });
        expect(response.statusCode).toBe(400);
      }
    });

    it.each(['/Schedule/1', '/Observation', '/Patient/1/$everything', '/Appointment/1/_history/1', '/$meta'])(
      'answers %s, a FHIR resource or operation not served here, with 501 NOT_IMPLEMENTED',
      async (path) => {
        expect(await answer('GET', path)).toEqual([501, 'NOT_IMPLEMENTED', 'not-supported']);
      },
    );

    it('answers a URL outside every service root with 404 NO_RECORD_FOUND', async () => {
      const response = await provider.app.inject({ method: 'GET', url: '/Z99999/STU3/1/gpconnect/metadata' });
      expect(response.statusCode).toBe(404);
      expect(code(response.json())).toBe('NO_RECORD_FOUND');
      expect(response.headers['cache-control']).toBe('no-store');
    });
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

    const resource = (claims: Record<string, unknown>, name: string) =>
      claims[name] as Record<string, unknown> & {
        identifier?: Array<Record<string, unknown>>;
        name?: unknown;
      };
    const answered = async (change: (claims: Record<string, unknown>) => void) => {
      const response = await withClaims(change);
      const body = response.json();
      return [response.status, code(body), body.issue?.[0]?.code];
    };

    it.each<[string, (claims: Record<string, unknown>) => void]>([
      [
        'a requesting_organization without its ODS code identifier',
        (c) => (resource(c, 'requesting_organization').identifier = []),
      ],
      [
        'a requesting_organization whose identifier is not an ODS code',
        (c) =>
          (resource(c, 'requesting_organization').identifier = [
            { system: 'https://example.org/id', value: 'X1' },
          ]),
      ],
      ['a requesting_organization without a name', (c) => delete resource(c, 'requesting_organization').name],
      ['a requesting_practitioner without a name', (c) => delete resource(c, 'requesting_practitioner').name],
      [
        'a requesting_practitioner name without a family name',
        (c) => (resource(c, 'requesting_practitioner').name = [{ given: ['Terry'] }]),
      ],
      [
        'a requesting_practitioner without its SDS user id',
        (c) => (resource(c, 'requesting_practitioner').identifier = []),
      ],
      ['a requesting_device without a model', (c) => delete resource(c, 'requesting_device')['model']],
      [
        'a requesting_device without an identifier',
        (c) => delete resource(c, 'requesting_device')['identifier'],
      ],
      [
        'a requesting_practitioner that is a Patient',
        (c) => (resource(c, 'requesting_practitioner')['resourceType'] = 'Patient'),
      ],
      [
        'a requesting_device of resourceType InvalidResourceType',
        (c) => (resource(c, 'requesting_device')['resourceType'] = 'InvalidResourceType'),
      ],
      ['a requesting_organization that is a string', (c) => (c['requesting_organization'] = 'Test Hospital')],
    ])('answers %s, an incomplete or wrong claim, with 400 BAD_REQUEST', async (_, change) => {
      expect(await answered(change)).toEqual([400, 'BAD_REQUEST', 'invalid']);
    });

    it.each<[string, (claims: Record<string, unknown>) => void]>([
      [
        'a requesting_device with an element Device does not have',
        (c) => (resource(c, 'requesting_device')['invalidFhirResourceField'] = 'ValidationTestElement'),
      ],
      [
        'a requesting_organization with an element Organization does not have',
        (c) => (resource(c, 'requesting_organization')['model'] = 'x'),
      ],
      [
        'a requesting_practitioner whose name is not a list',
        (c) => (resource(c, 'requesting_practitioner').name = 'Dr Who'),
      ],
      [
        'a requesting_practitioner identifier with an element Identifier does not have',
        (c) => Object.assign(resource(c, 'requesting_practitioner').identifier?.[0] ?? {}, { code: 'x' }),
      ],
    ])('answers %s, an invalid FHIR resource, with 422 INVALID_RESOURCE', async (_, change) => {
      expect(await answered(change)).toEqual([422, 'INVALID_RESOURCE', 'invalid']);
    });

    it('accepts the other elements of each resource and primitive extensions', async () => {
      const response = await withClaims((c) => {
        Object.assign(resource(c, 'requesting_device'), { status: 'active', _model: { id: 'm' } });
        Object.assign(resource(c, 'requesting_organization'), { active: true, alias: ['TH'] });
        Object.assign(resource(c, 'requesting_practitioner'), { gender: 'female', telecom: [] });
      });
      expect(response.status).toBe(200);
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
    const refused = async (response: Awaited<ReturnType<TestProvider['send']>>) => {
      const body = response.json();
      return [
        response.status,
        response.headers['content-type'],
        body.resourceType,
        code(body),
        body.issue?.[0]?.code,
      ];
    };
    const UNSUPPORTED = [
      415,
      'application/fhir+json;charset=utf-8',
      'OperationOutcome',
      'UNSUPPORTED_MEDIA_TYPE',
      'not-supported',
    ];

    it.each(['text/xml', 'application/xml', 'application/json', 'application/json+fhir', 'text/html'])(
      'refuses Accept: %s, not a FHIR media type, with 415 UNSUPPORTED_MEDIA_TYPE in JSON',
      async (accept) => {
        expect(await refused(await metadata({ accept }))).toEqual(UNSUPPORTED);
      },
    );

    it.each(['text/xml', 'application/xml', 'xml', 'json', 'text/turtle'])(
      'refuses _format=%s with 415 UNSUPPORTED_MEDIA_TYPE in JSON',
      async (format) => {
        const response = await provider.send(
          'metadata',
          'GET',
          `/metadata?_format=${encodeURIComponent(format)}`,
        );
        expect(await refused(response)).toEqual(UNSUPPORTED);
      },
    );

    it.each(['application/xml', 'text/xml', 'application/fhir+json;charset=iso-8859-1'])(
      'refuses a Content-Type of %s, even on a GET, with 415',
      async (contentType) => {
        expect(await refused(await metadata({ 'content-type': contentType }))).toEqual(UNSUPPORTED);
      },
    );

    it('accepts both FHIR media types, with or without a charset', async () => {
      expect((await metadata({ accept: 'application/fhir+xml' })).status).toBe(200);
      expect((await metadata({ accept: 'application/fhir+json;charset=utf-8' })).status).toBe(200);
      expect((await metadata({ accept: 'text/html, application/fhir+json;q=0.5' })).status).toBe(200);
      expect((await metadata({ accept: '*/*' })).status).toBe(200);
    });

    it('lets _format override Accept', async () => {
      const response = await provider.send('metadata', 'GET', '/metadata?_format=application/fhir+json', {
        headers: { accept: 'application/fhir+xml' },
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+json;charset=utf-8');
    });

    it('needs a FHIR Content-Type on a POST', async () => {
      const plain = await provider.send('appointmentCreate', 'POST', '/Appointment', {
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      expect(await refused(plain)).toEqual(UNSUPPORTED);
      const none = await provider.send('appointmentCreate', 'POST', '/Appointment', {
        body: '{}',
        headers: { 'content-type': undefined },
      });
      expect(none.status).toBe(415);
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
