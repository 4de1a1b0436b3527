import { gpcError } from '../outcomes.js';
import type { QueryParams } from '../pipeline/query.js';

/**
 * The `identifier=system|value` parameter of the Foundations "find" interactions, checked as the assurance
 * suite expects: missing or repeated → 400 BAD_REQUEST; a system we do not know → 400
 * INVALID_IDENTIFIER_SYSTEM; a blank system or value → 422 INVALID_PARAMETER.
 */
export function identifierParameter(
  query: QueryParams,
  allowedSystems: readonly string[],
): { system: string; value: string } {
  const names = query.names();
  const wrongCase = names.find((name) => name !== 'identifier' && name.toLowerCase() === 'identifier');
  if (wrongCase) throw gpcError('BAD_REQUEST', `Unknown parameter ${wrongCase}; did you mean identifier?`);
  const values = query.all('identifier');
  if (values.length === 0) throw gpcError('BAD_REQUEST', 'The identifier parameter is required');
  if (values.length > 1) throw gpcError('BAD_REQUEST', 'The identifier parameter must be sent once');
  const token = values[0] ?? '';
  const bar = token.indexOf('|');
  if (bar === -1) throw gpcError('INVALID_PARAMETER', 'The identifier parameter must be system|value');
  const system = token.slice(0, bar);
  const value = token.slice(bar + 1);
  if (system.length === 0 || value.length === 0) {
    throw gpcError('INVALID_PARAMETER', 'The identifier parameter needs both a system and a value');
  }
  if (!allowedSystems.includes(system)) {
    throw gpcError('INVALID_IDENTIFIER_SYSTEM', `Identifier system ${system} is not supported here`);
  }
  return { system, value };
}
