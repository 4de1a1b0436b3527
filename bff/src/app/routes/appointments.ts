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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appointmentCalendar } from '../calendar.js';
import type { PatientAppointments } from '../patient-appointments.js';

/** The patient's appointments: book, list, read, amend, cancel, reschedule, and add to a calendar. */
export function appointmentsRoutes(
  appointments: PatientAppointments,
  publicUrl: string,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/appointments',
      { schema: { body: bookAppointmentRequestSchema, response: { 201: appointmentSchema } } },
      async (request, reply) => reply.code(201).send(await appointments.book(request, request.body)),
    );

    app.get(
      '/api/appointments',
      { schema: { response: { 200: appointmentsResponseSchema } } },
      async (request) => appointments.list(request),
    );

    app.get(
      '/api/appointments/:id',
      { schema: { params: appointmentParamsSchema, response: { 200: appointmentSchema } } },
      async (request) => appointments.get(request, request.params.id),
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
      async (request) => appointments.amend(request, request.params.id, request.body),
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
      async (request) => appointments.cancel(request, request.params.id, request.body.reason),
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
        reply.code(201).send(await appointments.reschedule(request, request.params.id, request.body)),
    );

    app.get(
      '/api/appointments/:id/calendar.ics',
      { schema: { params: appointmentParamsSchema } },
      async (request, reply) => {
        const appointment = await appointments.get(request, request.params.id);
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="gp-appointment.ics"')
          .header('cache-control', 'no-store')
          .send(appointmentCalendar(appointment, { publicUrl }));
      },
    );
  };
}
