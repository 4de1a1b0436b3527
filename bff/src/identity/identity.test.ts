import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../provider/config/load.js';
import { makeAccount } from '../test-support/identity/sign-in-stack.js';
import { generateSigningKey } from '../platform/signing-key.js';
import { demoAccountsFromSeed } from './demo-idp/accounts.js';
import { startDemoIdp, type DemoIdp } from './demo-idp/server.js';
import { patientFrom } from './nhs-login/client.js';
import { safeReturnTo } from './return-to.js';

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
