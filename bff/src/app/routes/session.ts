import { createHash } from 'node:crypto';
import { sessionResponseSchema, type SessionResponse } from '@gpbook/shared/session';
import { addDaysToLondonDate, startOfLondonDate, todayInLondon } from '@gpbook/shared/time';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiHttpError } from '../api-error.js';
import type { ActiveSession } from '../../identity/sessions/manager.js';

/**
 * `GET /api/session`: who is signed in and when the session ends (does not extend it).
 * `POST /api/session/refresh` (CSRF): "stay signed in"; like every other /api request it slides the idle expiry.
 */
export function sessionRoutes(now: () => number): FastifyPluginAsyncZod {
  return async (app) => {
    const respond = { schema: { response: { 200: sessionResponseSchema } } };
    app.get('/api/session', respond, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sessionResponse(request.patientSession, now());
    });
    app.post('/api/session/refresh', respond, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sessionResponse(request.patientSession, now());
    });
  };
}

/** `now` is the session clock's time, the one the expiry times are on. */
function sessionResponse(session: ActiveSession | null, now: number): SessionResponse {
  // The session plugin refuses /api requests without a session before they get here.
  if (!session) throw new ApiHttpError(401, 'unauthenticated', 'Sign in to continue');
  const { patient, idleExpiresAt, absoluteExpiresAt, csrfToken } = session.record;
  const today = todayInLondon(new Date(now));
  return {
    user: {
      id: createHash('sha256').update(`gpbook-user:${patient.sub}`).digest('base64url').slice(0, 32),
      displayName: `${patient.givenName} ${patient.familyName}`,
      givenName: patient.givenName,
      familyName: patient.familyName,
      ...(patient.phone ? { phone: patient.phone } : {}),
    },
    registeredOds: patient.registeredOds,
    idleExpiresAt: isoUtc(idleExpiresAt),
    absoluteExpiresAt: isoUtc(absoluteExpiresAt),
    csrfToken,
    serverTime: isoUtc(now),
    londonDay: { date: today, endsAt: isoUtc(startOfLondonDate(addDaysToLondonDate(today, 1)).getTime()) },
  };
}

/** An instant, in UTC with an explicit `+00:00` offset (the web shows it in UK time). */
function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}
