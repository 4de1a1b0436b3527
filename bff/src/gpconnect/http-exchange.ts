import type { ConnectionOptions } from 'node:tls';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { Agent, type Dispatcher } from 'undici';

/**
 * HTTP/1.1 requests to GP Connect providers, with connections kept alive per client, and answers handed over as
 * the bytes that arrived (still compressed, when the provider compressed them). Keeping the bytes as they came
 * lets a slot search answered byte for byte as before be recognised without inflating and decoding half a
 * megabyte first (repeat-answers.ts); anything else is decoded with {@link decodeBody}.
 *
 * Sent with undici's dispatcher (the engine of Node's `fetch`) and a handler of our own that only collects the
 * body's chunks: `fetch` always inflates and would not let us see the bytes, and `node:http`'s ClientRequest and
 * IncomingMessage cost about twice the CPU per call (docs/decisions/0042).
 */

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Aborts the whole exchange, the answer's body included. */
  signal: AbortSignal;
}

/** Response headers by lower-case name; a header sent more than once has each value. */
export type HttpHeaders = Record<string, string | string[] | undefined>;

/** Where a request goes: an origin (`https://host:port`) and the path there, with its query. */
export interface HttpTarget {
  readonly origin: string;
  readonly path: string;
}

const parsedBases = new Map<string, { origin: string; path: string }>();
const PARSED_BASES_KEPT = 1024;

/**
 * The target of `base` (an absolute URL) with `query` added, exactly as `new URL(base)` and its `searchParams`
 * give it. A base without a query of its own (a service root and a path: a few per practice) is parsed once.
 */
export function requestTarget(base: string, query?: ReadonlyArray<readonly [string, string]>): HttpTarget {
  let parsed = parsedBases.get(base);
  if (!parsed) {
    const url = new URL(base);
    if (url.search !== '') {
      for (const [name, value] of query ?? []) url.searchParams.append(name, value);
      return { origin: url.origin, path: url.pathname + url.search };
    }
    parsed = { origin: url.origin, path: url.pathname };
    if (parsedBases.size >= PARSED_BASES_KEPT) parsedBases.clear();
    parsedBases.set(base, parsed);
  }
  if (!query || query.length === 0) return parsed;
  const params = new URLSearchParams();
  for (const [name, value] of query) params.append(name, value);
  return { origin: parsed.origin, path: `${parsed.path}?${params.toString()}` };
}

export interface HttpAnswer {
  status: number;
  headers: HttpHeaders;
  /** The body as it arrived; rejects when the answer breaks off or the signal aborts it. */
  body(): Promise<Buffer>;
}

/** What we ask providers to compress with, and can undo (Node's fetch asked the same). */
export const ACCEPT_ENCODING = 'gzip, deflate';

export interface HttpExchangeOptions {
  /**
   * TLS options for https providers, beside the defaults (the server's certificate checked against Node's CA
   * store, NODE_EXTRA_CA_CERTS included): a CA of its own, a client certificate.
   */
  tls?: Pick<ConnectionOptions, 'ca' | 'cert' | 'key'>;
}

export class HttpExchange {
  private readonly agent: Agent;

  constructor(options: HttpExchangeOptions = {}) {
    // Connections per provider as many as calls at once, one request at a time on each (no pipelining), kept
    // open between calls.
    this.agent = new Agent(options.tls ? { connect: { ...options.tls } } : {});
  }

  /** Resolves with the answer's status and headers; rejects when no answer came (refused, dropped, timed out). */
  send(target: HttpTarget, request: HttpRequest): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const { signal } = request;
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      this.agent.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: request.method,
          headers: { ...request.headers, 'accept-encoding': ACCEPT_ENCODING },
          body: request.body ?? null,
        },
        new Exchange(signal, resolve, reject),
      );
    });
  }

  /** Closes the kept-alive connections (tests, shutdown). */
  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

/**
 * One exchange's handler: resolves `answered` when the status and headers are in, then gathers the body's
 * chunks for {@link HttpAnswer.body}. The signal aborts the exchange at any point: before a connection took the
 * request (it is failed here at once, and aborted as soon as it starts), while waiting for the answer, or while
 * its body arrives. A connection that ends before the body is whole is an error, never a short body.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private answered = false;
  private finished = false;
  private readonly chunks: Buffer[] = [];
  private outcome: { bytes: Buffer } | { error: Error } | undefined;
  private waiting: { resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | undefined;
  private readonly onAbort = () => {
    const reason = abortReason(this.signal);
    if (this.controller) this.controller.abort(reason);
    // Not started yet (waiting for a connection), or started and not failed by the abort: fail it here.
    this.fail(reason);
  };

  constructor(
    private readonly signal: AbortSignal,
    private readonly resolve: (answer: HttpAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.finished) controller.abort(abortReason(this.signal));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: HttpHeaders,
  ): void {
    // 1xx (informational) answers come before the answer itself.
    if (statusCode < 200 || this.finished) return;
    this.answered = true;
    this.resolve({ status: statusCode, headers, body: () => this.body() });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.finished) return;
    this.finish();
    const { chunks } = this;
    this.settle({ bytes: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks) });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  private fail(error: Error): void {
    if (this.finished) return;
    this.finish();
    if (this.answered) this.settle({ error });
    else this.reject(error);
  }

  private finish(): void {
    this.finished = true;
    this.signal.removeEventListener('abort', this.onAbort);
  }

  private settle(outcome: { bytes: Buffer } | { error: Error }): void {
    this.outcome = outcome;
    if (!this.waiting) return;
    if ('bytes' in outcome) this.waiting.resolve(outcome.bytes);
    else this.waiting.reject(outcome.error);
  }

  private body(): Promise<Buffer> {
    const { outcome } = this;
    if (outcome) return 'bytes' in outcome ? Promise.resolve(outcome.bytes) : Promise.reject(outcome.error);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}

const inflaters: Record<string, (bytes: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The body as text, inflated first when `Content-Encoding` says it was compressed (off the event loop). */
export async function decodeBody(
  bytes: Buffer,
  contentEncoding: string | string[] | undefined,
): Promise<string> {
  const encoding = (Array.isArray(contentEncoding) ? contentEncoding.join(',') : (contentEncoding ?? ''))
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') return bytes.toString('utf8');
  const inflate = inflaters[encoding];
  if (!inflate) throw new Error(`an answer encoded as ${encoding}, which was not asked for`);
  return (await inflate(bytes)).toString('utf8');
}
