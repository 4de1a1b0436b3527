import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { ServiceInfoResponse } from '@gpbook/shared/service';
import { slotsQuerySchema } from '@gpbook/shared/slots';
import { API_BROTLI_QUALITY, COMPRESS_THRESHOLD_BYTES } from './plugins/prepared-json.js';
import fastifyStatic from '@fastify/static';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JSONWebKeySet } from 'jose';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { NhsLoginClient } from '../identity/nhs-login/client.js';
import { sessionCookies } from '../identity/sessions/cookies.js';
import type { SessionManager } from '../identity/sessions/manager.js';
import csrfPlugin from './plugins/csrf.js';
import { logPath } from '../logger.js';
import errorsPlugin from './plugins/errors.js';
import { checkedJsonSerializer } from './plugins/checked-json-serializer.js';
import { compiledValidatorCompiler } from './plugins/compiled-validator.js';
import rateLimit from './rate-limit/plugin.js';
import type { Redis } from 'ioredis';
import securityHeaders from './plugins/security-headers.js';
import sessionPlugin from './plugins/session.js';
import { authRoutes } from './routes/auth.js';
import { sessionRoutes } from './routes/session.js';
import { healthRoutes } from './routes/health.js';
import { serviceRoutes } from './routes/service.js';
import type { PracticeHealth } from '../gpconnect/practice-health.js';
import { jwksRoutes } from './routes/jwks.js';
import { bffClientError, bffFrameworkErrors } from './plugins/edge-errors.js';
import { practicesRoutes } from './routes/practices.js';
import { appointmentsRoutes } from './routes/appointments.js';
import { slotsRoutes } from './routes/slots.js';
import type { PatientAppointments } from './patient-appointments.js';
import type { AppServices } from './services.js';
import {
  isStaffPath,
  registerStaffApp,
  STAFF_API_ROUTES,
  STAFF_SIGN_OUT_PATH,
  type StaffAppOptions,
} from '../staff/staff-app.js';

export interface BffAppOptions {
  services: AppServices;
  /** Per-IP and per-session request limits on /api and /auth (per minute). */
  rateLimit?:
    { perIp: number; perSession: number; redis?: Redis | undefined; keyPrefix?: string } | undefined;
  /** The practice, slot and appointment routes; left out by tests that exercise only sign-in. */
  appointments?: PatientAppointments | undefined;
  logger: FastifyBaseLogger;
  jwks: JSONWebKeySet;
  /** Sign-in and sessions: every /api route except /api/health needs a signed-in patient. */
  identity: {
    sessions: SessionManager;
    nhsLogin: NhsLoginClient;
    /** The origin the browser uses (PUBLIC_URL): CSRF origin checks and sign-in return paths. */
    publicUrl: string;
    secureCookies: boolean;
  };
  /** How each practice's GP Connect endpoint answered last (readiness). */
  practiceHealth?: PracticeHealth | undefined;
  /** The practice view (issue 14): staff sign-in and the /api/practice routes, behind staff sessions of their own. */
  staff?: StaffAppOptions | undefined;
  /** The built web app to serve, if any (web/dist). */
  webDist?: string | undefined;
  /** Who runs this copy, and whether it is the demo (`GET /api/service`). */
  service?: ServiceInfoResponse | undefined;
}

/** The backend-for-frontend: the patient API under /api, and the built PWA for every other GET. */
export async function buildBffApp(options: BffAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    genReqId: () => crypto.randomUUID(),
    // Fastify's own request lines would print the URL with its query string; ours (below) print the path only.
    logController: new LogController({ requestIdLogLabel: 'traceId', disableRequestLogging: true }),
    bodyLimit: 16 * 1024,
    trustProxy: false,
    // Errors raised before our hooks run get our typed answer too.
    frameworkErrors: bffFrameworkErrors,
    clientErrorHandler: bffClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: logPath(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
  // The slot list's query is the same for every patient looking at the same practice and dates.
  app.setValidatorCompiler(compiledValidatorCompiler({ repeatable: new Set([slotsQuerySchema]) }));
  app.setSerializerCompiler(checkedJsonSerializer);

  await app.register(securityHeaders, { secure: options.identity.publicUrl.startsWith('https:') });
  await app.register(errorsPlugin);
  // API answers compressed on the fly (a 14-day slot list is ~500 KB of JSON, ~40 KB compressed); the web app's
  // files are compressed once at build time and served as they are (preCompressed below).
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: API_BROTLI_QUALITY } },
  });
  const { sessions, nhsLogin, publicUrl, secureCookies } = options.identity;
  const cookies = sessionCookies(secureCookies);
  await app.register(fastifyCookie);
  if (options.rateLimit) {
    await app.register(rateLimit, { ...options.rateLimit, sessionCookie: cookies.session, windowMs: 60_000 });
  }
  await app.register(sessionPlugin, {
    sessions,
    cookies,
    // The staff API is not the patient's: the staff session plugin guards it (a patient cookie is never read there).
    publicApiPaths: [
      '/api/health',
      '/api/health/ready',
      '/api/service',
      ...(options.staff ? STAFF_API_ROUTES : []),
    ],
  });
  await app.register(csrfPlugin, {
    publicUrl,
    signOutPaths: ['/auth/logout', STAFF_SIGN_OUT_PATH],
    expectedToken: (request, path) =>
      isStaffPath(path) ? request.staffSession?.record.csrfToken : request.patientSession?.record.csrfToken,
  });
  if (options.staff) await registerStaffApp(app, options.staff);
  await app.register(
    healthRoutes({
      sessionStore: sessions.store,
      directory: options.services.directory,
      practices: options.practiceHealth,
    }),
  );
  await app.register(serviceRoutes(options.service ?? { demo: true }));
  await app.register(sessionRoutes(sessions.now));
  await app.register(authRoutes({ sessions, cookies, nhsLogin, publicUrl }));
  await app.register(jwksRoutes(options.jwks));
  if (options.appointments) {
    await app.register(practicesRoutes(options.appointments, options.services));
    await app.register(slotsRoutes(options.appointments, options.services));
    await app.register(appointmentsRoutes(options.appointments, options.services, publicUrl));
  }

  const webDist = options.webDist;
  const servesWeb = webDist !== undefined && existsSync(join(webDist, 'index.html'));
  if (servesWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Hashed assets never change; the shell, manifest and service worker must be revalidated each time.
        const immutable = path.includes('/assets/');
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  // Client-side routes: any other GET for a page gets the app shell; /api and /auth stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (servesWeb && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/auth/')) {
      return reply.sendFile('index.html');
    }
    return reply
      .code(404)
      .send({ error: { code: 'not_found', message: `No route for ${request.method} ${path}` } });
  });
  return app;
}
