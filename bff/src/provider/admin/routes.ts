import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import type { z } from 'zod';
import type { LivePractices } from '../config/live.js';
import type { ProviderStore } from '../store/store.js';
import { staffTokenVerifier } from './auth.js';
import {
  auditQuerySchema,
  explanationsQuerySchema,
  rulesChangeSchema,
  type PracticeAdminClaims,
} from './contract.js';
import { AdminError } from './errors.js';
import { explainSlots } from './explanations.js';
import { expectedVersion, RulesService } from './rules-service.js';

export interface PracticeAdminRoutesOptions {
  live: LivePractices;
  store: ProviderStore;
  /** The BFF's signing keys; without them (unsigned Spine JWTs configured) the API is not offered: all 404. */
  jwks: JSONWebKeySet | undefined;
  clock: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff member a practice-admin request acts for, once their token is checked. */
    staff: PracticeAdminClaims | null;
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
}

function parsed<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || what}: ${issue.message}`)
    .join('; ');
  throw new AdminError(400, 'invalid_request', `Invalid ${what}: ${problems}`);
}

function staffOf(request: FastifyRequest): PracticeAdminClaims {
  if (!request.staff) throw new AdminError(401, 'unauthenticated', 'A bearer token is required');
  return request.staff;
}

const odsOf = (request: FastifyRequest) => (request.params as { odsCode: string }).odsCode;

function header(request: FastifyRequest, name: 'authorization' | 'if-match'): string | undefined {
  const value: unknown = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The practice-admin API (issue 14, docs/decisions/0060), registered under `/practice-admin`: plain JSON, never
 * FHIR, outside every GP Connect service root, for the BFF acting for a signed-in member of practice staff.
 * Each request is checked in this order: the bearer token (401), the token's practice against the path's (403),
 * the practice (404), then the request itself (400, 422, 412, 428).
 */
export async function practiceAdminRoutes(app: FastifyInstance, options: PracticeAdminRoutesOptions) {
  const { live, store, clock } = options;
  const rules = new RulesService(store, live);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AdminError) return send(reply, error.status, error.body());
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return send(reply, status, new AdminError(status, 'invalid_request', 'Malformed request').body());
    }
    request.log.error({ err: error }, 'practice-admin internal error');
    return send(
      reply,
      500,
      new AdminError(500, 'internal_error', 'The request could not be processed').body(),
    );
  });
  app.setNotFoundHandler((_request, reply) =>
    send(reply, 404, new AdminError(404, 'not_found', 'No practice-admin endpoint here').body()),
  );
  if (!options.jwks) return;

  const verify = staffTokenVerifier(options.jwks);
  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request) => {
    // No such endpoint: the not-found answer, whoever asks.
    if (request.is404) return;
    const claims = await verify(header(request, 'authorization'), clock());
    const odsCode = odsOf(request);
    if (claims.practice !== odsCode) {
      throw new AdminError(403, 'forbidden', 'The staff member does not act for this practice');
    }
    request.staff = claims;
    request.gpcAudit.practice = odsCode;
    rules.practice(odsCode);
  });
  app.addHook('onResponse', async (request, reply) => {
    // Who did what, by id: never a name, token or the practice's own words.
    request.log.info(
      {
        practiceAdmin: true,
        practice: request.staff?.practice,
        staffRole: request.staff?.staff_role,
        staffTraceId: request.staff?.trace_id,
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
      },
      'practice-admin request',
    );
  });

  app.get('/:odsCode/explanations', async (request, reply) => {
    const query = parsed(explanationsQuerySchema, request.query, 'query');
    const practice = rules.practice(odsOf(request));
    return send(reply, 200, explainSlots(store, practice, query, clock()));
  });

  app.get('/:odsCode/rules', async (request, reply) => {
    const answer = rules.read(odsOf(request));
    return send(reply.header('etag', `"${answer.version}"`), 200, answer);
  });

  app.put('/:odsCode/rules', async (request, reply) => {
    const version = expectedVersion(header(request, 'if-match'));
    let json: unknown;
    try {
      json = JSON.parse(typeof request.body === 'string' ? request.body : '');
    } catch {
      throw new AdminError(400, 'invalid_request', 'The body must be JSON: { "rules": … }');
    }
    const body = parsed(rulesChangeSchema, json, 'body');
    const answer = rules.change(
      odsOf(request),
      version,
      body.rules,
      { claims: staffOf(request), traceId: request.id },
      clock(),
    );
    return send(reply.header('etag', `"${answer.version}"`), 200, answer);
  });

  app.get('/:odsCode/audit', async (request, reply) => {
    const { limit } = parsed(auditQuerySchema, request.query, 'query');
    return send(reply, 200, rules.audit(odsOf(request), limit));
  });
}
