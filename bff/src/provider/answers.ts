import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import { FHIR_JSON_CONTENT_TYPE, type InteractionName } from '../gpconnect/constants.js';
import type { FhirResult } from './context.js';
import { toFhirXml } from './fhir-xml/index.js';
import { operationOutcome, type GpcError } from './outcomes.js';
import { acceptsGzip } from './pipeline/compression.js';
import { FHIR_XML_CONTENT_TYPE, responseFormat, type FhirFormat } from './pipeline/content-negotiation.js';
import { parseQuery } from './pipeline/query.js';
import { fhirJson, plainResource } from './resources/common.js';

/** What the audit line says about a request, filled in as the pipeline learns it. */
export interface AuditFacts {
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

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The format a request is answered in, errors included: `_format` > `Accept` > `Content-Type` > JSON, falling
 * back to JSON when what it asks for is unsupported (that request's 415 is itself JSON).
 */
export function formatOf(request: FastifyRequest): FhirFormat {
  if (request.gpcFormat) return request.gpcFormat;
  const queryStart = request.url.indexOf('?');
  const format =
    queryStart === -1
      ? undefined
      : parseQuery(request.url.slice(queryStart + 1)).find(([name]) => name === '_format')?.[1];
  request.gpcFormat = responseFormat({
    accept: header(request, 'accept'),
    contentType: header(request, 'content-type'),
    format,
  });
  return request.gpcFormat;
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

/** Answers a GP Connect error: its table status, no-store, the OperationOutcome in the request's format. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: GpcError): FastifyReply {
  const { contentType, body } = errorPayload(request, error);
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .header('content-type', contentType)
    .send(body);
}

/**
 * Answers an error of Fastify's router (frameworkErrors). Fastify runs no hooks for these answers, so they are
 * gzipped and audited here.
 */
export function sendFrameworkError(request: FastifyRequest, reply: FastifyReply, error: GpcError): void {
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

/**
 * Answers an interaction's result: status, ETag, Location, Last-Modified, and the resource unless minimal. A body
 * made already goes as it is, gzipped from its own gzip bytes when the client accepts gzip (the `onSend` hook
 * leaves an answer that has a Content-Encoding alone).
 */
export async function sendResult(
  request: FastifyRequest,
  reply: FastifyReply,
  result: FhirResult,
  serviceRoot: string,
): Promise<FastifyReply> {
  const format = formatOf(request);
  reply
    .code(result.status)
    .header('content-type', format === 'xml' ? FHIR_XML_CONTENT_TYPE : FHIR_JSON_CONTENT_TYPE);
  if (result.versionId) reply.header('etag', `W/"${result.versionId}"`);
  if (result.location) reply.header('location', `${serviceRoot}${result.location}`);
  if (result.lastModified) reply.header('last-modified', result.lastModified.toUTCString());
  const minimal = /return=minimal/.test(request.headers['prefer']?.toString() ?? '');
  if (result.prepared && !minimal) {
    const etag = result.prepared.etag(format);
    reply.header('etag', etag);
    if (result.status === 200 && noneMatch(request.headers['if-none-match'], etag)) {
      // The consumer holds this very answer already (RFC 9110 §13.1.2): only the validator goes back.
      return reply.code(304).removeHeader('content-type').send();
    }
    const gzipped = acceptsGzip(request.headers['accept-encoding']);
    const body = await result.prepared.bytes(format, gzipped);
    if (gzipped) reply.header('content-encoding', 'gzip');
    return reply.send(body);
  }
  if (result.resource === undefined || minimal) return reply.send('');
  return reply.send(format === 'xml' ? toFhirXml(plainResource(result.resource)) : fhirJson(result.resource));
}

/**
 * Whether `If-None-Match` names `etag` (or is `*`), by the weak comparison RFC 9110 §13.1.2 prescribes for it:
 * `W/` prefixes are ignored.
 */
export function noneMatch(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch)
    .split(',')
    .some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** The audit line of a request, success or failure, without patient identifiers or names. */
export function auditLine(request: FastifyRequest, status: number, elapsedMs: number): void {
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
