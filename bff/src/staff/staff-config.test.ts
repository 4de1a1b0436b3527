import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../app/config.js';

describe('staff sign-in configuration (STAFF_OIDC_*)', () => {
  it('defaults to the demo IdP, the staff callback on PUBLIC_URL and the CIS2 scopes', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://gp.example.org' }).staffOidc).toEqual({
      issuer: undefined,
      clientId: 'gp-appointments-staff-demo',
      redirectUri: 'https://gp.example.org/auth/staff/callback',
      scopes: 'openid profile nhsperson nationalrbacaccess associatedorgs selectedrole',
      timeoutMs: 10_000,
    });
  });

  it('takes CIS2 from the environment', () => {
    const config = loadConfig({
      STAFF_OIDC_ISSUER:
        'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc/',
      STAFF_OIDC_CLIENT_ID: '999999999999.apps.national',
      STAFF_OIDC_REDIRECT_URI: 'https://gp.example.org/auth/staff/callback',
    });
    expect(config.staffOidc).toMatchObject({
      issuer: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc',
      clientId: '999999999999.apps.national',
    });
  });

  it('refuses scopes without openid or the RBAC roles', () => {
    expect(() => loadConfig({ STAFF_OIDC_SCOPES: 'profile nationalrbacaccess' })).toThrow(ConfigError);
    expect(() => loadConfig({ STAFF_OIDC_SCOPES: 'openid profile' })).toThrow(/STAFF_OIDC_SCOPES/);
  });
});
