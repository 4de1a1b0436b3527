/**
 * The reference GP Connect provider in a process of its own, started as bff/src/stack.ts starts it (a real
 * provider runs on another machine), plus, on request, its floor: a bare Fastify route serving given bytes.
 *
 * Environment: BENCH_SEED (a bundled seed name or a seed file path; default demo), BENCH_JWKS (the consumer's
 * JWKS as JSON: Spine JWTs must then be RS512-signed by it, as with PROVIDER_REQUIRE_SIGNED_JWT; without it any
 * well-formed JWT is taken). Calls: `record` (start or stop keeping the requests the provider receives; answers
 * those kept), `floor` (serve `body` at /plain and, gzipped once, at /gzip; answers the floor's URL).
 */
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { pino } from 'pino';
import { buildProviderApp } from '../../src/provider/app.js';
import { loadProviderConfig } from '../../src/provider/config/load.js';
import { allHandlers } from '../../src/provider/handlers/index.js';
import { openProviderStore } from '../../src/provider/store/open.js';
import { serveParent } from './ipc.js';

export interface ProviderInfo {
  url: string;
}
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

function urlOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

const config = loadProviderConfig(process.env['BENCH_SEED'] ?? 'demo');
const jwks = process.env['BENCH_JWKS'] ? (JSON.parse(process.env['BENCH_JWKS']) as JSONWebKeySet) : undefined;
const store = openProviderStore(config, ':memory:');
const provider = buildProviderApp({
  config,
  handlers: allHandlers(store),
  jwt: jwks ? { jwks } : {},
  logger: pino({ level: 'silent' }),
  // As stack.ts: every request looks up the practice's current rules (docs/decisions/0060).
  store,
});
provider.addHook('onClose', async () => store.close());

let recording: RecordedRequest[] | undefined;
provider.addHook('onRequest', async (request) => {
  if (!recording) return;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  recording.push({ method: request.method, url: request.url, headers });
});
await provider.listen({ host: '127.0.0.1', port: 0 });

let floor: FastifyInstance | undefined;

serveParent(
  { url: urlOf(provider) } satisfies ProviderInfo,
  {
    record: ({ on }: { on: boolean }) => {
      const kept = recording ?? [];
      recording = on ? [] : undefined;
      return kept;
    },
    floor: async ({ body, contentType }: { body: string; contentType: string }) => {
      await floor?.close();
      const plain = Buffer.from(body, 'utf8');
      // The default level, as the provider's own gzip (node:zlib gzip) uses.
      const gzipped = gzipSync(plain);
      floor = Fastify();
      floor.get('/plain', (_request, reply) => reply.header('content-type', contentType).send(plain));
      floor.get('/gzip', (_request, reply) =>
        reply.header('content-type', contentType).header('content-encoding', 'gzip').send(gzipped),
      );
      await floor.listen({ host: '127.0.0.1', port: 0 });
      return { url: urlOf(floor), bytes: plain.length, gzipBytes: gzipped.length };
    },
  },
  async () => {
    await floor?.close();
    await provider.close();
  },
);
