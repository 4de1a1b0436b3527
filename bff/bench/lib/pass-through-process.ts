/**
 * The least a BFF in front of a provider can cost: an HTTP server in a process of its own that forwards each
 * request, as it is, to one provider URL with given headers (the very slot search the BFF sent, JWT included) over
 * a kept-alive connection, and sends back the provider's status, content type, encoding and bytes untouched. No
 * session, no signing, no parsing, no check. `bench:bff` reports the BFF against it beside the provider itself:
 * the extra hop is a cost every BFF pays, and on one machine it is the same order as a cached provider answer.
 *
 * Calls: `target` ({ url, headers }: where to forward); answers its own URL on start.
 */
import http from 'node:http';
import { serveParent } from './ipc.js';

export interface PassThroughInfo {
  url: string;
}

let target: { url: URL; headers: Record<string, string> } | undefined;
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer((incoming, outgoing) => {
  incoming.resume();
  if (!target) {
    outgoing.writeHead(503).end();
    return;
  }
  const forwarded = http.request(target.url, { headers: target.headers, agent }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const headers: http.OutgoingHttpHeaders = { 'content-type': answer.headers['content-type'] ?? '' };
      const encoding = answer.headers['content-encoding'];
      if (encoding) headers['content-encoding'] = encoding;
      outgoing.writeHead(answer.statusCode ?? 502, headers).end(Buffer.concat(chunks));
    });
  });
  forwarded.on('error', () => outgoing.writeHead(502).end());
  forwarded.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('not listening on TCP');

serveParent(
  { url: `http://127.0.0.1:${address.port}` } satisfies PassThroughInfo,
  {
    target: ({ url, headers }: { url: string; headers: Record<string, string> }) => {
      target = { url: new URL(url), headers };
      return null;
    },
  },
  async () => {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
);
