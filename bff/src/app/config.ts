import { odsCodeSchema } from '@gpbook/shared/practices';
import type { ServiceOperator } from '@gpbook/shared/service';
import { z } from 'zod';
import { isLocalHttp } from '../platform/urls.js';

/**
 * The whole configuration of the process, read once from the environment at start-up and validated here.
 * Nothing else reads `process.env`. Every variable has a default that runs the local demo.
 */

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/$/, ''));
const ods = odsCodeSchema;

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.default(false),
  WEB_DIST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('.data'),

  RUN_PROVIDER: bool.default(true),
  PROVIDER_HOST: z.string().min(1).default('127.0.0.1'),
  PROVIDER_PORT: port.default(4000),
  PROVIDER_SEED: z.string().min(1).default('demo'),
  PROVIDER_DB: z.string().min(1).default(':memory:'),
  PROVIDER_REQUIRE_SIGNED_JWT: bool.default(true),

  PRACTICE_DIRECTORY: z.string().min(1).optional(),

  GPC_CONSUMER_ASID: z
    .string()
    .regex(/^\d{1,20}$/, 'an ASID is digits')
    .default('200000001234'),
  GPC_CONSUMER_ODS: ods.default('GPA001'),
  GPC_CONSUMER_ORG_NAME: z.string().min(1).default('GP Appointments (patient app)'),
  GPC_CONSUMER_ORG_TYPE: z.enum(['gp-practice', 'urgent-care']).default('gp-practice'),
  GPC_CONSUMER_PHONE: z
    .string()
    .regex(/^[\d +()-]{6,20}$/, 'a phone number')
    .default('0300 311 2233'),
  GPC_JWT_SIGNING: z.enum(['rs512', 'none']).default('rs512'),
  GPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  GPC_SIGNING_KEY_FILE: z.string().min(1).optional(),

  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: z.string().min(1).default('gp-appointments-demo'),
  OIDC_REDIRECT_URI: url.optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/(^| )openid( |$)/, 'the scopes must include openid')
    .default('openid profile profile_extended gp_registration_details phone'),
  OIDC_VTR: z
    .string()
    .refine(isVectorOfTrustList, 'a JSON array of vectors of trust, e.g. ["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]')
    .default('["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]'),
  OIDC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

  STAFF_OIDC_ISSUER: url.optional(),
  STAFF_OIDC_CLIENT_ID: z.string().min(1).default('gp-appointments-staff-demo'),
  STAFF_OIDC_REDIRECT_URI: url.optional(),
  STAFF_OIDC_SCOPES: z
    .string()
    .regex(/(^| )openid( |$)/, 'the scopes must include openid')
    .regex(/(^| )nationalrbacaccess( |$)/, 'the scopes must include nationalrbacaccess (the staff roles)')
    .default('openid profile nhsperson nationalrbacaccess associatedorgs selectedrole'),

  SERVICE_OPERATOR_NAME: z.string().min(1).max(200).optional(),
  SERVICE_OPERATOR_EMAIL: z.email('an email address').max(254).optional(),
  SERVICE_OPERATOR_PHONE: z
    .string()
    .regex(/^[\d +()-]{6,30}$/, 'a phone number')
    .optional(),
  SERVICE_OPERATOR_ADDRESS: z.string().min(1).max(300).optional(),

  RUN_DEMO_IDP: bool.default(true),
  DEMO_IDP_HOST: z.string().min(1).default('127.0.0.1'),
  DEMO_IDP_PORT: port.default(4001),

  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_PER_SESSION: z.coerce.number().int().min(1).default(240),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('gpbook:'),
});

function isVectorOfTrustList(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return (
      Array.isArray(parsed) &&
      parsed.length > 0 &&
      parsed.every((v) => typeof v === 'string' && /^P[059](\.C[a-z]+)+$/.test(v))
    );
  } catch {
    return false;
  }
}

export type Env = z.input<typeof envSchema>;

export interface AppConfig {
  host: string;
  port: number;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logPretty: boolean;
  webDist: string | undefined;
  dataDir: string;
  provider: {
    run: boolean;
    host: string;
    port: number;
    seed: string;
    database: string;
    requireSignedJwt: boolean;
  };
  practiceDirectory: string | undefined;
  gpConnect: {
    consumerAsid: string;
    consumerOds: string;
    consumerOrgName: string;
    consumerOrgType: 'gp-practice' | 'urgent-care';
    /** How the practice can reach us (the booking organisation's telecom). */
    consumerPhone: string;
    jwtSigning: 'rs512' | 'none';
    timeoutMs: number;
    signingKeyFile: string | undefined;
  };
  /** NHS login (or the demo IdP standing in for it). The client signs its assertions with the BFF key. */
  oidc: {
    issuer: string;
    clientId: string;
    redirectUri: string;
    scopes: string;
    /** Vectors of trust asked for; a returned `vot` outside this list is refused. */
    vtr: string[];
    timeoutMs: number;
  };
  /**
   * Staff sign-in for the practice view (issue 14): NHS CIS2 in production, the demo IdP's staff client otherwise.
   * `issuer` is undefined unless STAFF_OIDC_ISSUER is set: the bundled demo IdP then (or NHS login's issuer).
   */
  staffOidc: {
    issuer: string | undefined;
    clientId: string;
    redirectUri: string;
    scopes: string;
    timeoutMs: number;
  };
  demoIdp: {
    run: boolean;
    host: string;
    port: number;
  };
  session: {
    idleSeconds: number;
    absoluteSeconds: number;
    /** Cookies carry Secure unless the public URL is plain-http localhost / 127.0.0.1. */
    secureCookies: boolean;
    redisUrl: string | undefined;
    redisKeyPrefix: string;
  };
  /** Requests per minute on /api and /auth; counted in Redis when REDIS_URL is set. */
  rateLimit: { perIp: number; perSession: number };
  /** Who runs this copy (`GET /api/service`, the privacy notice): required unless it is the demo. */
  operator: ServiceOperator | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; on failure the error message names each bad variable and why. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // Empty strings mean "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const operator = operatorFrom(e);
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    webDist: e.WEB_DIST,
    dataDir: e.DATA_DIR,
    provider: {
      run: e.RUN_PROVIDER,
      host: e.PROVIDER_HOST,
      port: e.PROVIDER_PORT,
      seed: e.PROVIDER_SEED,
      database: e.PROVIDER_DB,
      requireSignedJwt: e.PROVIDER_REQUIRE_SIGNED_JWT,
    },
    practiceDirectory: e.PRACTICE_DIRECTORY,
    gpConnect: {
      consumerAsid: e.GPC_CONSUMER_ASID,
      consumerOds: e.GPC_CONSUMER_ODS,
      consumerOrgName: e.GPC_CONSUMER_ORG_NAME,
      consumerOrgType: e.GPC_CONSUMER_ORG_TYPE,
      consumerPhone: e.GPC_CONSUMER_PHONE,
      jwtSigning: e.GPC_JWT_SIGNING,
      timeoutMs: e.GPC_TIMEOUT_MS,
      signingKeyFile: e.GPC_SIGNING_KEY_FILE,
    },
    oidc: {
      issuer: e.OIDC_ISSUER ?? `http://localhost:${e.DEMO_IDP_PORT}`,
      clientId: e.OIDC_CLIENT_ID,
      redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/auth/callback`,
      scopes: e.OIDC_SCOPES,
      vtr: JSON.parse(e.OIDC_VTR) as string[],
      timeoutMs: e.OIDC_TIMEOUT_MS,
    },
    staffOidc: {
      issuer: e.STAFF_OIDC_ISSUER,
      clientId: e.STAFF_OIDC_CLIENT_ID,
      redirectUri: e.STAFF_OIDC_REDIRECT_URI ?? `${publicUrl}/auth/staff/callback`,
      scopes: e.STAFF_OIDC_SCOPES,
      timeoutMs: e.OIDC_TIMEOUT_MS,
    },
    demoIdp: { run: e.RUN_DEMO_IDP, host: e.DEMO_IDP_HOST, port: e.DEMO_IDP_PORT },
    session: {
      idleSeconds: e.SESSION_IDLE_MINUTES * 60,
      absoluteSeconds: e.SESSION_ABSOLUTE_HOURS * 3600,
      secureCookies: !isLocalHttp(publicUrl),
      redisUrl: e.REDIS_URL,
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
    },
    rateLimit: { perIp: e.RATE_LIMIT_PER_IP, perSession: e.RATE_LIMIT_PER_SESSION },
    operator,
  };
}

/**
 * The organisation that runs this copy, from SERVICE_OPERATOR_*. Patients who sign in with real NHS login
 * (RUN_DEMO_IDP=false) are owed a privacy notice naming the data controller and how to reach it, so then a name
 * and an email address are required.
 */
function operatorFrom(e: z.infer<typeof envSchema>): ServiceOperator | undefined {
  const named = e.SERVICE_OPERATOR_NAME !== undefined || e.SERVICE_OPERATOR_EMAIL !== undefined;
  if (!named && e.RUN_DEMO_IDP) return undefined;
  if (e.SERVICE_OPERATOR_NAME === undefined || e.SERVICE_OPERATOR_EMAIL === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  SERVICE_OPERATOR_NAME and SERVICE_OPERATOR_EMAIL: the organisation that runs the service ' +
        '(the data controller in the privacy notice) and where patients can write to it; both are needed ' +
        (e.RUN_DEMO_IDP ? 'when either is set' : 'when patients sign in with NHS login (RUN_DEMO_IDP=false)'),
    );
  }
  return {
    name: e.SERVICE_OPERATOR_NAME,
    email: e.SERVICE_OPERATOR_EMAIL,
    ...(e.SERVICE_OPERATOR_PHONE ? { phone: e.SERVICE_OPERATOR_PHONE } : {}),
    ...(e.SERVICE_OPERATOR_ADDRESS ? { postalAddress: e.SERVICE_OPERATOR_ADDRESS } : {}),
  };
}
