import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

/**
 * HTTP/1.1 requests to GP Connect providers, with connections kept alive per client, and answers handed over as
 * the bytes that arrived (still compressed, when the provider compressed them). Keeping the bytes as they came
 * lets a slot search answered byte for byte as before be recognised without inflating and decoding half a
 * megabyte first (repeat-answers.ts); anything else is decoded with {@link decodeBody}.
 *
 * Node's `fetch` always inflates and would not let us see the bytes, hence node:http here.
 */

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Aborts the whole exchange, the answer's body included. */
  signal: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it arrived; rejects when the answer breaks off or the signal aborts it. */
  body(): Promise<Buffer>;
}

/** What we ask providers to compress with, and can undo (Node's fetch asked the same). */
export const ACCEPT_ENCODING = 'gzip, deflate';

export class HttpExchange {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  /** Resolves with the answer's status and headers; rejects when no answer came (refused, dropped, timed out). */
  send(url: URL, request: HttpRequest): Promise<HttpAnswer> {
    const secure = url.protocol === 'https:';
    const send = secure ? https.request : http.request;
    const headers: Record<string, string> = { ...request.headers, 'accept-encoding': ACCEPT_ENCODING };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    return new Promise((resolve, reject) => {
      const outgoing = send(url, {
        method: request.method,
        headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
        signal: request.signal,
      });
      // Kept for the whole exchange: an abort while the body is read is an error on the request too.
      outgoing.on('error', reject);
      outgoing.once('response', (incoming) => {
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of incoming) chunks.push(chunk as Buffer);
            // A connection closed before the whole body came ends the stream without an error on some paths.
            if (!incoming.complete)
              throw Object.assign(new Error('the answer broke off'), { code: 'ECONNRESET' });
            return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
          },
        });
      });
      outgoing.end(request.body);
    });
  }

  /** Closes the kept-alive connections (tests, shutdown). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
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
