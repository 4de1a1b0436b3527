import type { Logger } from 'pino';
import { z } from 'zod';
import type { Deadline } from './deadline.js';
import { FHIR_JSON, FHIR_JSON_CONTENT_TYPE, IID, type InteractionName } from './constants.js';
import { GpConnectError, spineCodeOf, type GpConnectFailure } from './errors.js';
import { operationOutcomeSchema } from './fhir-schemas.js';
import { decodeBody, HttpExchange, requestTarget, type HttpAnswer } from './http-exchange.js';
import { RepeatAnswers } from './repeat-answers.js';
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
  /** Where repeatable reads' last answers are kept (a budget of its own in tests); one per client by default. */
  repeatAnswers?: RepeatAnswers;
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
  /**
   * When the patient request's time is up: each attempt waits at most the time left (and never more than
   * `timeoutMs`), and a read is only retried while time is left.
   */
  deadline?: Deadline | undefined;
  /**
   * A read whose answer may repeat byte for byte (a slot search): an answer the same as the last one to the same
   * URL gives the value parsed from it then, frozen, instead of a new parse (see repeat-answers.ts).
   */
  repeatable?: boolean;
}

export interface GpConnectResponse<T> {
  status: number;
  body: T;
  etag: string | undefined;
  location: string | undefined;
}

/** Reads are retried once after a network failure or a 5xx; writes never are (a lost answer may have booked). */
const READ_RETRIES = 1;
/** Not worth sending a request with less time than this left: it would only time out. */
const MIN_ATTEMPT_MS = 50;

/** Error codes of a connection that was never made: the request did not reach the provider. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkCause(error: unknown): 'timeout' | 'refused' | 'dropped' {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout';
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return 'refused';
    cause = cause.cause;
  }
  return 'dropped';
}

/**
 * Sends one GP Connect interaction to a provider: Ssp-* headers, a fresh Spine JWT, a timeout, and the answer
 * parsed with the caller's schema. Failures become GpConnectError with a typed `failure`.
 */
export class GpConnectClient {
  private readonly repeats: RepeatAnswers;
  private readonly http = new HttpExchange();

  constructor(private readonly options: GpConnectClientOptions) {
    this.repeats = options.repeatAnswers ?? new RepeatAnswers();
  }

  /** Closes the connections kept open to providers. */
  async close(): Promise<void> {
    await this.http.close();
  }

  async call<T>(call: GpConnectCall<T>): Promise<GpConnectResponse<T>> {
    const attempts = call.method === 'GET' ? 1 + READ_RETRIES : 1;
    let lastError: GpConnectError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (lastError && (call.deadline?.remainingMs() ?? Infinity) < MIN_ATTEMPT_MS) break;
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

  /** One request and its answer; `conditional`: a repeatable read names the answer held (If-None-Match). */
  private async attempt<T>(call: GpConnectCall<T>, conditional = true): Promise<GpConnectResponse<T>> {
    const { options } = this;
    const waitMs = Math.min(options.timeoutMs, call.deadline?.remainingMs() ?? Infinity);
    if (waitMs < MIN_ATTEMPT_MS) {
      throw new GpConnectError({ kind: 'unreachable', cause: 'timeout' }, call.interaction);
    }
    const target = requestTarget(call.endpoint.serviceRoot + call.path, call.query);
    const repeatKey = call.repeatable
      ? `${schemaKey(call.schema)} ${call.method} ${target.origin}${target.path}`
      : undefined;
    const validator =
      repeatKey !== undefined && conditional ? this.repeats.validatorOf(repeatKey) : undefined;
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
    if (validator !== undefined) headers['if-none-match'] = validator;

    const started = performance.now();
    // What each log line says of the call (fields, not a child logger: making one costs more than the call's JSON).
    const about = { traceId: call.traceId, interaction: call.interaction, practice: call.endpoint.odsCode };
    const { logger: log } = options;
    // Times out the whole exchange, body included. A timer cleared when the answer is in, rather than
    // AbortSignal.timeout, whose timer would fire (and make an error) long after every answer.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('the provider did not answer in time', 'TimeoutError')),
      waitMs,
    );
    let answer: HttpAnswer;
    let bytes: Buffer;
    try {
      try {
        answer = await this.http.send(target, {
          method: call.method,
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: timeout.signal,
        });
      } catch (error) {
        const cause = networkCause(error);
        log.warn({ ...about, cause, ms: Math.round(performance.now() - started) }, 'gp connect call failed');
        throw new GpConnectError({ kind: 'unreachable', cause }, call.interaction);
      }
      try {
        bytes = await answer.body();
      } catch (error) {
        // The answer started but broke off (or ran out of time) before its body arrived.
        const cause = networkCause(error);
        log.warn({ ...about, cause, status: answer.status }, 'gp connect answer broke off');
        throw new GpConnectError(
          { kind: 'unreachable', cause: cause === 'refused' ? 'dropped' : cause },
          call.interaction,
        );
      }
    } finally {
      clearTimeout(timer);
    }
    const { status } = answer;
    const ms = Math.round(performance.now() - started);
    log.info({ ...about, status, ms }, 'gp connect call');

    const header = (name: string) => {
      const value = answer.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (status === 304 && repeatKey !== undefined && validator !== undefined) {
      // The practice says the answer we hold is still its answer. Were it forgotten meanwhile, ask again in full.
      const held = this.repeats.revalidated<T>(repeatKey, validator);
      if (held === undefined) return this.attempt(call, false);
      return { status, body: held, etag: header('etag') ?? validator, location: undefined };
    }
    const encoding = answer.headers['content-encoding'];
    const text = async () => {
      try {
        return await decodeBody(bytes, encoding);
      } catch {
        throw new GpConnectError(
          { kind: 'invalid_response', status, detail: 'body cannot be decoded' },
          call.interaction,
        );
      }
    };
    if (status < 200 || status > 299) {
      throw new GpConnectError(failureFrom(status, await text()), call.interaction);
    }
    const parse = async () => {
      const body = await text();
      return { value: parseAnswer(body, call, status), decodedBytes: body.length };
    };
    return {
      status,
      body:
        repeatKey !== undefined
          ? await this.repeats.valueOf(
              repeatKey,
              { bytes, encoding: String(encoding ?? ''), etag: header('etag') },
              parse,
            )
          : (await parse()).value,
      etag: header('etag'),
      location: header('location'),
    };
  }
}

/** The answer's body checked with the call's schema; `invalid_response` when it is not JSON or does not fit. */
function parseAnswer<T>(text: string, call: GpConnectCall<T>, status: number): T {
  let json: unknown;
  try {
    json = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    throw new GpConnectError(
      { kind: 'invalid_response', status, detail: 'body is not JSON' },
      call.interaction,
    );
  }
  const parsed = compiled(call.schema).safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new GpConnectError({ kind: 'invalid_response', status, detail }, call.interaction);
  }
  return parsed.data;
}

const schemaKeys = new WeakMap<z.ZodType, number>();
let schemaCount = 0;

/** A number per schema, for keys: the same answer read with another schema is another value. */
function schemaKey(schema: z.ZodType): number {
  let key = schemaKeys.get(schema);
  if (key === undefined) {
    key = ++schemaCount;
    schemaKeys.set(schema, key);
  }
  return key;
}

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The call's schema compiled ahead of time (`z.compile`): the same parse and the same answers, errors included
 * (an invalid answer falls back to zod's runtime parser, which reports the issues), in a fraction of the time — a
 * 14-day slot search is a ~500 KB bundle of ~1,000 Slots. Compiled once per schema.
 */
function compiled<T>(schema: z.ZodType<T>): z.ZodType<T> {
  let fast = compiledSchemas.get(schema);
  if (!fast) {
    fast = z.compile(schema);
    compiledSchemas.set(schema, fast);
  }
  return fast as z.ZodType<T>;
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
