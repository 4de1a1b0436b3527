import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { guardPath, isGuardedPath, normalisePath } from './guard-path.js';

describe('normalisePath', () => {
  it.each([
    ['/auth/logout', '/auth/logout'],
    ['/%61uth/logout', '/auth/logout'],
    ['/%2561uth/logout', '/auth/logout'],
    ['/api%2Fappointments', '/api/appointments'],
    ['//api//appointments', '/api/appointments'],
    ['/x/../api/./appointments?y=1', '/api/appointments'],
    ['/API/Appointments', '/api/appointments'],
    ['/a\\..\\auth\\login', '/auth/login'],
    ['/%E0%A4%A/api', '/%e0%a4%a/api'],
  ])('%s → %s', (raw, normal) => {
    expect(normalisePath(raw)).toBe(normal);
  });

  it('keeps guarded paths guarded', () => {
    expect(isGuardedPath(normalisePath('/%61pi/x'))).toBe(true);
    expect(isGuardedPath('/apix')).toBe(false);
  });
});

describe('guardPath', () => {
  it('is the route the router matched, whatever the encoding, else the normalised path', async () => {
    const app = Fastify();
    const seen: string[] = [];
    app.addHook('onRequest', async (request) => {
      seen.push(guardPath(request));
    });
    app.get('/auth/login', async () => 'ok');
    app.get('/api/appointments/:id', async () => 'ok');
    await app.inject({ url: '/%61uth/login' });
    await app.inject({ url: '/api/appointments/%41B' });
    await app.inject({ url: '//API/nothing' });
    expect(seen).toEqual(['/auth/login', '/api/appointments/:id', '/api/nothing']);
    await app.close();
  });
});
