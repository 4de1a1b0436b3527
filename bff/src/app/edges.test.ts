import { connect } from 'node:net';
import { readinessResponseSchema } from '@gpbook/shared/health';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../identity/sessions/memory-store.js';
import type { SessionRecord } from '../identity/sessions/store.js';
import { startSignInStack, type SignInStack } from '../test-support/identity/sign-in-stack.js';

/**
 * The BFF's HTTP edge: what reaches our guards however the path is spelt, and the answers Fastify and Node's
 * parser give before our code runs, all in the patient API's one error shape.
 */
let stack: SignInStack;
beforeAll(async () => {
  stack = await startSignInStack();
});
afterAll(async () => {
  await stack.close();
});

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack.bffUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
}

/** Sends raw bytes and reads the whole answer (the server closes the connection after it). */
function raw(request: string): Promise<string> {
  const { port, hostname } = new URL(stack.bffUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('guards decide on the path the router matched', () => {
  it.each(['/auth/logout', '/%61uth/logout', '/%61%75th/logout'])(
    'POST %s from another site without a token is refused (403 csrf_failed), and no cookie is touched',
    async (path) => {
      const answer = await get(path, { method: 'POST', headers: { origin: 'https://evil.example' } });
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ error: { code: 'csrf_failed' } });
      expect(answer.headers.get('set-cookie')).toBeNull();
    },
  );

  it.each(['/api/session', '/%61pi/session', '/api/%73ession'])(
    'GET %s without a session is unauthenticated',
    async (path) => {
      const answer = await get(path);
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ error: { code: 'unauthenticated' } });
    },
  );
});

describe('errors raised before our routes run are typed', () => {
  it('a malformed percent-escape: 400 bad_request', async () => {
    const answer = await get('/api/appointments/%E0%A4%A');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'bad_request', message: expect.any(String) as string } });
  });

  it('headers over 16 KB: a whole 431 answer, typed, saying Connection: close', async () => {
    const answer = await raw(
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toEqual({
      error: { code: 'bad_request', message: expect.any(String) as string },
    });
  });

  it('a request line that is not HTTP: a whole 400 answer, typed', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'bad_request' } });
  });
});

describe('liveness and readiness', () => {
  it('liveness says the process is up; readiness reports the session store, probed now', async () => {
    expect((await get('/api/health')).json).toEqual({ status: 'ok' });
    const ready = await get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(readinessResponseSchema.parse(ready.json)).toMatchObject({
      status: 'ready',
      sessionStore: { status: 'up' },
    });
  });

  it('a session store that does not answer makes the instance not ready (503), while it stays alive', async () => {
    class BrokenStore extends MemorySessionStore {
      override async get(): Promise<SessionRecord | undefined> {
        throw new Error('connection lost');
      }
    }
    const broken = await startSignInStack({ store: new BrokenStore() });
    try {
      const ready = await fetch(`${broken.bffUrl}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(readinessResponseSchema.parse(await ready.json())).toMatchObject({
        status: 'not-ready',
        sessionStore: { status: 'down' },
      });
      expect((await fetch(`${broken.bffUrl}/api/health`)).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
