import {
  amendAppointmentRequestSchema,
  appointmentParamsSchema,
  appointmentSchema,
  appointmentsResponseSchema,
  bookAppointmentRequestSchema,
  cancelAppointmentRequestSchema,
  rescheduleAppointmentRequestSchema,
  rescheduleAppointmentResponseSchema,
} from '@gpbook/shared/appointments';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appointmentCalendar } from '../calendar.js';
import type { PatientAppointments } from '../patient-appointments.js';
import { patientRequestOf, type AppServices } from '../services.js';

/** The patient's appointments: book, list, read, amend, cancel, reschedule, and add to a calendar. */
export function appointmentsRoutes(
  appointments: PatientAppointments,
  services: AppServices,
  publicUrl: string,
): FastifyPluginAsyncZod {
  return async (app) => {
    const patient = (request: FastifyRequest) => patientRequestOf(services, request);
    app.post(
      '/api/appointments',
      { schema: { body: bookAppointmentRequestSchema, response: { 201: appointmentSchema } } },
      async (request, reply) =>
        reply.code(201).send(await appointments.book(await patient(request), request.body)),
    );

    app.get(
      '/api/appointments',
      { schema: { response: { 200: appointmentsResponseSchema } } },
      async (request) => appointments.list(await patient(request)),
    );

    app.get(
      '/api/appointments/:id',
      { schema: { params: appointmentParamsSchema, response: { 200: appointmentSchema } } },
      async (request) => appointments.get(await patient(request), request.params.id),
    );

    app.patch(
      '/api/appointments/:id',
      {
        schema: {
          params: appointmentParamsSchema,
          body: amendAppointmentRequestSchema,
          response: { 200: appointmentSchema },
        },
      },
      async (request) => appointments.amend(await patient(request), request.params.id, request.body),
    );

    app.post(
      '/api/appointments/:id/cancel',
      {
        schema: {
          params: appointmentParamsSchema,
          body: cancelAppointmentRequestSchema,
          response: { 200: appointmentSchema },
        },
      },
      async (request) => appointments.cancel(await patient(request), request.params.id, request.body.reason),
    );

    app.post(
      '/api/appointments/:id/reschedule',
      {
        schema: {
          params: appointmentParamsSchema,
          body: rescheduleAppointmentRequestSchema,
          response: { 201: rescheduleAppointmentResponseSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await appointments.reschedule(await patient(request), request.params.id, request.body)),
    );

    app.get(
      '/api/appointments/:id/calendar.ics',
      { schema: { params: appointmentParamsSchema } },
      async (request, reply) => {
        const appointment = await appointments.get(await patient(request), request.params.id);
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="gp-appointment.ics"')
          .header('cache-control', 'no-store')
          .send(appointmentCalendar(appointment, { publicUrl }));
      },
    );
  };
}
