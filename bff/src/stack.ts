import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildBffApp } from './app/app.js';
import type { AppConfig } from './app/config.js';
import { directoryFromProviderConfig, loadDirectoryFile, type PracticeDirectory } from './app/directory.js';
import { loadSigningKey, type SigningKey } from './platform/signing-key.js';
import { PatientAppointments } from './app/patient-appointments.js';
import { connectRedis } from './identity/sessions/redis-store.js';
import { sessionPatientServices, type AppServices } from './app/services.js';
import { GpConnectPort } from './gpconnect/port.js';
import { PracticeHealth } from './gpconnect/practice-health.js';
import type { SessionManager } from './identity/sessions/manager.js';
import { startIdentity } from './identity/start.js';
import { GpConnectClient } from './gpconnect/client.js';
import type { JwtSigning } from './gpconnect/spine-jwt.js';
import { buildProviderApp } from './provider/app.js';
import { loadProviderConfig } from './provider/config/load.js';
import type { ProviderConfig } from './provider/config/schema.js';
import { allHandlers } from './provider/handlers/index.js';
import { openProviderStore } from './provider/store/open.js';
import { startStaff } from './staff/start.js';
import type { StaffSessionManager } from './staff/sessions.js';
import type { AuditTrail } from './staff/audit.js';

/** The running demo: the BFF, and (unless pointed at real providers) the reference provider beside it. */
export interface Stack {
  bff: FastifyInstance;
  provider: FastifyInstance | undefined;
  bffUrl: string;
  providerUrl: string | undefined;
  /** The bundled demo identity provider's issuer, when it runs. */
  demoIdpUrl: string | undefined;
  /** Sign-in sessions, for tests that start from a signed-in patient. */
  sessions: SessionManager;
  /** Staff sessions (the practice view, issue 14), for tests that start from a signed-in member of staff. */
  staffSessions: StaffSessionManager;
  close(): Promise<void>;
}

/** What a test may add to the stack. */
export interface StackExtras {
  /** An audit trail beside the audit log, to read the practice view's audit entries back. */
  staffAudit?: AuditTrail | undefined;
}

function address(app: FastifyInstance): { port: number } {
  const info = app.server.address();
  if (info === null || typeof info === 'string') throw new Error('server is not listening on TCP');
  return { port: info.port };
}

/** Starts every configured part in dependency order: provider first, then the BFF that calls it. */
export async function startStack(
  config: AppConfig,
  logger: Logger,
  signingKey?: SigningKey,
  extras: StackExtras = {},
): Promise<Stack> {
  const key = signingKey ?? (await loadSigningKey(config.gpConnect.signingKeyFile, config.dataDir));

  let provider: FastifyInstance | undefined;
  let providerConfig: ProviderConfig | undefined;
  let providerUrl: string | undefined;
  if (config.provider.run) {
    providerConfig = loadProviderConfig(config.provider.seed);
    const providerStore = openProviderStore(providerConfig, config.provider.database);
    provider = buildProviderApp({
      config: providerConfig,
      handlers: allHandlers(providerStore),
      store: providerStore,
      jwt:
        config.provider.requireSignedJwt && config.gpConnect.jwtSigning === 'rs512' ? { jwks: key.jwks } : {},
      logger: logger.child({ component: 'provider' }),
    });
    provider.addHook('onClose', async () => providerStore.close());
    await provider.listen({ host: config.provider.host, port: config.provider.port });
    providerUrl = `http://${config.provider.host}:${address(provider).port}`;
  }

  const directory = buildDirectory(config, providerConfig, providerUrl);
  const signing: JwtSigning =
    config.gpConnect.jwtSigning === 'none'
      ? { kind: 'none' }
      : { kind: 'rs512', privateKey: key.privateKey, kid: key.kid };
  const gpConnect = new GpConnectClient({
    consumer: {
      issuer: config.publicUrl,
      odsCode: config.gpConnect.consumerOds,
      organisationName: config.gpConnect.consumerOrgName,
      deviceSystem: `${config.publicUrl}/Id/device`,
      deviceId: 'gp-appointments-bff',
      productName: 'GP Appointments',
      productVersion: '0.1.0',
      userIdSystem: `${config.publicUrl}/Id/nhs-login-subject`,
    },
    consumerAsid: config.gpConnect.consumerAsid,
    signing,
    timeoutMs: config.gpConnect.timeoutMs,
    logger: logger.child({ component: 'gpconnect' }),
  });
  // Sign-in and sessions (issue 4): the demo IdP starts here too, before the BFF that discovers it.
  const identity = await startIdentity(config, logger, key, providerConfig);
  const services: AppServices = { directory, ...sessionPatientServices(identity.sessions) };
  const webDist = config.webDist ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const practiceHealth = new PracticeHealth();
  const port = new GpConnectPort({
    client: practiceHealth.observe(gpConnect),
    timeoutMs: config.gpConnect.timeoutMs,
    bookingOrganisation: {
      odsCode: config.gpConnect.consumerOds,
      name: config.gpConnect.consumerOrgName,
      phone: config.gpConnect.consumerPhone,
      orgType: config.gpConnect.consumerOrgType,
    },
  });
  const appointments = new PatientAppointments({ directory, port });
  // The practice view (issue 14): staff sign-in and the practice routes, on the same GP Connect client.
  const staff = await startStaff({
    config,
    logger,
    key,
    directory,
    gpConnect: practiceHealth.observe(gpConnect),
    demoIdpIssuer: identity.demoIdp?.issuer,
    audit: extras.staffAudit,
  });
  // Rate-limit counters in Redis when several BFF instances share the load (REDIS_URL), else in memory.
  const rateLimitRedis = config.session.redisUrl
    ? await connectRedis(config.session.redisUrl, 'rate limits')
    : undefined;
  const bff = await buildBffApp({
    services,
    appointments,
    logger,
    jwks: key.jwks,
    webDist,
    identity: identity.app,
    practiceHealth,
    staff: staff.app,
    rateLimit: { ...config.rateLimit, redis: rateLimitRedis, keyPrefix: config.session.redisKeyPrefix },
    service: { demo: config.demoIdp.run, ...(config.operator ? { operator: config.operator } : {}) },
  });
  await bff.listen({ host: config.host, port: config.port });
  // With PORT=0 (tests) the OS picks the port, so the URL is only known now.
  const bffUrl = config.port === 0 ? `http://127.0.0.1:${address(bff).port}` : config.publicUrl;

  return {
    bff,
    provider,
    bffUrl,
    providerUrl,
    demoIdpUrl: identity.demoIdp?.issuer,
    sessions: identity.sessions,
    staffSessions: staff.sessions,
    async close() {
      await bff.close();
      await staff.close();
      await identity.close();
      await provider?.close();
      await gpConnect.close();
    },
  };
}

function buildDirectory(
  config: AppConfig,
  providerConfig: ProviderConfig | undefined,
  providerUrl: string | undefined,
): PracticeDirectory {
  if (config.practiceDirectory) return loadDirectoryFile(config.practiceDirectory);
  if (providerConfig && providerUrl) return directoryFromProviderConfig(providerConfig, providerUrl);
  throw new Error('PRACTICE_DIRECTORY must be set when RUN_PROVIDER=false');
}
