import { Writable } from 'node:stream';
import { SIGNED_IN_HINT_COOKIE, sessionResponseSchema } from '@gpbook/shared/session';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test-support/identity/browser.js';
import {
  makeAccount,
  startSignInStack,
  TestClock,
  type SignInStack,
} from '../test-support/identity/sign-in-stack.js';

const SESSION_COOKIE = 'gpbook_session';
const patient = makeAccount({
  nhsNumber: '9731000100',
  givenName: 'Jane Mary',
  familyName: 'Testpatient',
  phone: '07700 900123',
});
const p5 = makeAccount({ nhsNumber: '9731000305', givenName: 'Sam', familyName: 'Partial', vot: 'P5.Cp.Cd' });

let stacks: SignInStack[] = [];
afterEach(async () => {
  await Promise.all(stacks.map((stack) => stack.close()));
  stacks = [];
});

async function stack(options: Parameters<typeof startSignInStack>[0] = {}): Promise<SignInStack> {
  const started = await startSignInStack({ accounts: [patient, p5], ...options });
  stacks.push(started);
  return started;
}

function captureLogs() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, text: () => lines.join('') };
}

interface SignInRun {
  /** Where the BFF finally sent the browser. */
  landing: URL;
  status: number;
  setCookie: string[];
}

/**
 * Drives sign-in like a browser: /auth/login, the IdP's authorize and sign-in page, the chosen account's
 * button, and back to /auth/callback. The hooks let a test tamper with the authorize URL or the callback.
 */
async function signIn(
  browser: TestBrowser,
  bffUrl: string,
  options: {
    account?: string;
    returnTo?: string;
    cancel?: boolean;
    tamperAuthorize?: (url: URL) => void;
    tamperCallback?: (url: URL) => void;
  } = {},
): Promise<SignInRun> {
  const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  const login = await browser.request(`${bffUrl}/auth/login${query}`);
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get('location')!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(JSON.parse(authorize.searchParams.get('vtr')!)).toEqual(['P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm']);
  options.tamperAuthorize?.(authorize);

  const page = await browser.follow(authorize.href);
  expect(page.response.status).toBe(200);
  const html = await page.response.text();
  expect(page.response.headers.get('content-security-policy')).toContain("default-src 'none'");
  const action = /<form method="post" action="([^"]+)\/login"/.exec(html)?.[1];
  expect(action).toBeDefined();
  const target = new URL(`${action!}/${options.cancel ? 'abort' : 'login'}`, page.url);
  const body = new URLSearchParams(options.cancel ? {} : { account: options.account ?? patient.sub });
  const callbackHop = await browser.follow(target.href, (next) => next.pathname === '/auth/callback', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(callbackHop.url.pathname).toBe('/auth/callback');
  const callback = callbackHop.url;
  options.tamperCallback?.(callback);
  const final = await browser.request(callback.href);
  return {
    landing: new URL(final.headers.get('location') ?? '/', bffUrl),
    status: final.status,
    setCookie: final.headers.getSetCookie(),
  };
}

async function getSession(browser: TestBrowser, bffUrl: string) {
  const response = await browser.request(`${bffUrl}/api/session`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function refresh(browser: TestBrowser, bffUrl: string, csrfToken: string) {
  return browser.request(`${bffUrl}/api/session/refresh`, {
    method: 'POST',
    headers: { 'x-csrf-token': csrfToken, origin: bffUrl },
  });
}

describe('sign-in with the demo NHS login', () => {
  it('signs a P9 patient in, returns to the page asked for, and shows who is signed in', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const { bffUrl } = await stack({ logger });
    const browser = new TestBrowser();
    const run = await signIn(browser, bffUrl, { returnTo: '/appointments?tab=upcoming' });

    expect(run.status).toBe(303);
    expect(run.landing.href).toBe(`${bffUrl}/appointments?tab=upcoming`);
    const cookie = run.setCookie.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // http://127.0.0.1 is the one place without Secure
    const sessionId = browser.cookie(bffUrl, SESSION_COOKIE)!;
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    // Beside it, a hint the web can read (no secret in it) so a browser never signed in does not ask GET /api/session.
    const hint = run.setCookie.find((line) => line.startsWith(`${SIGNED_IN_HINT_COOKIE}=`));
    expect(hint).toMatch(/^gpbook_signed_in=1;/);
    expect(hint).not.toMatch(/HttpOnly/i);
    expect(hint).toMatch(/SameSite=Lax/i);

    const session = await getSession(browser, bffUrl);
    expect(session.status).toBe(200);
    const body = sessionResponseSchema.parse(session.body);
    expect(body.user).toEqual({
      id: expect.stringMatching(/^[\w-]{32}$/) as string,
      displayName: 'Jane Mary Testpatient',
      givenName: 'Jane Mary',
      familyName: 'Testpatient',
      // NHS login's phone_number (scope phone), offered as the number to call for a telephone appointment.
      phone: '07700 900123',
    });
    // Opaque: neither the NHS login subject nor the NHS number.
    expect(body.user.id).not.toContain(patient.sub);
    expect(body.registeredOds).toBe('Y90001');
    expect(JSON.stringify(session.body)).not.toContain(patient.nhsNumber);

    // Nothing that identifies the patient or authenticates anyone reaches the log.
    const log = lines.join('');
    expect(log).toContain('patient signed in');
    for (const secret of [
      patient.nhsNumber,
      'Testpatient',
      'Jane',
      '900123',
      sessionId,
      body.csrfToken,
      'eyJ',
    ]) {
      expect(log).not.toContain(secret);
    }
    // The callback's query string (authorisation code and state) is not logged either: paths only.
    expect(log).toContain('"path":"/auth/callback"');
    expect(log).not.toMatch(/code=|state=/);
  });

  it('gives a new session id at every sign-in and forgets the old one (no fixation)', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    // A session id planted before sign-in is never adopted.
    browser.setCookie(bffUrl, SESSION_COOKIE, 'planted-by-an-attacker-planted-by-an-attac');
    await signIn(browser, bffUrl);
    const first = browser.cookie(bffUrl, SESSION_COOKIE)!;
    expect(first).not.toBe('planted-by-an-attacker-planted-by-an-attac');

    await signIn(browser, bffUrl);
    const second = browser.cookie(bffUrl, SESSION_COOKIE)!;
    expect(second).not.toBe(first);
    expect((await getSession(browser, bffUrl)).status).toBe(200);

    const old = new TestBrowser();
    old.setCookie(bffUrl, SESSION_COOKIE, first);
    const replay = await getSession(old, bffUrl);
    expect(replay.status).toBe(401);
    // Replaced, not timed out: the old id now names no session.
    expect(replay.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('refuses a callback whose state does not match', async () => {
    const logs = captureLogs();
    const { bffUrl } = await stack({ logger: logs.logger });
    const browser = new TestBrowser();
    const run = await signIn(browser, bffUrl, {
      tamperCallback: (url) => url.searchParams.set('state', 'forged-state'),
    });
    expect(run.landing.pathname + run.landing.search).toBe('/?signin_error=signin_failed');
    expect(browser.cookie(bffUrl, SESSION_COOKIE)).toBeUndefined();
    expect((await getSession(browser, bffUrl)).body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(logs.text()).toContain('\\"state\\" response parameter');
  });

  it('refuses an ID token whose nonce does not match', async () => {
    const logs = captureLogs();
    const { bffUrl } = await stack({ logger: logs.logger });
    const browser = new TestBrowser();
    const run = await signIn(browser, bffUrl, {
      tamperAuthorize: (url) => url.searchParams.set('nonce', 'not-the-nonce-we-sent'),
    });
    expect(run.landing.search).toBe('?signin_error=signin_failed');
    expect(browser.cookie(bffUrl, SESSION_COOKIE)).toBeUndefined();
    expect(logs.text()).toContain('ID Token \\"nonce\\" claim');
  });

  it('uses a sign-in response once only', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    let callback: URL | undefined;
    await signIn(browser, bffUrl, { tamperCallback: (url) => (callback = new URL(url)) });
    const replay = await browser.request(callback!.href);
    expect(replay.headers.get('location')).toBe('/?signin_error=signin_failed');
  });

  it('refuses a person verified only to P5, with a reason the web explains', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    const run = await signIn(browser, bffUrl, { account: p5.sub });
    expect(run.landing.search).toBe('?signin_error=identity_level');
    expect(browser.cookie(bffUrl, SESSION_COOKIE)).toBeUndefined();
  });

  it('reports a cancelled sign-in as such', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    const run = await signIn(browser, bffUrl, { cancel: true });
    expect(run.landing.search).toBe('?signin_error=signin_cancelled');
  });

  it('never returns to another site after sign-in', async () => {
    const { bffUrl } = await stack();
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const run = await signIn(new TestBrowser(), bffUrl, { returnTo });
      expect(run.landing.href).toBe(`${bffUrl}/`);
    }
  });
});

describe('session lifetime', () => {
  it('answers 401 unauthenticated without a session, and leaves /api/health open', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    expect((await getSession(browser, bffUrl)).body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await browser.request(`${bffUrl}/api/health`)).status).toBe(200);
  });

  it('ends after 30 idle minutes; each /api request but GET /api/session slides the idle expiry', async () => {
    const clock = new TestClock();
    const { bffUrl } = await stack({ clock });
    const browser = new TestBrowser();
    await signIn(browser, bffUrl);
    const first = sessionResponseSchema.parse((await getSession(browser, bffUrl)).body);
    expect(Date.parse(first.idleExpiresAt) - clock.ms).toBe(30 * 60_000);
    expect(Date.parse(first.absoluteExpiresAt) - clock.ms).toBe(12 * 3600_000);

    clock.advanceMinutes(20);
    expect((await getSession(browser, bffUrl)).status).toBe(200); // looking does not extend
    clock.advanceMinutes(5);
    const refreshed = await refresh(browser, bffUrl, first.csrfToken); // "stay signed in" at 25 min
    expect(refreshed.status).toBe(200);
    const after = sessionResponseSchema.parse(await refreshed.json());
    expect(Date.parse(after.idleExpiresAt) - clock.ms).toBe(30 * 60_000);

    clock.advanceMinutes(29);
    expect((await getSession(browser, bffUrl)).status).toBe(200);
    clock.advanceMinutes(1); // 30 minutes since the refresh
    const expired = await getSession(browser, bffUrl);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: 'session_expired' } });
  });

  it('ends 12 hours after sign-in however active the patient is', async () => {
    const clock = new TestClock();
    const { bffUrl } = await stack({ clock });
    const browser = new TestBrowser();
    await signIn(browser, bffUrl);
    const { csrfToken } = sessionResponseSchema.parse((await getSession(browser, bffUrl)).body);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.advanceMinutes(20);
      const response = await refresh(browser, bffUrl, csrfToken);
      expect(response.status).toBe(200);
      const body = sessionResponseSchema.parse(await response.json());
      expect(Date.parse(body.idleExpiresAt)).toBeLessThanOrEqual(Date.parse(body.absoluteExpiresAt));
    }
    clock.advanceMinutes(20); // 12 h
    const response = await refresh(browser, bffUrl, csrfToken);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'session_expired' } });
  });

  it('sign-out destroys the session on the server, not only the cookie', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    await signIn(browser, bffUrl);
    const sessionId = browser.cookie(bffUrl, SESSION_COOKIE)!;
    const { csrfToken } = sessionResponseSchema.parse((await getSession(browser, bffUrl)).body);

    const out = await browser.request(`${bffUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken, origin: bffUrl },
    });
    expect(out.status).toBe(204);
    expect(browser.cookie(bffUrl, SESSION_COOKIE)).toBeUndefined();
    expect(browser.cookie(bffUrl, SIGNED_IN_HINT_COOKIE)).toBeUndefined();

    const stolen = new TestBrowser();
    stolen.setCookie(bffUrl, SESSION_COOKIE, sessionId);
    // Signed out, not timed out: the id now names no session.
    expect((await getSession(stolen, bffUrl)).body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('sign-out from a plain HTML form (token as a form field) lands on the home page', async () => {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    await signIn(browser, bffUrl);
    const { csrfToken } = sessionResponseSchema.parse((await getSession(browser, bffUrl)).body);
    const out = await browser.request(`${bffUrl}/auth/logout`, {
      method: 'POST',
      body: new URLSearchParams({ csrfToken }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${bffUrl}/account` },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect((await getSession(browser, bffUrl)).status).toBe(401);
  });
});

describe('CSRF protection', () => {
  async function signedIn() {
    const { bffUrl } = await stack();
    const browser = new TestBrowser();
    await signIn(browser, bffUrl);
    const { csrfToken } = sessionResponseSchema.parse((await getSession(browser, bffUrl)).body);
    return { bffUrl, browser, csrfToken };
  }

  const cases: Array<[string, (bffUrl: string, token: string) => Record<string, string>]> = [
    ['no token', (bffUrl) => ({ origin: bffUrl })],
    ['a wrong token', (bffUrl, token) => ({ origin: bffUrl, 'x-csrf-token': `${token.slice(0, -2)}xx` })],
    ['another origin', (_bffUrl, token) => ({ origin: 'https://evil.example', 'x-csrf-token': token })],
    ['no Origin nor Referer', (_bffUrl, token) => ({ 'x-csrf-token': token })],
    [
      'a foreign Referer',
      (_bffUrl, token) => ({ referer: 'https://evil.example/page', 'x-csrf-token': token }),
    ],
  ];

  it.each(cases)(
    'refuses a state-changing /api request with %s (403 csrf_failed)',
    async (_name, headersFor) => {
      const { bffUrl, browser, csrfToken } = await signedIn();
      const response = await browser.request(`${bffUrl}/api/session/refresh`, {
        method: 'POST',
        headers: headersFor(bffUrl, csrfToken),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    },
  );

  it('refuses sign-out without the token, and keeps the session', async () => {
    const { bffUrl, browser } = await signedIn();
    const response = await browser.request(`${bffUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: bffUrl },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    expect((await getSession(browser, bffUrl)).status).toBe(200);
  });

  it('accepts the token with a same-origin Referer when the browser sends no Origin', async () => {
    const { bffUrl, browser, csrfToken } = await signedIn();
    const response = await browser.request(`${bffUrl}/api/session/refresh`, {
      method: 'POST',
      headers: { referer: `${bffUrl}/appointments`, 'x-csrf-token': csrfToken },
    });
    expect(response.status).toBe(200);
  });
});
