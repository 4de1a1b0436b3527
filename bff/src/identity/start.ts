import type { FastifyBaseLogger } from 'fastify';
import type { SigningKey } from '../platform/signing-key.js';
import { loadProviderConfig } from '../provider/config/load.js';
import type { ProviderConfig } from '../provider/config/schema.js';
import { demoAccountsFromSeed } from './demo-idp/accounts.js';
import { demoStaffAccountsFromSeed } from './demo-idp/staff-accounts.js';
import { startDemoIdp, type DemoIdp } from './demo-idp/server.js';
import { NhsLoginClient, type NhsLoginSettings } from './nhs-login/client.js';
import { SessionManager } from './sessions/manager.js';
import { MemorySessionStore } from './sessions/memory-store.js';
import { connectRedisSessionStore } from './sessions/redis-store.js';
import type { SessionStore } from './sessions/store.js';

/** The part of the process configuration sign-in reads (app/config.ts's AppConfig is one). */
export interface IdentityConfig {
  publicUrl: string;
  oidc: NhsLoginSettings;
  demoIdp: { run: boolean; host: string; port: number };
  /**
   * Staff sign-in (issue 14). When it has no issuer of its own, the demo IdP offers a staff client for it, with a
   * practice manager at each seed practice and a receptionist at the first.
   */
  staffOidc?: { issuer: string | undefined; clientId: string; redirectUri: string } | undefined;
  /** The seed the demo IdP lists patients from, when the caller has not loaded it already. */
  provider: { seed: string };
  session: {
    idleSeconds: number;
    absoluteSeconds: number;
    secureCookies: boolean;
    redisUrl: string | undefined;
    redisKeyPrefix: string;
  };
}

export interface Identity {
  sessions: SessionManager;
  /** What buildBffApp needs. */
  app: { sessions: SessionManager; nhsLogin: NhsLoginClient; publicUrl: string; secureCookies: boolean };
  demoIdp: DemoIdp | undefined;
  close(): Promise<void>;
}

/**
 * Sign-in for the BFF: the session store (Redis when REDIS_URL is set, else memory), the NHS login client,
 * and, for the demo, the bundled identity provider listing the provider seed's patients.
 */
export async function startIdentity(
  config: IdentityConfig,
  logger: FastifyBaseLogger,
  key: SigningKey,
  seed: ProviderConfig | undefined,
): Promise<Identity> {
  let demoIdp: DemoIdp | undefined;
  if (config.demoIdp.run) {
    const providerSeed = seed ?? loadProviderConfig(config.provider.seed);
    const staff = config.staffOidc;
    demoIdp = await startDemoIdp({
      host: config.demoIdp.host,
      port: config.demoIdp.port,
      issuer: config.oidc.issuer,
      client: {
        clientId: config.oidc.clientId,
        clientName: 'GP Appointments',
        redirectUris: [config.oidc.redirectUri],
        jwks: key.jwks,
      },
      accounts: demoAccountsFromSeed(providerSeed),
      staff:
        staff && staff.issuer === undefined
          ? {
              client: {
                clientId: staff.clientId,
                clientName: 'GP Appointments practice view',
                redirectUris: [staff.redirectUri],
                jwks: key.jwks,
              },
              accounts: demoStaffAccountsFromSeed(providerSeed),
            }
          : undefined,
      logger: logger.child({ component: 'demo-idp' }),
    });
  }
  let store: SessionStore;
  try {
    store = config.session.redisUrl
      ? await connectRedisSessionStore(config.session.redisUrl, config.session.redisKeyPrefix)
      : new MemorySessionStore();
  } catch (error) {
    await demoIdp?.close();
    throw error;
  }
  const sessions = new SessionManager({
    store,
    timings: { idleSeconds: config.session.idleSeconds, absoluteSeconds: config.session.absoluteSeconds },
  });
  const nhsLogin = new NhsLoginClient({ ...config.oidc, issuer: demoIdp?.issuer ?? config.oidc.issuer }, key);
  return {
    sessions,
    app: { sessions, nhsLogin, publicUrl: config.publicUrl, secureCookies: config.session.secureCookies },
    demoIdp,
    async close() {
      await store.close();
      await demoIdp?.close();
    },
  };
}
