import { slotsQuerySchema, slotsResponseSchema } from '@gpbook/shared/slots';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { preparedJson } from '../plugins/prepared-json.js';
import type { PatientAppointments } from '../patient-appointments.js';
import { patientRequestOf, type AppServices } from '../services.js';

/**
 * `GET /api/slots`: free slots at one of the patient's practices, grouped by day. Ranges over 14 days become
 * several GP Connect searches run together; the query schema refuses ranges over eight weeks.
 */
export function slotsRoutes(appointments: PatientAppointments, services: AppServices): FastifyPluginAsyncZod {
  return async (app) => {
    // A practice answering as before gives the same answer object, sent as the bytes made for it then.
    const send = preparedJson(slotsResponseSchema, '/api/slots');
    app.get(
      '/api/slots',
      { schema: { querystring: slotsQuerySchema, response: { 200: slotsResponseSchema } } },
      async (request, reply) =>
        send(reply, await appointments.searchSlots(await patientRequestOf(services, request), request.query)),
    );
  };
}
