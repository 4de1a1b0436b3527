import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildBffApp } from '../../app/app.js';
import { isLocalHttp } from '../../platform/urls.js';
import { generateSigningKey, type SigningKey } from '../../platform/signing-key.js';
import { sessionPatientServices, type AppServices } from '../../app/services.js';
import { subjectFor, type DemoAccount } from '../../identity/demo-idp/accounts.js';
import { startDemoIdp, type DemoIdp } from '../../identity/demo-idp/server.js';
import { NhsLoginClient } from '../../identity/nhs-login/client.js';
import { sessionCookies } from '../../identity/sessions/cookies.js';
import { SessionManager, type SessionTimings } from '../../identity/sessions/manager.js';
import { MemorySessionStore } from '../../identity/sessions/memory-store.js';
import type { SessionPatient, SessionStore } from '../../identity/sessions/store.js';
import { freePort } from '../free-port.js';

/** A clock tests move by hand. */
export class TestClock {
  constructor(public ms = Date.UTC(2026, 0, 5, 9, 0)) {}
  now = (): number => this.ms;
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export function makeAccount(overrides: Partial<DemoAccount> = {}): DemoAccount {
  const nhsNumber = overrides.nhsNumber ?? '9731000100';
  return {
    sub: subjectFor(nhsNumber),
    nhsNumber,
    givenName: 'Jane Mary',
    familyName: 'Testpatient',
    birthDate: '1980-03-03',
    gpOdsCode: 'Y90001',
    practiceName: 'Riverside Medical Centre',
    vot: 'P9.Cp.Cd',
    ...overrides,
  };
}

export const DEFAULT_TIMINGS: SessionTimings = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 };
export const VTR = ['P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm'];

export interface SignInStack {
  idp: DemoIdp;
  bff: FastifyInstance;
  bffUrl: string;
  sessions: SessionManager;
  key: SigningKey;
  close(): Promise<void>;
}

/**
 * The demo IdP and a BFF on ephemeral ports, wired like `npm start` (the BFF's services are only the
 * session-backed ones: no GP Connect here). Pass the same store to two stacks to get two BFF instances.
 */
export async function startSignInStack(
  options: {
    accounts?: DemoAccount[];
    store?: SessionStore;
    clock?: TestClock;
    logger?: Logger;
    key?: SigningKey;
    idp?: DemoIdp;
    bffPort?: number;
  } = {},
): Promise<SignInStack> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const key = options.key ?? (await generateSigningKey());
  const port = options.bffPort ?? (await freePort());
  const bffUrl = `http://127.0.0.1:${port}`;
  const redirectUri = `${bffUrl}/auth/callback`;
  const ownsIdp = options.idp === undefined;
  const idp =
    options.idp ??
    (await startDemoIdp({
      host: '127.0.0.1',
      port: 0,
      client: {
        clientId: 'gp-appointments-test',
        clientName: 'GP Appointments',
        redirectUris: [redirectUri],
        jwks: key.jwks,
      },
      accounts: options.accounts ?? [makeAccount()],
      logger,
    }));
  const clock = options.clock;
  const store = options.store ?? new MemorySessionStore(clock ? { now: clock.now } : {});
  const sessions = new SessionManager({
    store,
    timings: DEFAULT_TIMINGS,
    ...(clock ? { now: clock.now } : {}),
  });
  const nhsLogin = new NhsLoginClient(
    {
      issuer: idp.issuer,
      clientId: 'gp-appointments-test',
      redirectUri,
      scopes: 'openid profile profile_extended gp_registration_details phone',
      vtr: VTR,
      timeoutMs: 5000,
    },
    key,
  );
  const services = { ...sessionPatientServices(sessions) } as unknown as AppServices;
  const bff = await buildBffApp({
    services,
    logger,
    jwks: key.jwks,
    identity: { sessions, nhsLogin, publicUrl: bffUrl, secureCookies: false },
  });
  await bff.listen({ host: '127.0.0.1', port });
  return {
    idp,
    bff,
    bffUrl,
    sessions,
    key,
    async close() {
      await bff.close();
      if (!options.store) await store.close();
      if (ownsIdp) await idp.close();
    },
  };
}

/**
 * For API tests that need a signed-in patient without going through NHS login: starts a session directly and
 * returns the headers an `app.inject` call needs (cookie, CSRF token, same-origin Origin).
 */
export async function signedInSession(
  sessions: SessionManager,
  publicUrl: string,
  patient: Partial<SessionPatient> = {},
): Promise<{ headers: Record<string, string>; csrfToken: string; sessionId: string }> {
  const session = await sessions.start({
    sub: 'test-subject',
    nhsNumber: '9731000100',
    givenName: 'Jane',
    familyName: 'Testpatient',
    birthDate: '1980-03-03',
    registeredOds: 'Y90001',
    ...patient,
  });
  const cookie = `${sessionCookies(!isLocalHttp(publicUrl)).session}=${session.id}`;
  return {
    headers: { cookie, 'x-csrf-token': session.record.csrfToken, origin: new URL(publicUrl).origin },
    csrfToken: session.record.csrfToken,
    sessionId: session.id,
  };
}
