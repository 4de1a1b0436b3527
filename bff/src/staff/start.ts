import type { Logger } from 'pino';
import type { AppConfig } from '../app/config.js';
import type { PracticeDirectory } from '../app/directory.js';
import type { GpConnectCaller } from '../gpconnect/bound-caller.js';
import { connectRedis } from '../identity/sessions/redis-store.js';
import type { SigningKey } from '../platform/signing-key.js';
import { FanOutAuditTrail, LogAuditTrail, type AuditTrail } from './audit.js';
import { StaffOidcClient } from './cis2-client.js';
import { staffCookies } from './cookies.js';
import { PracticeAdminClient } from './practice-admin-client.js';
import { MemoryStaffSessionStore, RedisStaffSessionStore, type StaffSessionStore } from './session-store.js';
import { StaffSessionManager } from './sessions.js';
import { PracticeVisibility } from './visibility.js';
import type { StaffAppOptions } from './staff-app.js';

export interface StartStaffOptions {
  config: AppConfig;
  logger: Logger;
  key: SigningKey;
  directory: PracticeDirectory;
  /** The GP Connect client the patient API uses (with its practice-health observation). */
  gpConnect: GpConnectCaller;
  /** The demo IdP's issuer, when it runs: staff sign in there unless STAFF_OIDC_ISSUER is set. */
  demoIdpIssuer: string | undefined;
  /** Extra audit trails beside the audit log (tests). */
  audit?: AuditTrail | undefined;
  now?: () => number;
}

export interface Staff {
  app: StaffAppOptions;
  sessions: StaffSessionManager;
  close(): Promise<void>;
}

/**
 * The practice view's server side (issue 14): staff sessions (Redis when REDIS_URL is set, else memory), staff
 * sign-in (CIS2 or the demo IdP's staff client), the "what would they see?" searches with their audit log, and the
 * client of the providers' practice-admin API.
 */
export async function startStaff(options: StartStaffOptions): Promise<Staff> {
  const { config, logger, key, directory } = options;
  const store: StaffSessionStore = config.session.redisUrl
    ? new RedisStaffSessionStore(
        await connectRedis(config.session.redisUrl, 'staff sessions'),
        config.session.redisKeyPrefix,
      )
    : new MemoryStaffSessionStore(options.now ? { now: options.now } : {});
  const sessions = new StaffSessionManager({
    store,
    timings: { idleSeconds: config.session.idleSeconds, absoluteSeconds: config.session.absoluteSeconds },
    ...(options.now ? { now: options.now } : {}),
  });
  const client = new StaffOidcClient(
    {
      ...config.staffOidc,
      issuer: config.staffOidc.issuer ?? options.demoIdpIssuer ?? config.oidc.issuer,
    },
    key,
    (odsCode) => directory.get(odsCode)?.name,
  );
  const logTrail = new LogAuditTrail(logger);
  const audit = options.audit ? new FanOutAuditTrail([logTrail, options.audit]) : logTrail;
  const visibility = new PracticeVisibility({
    client: options.gpConnect,
    directory,
    app: { odsCode: config.gpConnect.consumerOds, orgType: config.gpConnect.consumerOrgType },
    audit,
    timeoutMs: config.gpConnect.timeoutMs,
    staffUserIdSystem: `${config.publicUrl}/Id/staff-user`,
  });
  const admin = new PracticeAdminClient({
    issuer: config.publicUrl,
    key,
    timeoutMs: config.gpConnect.timeoutMs,
  });
  return {
    sessions,
    app: {
      sessions,
      cookies: staffCookies(config.session.secureCookies),
      client,
      visibility,
      admin,
      directory,
      appConsumer: { odsCode: config.gpConnect.consumerOds, orgType: config.gpConnect.consumerOrgType },
      perSessionLimit: config.rateLimit.perSession,
    },
    async close() {
      await store.close();
    },
  };
}
