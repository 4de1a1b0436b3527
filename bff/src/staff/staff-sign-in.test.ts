import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staffSessionResponseSchema } from '@gpbook/shared/staff-session';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { demoStaffAccountsFromSeed, type DemoStaffAccount } from '../identity/demo-idp/staff-accounts.js';
import { demoAccountsFromSeed } from '../identity/demo-idp/accounts.js';
import { generateSigningKey } from '../platform/signing-key.js';
import { loadProviderConfig } from '../provider/config/load.js';
import { startStack, type Stack } from '../stack.js';
import { TestBrowser } from '../test-support/identity/browser.js';
import { freePort } from '../test-support/free-port.js';

/**
 * Staff sign-in through the demo IdP's staff client (standing in for NHS CIS2), over the whole stack: the staff
 * page, CIS2's claims, the staff cookie (never the patient's), the session it gives, and sign-out.
 */

const seed = loadProviderConfig('demo');
const staffAccounts = demoStaffAccountsFromSeed(seed);
const managerAt = (ods: string): DemoStaffAccount => {
  const account = staffAccounts.find(
    (staff) => staff.orgCode === ods && staff.roleLabel === 'Practice manager',
  );
  if (!account) throw new Error(`no practice manager at ${ods}`);
  return account;
};

let stack: Stack;
let bffUrl: string;

beforeAll(async () => {
  const [port, idpPort] = [await freePort(), await freePort()];
  bffUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: bffUrl,
    PROVIDER_PORT: '0',
    DEMO_IDP_PORT: String(idpPort),
    OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'gpbook-staff-sign-in-')),
  });
  stack = await startStack(config, pino({ level: 'silent' }), await generateSigningKey());
});
afterAll(() => stack.close());

/** /auth/staff/login, the IdP's staff page, the chosen account's button, back to /auth/staff/callback. */
async function staffSignIn(browser: TestBrowser, account: string) {
  const login = await browser.request(`${bffUrl}/auth/staff/login`);
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get('location') ?? '');
  expect(authorize.searchParams.get('scope')).toContain('nationalrbacaccess');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const page = await browser.follow(authorize.href);
  expect(page.response.status).toBe(200);
  const html = await page.response.text();
  const action = /<form method="post" action="([^"]+)\/login"/.exec(html)?.[1] ?? '';
  const posted = await browser.follow(
    new URL(`${action}/login`, page.url).href,
    (next) => next.pathname === '/auth/staff/callback',
    {
      method: 'POST',
      body: new URLSearchParams({ account }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  );
  return { html, posted };
}

describe('staff sign-in with the demo IdP', () => {
  it('lists staff, not patients, and signs a practice manager in to the practice view', async () => {
    const browser = new TestBrowser();
    const manager = managerAt('Y90001');
    const { html, posted } = await staffSignIn(browser, manager.sub);
    expect(html).toContain('Choose a member of practice staff');
    expect(html).toContain('Receptionist at Riverside Medical Centre');
    for (const patient of demoAccountsFromSeed(seed)) expect(html).not.toContain(patient.sub);

    expect(posted.url.pathname).toBe('/auth/staff/callback');
    const callback = await browser.request(posted.url.href);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/practice');
    const cookies = callback.headers.getSetCookie().join('\n');
    expect(cookies).toContain('gpbook_staff_session=');
    expect(cookies).toContain('HttpOnly');
    expect(cookies).not.toMatch(/(^|\n)gpbook_session=/);

    const session = await browser.request(`${bffUrl}/api/staff/session`);
    expect(session.status).toBe(200);
    const body = staffSessionResponseSchema.parse(await session.json());
    expect(body).toMatchObject({
      user: { displayName: `${manager.givenName} ${manager.familyName}` },
      role: 'practice-manager',
      practices: [
        {
          odsCode: 'Y90001',
          name: 'Riverside Medical Centre',
          role: 'practice-manager',
          canChangeRules: true,
        },
      ],
    });
    // The staff cookie is no patient session.
    expect((await browser.request(`${bffUrl}/api/session`)).status).toBe(401);

    const logout = await browser.request(`${bffUrl}/auth/staff/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken, origin: bffUrl },
    });
    expect(logout.status).toBe(204);
    expect((await browser.request(`${bffUrl}/api/staff/session`)).status).toBe(401);
  });

  it('a receptionist signs in without the right to change the rules', async () => {
    const browser = new TestBrowser();
    const receptionist = staffAccounts.find((staff) => staff.roleLabel === 'Receptionist');
    if (!receptionist) throw new Error('no receptionist');
    const { posted } = await staffSignIn(browser, receptionist.sub);
    await browser.request(posted.url.href);
    const body = staffSessionResponseSchema.parse(
      await (await browser.request(`${bffUrl}/api/staff/session`)).json(),
    );
    expect(body.practices).toEqual([
      { odsCode: 'Y90001', name: 'Riverside Medical Centre', role: 'receptionist', canChangeRules: false },
    ]);
  });

  it('refuses a patient account on the staff client', async () => {
    const browser = new TestBrowser();
    const patient = demoAccountsFromSeed(seed)[0];
    if (!patient) throw new Error('no patient');
    const { posted } = await staffSignIn(browser, patient.sub);
    expect(posted.response.status).toBe(400);
    expect(browser.cookie(bffUrl, 'gpbook_staff_session')).toBeUndefined();
  });
});
