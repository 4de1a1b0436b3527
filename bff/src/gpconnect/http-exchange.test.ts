import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../test-support/test-certificate.js';
import { ACCEPT_ENCODING, decodeBody, HttpExchange, requestTarget } from './http-exchange.js';

/** A self-signed certificate for localhost and 127.0.0.1, made for this run. */
const { cert: tlsCert, key: tlsKey } = makeTestCertificate();

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What each path of the test server does with a request. */
type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const packed = gzipSync(JSON.stringify({ value: 'packed' }));
const routes: Record<string, Route> = {
  '/packed': (_request, response) => {
    response.writeHead(200, { 'content-encoding': 'gzip', etag: 'W/"1"', 'x-twice': ['a', 'b'] });
    response.end(packed);
  },
  '/echo': (request, response) => response.end(`${request.method} ${request.url}`),
  // Headers and part of the body, then nothing until the connection goes.
  '/stalls': (_request, response) => {
    response.writeHead(200, { 'content-length': '100' });
    response.write('{"value":');
  },
  // Never answers.
  '/silent': () => undefined,
  // The connection closes before the body said to be 1000 bytes long is whole.
  '/cut': (request) =>
    request.socket.end('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n{"value":', () =>
      request.socket.destroy(),
    ),
  // Chunked, and the connection closes before the last chunk.
  '/cut-chunked': (request) =>
    request.socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n9\r\n{"value":\r\n', () =>
      request.socket.destroy(),
    ),
  // The connection closes with no answer at all.
  '/hang-up': (request) => request.socket.destroy(),
};

const seen: Seen[] = [];
const sockets = new Set<net.Socket>();
let connections = 0;
let closedConnections = 0;

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const route = routes[(request.url ?? '').split('?')[0] ?? ''];
    if (route) route(request, response);
    else response.writeHead(404).end();
  });
}

function track(server: net.Server): void {
  server.on('connection', (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => {
      closedConnections++;
      sockets.delete(socket);
    });
  });
}

const plain = http.createServer(handle);
const secure = https.createServer({ cert: tlsCert, key: tlsKey }, handle);
/** Takes TCP connections and never says a word: a TLS handshake with it never completes. */
const mute = net.createServer(() => undefined);
track(plain);
track(secure);
track(mute);

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
async function close(server: net.Server): Promise<void> {
  await new Promise((resolve) => server.close(resolve));
}

let plainOrigin: string;
let secureOrigin: string;
let muteOrigin: string;
beforeAll(async () => {
  plainOrigin = `http://127.0.0.1:${await listen(plain)}`;
  secureOrigin = `https://localhost:${await listen(secure)}`;
  muteOrigin = `https://127.0.0.1:${await listen(mute)}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([close(plain), close(secure), close(mute)]);
});

const target = (url: string) => requestTarget(url);

const exchanges: HttpExchange[] = [];
function exchange(options?: ConstructorParameters<typeof HttpExchange>[0]): HttpExchange {
  const made = new HttpExchange(options);
  exchanges.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(exchanges.splice(0).map((made) => made.close()));
});

const get = (signal = new AbortController().signal) => ({
  method: 'GET',
  headers: { accept: 'application/fhir+json' },
  signal,
});

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Resolves once `check` holds, looking again at each turn of the event loop (no timed waits). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe('requestTarget', () => {
  it('gives the origin and the path with the query as the URL API gives them, every time', () => {
    const query: Array<[string, string]> = [
      ['identifier', 'https://fhir.nhs.uk/Id/nhs-number|9000000009'],
      ['_include:recurse', 'Schedule:actor:Practitioner'],
      ['odd', "a b+c&d=e?f#g/h%i!'()~*é😀\ud800"],
      ['', ''],
    ];
    for (const base of [
      'https://gp.example:8443/A20047/STU3/1/gpconnect/Slot',
      'http://127.0.0.1:4000/A20047/STU3/1/gpconnect/Appointment/a%2Fb',
      'http://GP.Example/x/./y/../Patient/$gpc.registerpatient',
      'http://gp.example/root/Slot?already=there',
    ]) {
      for (const pairs of [query, [], undefined]) {
        const url = new URL(base);
        for (const [name, value] of pairs ?? []) url.searchParams.append(name, value);
        const expected = { origin: url.origin, path: url.pathname + url.search };
        expect(requestTarget(base, pairs), base).toEqual(expected);
        expect(requestTarget(base, pairs), `${base}, again`).toEqual(expected);
      }
    }
  });
});

describe('HttpExchange', () => {
  it('hands over the body as it arrived (still compressed) and the headers by lower-case name', async () => {
    const answer = await exchange().send(target(`${plainOrigin}/packed?a=1`), get());
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['etag']).toBe('W/"1"');
    expect(answer.headers['x-twice']).toEqual(['a', 'b']);
    const bytes = await answer.body();
    expect(bytes.equals(packed)).toBe(true);
    expect(await decodeBody(bytes, answer.headers['content-encoding'])).toBe('{"value":"packed"}');
    expect(seen.at(-1)).toMatchObject({
      method: 'GET',
      url: '/packed?a=1',
      headers: { accept: 'application/fhir+json', 'accept-encoding': ACCEPT_ENCODING },
    });
  });

  it('sends a body with its length, and keeps the connection for the next request', async () => {
    const client = exchange();
    const before = connections;
    for (const method of ['POST', 'PUT', 'POST']) {
      // A connection is taken again a turn of the event loop after its answer ended (undici waits that long to
      // see whether the server closes it); a request sent sooner opens another.
      await new Promise((resolve) => setImmediate(resolve));
      const answer = await client.send(target(`${plainOrigin}/echo`), {
        ...get(),
        method,
        headers: { 'content-type': 'application/fhir+json;charset=utf-8' },
        body: '{"name":"Zoë"}',
      });
      expect((await answer.body()).toString()).toBe(`${method} /echo`);
      expect(seen.at(-1)).toMatchObject({
        method,
        body: '{"name":"Zoë"}',
        headers: { 'content-length': String(Buffer.byteLength('{"name":"Zoë"}')) },
      });
    }
    expect(connections - before).toBe(1);
  });

  it('aborts while waiting for the answer: rejects with the reason and closes the connection', async () => {
    const timeout = new AbortController();
    const closedBefore = closedConnections;
    const sent = exchange().send(target(`${plainOrigin}/silent`), get(timeout.signal));
    await until(() => seen.at(-1)?.url === '/silent');
    const reason = new DOMException('too slow', 'TimeoutError');
    timeout.abort(reason);
    expect(await rejection(sent)).toBe(reason);
    await until(() => closedConnections > closedBefore);
  });

  it('aborts while the body arrives: the body rejects with the reason', async () => {
    const timeout = new AbortController();
    const answer = await exchange().send(target(`${plainOrigin}/stalls`), get(timeout.signal));
    expect(answer.status).toBe(200);
    const body = answer.body();
    const reason = new DOMException('too slow', 'TimeoutError');
    timeout.abort(reason);
    expect(await rejection(body)).toBe(reason);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const before = seen.length;
    const reason = new DOMException('no time left', 'TimeoutError');
    expect(
      await rejection(exchange().send(target(`${plainOrigin}/echo`), get(AbortSignal.abort(reason)))),
    ).toBe(reason);
    expect(seen.length).toBe(before);
  });

  it('aborts a request still waiting for its connection', async () => {
    const timeout = new AbortController();
    const before = connections;
    const sent = exchange().send(target(`${muteOrigin}/echo`), get(timeout.signal));
    await until(() => connections > before);
    const reason = new DOMException('too slow', 'TimeoutError');
    timeout.abort(reason);
    expect(await rejection(sent)).toBe(reason);
  });

  it.each(['/cut', '/cut-chunked'])(
    'takes a connection that ends before the body is whole (%s) as an error, never as a short body',
    async (path) => {
      const answer = await exchange().send(target(`${plainOrigin}${path}`), get());
      expect(answer.status).toBe(200);
      expect(await rejection(answer.body())).toBeInstanceOf(Error);
    },
  );

  it('takes a connection closed with no answer as an error', async () => {
    expect(await rejection(exchange().send(target(`${plainOrigin}/hang-up`), get()))).toBeInstanceOf(Error);
  });

  it('refuses an https provider whose certificate no trusted authority signed, and talks to it given its CA', async () => {
    const url = target(`${secureOrigin}/echo`);
    const refused = await rejection(exchange().send(url, get()));
    expect(String((refused as { code?: unknown }).code)).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    const answer = await exchange({ tls: { ca: tlsCert } }).send(url, get());
    expect((await answer.body()).toString()).toBe('GET /echo');
  });
});
