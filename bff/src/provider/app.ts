import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import {
  FHIR_JSON_CONTENT_TYPE,
  INTERACTION_SCOPE,
  ODS_CODE_PATTERN,
  type InteractionName,
} from '../gpconnect/constants.js';
import type { PracticeConfig, ProviderConfig } from './config/schema.js';
import type { FhirResult, InteractionHandlers } from './context.js';
import { fhirJson, plainResource } from './resources/common.js';
import { FhirXmlError, fromFhirXml, toFhirXml } from './fhir-xml/index.js';
import { GpcError, gpcError, operationOutcome } from './outcomes.js';
import {
  FHIR_XML_CONTENT_TYPE,
  negotiate,
  responseFormat,
  type FhirFormat,
} from './pipeline/content-negotiation.js';
import { interactionMatchesRoute, interactionNamed, resolveRoute } from './pipeline/interactions.js';
import { parseQuery, QueryParams } from './pipeline/query.js';
import { validateSpineJwt, type JwtPolicy, type SpineClaims } from './pipeline/spine-jwt-validation.js';

export interface ProviderAppOptions {
  config: ProviderConfig;
  handlers: InteractionHandlers;
  jwt: JwtPolicy;
  logger: FastifyBaseLogger;
  /**
   * Scheme, host and port consumers reach this server on, e.g. `https://gp.example.nhs.uk`. When unset, it is
   * taken from each request's Host header (fine on a laptop; set it behind a proxy).
   */
  publicBaseUrl?: string | undefined;
  clock?: () => Date;
}

const SERVICE_ROOT = new RegExp(`^/(${ODS_CODE_PATTERN})/STU3/1/gpconnect(/[^?]*)?(?:\\?(.*))?$`);

interface AuditFacts {
  interaction?: InteractionName | undefined;
  practice?: string | undefined;
  requestingOrganisation?: string | undefined;
  requestingDevice?: string | undefined;
  spineCode?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    gpcAudit: AuditFacts;
    /** The format this request is answered in, once worked out (see `formatOf`). */
    gpcFormat: FhirFormat | undefined;
  }
}

/**
 * The reference GP Connect provider: one Fastify app hosting every practice of its configuration, each at its
 * own service root `/{ODS}/STU3/1/gpconnect`. Every request runs the pipeline of digest §13.3 in order, so
 * errors come out with the precedence the assurance suite expects.
 */
export function buildProviderApp(options: ProviderAppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    // The audit line in onResponse replaces Fastify's request logs (which would include query strings).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    genReqId: (request) => {
      const trace = request.headers['ssp-traceid'];
      return typeof trace === 'string' && trace.length > 0 ? trace : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: false, caseSensitive: true },
  });
  const practices = new Map(options.config.practices.map((practice) => [practice.odsCode, practice]));
  const clock = options.clock ?? (() => new Date());

  app.decorateRequest('gpcAudit', null as unknown as AuditFacts);
  app.decorateRequest('gpcFormat', undefined);
  app.addHook('onRequest', async (request, reply) => {
    request.gpcAudit = {};
    // Set before anything can fail: every response, errors included, must carry it.
    reply.header('cache-control', 'no-store');
  });

  // Bodies arrive as text; the pipeline checks the declared type and parses them as JSON or XML itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onResponse', async (request, reply) => {
    const audit = request.gpcAudit;
    // Audit without patient identifiers or names: the trace id and resource ids suffice to find the record.
    request.log.info(
      {
        audit: true,
        traceId: request.id,
        practice: audit.practice,
        interaction: audit.interaction,
        requestingOrganisation: audit.requestingOrganisation,
        requestingDevice: audit.requestingDevice,
        status: reply.statusCode,
        outcome: reply.statusCode < 400 ? 'success' : (audit.spineCode ?? 'error'),
        ms: Math.round(reply.elapsedTime),
      },
      'gp connect request',
    );
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(
      request,
      reply,
      gpcError('NO_RECORD_FOUND', `No GP Connect endpoint at ${request.url.split('?')[0]}`, 404),
    );
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GpcError) return sendError(request, reply, error);
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status === 413)
      return sendError(request, reply, gpcError('BAD_REQUEST', 'Request body too large', 413));
    if (status >= 400 && status < 500)
      return sendError(request, reply, gpcError('BAD_REQUEST', 'Malformed request', status));
    request.log.error({ err: error }, 'provider internal error');
    return sendError(
      request,
      reply,
      gpcError('INTERNAL_SERVER_ERROR', 'The server could not process the request'),
    );
  });

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: '/*',
    handler: async (request, reply) => {
      const match = SERVICE_ROOT.exec(request.url);
      const practice = match?.[1] ? practices.get(match[1]) : undefined;
      if (!match || !practice) {
        throw gpcError('NO_RECORD_FOUND', 'No GP Connect service root at this URL', 404);
      }
      request.gpcAudit.practice = practice.odsCode;
      const path = match[2] ?? '';
      const query = new QueryParams(parseQuery(match[3] ?? ''));
      const baseUrl = options.publicBaseUrl ?? `http://${request.headers.host ?? 'localhost'}`;
      const result = await runPipeline(request, practice, path, query, baseUrl);
      return sendResult(request, reply, practice, result, baseUrl);
    },
  });

  async function runPipeline(
    request: FastifyRequest,
    practice: PracticeConfig,
    path: string,
    query: QueryParams,
    baseUrl: string,
  ): Promise<FhirResult> {
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    // 1. Spine routing headers.
    for (const name of ['ssp-traceid', 'ssp-from', 'ssp-to'] as const) {
      if (!header(name)?.trim()) throw gpcError('BAD_REQUEST', `${name} header missing or blank`);
    }
    if (header('ssp-to') !== practice.asid) {
      throw gpcError('BAD_REQUEST', 'Ssp-To does not match the ASID of this service');
    }
    // 2. Interaction id against the verb and URL.
    const interactionId = header('ssp-interactionid');
    if (!interactionId?.trim()) throw gpcError('BAD_REQUEST', 'Ssp-InteractionID header missing or blank');
    const declared = interactionNamed(interactionId);
    if (!declared) throw gpcError('BAD_REQUEST', 'Ssp-InteractionID is not a GP Connect interaction');
    const resolution = resolveRoute(request.method, path);
    if (resolution.kind === 'unknown') throw gpcError('BAD_REQUEST', `Unknown endpoint ${path || '/'}`, 404);
    if (resolution.kind === 'method-not-allowed') {
      throw gpcError('BAD_REQUEST', `${request.method} is not supported on ${path}`, 405);
    }
    if (!interactionMatchesRoute(declared, resolution.route)) {
      throw gpcError('BAD_REQUEST', 'Ssp-InteractionID does not match the request');
    }
    request.gpcAudit.interaction = declared;
    // 3. The Spine JWT.
    const claims: SpineClaims = await validateSpineJwt(header('authorization'), options.jwt);
    request.gpcAudit.requestingOrganisation = claims.requestingOrganisationOds;
    request.gpcAudit.requestingDevice = claims.requestingDevice;
    // 4. Media types.
    const negotiated = negotiate({
      method: request.method,
      contentType: header('content-type'),
      accept: header('accept'),
      format: query.all('_format')[0],
    });
    request.gpcFormat = negotiated.response;
    // 5. Scope against the operation.
    if (claims.scope !== INTERACTION_SCOPE[declared]) {
      throw gpcError('BAD_REQUEST', `requested_scope ${claims.scope} does not permit this interaction`);
    }
    // 6. Practice switches.
    if (
      !practice.gpConnectEnabled ||
      (!practice.appointmentManagementEnabled && isAppointmentInteraction(declared))
    ) {
      throw gpcError('ACCESS_DENIED', 'GP Connect is not enabled for this interaction at this practice');
    }
    // 7. The body.
    let body: unknown;
    if (request.method === 'POST' || request.method === 'PUT') {
      const raw = typeof request.body === 'string' ? request.body : '';
      body =
        raw.length === 0 ? undefined : negotiated.body === 'xml' ? parseXmlBody(raw) : parseJsonBody(raw);
    }
    const handler = options.handlers[declared];
    if (!handler) throw gpcError('NOT_IMPLEMENTED', 'This interaction is not implemented');
    const headers: Record<string, string | undefined> = {};
    for (const name of ['if-match', 'prefer']) headers[name] = header(name);
    return handler({
      interaction: declared,
      practice,
      config: options.config,
      serviceRoot: `${baseUrl}/${practice.odsCode}/STU3/1/gpconnect`,
      id: resolution.route.id,
      query,
      body,
      headers,
      claims,
      traceId: request.id,
      now: clock(),
    });
  }

  function sendResult(
    request: FastifyRequest,
    reply: FastifyReply,
    practice: PracticeConfig,
    result: FhirResult,
    baseUrl: string,
  ) {
    const format = formatOf(request);
    reply
      .code(result.status)
      .header('content-type', format === 'xml' ? FHIR_XML_CONTENT_TYPE : FHIR_JSON_CONTENT_TYPE);
    if (result.versionId) reply.header('etag', `W/"${result.versionId}"`);
    if (result.location) {
      reply.header('location', `${baseUrl}/${practice.odsCode}/STU3/1/gpconnect${result.location}`);
    }
    if (result.lastModified) reply.header('last-modified', result.lastModified.toUTCString());
    const minimal = /return=minimal/.test(request.headers['prefer']?.toString() ?? '');
    if (result.resource === undefined || minimal) return reply.send('');
    return reply.send(
      format === 'xml' ? toFhirXml(plainResource(result.resource)) : fhirJson(result.resource),
    );
  }

  function sendError(request: FastifyRequest, reply: FastifyReply, error: GpcError) {
    request.gpcAudit ??= {};
    request.gpcAudit.spineCode = error.code;
    const outcome = operationOutcome(error.code, error.diagnostics);
    const xml = formatOf(request) === 'xml';
    return reply
      .code(error.status)
      .header('cache-control', 'no-store')
      .header('content-type', xml ? FHIR_XML_CONTENT_TYPE : FHIR_JSON_CONTENT_TYPE)
      .send(xml ? toFhirXml(outcome) : JSON.stringify(outcome));
  }

  return app;
}

/**
 * The format a request is answered in, errors included: `_format` > `Accept` > `Content-Type` > JSON, falling
 * back to JSON when what it asks for is unsupported (that request's 415 is itself JSON).
 */
function formatOf(request: FastifyRequest): FhirFormat {
  if (request.gpcFormat) return request.gpcFormat;
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const queryStart = request.url.indexOf('?');
  const format =
    queryStart === -1
      ? undefined
      : parseQuery(request.url.slice(queryStart + 1)).find(([name]) => name === '_format')?.[1];
  request.gpcFormat = responseFormat({
    accept: header('accept'),
    contentType: header('content-type'),
    format,
  });
  return request.gpcFormat;
}

function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw gpcError('BAD_REQUEST', 'The request body is not valid JSON');
  }
}

function parseXmlBody(raw: string): unknown {
  try {
    return fromFhirXml(raw);
  } catch (error) {
    if (error instanceof FhirXmlError)
      throw gpcError('BAD_REQUEST', `The request body is not valid FHIR XML: ${error.message}`);
    throw error;
  }
}

function isAppointmentInteraction(interaction: InteractionName): boolean {
  return (
    interaction === 'slotSearch' ||
    interaction.startsWith('appointment') ||
    interaction === 'patientAppointments'
  );
}
