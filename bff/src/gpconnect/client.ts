import type { Logger } from 'pino';
import type { z } from 'zod';
import { FHIR_JSON, FHIR_JSON_CONTENT_TYPE, IID, type InteractionName } from './constants.js';
import { GpConnectError, spineCodeOf, type GpConnectFailure } from './errors.js';
import { operationOutcomeSchema } from './fhir-schemas.js';
import { buildSpineJwt, type ConsumerIdentity, type JwtSigning, type RequestingUser } from './spine-jwt.js';

/** Where a practice's GP Connect endpoint is and who it is on Spine. */
export interface ProviderEndpoint {
  odsCode: string;
  /** Service root URL, e.g. `http://localhost:4000/A20047/STU3/1/gpconnect` (no trailing slash). */
  serviceRoot: string;
  /** The provider's ASID (`Ssp-To`). */
  asid: string;
}

export interface GpConnectClientOptions {
  consumer: ConsumerIdentity;
  /** Our ASID (`Ssp-From`). */
  consumerAsid: string;
  signing: JwtSigning;
  timeoutMs: number;
  logger: Logger;
}

export interface GpConnectCall<T> {
  endpoint: ProviderEndpoint;
  interaction: InteractionName;
  user: RequestingUser;
  traceId: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the service root, starting with `/`. */
  path: string;
  query?: ReadonlyArray<readonly [string, string]>;
  body?: unknown;
  ifMatch?: string;
  schema: z.ZodType<T>;
}

export interface GpConnectResponse<T> {
  status: number;
  body: T;
  etag: string | undefined;
  location: string | undefined;
}

/** Reads are retried once after a network failure or a 5xx; writes never are (a lost answer may have booked). */
const READ_RETRIES = 1;

/**
 * Sends one GP Connect interaction to a provider: Ssp-* headers, a fresh Spine JWT, a timeout, and the answer
 * parsed with the caller's schema. Failures become GpConnectError with a typed `failure`.
 */
export class GpConnectClient {
  constructor(private readonly options: GpConnectClientOptions) {}

  async call<T>(call: GpConnectCall<T>): Promise<GpConnectResponse<T>> {
    const attempts = call.method === 'GET' ? 1 + READ_RETRIES : 1;
    let lastError: GpConnectError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.attempt(call);
      } catch (error) {
        if (!(error instanceof GpConnectError)) throw error;
        lastError = error;
        const retryable = error.failure.kind === 'unreachable' || error.failure.kind === 'server_error';
        if (!retryable) throw error;
      }
    }
    throw lastError ?? new Error('unreachable: no attempt made');
  }

  private async attempt<T>(call: GpConnectCall<T>): Promise<GpConnectResponse<T>> {
    const { options } = this;
    const url = new URL(call.endpoint.serviceRoot + call.path);
    for (const [name, value] of call.query ?? []) url.searchParams.append(name, value);
    const jwt = await buildSpineJwt({
      interaction: call.interaction,
      audience: call.endpoint.serviceRoot,
      consumer: options.consumer,
      user: call.user,
      signing: options.signing,
    });
    const headers: Record<string, string> = {
      accept: FHIR_JSON,
      authorization: `Bearer ${jwt}`,
      'ssp-traceid': call.traceId,
      'ssp-from': options.consumerAsid,
      'ssp-to': call.endpoint.asid,
      'ssp-interactionid': IID[call.interaction],
    };
    if (call.body !== undefined) headers['content-type'] = FHIR_JSON_CONTENT_TYPE;
    if (call.ifMatch !== undefined) headers['if-match'] = call.ifMatch;

    const started = performance.now();
    const log = options.logger.child({
      traceId: call.traceId,
      interaction: call.interaction,
      practice: call.endpoint.odsCode,
    });
    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
      log.warn({ cause, ms: Math.round(performance.now() - started) }, 'gp connect call failed');
      throw new GpConnectError({ kind: 'unreachable', cause }, call.interaction);
    }
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    log.info({ status: response.status, ms }, 'gp connect call');

    if (!response.ok) throw new GpConnectError(failureFrom(response.status, text), call.interaction);

    let json: unknown;
    try {
      json = text.length === 0 ? undefined : JSON.parse(text);
    } catch {
      throw new GpConnectError(
        { kind: 'invalid_response', status: response.status, detail: 'body is not JSON' },
        call.interaction,
      );
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      throw new GpConnectError(
        { kind: 'invalid_response', status: response.status, detail },
        call.interaction,
      );
    }
    return {
      status: response.status,
      body: parsed.data,
      etag: response.headers.get('etag') ?? undefined,
      location: response.headers.get('location') ?? undefined,
    };
  }
}

function failureFrom(status: number, text: string): GpConnectFailure {
  let spineCode: string | undefined;
  let diagnostics: string | undefined;
  try {
    const outcome = operationOutcomeSchema.safeParse(JSON.parse(text));
    if (outcome.success) {
      spineCode = spineCodeOf(outcome.data);
      diagnostics = outcome.data.issue[0]?.diagnostics;
    }
  } catch {
    // Not JSON: an SSP or proxy error page. The status alone says enough.
  }
  if (status >= 500) return { kind: 'server_error', status, ...(spineCode ? { spineCode } : {}) };
  return {
    kind: 'rejected',
    status,
    ...(spineCode ? { spineCode } : {}),
    ...(diagnostics ? { diagnostics } : {}),
  };
}
