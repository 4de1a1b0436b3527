import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { deepFreeze } from '../../gpconnect/repeat-answers.js';

/** How many different inputs' values a repeatable schema keeps (per route). */
const KEPT_PER_ROUTE = 256;

/** What a validator answers for one input. */
type Validation = ReturnType<ReturnType<FastifySchemaCompiler<$ZodType>>>;

/**
 * fastify-type-provider-zod's validator (a request's query, body, params and headers checked with the route's zod
 * schemas, a 400 with zod's issues when they do not fit), with each schema compiled ahead of time once per route
 * (`z.compile`, as the answers' check: decision 0040). Same rules, same values; a request the compiled check
 * refuses is parsed again by zod's runtime parser, whose issues are the error, as before.
 *
 * `repeatable`: schemas whose check depends on the input alone (no clock, no state), asked the same thing again and
 * again (the slot list's query: every patient of a practice looking at the same fortnight). The value made for an
 * input is kept, frozen, and given again for the same input (bounded; a refused input is checked every time).
 */
export function compiledValidatorCompiler(
  options: { repeatable?: ReadonlySet<$ZodType> } = {},
): FastifySchemaCompiler<$ZodType> {
  return (route) => {
    const validate = validatorCompiler({ ...route, schema: z.compile(route.schema) });
    if (!options.repeatable?.has(route.schema)) return validate;
    const known = new Map<string, Validation>();
    return (data: unknown) => {
      const key = JSON.stringify(data);
      const kept = known.get(key);
      if (kept) return kept;
      const result = validate(data);
      if (typeof result === 'object' && 'value' in result && result.error === undefined) {
        deepFreeze(result.value);
        if (known.size >= KEPT_PER_ROUTE) known.clear();
        known.set(key, result);
      }
      return result;
    };
  };
}
