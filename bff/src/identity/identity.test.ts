import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { sessionPatientServices } from '../app/services.js';
import { loadProviderConfig } from '../provider/config/load.js';
import { makeAccount } from '../test-support/identity/sign-in-stack.js';
import { generateSigningKey } from '../app/keys.js';
import type { FastifyRequest } from 'fastify';
import { demoAccountsFromSeed } from './demo-idp/accounts.js';
import { startDemoIdp, type DemoIdp } from './demo-idp/server.js';
import { patientFrom } from './nhs-login/client.js';
import { safeReturnTo } from './return-to.js';
import { SessionManager } from './sessions/manager.js';
import { MemorySessionStore } from './sessions/memory-store.js';

describe('safeReturnTo', () => {
  const publicUrl = 'https://app.example.nhs.uk';
  it.each([
    ['/appointments?tab=upcoming#next', '/appointments?tab=upcoming#next'],
    [undefined, '/'],
    ['appointments', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ['/\tx', '/'],
    ['/auth/logout', '/'],
  ])('%s -> %s', (input, expected) => {
    expect(safeReturnTo(input, publicUrl)).toBe(expected);
  });
});

describe('identity configuration', () => {
  it('runs the demo with defaults: demo IdP on 4001, memory sessions, 30 min / 12 h, no Secure on localhost', () => {
    const config = loadConfig({});
    expect(config.oidc).toMatchObject({
      issuer: 'http://localhost:4001',
      redirectUri: 'http://localhost:3000/auth/callback',
      vtr: ['P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm'],
      scopes: 'openid profile profile_extended gp_registration_details',
    });
    expect(config.demoIdp).toEqual({ run: true, host: '127.0.0.1', port: 4001 });
    expect(config.session).toMatchObject({
      idleSeconds: 1800,
      absoluteSeconds: 43200,
      secureCookies: false,
      redisUrl: undefined,
    });
  });

  it('sets Secure cookies for any public URL but plain-http localhost', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://gp.example.nhs.uk' }).session.secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:4173' }).session.secureCookies).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://gp.internal' }).session.secureCookies).toBe(true);
  });

  it('names each bad variable', () => {
    expect(() =>
      loadConfig({ OIDC_VTR: '["P9.Cp.Cd",', REDIS_URL: 'http://x', OIDC_SCOPES: 'profile' }),
    ).toThrow(/OIDC_VTR[\s\S]*OIDC_SCOPES[\s\S]*REDIS_URL|OIDC_SCOPES[\s\S]*OIDC_VTR/);
  });
});

describe('claims to session patient', () => {
  const claims = {
    sub: 'abc',
    nhs_number: '9731000100',
    given_name: 'Jane',
    family_name: 'Testpatient',
    birthdate: '1980-03-03',
    gp_registration_details: { gp_ods_code: 'Y90001' },
  };
  it('takes the NHS number, names, birth date and GP practice', () => {
    expect(patientFrom(claims)).toEqual({
      ok: true,
      patient: {
        sub: 'abc',
        nhsNumber: '9731000100',
        givenName: 'Jane',
        familyName: 'Testpatient',
        birthDate: '1980-03-03',
        registeredOds: 'Y90001',
      },
    });
  });
  it('refuses an NHS number that fails the Modulus 11 check, without logging it', () => {
    const outcome = patientFrom({ ...claims, nhs_number: '9731000101' });
    expect(outcome).toMatchObject({ ok: false, code: 'signin_failed' });
    expect(JSON.stringify(outcome)).not.toContain('9731000101');
  });
  it('explains a missing GP registration', () => {
    expect(patientFrom({ ...claims, gp_registration_details: undefined })).toMatchObject({
      ok: false,
      code: 'registration_missing',
    });
  });
});

describe('AppServices.patientOf', () => {
  it('is the session patient: NHS login sub as the user id, registered ODS, NHS number server-side', async () => {
    const sessions = new SessionManager({
      store: new MemorySessionStore(),
      timings: { idleSeconds: 60, absoluteSeconds: 600 },
    });
    const session = await sessions.start({
      sub: 'sub-1',
      nhsNumber: '9731000100',
      givenName: 'Jane Mary',
      familyName: 'Testpatient',
      birthDate: '1980-03-03',
      registeredOds: 'Y90002',
    });
    const services = sessionPatientServices(sessions);
    const request = { patientSession: session } as unknown as FastifyRequest;
    expect(await services.patientOf(request)).toEqual({
      user: { id: 'sub-1', family: 'Testpatient', given: ['Jane', 'Mary'] },
      registeredOds: 'Y90002',
      nhsNumber: '9731000100',
      birthDate: '1980-03-03',
    });
    await services.rememberPatientId(request, 'Y90002', 'pat-9');
    expect(await services.patientIdsOf(request)).toEqual({ Y90002: 'pat-9' });
    await expect(
      services.patientOf({ patientSession: null } as unknown as FastifyRequest),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('demo IdP', () => {
  let idp: DemoIdp | undefined;
  afterAll(async () => idp?.close());

  it('lists every patient of the seed once, at their registered practice, plus one P5-only person', () => {
    const seed = loadProviderConfig('demo');
    const accounts = demoAccountsFromSeed(seed);
    const registered = seed.practices.flatMap((practice) =>
      practice.patients
        .filter((p) => p.registrationType === 'R')
        .map((p) => ({ nhs: p.nhsNumber, ods: practice.odsCode })),
    );
    const listed = accounts
      .filter((a) => a.vot === 'P9.Cp.Cd')
      .map((a) => ({ nhs: a.nhsNumber, ods: a.gpOdsCode }));
    expect(listed).toEqual(expect.arrayContaining(registered));
    expect(new Set(listed.map((a) => a.nhs))).toEqual(
      new Set(seed.practices.flatMap((p) => p.patients.map((pt) => pt.nhsNumber))),
    );
    expect(accounts.filter((a) => a.vot.startsWith('P5'))).toHaveLength(1);
    expect(new Set(accounts.map((a) => a.sub)).size).toBe(accounts.length);
  });

  it('publishes NHS-login-like discovery: RS512 ID tokens, private_key_jwt, PKCE S256, the NHS login claims', async () => {
    const key = await generateSigningKey();
    idp = await startDemoIdp({
      host: '127.0.0.1',
      port: 0,
      client: {
        clientId: 'c',
        clientName: 'GP Appointments',
        redirectUris: ['http://127.0.0.1:3999/auth/callback'],
        jwks: key.jwks,
      },
      accounts: [makeAccount()],
      logger: pino({ level: 'silent' }),
    });
    const discovery = (await (
      await fetch(`${idp.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/authorize`,
      token_endpoint: `${idp.issuer}/token`,
      userinfo_endpoint: `${idp.issuer}/userinfo`,
      jwks_uri: `${idp.issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS512'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery['token_endpoint_auth_methods_supported']).toContain('private_key_jwt');
    expect(discovery['claims_supported']).toEqual(
      expect.arrayContaining([
        'nhs_number',
        'given_name',
        'family_name',
        'birthdate',
        'gp_registration_details',
        'vot',
      ]),
    );
    const css = await fetch(`${idp.issuer}/nhsuk-frontend.min.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await css.text()).length).toBeGreaterThan(10_000);
  });
});
