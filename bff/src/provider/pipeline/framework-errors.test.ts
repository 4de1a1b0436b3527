import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig } from '../test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from '../test-support/provider.js';
import { spineHeaders } from '../test-support/spine-request.js';

/**
 * Errors raised by Fastify and Node around the GP Connect pipeline (the router, the body reader, the HTTP parser)
 * are answered like the pipeline's own: a GPConnect-OperationOutcome-1 in FHIR JSON, `Cache-Control: no-store`,
 * and a Spine code whose status agrees with the error table.
 */
let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider(makeConfig());
});
afterAll(() => provider.close());

const root = () => `/${provider.practice.odsCode}/STU3/1/gpconnect`;
const outcomeOf = (body: string) => {
  const outcome = JSON.parse(body) as FhirJson;
  return [outcome['resourceType'], outcome.issue?.[0]?.details.coding[0]?.code, outcome.issue?.[0]?.code];
};

describe('router errors (frameworkErrors)', () => {
  it.each([
    ['a malformed percent-escape below the service root (FST_ERR_BAD_URL)', () => `${root()}/Patient/%zz`],
    [
      'a malformed percent-escape in the ODS code (FST_ERR_BAD_URL)',
      () => '/A1%G1/STU3/1/gpconnect/metadata',
    ],
    [
      'an ODS code segment over 100 characters (FST_ERR_MAX_PARAM_LENGTH)',
      () => `/${'A'.repeat(300)}/STU3/1/gpconnect/metadata`,
    ],
  ])('answers %s with 400 BAD_REQUEST', async (_, url) => {
    const response = await provider.app.inject({
      method: 'GET',
      url: url(),
      headers: spineHeaders(provider.practice, 'patientRead'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/fhir+json;charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(outcomeOf(response.body)).toEqual(['OperationOutcome', 'BAD_REQUEST', 'invalid']);
  });

  it('gzips a router error answer for a client that accepts gzip', async () => {
    const response = await provider.app.inject({
      method: 'GET',
      url: `${root()}/Patient/%zz`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(outcomeOf(gunzipSync(response.rawPayload).toString('utf8'))).toEqual([
      'OperationOutcome',
      'BAD_REQUEST',
      'invalid',
    ]);
  });
});

describe('body reader errors', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    provider.app.inject({
      method: 'POST',
      url: `${root()}/Appointment`,
      headers: { ...spineHeaders(provider.practice, 'appointmentCreate'), ...headers },
      payload,
    });

  it('answers a body over 256 KB with 413 and BAD_REQUEST', async () => {
    const response = await post('x'.repeat(257 * 1024));
    expect(response.statusCode).toBe(413);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(outcomeOf(response.body)).toEqual(['OperationOutcome', 'BAD_REQUEST', 'invalid']);
  });

  it('answers a Content-Length the body does not match with 400 BAD_REQUEST', async () => {
    const response = await post('{}', { 'content-length': '1' });
    expect(response.statusCode).toBe(400);
    expect(outcomeOf(response.body)).toEqual(['OperationOutcome', 'BAD_REQUEST', 'invalid']);
  });
});

/** The HTTP parser's errors come before Fastify sees a request: they need a real socket (inject bypasses it). */
describe('HTTP parser errors (clientErrorHandler)', () => {
  let port: number;
  beforeAll(async () => {
    await provider.app.listen({ host: '127.0.0.1', port: 0 });
    const address = provider.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    port = address.port;
  });

  /** Writes raw bytes and collects everything the server sends until it closes the connection. */
  function exchange(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
      socket.write(request);
    });
  }

  function parse(raw: string) {
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    return { statusLine, headers, body };
  }

  it('answers headers over 16 KB with 431, an OperationOutcome and Connection: close, then closes', async () => {
    const raw = await exchange(
      `GET ${root()}/metadata HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
    );
    const { statusLine, headers, body } = parse(raw);
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers['content-type']).toBe('application/fhir+json;charset=utf-8');
    expect(headers['connection']).toBe('close');
    expect(headers['cache-control']).toBe('no-store');
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
    expect(outcomeOf(body)).toEqual(['OperationOutcome', 'BAD_REQUEST', 'invalid']);
  });

  it('answers a request that is not HTTP with 400 BAD_REQUEST and closes', async () => {
    const { statusLine, headers, body } = parse(await exchange('NOT HTTP AT ALL\r\n\r\n'));
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(headers['connection']).toBe('close');
    expect(outcomeOf(body)).toEqual(['OperationOutcome', 'BAD_REQUEST', 'invalid']);
  });

  it('still answers an ordinary request on the same server', async () => {
    const raw = await exchange(`GET /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(parse(raw).statusLine).toBe('HTTP/1.1 404 Not Found');
  });
});
