import { pipeline, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gzip, type Gunzip } from 'node:zlib';
import { gpcError } from '../outcomes.js';

const gzipAsync = promisify(gzip);

/**
 * GZIP both ways (general API guidance, "Content compression": "clients/servers SHALL support GZIP compression").
 * Answers are gzipped when the request's `Accept-Encoding` allows it; request bodies sent with
 * `Content-Encoding: gzip` are inflated before they are parsed. No other coding is offered or accepted.
 */

/** Whether an `Accept-Encoding` header allows gzip (`gzip`, `x-gzip` or `*` with a non-zero q). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzipQ: number | undefined;
  let anyQ: number | undefined;
  for (const part of header.toLowerCase().split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim());
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const quality = Number.isFinite(q) ? q : 0;
    if (token === 'gzip' || token === 'x-gzip') gzipQ = Math.max(gzipQ ?? 0, quality);
    else if (token === '*') anyQ = quality;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

/** The answer body, gzipped when the client accepts gzip; `undefined` when it goes as it is. */
export async function gzipAnswer(
  acceptEncoding: string | undefined,
  payload: unknown,
): Promise<Buffer | undefined> {
  if (!acceptsGzip(acceptEncoding)) return undefined;
  if (typeof payload === 'string' && payload.length > 0) return gzipAsync(payload);
  if (Buffer.isBuffer(payload) && payload.length > 0) return gzipAsync(payload);
  return undefined;
}

/** A stream Fastify's body reader can check both limits on: inflated bytes, and bytes received. */
type InflatingStream = Gunzip & { receivedEncodedLength: number };

/**
 * The request body stream to parse: the raw one, or (for `Content-Encoding: gzip`) one that inflates it. Fastify
 * applies the body limit to the inflated bytes, so a small gzip bomb is refused like any over-long body. Any other
 * coding is 415 (RFC 9110 §15.5.16).
 */
export function requestBodyStream(contentEncoding: string | undefined, raw: Readable): Readable {
  const coding = contentEncoding?.trim().toLowerCase();
  if (!coding || coding === 'identity') return raw;
  if (coding !== 'gzip' && coding !== 'x-gzip') {
    throw gpcError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${coding} is not supported; use gzip`);
  }
  const inflating: InflatingStream = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
  raw.on('data', (chunk: Buffer) => {
    inflating.receivedEncodedLength += chunk.length;
  });
  // Errors (a body that is not gzip) reach Fastify's body reader through the inflating stream.
  pipeline(raw, inflating, () => {});
  return inflating;
}

/** Whether an error is zlib's complaint about a body that is not valid gzip. */
export function isInflateError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^Z_(DATA|BUF|STREAM)_ERROR$/.test(code);
}
