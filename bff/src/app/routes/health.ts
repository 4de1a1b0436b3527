import { healthResponseSchema, readinessResponseSchema, type ReadinessResponse } from '@gpbook/shared/health';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PracticeHealth } from '../../gpconnect/practice-health.js';
import type { SessionStore } from '../../identity/sessions/store.js';
import type { PracticeDirectory } from '../directory.js';

export interface ReadinessSources {
  sessionStore: SessionStore;
  directory?: PracticeDirectory | undefined;
  practices?: PracticeHealth | undefined;
}

/** How long the session store may take to answer the readiness probe. */
const STORE_PROBE_MS = 1000;

async function probeStore(store: SessionStore): Promise<ReadinessResponse['sessionStore']> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      // A lookup of a key that is never a session id: a round trip to the store, nothing read or written.
      store.get('readiness-probe'),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), STORE_PROBE_MS);
      }),
    ]);
    return { status: 'up', ms: Math.round(performance.now() - started) };
  } catch {
    return { status: 'down', ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /api/health`: liveness, the process is up. `GET /api/health/ready`: readiness, each dependency as it stands
 * (the session store, probed now; each practice's GP Connect service root, as last seen by patients' requests).
 */
export function healthRoutes(sources: ReadinessSources): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/health', { schema: { response: { 200: healthResponseSchema } } }, async () => ({
      status: 'ok' as const,
    }));

    app.get(
      '/api/health/ready',
      { schema: { response: { 200: readinessResponseSchema, 503: readinessResponseSchema } } },
      async (_request, reply) => {
        const sessionStore = await probeStore(sources.sessionStore);
        const practices = (sources.directory?.entries ?? []).map((entry) => {
          const seen = sources.practices?.lastSeen(entry.odsCode);
          if (!seen) return { odsCode: entry.odsCode, status: 'unknown' as const };
          return {
            odsCode: entry.odsCode,
            status: seen.status,
            lastSeen: new Date(seen.at).toISOString(),
            ...(seen.reason ? { reason: seen.reason } : {}),
          };
        });
        const status =
          sessionStore.status === 'down'
            ? 'not-ready'
            : practices.some((practice) => practice.status === 'down')
              ? 'degraded'
              : 'ready';
        return reply
          .code(status === 'not-ready' ? 503 : 200)
          .header('cache-control', 'no-store')
          .send({ status, sessionStore, practices });
      },
    );
  };
}
