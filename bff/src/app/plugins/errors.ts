import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiHttpError, apiErrorFromGpConnect } from '../api-error.js';
import { GpConnectError } from '../../gpconnect/errors.js';

/** `/body/slotIds/0` → `slotIds.0`; a missing property is named by the validator instead. */
function fieldPath(instancePath: string, missing: unknown): string {
  const path = instancePath.replace(/^\/(body|querystring|params)\/?/, '').replaceAll('/', '.');
  return path || (typeof missing === 'string' ? missing : '');
}

/** One error handler for the patient API: typed `{ error: { code, message } }`, 5xx detail only in the log. */
export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const fields = error.validation.map((issue) => ({
          field: fieldPath(issue.instancePath, issue.params['missingProperty']),
          message: issue.message ?? 'is not valid',
        }));
        return reply
          .code(422)
          .send({ error: { code: 'validation_failed', message: 'Some details are not valid', fields } });
      }
      const apiError =
        error instanceof ApiHttpError
          ? error
          : error instanceof GpConnectError
            ? apiErrorFromGpConnect(error)
            : undefined;
      if (apiError) {
        if (apiError.status >= 500) request.log.warn({ err: error }, 'request failed upstream');
        return reply.code(apiError.status).send({
          error: {
            code: apiError.code,
            message: apiError.message,
            ...(apiError.fields ? { fields: apiError.fields } : {}),
          },
        });
      }
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status === 429) {
        return reply
          .code(429)
          .send({ error: { code: 'rate_limited', message: 'Too many requests; try again shortly' } });
      }
      if (status >= 400 && status < 500) {
        return reply
          .code(status)
          .send({ error: { code: 'bad_request', message: 'The request is not valid' } });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .code(500)
        .send({ error: { code: 'internal_error', message: 'Something went wrong on our side' } });
    });
  },
  { name: 'errors' },
);
