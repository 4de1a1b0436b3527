import { healthResponseSchema } from '@gpbook/shared/health';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `GET /api/health`: the process is up. */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { schema: { response: { 200: healthResponseSchema } } }, async () => ({
    status: 'ok' as const,
  }));
};
export default healthRoutes;
