import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INTERACTION_SCOPE, ODS_CODE_PATTERN, type InteractionName } from '../gpconnect/constants.js';
import { sendResult } from './answers.js';
import type { PracticeConfig, ProviderConfig } from './config/schema.js';
import type { InteractionHandlers } from './context.js';
import { FhirXmlError, fromFhirXml } from './fhir-xml/index.js';
import { gpcError, type GpcError } from './outcomes.js';
import { negotiate, type FhirFormat } from './pipeline/content-negotiation.js';
import {
  ENDPOINTS,
  interactionNamed,
  notAnId,
  unroutedPath,
  type Unrouted,
} from './pipeline/interactions.js';
import { parseQuery, QueryParams } from './pipeline/query.js';
import { validateSpineJwt, type JwtPolicy, type SpineClaims } from './pipeline/spine-jwt-validation.js';

export interface GpConnectRoutesOptions {
  config: ProviderConfig;
  handlers: InteractionHandlers;
  jwt: JwtPolicy;
  publicBaseUrl?: string | undefined;
  clock: () => Date;
  /**
   * The practice an ODS code names, as its rules are now (config/live.ts: staff may change them at run time);
   * the configuration's own practices when left out.
   */
  practice?: (odsCode: string) => PracticeConfig | undefined;
}

/** Where every practice's service root is: the prefix the routes below are registered under. */
export const SERVICE_ROOT_PREFIX = '/:odsCode/STU3/1/gpconnect';

const SERVICE_ROOT = new RegExp(`^/(${ODS_CODE_PATTERN})/STU3/1/gpconnect(/[^?]*)?(?:\\?(.*))?$`);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The interactions a route serves; empty on the routes that only refuse a verb the endpoint does not take. */
    interactions?: readonly InteractionName[];
    /** On those, the verbs the endpoint does take. */
    allowed?: readonly string[];
  }
  interface FastifyRequest {
    /** What the GP Connect pipeline has established about the request so far (see {@link gpConnectRoutes}). */
    gpcState: PipelineState | null;
  }
}

interface PipelineState {
  practice: PracticeConfig;
  /** The path below the service root, e.g. `/Appointment/7`, as sent (not decoded). */
  path: string;
  query: QueryParams;
  interaction?: InteractionName;
  claims?: SpineClaims;
  bodyFormat?: FhirFormat | undefined;
  body?: unknown;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function stateOf(request: FastifyRequest): PipelineState {
  if (!request.gpcState)
    throw gpcError('INTERNAL_SERVER_ERROR', 'The request skipped the GP Connect pipeline');
  return request.gpcState;
}

/**
 * Every practice's GP Connect endpoints, registered under {@link SERVICE_ROOT_PREFIX}: one Fastify route per
 * endpoint and verb, one more per endpoint refusing every other verb, and a not-found handler for the rest. The
 * pipeline of digest §13.3 runs as hooks, in this order, so errors come with the precedence the assurance suite
 * expects:
 *
 * 0. the practice the URL names (else 404 NO_RECORD_FOUND);
 * 1. the Spine routing headers (`Ssp-TraceID`, `Ssp-From`, `Ssp-To` = the practice's ASID);
 * 2. `Ssp-InteractionID`: present, known, and one the route serves (a route that refuses, an id that is not one,
 *    or no route at all is answered here, see {@link Unrouted});
 * 3. the Spine JWT;
 * 4. media types (`Content-Type`, `Accept`, `_format`);
 * 5. `requested_scope` against the interaction;
 * 6. the practice's switches (GP Connect, appointment management);
 * 7. the body, parsed as the `Content-Type` says (preHandler, after Fastify has read it).
 */
export async function gpConnectRoutes(gpc: FastifyInstance, options: GpConnectRoutesOptions): Promise<void> {
  const practices = new Map(options.config.practices.map((practice) => [practice.odsCode, practice]));
  const practiceNamed = options.practice ?? ((odsCode: string) => practices.get(odsCode));

  gpc.decorateRequest('gpcState', null);

  // 0. The practice.
  gpc.addHook('onRequest', async (request) => {
    const match = SERVICE_ROOT.exec(request.url);
    const practice = match?.[1] ? practiceNamed(match[1]) : undefined;
    if (!match || !practice) throw gpcError('NO_RECORD_FOUND', 'No GP Connect service root at this URL');
    request.gpcAudit.practice = practice.odsCode;
    request.gpcState = { practice, path: match[2] ?? '', query: new QueryParams(parseQuery(match[3] ?? '')) };
  });

  // 1. Spine routing headers.
  gpc.addHook('onRequest', async (request) => {
    for (const name of ['ssp-traceid', 'ssp-from', 'ssp-to'] as const) {
      if (!header(request, name)?.trim()) throw gpcError('BAD_REQUEST', `${name} header missing or blank`);
    }
    if (header(request, 'ssp-to') !== stateOf(request).practice.asid) {
      throw gpcError('BAD_REQUEST', 'Ssp-To does not match the ASID of this service');
    }
  });

  // 2. The interaction id against the route.
  gpc.addHook('onRequest', async (request) => {
    const state = stateOf(request);
    const interactionId = header(request, 'ssp-interactionid');
    if (!interactionId?.trim()) throw gpcError('BAD_REQUEST', 'Ssp-InteractionID header missing or blank');
    const declared = interactionNamed(interactionId);
    if (!declared) throw gpcError('BAD_REQUEST', 'Ssp-InteractionID is not a GP Connect interaction');
    const unrouted = unroutedRequest(request, state.path);
    if (unrouted) throw answerFor(unrouted, request.method, state.path || '/');
    if (!request.routeOptions.config.interactions?.includes(declared)) {
      throw gpcError('BAD_REQUEST', 'Ssp-InteractionID does not match the request');
    }
    state.interaction = declared;
    request.gpcAudit.interaction = declared;
  });

  // 3. The Spine JWT.
  gpc.addHook('onRequest', async (request) => {
    const claims = await validateSpineJwt(header(request, 'authorization'), options.jwt);
    stateOf(request).claims = claims;
    request.gpcAudit.requestingOrganisation = claims.requestingOrganisationOds;
    request.gpcAudit.requestingDevice = claims.requestingDevice;
  });

  // 4. Media types.
  gpc.addHook('onRequest', async (request) => {
    const state = stateOf(request);
    const negotiated = negotiate({
      method: request.method,
      contentType: header(request, 'content-type'),
      accept: header(request, 'accept'),
      format: state.query.all('_format')[0],
    });
    request.gpcFormat = negotiated.response;
    state.bodyFormat = negotiated.body;
  });

  // 5. Scope against the operation.
  gpc.addHook('onRequest', async (request) => {
    const { interaction, claims } = stateOf(request);
    if (interaction && claims && claims.scope !== INTERACTION_SCOPE[interaction]) {
      throw gpcError('BAD_REQUEST', `requested_scope ${claims.scope} does not permit this interaction`);
    }
  });

  // 6. Practice switches.
  gpc.addHook('onRequest', async (request) => {
    const { practice, interaction } = stateOf(request);
    if (
      !practice.gpConnectEnabled ||
      (!practice.appointmentManagementEnabled && interaction && isAppointmentInteraction(interaction))
    ) {
      throw gpcError('ACCESS_DENIED', 'GP Connect is not enabled for this interaction at this practice');
    }
  });

  // 7. The body.
  gpc.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' && request.method !== 'PUT') return;
    const state = stateOf(request);
    const raw = typeof request.body === 'string' ? request.body : '';
    if (raw.length > 0) state.body = state.bodyFormat === 'xml' ? parseXmlBody(raw) : parseJsonBody(raw);
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const state = stateOf(request);
    const { practice, interaction, claims } = state;
    if (!interaction || !claims) throw gpcError('INTERNAL_SERVER_ERROR', 'The pipeline did not finish');
    const handler = options.handlers[interaction];
    if (!handler) throw gpcError('NOT_IMPLEMENTED', 'This interaction is not implemented');
    const baseUrl = options.publicBaseUrl ?? `http://${request.headers.host ?? 'localhost'}`;
    const serviceRoot = `${baseUrl}/${practice.odsCode}/STU3/1/gpconnect`;
    const result = await handler({
      interaction,
      practice,
      config: options.config,
      serviceRoot,
      id: (request.params as { id?: string }).id,
      query: state.query,
      body: state.body,
      headers: { 'if-match': header(request, 'if-match'), prefer: header(request, 'prefer') },
      claims,
      traceId: request.id,
      now: options.clock(),
    });
    return sendResult(request, reply, result, serviceRoot);
  };
  // Step 2 answers everything these reach; throwing here too keeps them safe if a hook were ever skipped.
  const refuse = async (request: FastifyRequest) => {
    throw answerFor(
      unroutedRequest(request, stateOf(request).path) ?? { kind: 'unknown' },
      request.method,
      stateOf(request).path,
    );
  };

  for (const endpoint of ENDPOINTS) {
    for (const [method, interactions] of Object.entries(endpoint.methods)) {
      gpc.route({ method, url: endpoint.url, config: { interactions }, handler: serve });
    }
    const allowed = Object.keys(endpoint.methods);
    const others = gpc.supportedMethods.filter((method) => !allowed.includes(method));
    gpc.route({ method: others, url: endpoint.url, config: { interactions: [], allowed }, handler: refuse });
  }
  gpc.setNotFoundHandler(refuse);
}

/** Why a request reaches no interaction, if it does not: no route, a refused verb, or an id that is not one. */
function unroutedRequest(request: FastifyRequest, path: string): Unrouted | undefined {
  if (request.is404) return unroutedPath(path);
  const { allowed, interactions } = request.routeOptions.config;
  if (allowed && interactions?.length === 0) return { kind: 'wrong-verb', allowed };
  const id = (request.params as { id?: string }).id;
  return id === undefined ? undefined : notAnId(path.split('/')[1] ?? '', id);
}

/** The answer for a request that reaches no interaction (see Unrouted). */
function answerFor(unrouted: Unrouted, method: string, path: string): GpcError {
  switch (unrouted.kind) {
    case 'wrong-verb':
      return gpcError(
        'BAD_REQUEST',
        `${method} is not a GP Connect interaction on ${path} (use ${unrouted.allowed.join(', ')})`,
      );
    case 'missing-id':
      return unrouted.resourceType === 'Appointment'
        ? gpcError('NO_RECORD_FOUND', 'No appointment with an empty id')
        : gpcError('BAD_REQUEST', `The ${unrouted.resourceType} request has no logical id`);
    case 'not-implemented':
      return gpcError('NOT_IMPLEMENTED', `${method} ${path} is not implemented by this GP Connect server`);
    case 'unknown':
      return gpcError('NO_RECORD_FOUND', `No GP Connect endpoint at ${path}`);
  }
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
