import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import { FHIR_JSON_CONTENT_TYPE } from '../gpconnect/constants.js';
import { PRACTICE_ADMIN_PREFIX } from './admin/contract.js';
import { practiceAdminRoutes } from './admin/routes.js';
import { auditLine, sendError, sendFrameworkError, type AuditFacts } from './answers.js';
import { LivePractices } from './config/live.js';
import type { ProviderConfig } from './config/schema.js';
import type { InteractionHandlers } from './context.js';
import { GpcError, gpcError, HttpLayerError, operationOutcome, type HttpLayerStatus } from './outcomes.js';
import { gzipAnswer, isInflateError, requestBodyStream } from './pipeline/compression.js';
import type { JwtPolicy } from './pipeline/spine-jwt-validation.js';
import { gpConnectRoutes, SERVICE_ROOT_PREFIX } from './routes.js';
import type { ProviderStore } from './store/store.js';

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
  /**
   * The store the handlers use. Given, every practice is served with its current rules (stored rules over the
   * seed's: docs/decisions/0060) and the practice-admin API is offered at `/practice-admin` (when `jwt.jwks` is
   * set); left out, practices are served as the seed describes them and there is no practice-admin API.
   */
  store?: ProviderStore | undefined;
}

/** Bodies are Appointments and Parameters of a few KB; 256 KB leaves room and refuses anything absurd. */
const BODY_LIMIT = 256 * 1024;

/**
 * The reference GP Connect provider: one Fastify app hosting every practice of its configuration, each at its
 * own service root `/{ODS}/STU3/1/gpconnect` (the routes and the GP Connect pipeline: routes.ts). This file is the
 * HTTP around them: gzip both ways, the audit line, and every error (the pipeline's, Fastify's, Node's) answered
 * as a GP Connect OperationOutcome.
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
    // The ODS code and logical ids are route parameters: one over the router's 100 characters is
    // FST_ERR_MAX_PARAM_LENGTH (see frameworkErrors).
    routerOptions: { ignoreTrailingSlash: false, caseSensitive: true },
    // HEAD is not a GP Connect verb: it is refused like any other the endpoint does not take.
    exposeHeadRoutes: false,
    // Errors Fastify's router raises before any route runs: a malformed percent-escape in the path
    // (FST_ERR_BAD_URL) or a path segment longer than the router takes (FST_ERR_MAX_PARAM_LENGTH). Both are
    // malformed requests: 400 BAD_REQUEST, as an OperationOutcome like every other answer.
    frameworkErrors: (error, request, reply) => {
      sendFrameworkError(request, reply, frameworkError(error, request.log));
    },
    // Errors of the HTTP parser itself, before there is a request: answered on the socket (see clientError).
    clientErrorHandler: (error, socket) => clientError(error, socket, options.logger),
  });

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
    // A body made already comes with its own gzip bytes (sendResult).
    if (reply.hasHeader('content-encoding')) return payload;
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

  const clock = options.clock ?? (() => new Date());
  const live = options.store ? new LivePractices(options.config, options.store) : undefined;
  void app.register(gpConnectRoutes, {
    prefix: SERVICE_ROOT_PREFIX,
    config: options.config,
    handlers: options.handlers,
    jwt: options.jwt,
    publicBaseUrl: options.publicBaseUrl,
    clock,
    ...(live ? { practice: (odsCode: string) => live.practice(odsCode) } : {}),
  });
  // Staff-only, plain JSON, outside every service root (issue 14).
  if (live && options.store) {
    void app.register(practiceAdminRoutes, {
      prefix: PRACTICE_ADMIN_PREFIX,
      live,
      store: options.store,
      jwks: options.jwt.jwks,
      clock,
    });
  }

  return app;
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
