import { z } from 'zod';

/** `GET /api/health`: liveness of the BFF process (no dependency checks). */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;
