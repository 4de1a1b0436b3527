import { FHIR_JSON, FHIR_XML } from '../../gpconnect/constants.js';
import { gpcError } from '../outcomes.js';

export type FhirFormat = 'json' | 'xml';

export const FHIR_XML_CONTENT_TYPE = 'application/fhir+xml;charset=utf-8';

/** Media types (and `_format` short forms) this provider reads and writes, by format. */
const FORMATS: ReadonlyMap<string, FhirFormat> = new Map([
  [FHIR_JSON, 'json'],
  ['application/json', 'json'],
  ['application/json+fhir', 'json'],
  ['json', 'json'],
  [FHIR_XML, 'xml'],
  ['application/xml', 'xml'],
  ['application/xml+fhir', 'xml'],
  ['text/xml', 'xml'],
  ['xml', 'xml'],
]);
const WILDCARDS = new Set(['*/*', 'application/*']);

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** JSON or XML for a media type or `_format` value; undefined when it is neither. */
export function formatOf(value: string): FhirFormat | undefined {
  return FORMATS.get(mediaType(value));
}

interface Wanted {
  format: FhirFormat | undefined;
  /** The type that decided, when it is one this server cannot produce. */
  unsupported?: string;
}

/**
 * The response format a request asks for: `_format` > `Accept` > request `Content-Type` > JSON (digest §4.1).
 * An `Accept` of only wildcards states no preference, so the next source decides.
 */
function wantedFormat(options: {
  accept: string | undefined;
  contentType: string | undefined;
  format: string | undefined;
}): Wanted {
  if (options.format !== undefined) {
    const format = formatOf(options.format);
    return format ? { format } : { format: undefined, unsupported: mediaType(options.format) };
  }
  if (options.accept) {
    // The common case, one media type and no parameters, without parsing the list.
    const single = FORMATS.get(options.accept);
    if (single) return { format: single };
    const ranges = options.accept
      .split(',')
      .map((range, order) => {
        const quality = /;\s*q\s*=\s*([0-9.]+)/i.exec(range)?.[1];
        return { type: mediaType(range), q: quality === undefined ? 1 : Number(quality), order };
      })
      .filter((range) => range.type.length > 0 && range.q > 0)
      .sort((a, b) => b.q - a.q || a.order - b.order);
    const chosen = ranges.find((range) => FORMATS.has(range.type));
    if (chosen) return { format: FORMATS.get(chosen.type) };
    if (!ranges.some((range) => WILDCARDS.has(range.type)) && ranges[0]) {
      return { format: undefined, unsupported: ranges[0].type };
    }
  }
  if (options.contentType) {
    const format = formatOf(options.contentType);
    return format ? { format } : { format: undefined, unsupported: mediaType(options.contentType) };
  }
  return { format: 'json' };
}

/**
 * Checks the request's declared body type and the response format it asks for. Returns the format to answer in
 * and the one the body is in; anything other than FHIR JSON or FHIR XML is 415.
 */
export function negotiate(options: {
  method: string;
  contentType: string | undefined;
  accept: string | undefined;
  format: string | undefined;
}): { response: FhirFormat; body: FhirFormat | undefined } {
  let body: FhirFormat | undefined;
  if (options.method === 'POST' || options.method === 'PUT') {
    if (!options.contentType) throw gpcError('BAD_REQUEST', 'Content-Type header missing', 415);
    body = formatOf(options.contentType);
    if (!body)
      throw gpcError('BAD_REQUEST', `Unsupported Content-Type ${mediaType(options.contentType)}`, 415);
  }
  const wanted = wantedFormat(options);
  if (!wanted.format) {
    throw gpcError(
      'BAD_REQUEST',
      `Unsupported media type ${wanted.unsupported ?? ''}; use ${FHIR_JSON} or ${FHIR_XML}`,
      415,
    );
  }
  return { response: wanted.format, body };
}

/**
 * The format to answer in, errors included, without judging the request: XML when it asks for XML, else JSON
 * (so a request whose wanted format is unsupported gets its 415 in JSON).
 */
export function responseFormat(options: {
  accept: string | undefined;
  contentType: string | undefined;
  format: string | undefined;
}): FhirFormat {
  return wantedFormat(options).format ?? 'json';
}
