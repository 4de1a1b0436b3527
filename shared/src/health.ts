import { z } from 'zod';
import { odsCodeSchema } from './practices.js';

/** `GET /api/health`: liveness of the BFF process (no dependency checks). */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/**
 * `GET /api/health/ready`: readiness, for a load balancer and an operator. `ready` (200): the session store
 * answers and every practice answered when last called (or has not been called yet); `degraded` (200): the
 * session store answers but some practice's system did not, last time (this instance can still serve, so a load
 * balancer should keep it); `not-ready` (503): the session store does not answer, so nobody can be signed in.
 */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'degraded', 'not-ready']),
  sessionStore: z.object({ status: z.enum(['up', 'down']), ms: z.number().int().nonnegative() }),
  practices: z.array(
    z.object({
      odsCode: odsCodeSchema,
      /** `unknown`: not called since this instance started. */
      status: z.enum(['up', 'down', 'unknown']),
      lastSeen: z.iso.datetime().optional(),
      reason: z.enum(['timeout', 'unreachable', 'error']).optional(),
    }),
  ),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
