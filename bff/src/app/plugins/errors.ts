import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { GpConnectError } from '../../gpconnect/errors.js';
import { GpConnectOutcome, readOutcome } from '../../gpconnect/outcomes.js';
import { ApiHttpError } from '../api-error.js';
import { patientApiError } from '../patient-errors.js';

/** Our typed answer for an error, if it is one of ours (or a practice's, through the GP Connect port). */
function apiErrorOf(error: unknown): ApiHttpError | undefined {
  if (error instanceof ApiHttpError) return error;
  if (error instanceof GpConnectOutcome) return patientApiError(error);
  // A raw GP Connect failure should not get past the port; if one does, it still gets the right answer.
  if (error instanceof GpConnectError) {
    const outcome = readOutcome(error);
    if (outcome instanceof GpConnectOutcome) return patientApiError(outcome);
  }
  return undefined;
}

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
      const apiError = apiErrorOf(error);
      if (apiError) {
        if (apiError.status >= 500) {
          request.log.warn(
            { code: apiError.code, reason: (error as Error).message },
            'request failed upstream',
          );
        }
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
