import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
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
import { GpcError, gpcError, HttpLayerError, operationOutcome, type HttpLayerStatus } from './outcomes.js';
import { acceptsGzip, gzipAnswer, isInflateError, requestBodyStream } from './pipeline/compression.js';
import {
  FHIR_XML_CONTENT_TYPE,
  negotiate,
  responseFormat,
  type FhirFormat,
} from './pipeline/content-negotiation.js';
import {
  interactionMatchesRoute,
  interactionNamed,
  resolveRoute,
  type RouteResolution,
} from './pipeline/interactions.js';
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

/** Bodies are Appointments and Parameters of a few KB; 256 KB leaves room and refuses anything absurd. */
const BODY_LIMIT = 256 * 1024;

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
    bodyLimit: BODY_LIMIT,
    genReqId: (request) => {
      const trace = request.headers['ssp-traceid'];
      return typeof trace === 'string' && trace.length > 0 ? trace : crypto.randomUUID();
    },
    // The ODS code is a route parameter: one over the router's 100 characters is FST_ERR_MAX_PARAM_LENGTH.
    routerOptions: { ignoreTrailingSlash: false, caseSensitive: true },
    // Errors Fastify's router raises before any route runs: a malformed percent-escape in the path
    // (FST_ERR_BAD_URL) or a path segment longer than the router takes (FST_ERR_MAX_PARAM_LENGTH). Both are
    // malformed requests: 400 BAD_REQUEST, as an OperationOutcome like every other answer.
    frameworkErrors: (error, request, reply) => {
      sendFrameworkError(request, reply, frameworkError(error, request.log));
    },
    // Errors of the HTTP parser itself, before there is a request: answered on the socket (see clientError).
    clientErrorHandler: (error, socket) => clientError(error, socket, options.logger),
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

  // GZIP both ways (general API guidance, "Content compression"): gzipped request bodies are inflated here...
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding'];
    return requestBodyStream(Array.isArray(encoding) ? encoding.join(',') : encoding, payload);
  });
  // ...and answers are gzipped for clients that accept it.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('vary', 'Accept-Encoding');
    const gzipped = await gzipAnswer(request.headers['accept-encoding'], payload);
    if (!gzipped) return payload;
    reply.header('content-encoding', 'gzip').removeHeader('content-length');
    return gzipped;
  });

  // Bodies arrive as text; the pipeline checks the declared type and parses them as JSON or XML itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onResponse', async (request, reply) => {
    auditLine(request, reply.statusCode, reply.elapsedTime);
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(
      request,
      reply,
      gpcError('NO_RECORD_FOUND', `No GP Connect service root at ${request.url.split('?')[0]}`),
    );
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GpcError) return sendError(request, reply, error);
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        request,
        reply,
        new HttpLayerError(413, `The request body is larger than ${BODY_LIMIT / 1024} KB`),
      );
    }
    if (isInflateError(error)) {
      return sendError(request, reply, gpcError('BAD_REQUEST', 'The request body is not valid gzip'));
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Any other client error Fastify raises (a Content-Length that does not match the body, a body cut off...).
      return sendError(
        request,
        reply,
        gpcError('BAD_REQUEST', `Malformed request (${typeof code === 'string' ? code : status})`),
      );
    }
    request.log.error({ err: error }, 'provider internal error');
    return sendError(
      request,
      reply,
      gpcError('INTERNAL_SERVER_ERROR', 'The server could not process the request'),
    );
  });

  // Every verb reaches the pipeline, which answers a verb an endpoint does not take (docs/decisions/0030).
  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const match = SERVICE_ROOT.exec(request.url);
    const practice = match?.[1] ? practices.get(match[1]) : undefined;
    if (!match || !practice) {
      throw gpcError('NO_RECORD_FOUND', 'No GP Connect service root at this URL');
    }
    request.gpcAudit.practice = practice.odsCode;
    const path = match[2] ?? '';
    const query = new QueryParams(parseQuery(match[3] ?? ''));
    const baseUrl = options.publicBaseUrl ?? `http://${request.headers.host ?? 'localhost'}`;
    const result = await runPipeline(request, practice, path, query, baseUrl);
    return sendResult(request, reply, practice, result, baseUrl);
  };
  app.all('/:odsCode/STU3/1/gpconnect', serve);
  app.all('/:odsCode/STU3/1/gpconnect/*', serve);

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
    if (resolution.kind !== 'route') throw unrouted(request.method, path || '/', resolution);
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
    const { contentType, body } = errorPayload(request, error);
    return reply
      .code(error.status)
      .header('cache-control', 'no-store')
      .header('content-type', contentType)
      .send(body);
  }

  return app;
}

/** Fastify runs no hooks for the answers of frameworkErrors, so they are gzipped and audited here. */
function sendFrameworkError(request: FastifyRequest, reply: FastifyReply, error: GpcError): void {
  const { contentType, body } = errorPayload(request, error);
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .header('content-type', contentType)
    .header('vary', 'Accept-Encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  void reply.send(gzip ? gzipSync(body) : body);
  auditLine(request, error.status, 0);
}

/** The OperationOutcome for an error, in the format the request is answered in; noted for the audit line. */
function errorPayload(request: FastifyRequest, error: GpcError): { contentType: string; body: string } {
  request.gpcAudit ??= {};
  request.gpcAudit.spineCode = error.code;
  const outcome = operationOutcome(error.code, error.diagnostics);
  return formatOf(request) === 'xml'
    ? { contentType: FHIR_XML_CONTENT_TYPE, body: toFhirXml(outcome) }
    : { contentType: FHIR_JSON_CONTENT_TYPE, body: JSON.stringify(outcome) };
}

/** The audit line of a request, success or failure, without patient identifiers or names. */
function auditLine(request: FastifyRequest, status: number, elapsedMs: number): void {
  const audit = request.gpcAudit ?? {};
  // The trace id and resource ids suffice to find the record.
  request.log.info(
    {
      audit: true,
      traceId: request.id,
      practice: audit.practice,
      interaction: audit.interaction,
      requestingOrganisation: audit.requestingOrganisation,
      requestingDevice: audit.requestingDevice,
      status,
      outcome: status < 400 ? 'success' : (audit.spineCode ?? 'error'),
      ms: Math.round(elapsedMs),
    },
    'gp connect request',
  );
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

/** The answer for an error Fastify's router raises before any route runs. */
function frameworkError(error: Error, log: FastifyBaseLogger): GpcError {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_ERR_BAD_URL') {
    return gpcError('BAD_REQUEST', 'The URL is not valid (malformed percent-encoding)');
  }
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return gpcError('BAD_REQUEST', 'A segment of the URL is longer than this server accepts');
  }
  log.error({ err: error }, 'provider framework error');
  return gpcError('INTERNAL_SERVER_ERROR', 'The server could not route the request');
}

/** The answer for a request that reaches no interaction (see RouteResolution). */
function unrouted(method: string, path: string, resolution: Exclude<RouteResolution, { kind: 'route' }>) {
  switch (resolution.kind) {
    case 'wrong-verb':
      return gpcError(
        'BAD_REQUEST',
        `${method} is not a GP Connect interaction on ${path} (use ${resolution.allowed.join(', ')})`,
      );
    case 'missing-id':
      return resolution.resourceType === 'Appointment'
        ? gpcError('NO_RECORD_FOUND', 'No appointment with an empty id')
        : gpcError('BAD_REQUEST', `The ${resolution.resourceType} read has no logical id`);
    case 'not-implemented':
      return gpcError('NOT_IMPLEMENTED', `${method} ${path} is not implemented by this GP Connect server`);
    case 'unknown':
      return gpcError('NO_RECORD_FOUND', `No GP Connect endpoint at ${path}`);
  }
}

/**
 * Answers an error of the HTTP parser, which comes before any request exists, straight on the socket: a header
 * block over Node's limit (16 KB) is 431, a request that took too long to arrive 408, anything else unparseable
 * 400 — each with a GP Connect OperationOutcome and `Connection: close`, as the socket is closed after it.
 */
function clientError(error: Error & { code?: string }, socket: Socket, log: FastifyBaseLogger): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status: HttpLayerStatus | 400 =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const reason: Record<HttpLayerStatus | 400, [string, string]> = {
    400: ['Bad Request', 'The request could not be parsed as HTTP'],
    408: ['Request Timeout', 'The request did not arrive in time'],
    413: ['Content Too Large', 'The request is too large'],
    431: ['Request Header Fields Too Large', 'The request headers are larger than 16 KB'],
  };
  const [text, diagnostics] = reason[status];
  const outcome =
    status === 400 ? gpcError('BAD_REQUEST', diagnostics) : new HttpLayerError(status, diagnostics);
  const body = JSON.stringify(operationOutcome(outcome.code, outcome.diagnostics));
  log.info({ err: error, status }, 'gp connect request refused by the HTTP parser');
  socket.end(
    [
      `HTTP/1.1 ${status} ${text}`,
      `Content-Type: ${FHIR_JSON_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
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
