import { practicesQuerySchema, practicesResponseSchema } from '@gpbook/shared/practices';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PatientAppointments } from '../patient-appointments.js';
import { patientRequestOf, type AppServices } from '../services.js';

/**
 * `GET /api/practices`: the patient's registered practice and the rest of its federation, each read from the
 * practice's own GP Connect endpoint (Find an organisation); federation practices that do not answer are listed
 * as unavailable.
 */
export function practicesRoutes(
  appointments: PatientAppointments,
  services: AppServices,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/practices',
      { schema: { querystring: practicesQuerySchema, response: { 200: practicesResponseSchema } } },
      async (request) => appointments.practices(await patientRequestOf(services, request)),
    );
  };
}
