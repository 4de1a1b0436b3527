import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IdentityConfig } from '../identity/start.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';

describe('loadConfig', () => {
  it('runs the demo on embedded defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.provider).toMatchObject({ run: true, port: 4000, seed: 'demo', database: ':memory:' });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.gpConnect.jwtSigning).toBe('rs512');
  });

  it('needs the organisation that runs the service named, with an email address, once patients sign in with NHS login', () => {
    expect(loadConfig({}).operator).toBeUndefined();
    expect(() => loadConfig({ RUN_DEMO_IDP: 'false' })).toThrow(
      /SERVICE_OPERATOR_NAME and SERVICE_OPERATOR_EMAIL/,
    );
    expect(() => loadConfig({ SERVICE_OPERATOR_NAME: 'Leeds GP Federation' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        RUN_DEMO_IDP: 'false',
        SERVICE_OPERATOR_NAME: 'Leeds GP Federation',
        SERVICE_OPERATOR_EMAIL: 'nope',
      }),
    ).toThrow(/SERVICE_OPERATOR_EMAIL/);
    const config = loadConfig({
      RUN_DEMO_IDP: 'false',
      SERVICE_OPERATOR_NAME: 'Leeds GP Federation',
      SERVICE_OPERATOR_EMAIL: 'privacy@leedsgpfed.example',
      SERVICE_OPERATOR_PHONE: '0113 496 0000',
    });
    expect(config.operator).toEqual({
      name: 'Leeds GP Federation',
      email: 'privacy@leedsgpfed.example',
      phone: '0113 496 0000',
    });
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', GPC_JWT_SIGNING: 'hs256', GPC_CONSUMER_ODS: 'lower' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('GPC_JWT_SIGNING');
    expect(message).toContain('GPC_CONSUMER_ODS');
  });

  it('treats empty values as unset and strips a trailing slash from URLs', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: 'https://book.example.nhs.uk/' });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('https://book.example.nhs.uk');
  });
});

describe('identity configuration', () => {
  it('runs the demo with defaults: demo IdP on 4001, memory sessions, 30 min / 12 h, no Secure on localhost', () => {
    const config = loadConfig({});
    expect(config.oidc).toMatchObject({
      issuer: 'http://localhost:4001',
      redirectUri: 'http://localhost:3000/auth/callback',
      vtr: ['P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm'],
      scopes: 'openid profile profile_extended gp_registration_details phone',
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

describe('AppConfig', () => {
  it('is what sign-in needs, passed as is', () => {
    expectTypeOf<AppConfig>().toExtend<IdentityConfig>();
  });
});
