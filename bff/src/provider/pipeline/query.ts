/**
 * Parses a raw query string into ordered name/value pairs. Unlike URLSearchParams it does not turn `+` into a
 * space: consumers often send `start=ge2019-03-29T12:00:00+00:00` without percent-encoding the `+`.
 */
export function parseQuery(raw: string): Array<[string, string]> {
  if (raw.length === 0) return [];
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part.length === 0) continue;
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    const value = equals === -1 ? '' : part.slice(equals + 1);
    pairs.push([safeDecode(name), safeDecode(value)]);
  }
  return pairs;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Read access to the parsed query: every value of a parameter, in order. */
export class QueryParams {
  constructor(readonly pairs: ReadonlyArray<readonly [string, string]>) {}

  all(name: string): string[] {
    return this.pairs.filter(([key]) => key === name).map(([, value]) => value);
  }

  names(): string[] {
    return [...new Set(this.pairs.map(([key]) => key))];
  }
}
