import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import securityHeaders from './security-headers.js';

async function headersOf(secure: boolean, route: 'ok' | 'missing' | 'failing' = 'ok') {
  const app = Fastify();
  await app.register(securityHeaders, { secure });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/failing', async () => {
    throw new Error('boom');
  });
  const response = await app.inject({ method: 'GET', url: `/${route}` });
  await app.close();
  return response.headers;
}

describe('security headers', () => {
  it('sets a strict policy from our own origin on every answer, errors and unknown paths included', async () => {
    for (const route of ['ok', 'missing', 'failing'] as const) {
      const headers = await headersOf(false, route);
      expect(headers['content-security-policy'], route).toBe(
        "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
          "connect-src 'self';manifest-src 'self';worker-src 'self';object-src 'none';base-uri 'self';" +
          "form-action 'self';frame-ancestors 'none'",
      );
      expect(headers['x-content-type-options'], route).toBe('nosniff');
      expect(headers['x-frame-options'], route).toBe('SAMEORIGIN');
      expect(headers['referrer-policy'], route).toBe('same-origin');
      expect(headers['cross-origin-opener-policy'], route).toBe('same-origin');
      expect(headers['cross-origin-resource-policy'], route).toBe('same-origin');
      expect(headers['cross-origin-embedder-policy'], route).toBeUndefined();
      expect(headers['strict-transport-security'], route).toBeUndefined();
      expect(headers, route).toMatchObject({
        'origin-agent-cluster': '?1',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(headers['x-powered-by'], route).toBeUndefined();
    }
  });

  it('lets a route set a header of its own over one of them', async () => {
    const app = Fastify();
    await app.register(securityHeaders, { secure: false });
    app.get('/framed', async (_request, reply) => reply.header('x-frame-options', 'DENY').send('ok'));
    const response = await app.inject({ method: 'GET', url: '/framed' });
    await app.close();
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('over HTTPS also sends HSTS and asks for insecure requests to be upgraded', async () => {
    const headers = await headersOf(true);
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['content-security-policy']).toMatch(/;upgrade-insecure-requests$/);
  });
});
