import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';

/**
 * fastify-type-provider-zod's validator (a request's query, body, params and headers checked with the route's zod
 * schemas, a 400 with zod's issues when they do not fit), with each schema compiled ahead of time once per route
 * (`z.compile`, as the answers' check: decision 0040). Same rules, same values; a request the compiled check
 * refuses is parsed again by zod's runtime parser, whose issues are the error, as before.
 */
export const compiledValidatorCompiler: FastifySchemaCompiler<$ZodType> = (route) =>
  validatorCompiler({ ...route, schema: z.compile(route.schema) });
