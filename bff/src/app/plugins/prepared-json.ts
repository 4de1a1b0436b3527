import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { checkedJson } from './checked-json-serializer.js';

/** As the compress plugin (app.ts): brotli at quality 4, and nothing under 1 KiB is compressed. */
export const API_BROTLI_QUALITY = 4;
export const COMPRESS_THRESHOLD_BYTES = 1024;

type Encoding = 'br' | 'gzip' | 'identity';

/** One answer's checked JSON, and its compressed forms as they are first asked for. */
interface Prepared {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * Sends a route's answers whose objects repeat (frozen, the same object while what it was made from repeats: the
 * slot list, see slot-listing.ts `slotsResponseOnce`) without checking, writing and compressing them again.
 *
 * The first time an answer object is sent it goes through the very check every answer gets (the route's response
 * schema, compiled: checked-json-serializer.ts) and its JSON is kept beside it, with its brotli and gzip forms as
 * clients ask for them; the next time the same object is sent, those bytes are. An object that is not frozen could
 * change after its bytes were made, so it is sent as any other answer (the route's serializer checks and writes
 * it, the compress plugin compresses it). The kept bytes live as long as the answer object (a WeakMap on it).
 */
export function preparedJson<T extends object>(
  schema: z.ZodType<T>,
  route: string,
): (reply: FastifyReply, answer: T) => FastifyReply {
  const write = checkedJson(schema, 'GET', route);
  const made = new WeakMap<T, Prepared>();
  return (reply, answer) => {
    if (!Object.isFrozen(answer)) return reply.send(answer);
    let prepared = made.get(answer);
    if (!prepared) {
      prepared = { identity: Buffer.from(write(answer), 'utf8') };
      made.set(answer, prepared);
    }
    const encoding =
      prepared.identity.length < COMPRESS_THRESHOLD_BYTES
        ? 'identity'
        : encodingFor(reply.request.headers['accept-encoding']);
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    if (encoding === 'identity') return reply.send(prepared.identity);
    const bytes = (prepared[encoding] ??= compress(prepared.identity, encoding));
    return reply.header('content-encoding', encoding).header('content-length', bytes.length).send(bytes);
  };
}

function compress(bytes: Buffer, encoding: 'br' | 'gzip'): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(bytes, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: API_BROTLI_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      })
    : gzipSync(bytes);
}

/** {@link chooseEncoding}, worked out once for the header a client sent last (a browser sends the same one). */
function encodingFor(header: string | string[] | undefined): Encoding {
  if (typeof header !== 'string') return chooseEncoding(header);
  if (lastChoice?.header !== header) lastChoice = { header, encoding: chooseEncoding(header) };
  return lastChoice.encoding;
}
let lastChoice: { header: string; encoding: Encoding } | undefined;

/**
 * The encoding to answer in (RFC 9110 §12.5.3): brotli, else gzip, whichever the client accepts with a weight
 * above zero (`*` stands for any not named); identity when it accepts neither or sent no header.
 */
export function chooseEncoding(header: string | string[] | undefined): Encoding {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const weights = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const accepted = (encoding: string) => (weights.get(encoding) ?? weights.get('*') ?? 0) > 0;
  if (accepted('br')) return 'br';
  if (accepted('gzip')) return 'gzip';
  return 'identity';
}
