import { practicesQuerySchema, practicesResponseSchema, type Practice } from '@gpbook/shared/practices';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findPracticeOrganisation } from '../../gpconnect/organisation.js';
import type { AppServices } from '../services.js';

/**
 * `GET /api/practices`: the patient's registered practice and the rest of its federation, each read from the
 * practice's own GP Connect endpoint (Find an organisation).
 */
export function practicesRoutes(services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/practices',
      { schema: { querystring: practicesQuerySchema, response: { 200: practicesResponseSchema } } },
      async (request) => {
        const patient = await services.patientOf(request);
        const registered = services.requirePractice(patient.registeredOds);
        const context = { user: patient.user, traceId: request.id };
        const members = services.directory.federationOf(registered.odsCode);
        const [own, ...others] = await Promise.allSettled(
          [registered, ...members].map((entry) =>
            findPracticeOrganisation(services.gpConnect, services.directory.endpoint(entry), context),
          ),
        );
        if (!own || own.status === 'rejected') throw own?.reason;
        const federation: Practice[] = [];
        others.forEach((result, index) => {
          if (result.status === 'fulfilled') federation.push(result.value);
          else request.log.warn({ practice: members[index]?.odsCode }, 'federation practice unavailable');
        });
        return { registered: own.value, federation };
      },
    );
  };
}
