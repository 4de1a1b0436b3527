import { serviceInfoResponseSchema, type ServiceInfoResponse } from '@gpbook/shared/service';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `GET /api/service`: who runs this copy of the service (public: the privacy notice needs it before sign-in). */
export function serviceRoutes(info: ServiceInfoResponse): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/service',
      { schema: { response: { 200: serviceInfoResponseSchema } } },
      async (_request, reply) => {
        // Configuration, not data: the same until the server restarts, so the browser may keep it for a while.
        void reply.header('cache-control', 'public, max-age=3600');
        return info;
      },
    );
  };
}
