import { FHIR_JSON, FHIR_XML } from '../../gpconnect/constants.js';
import { gpcError } from '../outcomes.js';

export type FhirFormat = 'json' | 'xml';

export const FHIR_XML_CONTENT_TYPE = 'application/fhir+xml;charset=utf-8';

/**
 * The media types this provider reads and writes: GP Connect's two, and nothing else (general API guidance,
 * "Content types": servers SHALL support `application/fhir+json` and SHOULD support `application/fhir+xml`).
 * `_format` names a format "by its MIME-type" too, so `xml`, `text/xml`, `application/json` and the DSTU2 types
 * are refused with 415 like any other type (docs/decisions/0030).
 */
const FORMATS: ReadonlyMap<string, FhirFormat> = new Map([
  [FHIR_JSON, 'json'],
  [FHIR_XML, 'xml'],
]);
const WILDCARDS = new Set(['*/*', 'application/*']);

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** The `charset` parameter of a media type, lower-cased, when there is one. */
function charsetOf(value: string): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(value);
  return match?.[1]?.toLowerCase();
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
 * The response format a request asks for: `_format` > `Accept` > request `Content-Type` > JSON (general API
 * guidance). An `Accept` of only wildcards states no preference, so the next source decides.
 */
function wantedFormat(options: {
  accept: string | undefined;
  contentType: string | undefined;
  format: string | undefined;
}): Wanted {
  if (options.format !== undefined) {
    const format = formatOf(options.format);
    return format ? { format } : { format: undefined, unsupported: options.format };
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

function unsupported(what: string, value: string) {
  return gpcError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${what} ${value} is not supported; use ${FHIR_JSON} or ${FHIR_XML}`,
  );
}

/**
 * Checks the request's declared body type and the response format it asks for. Returns the format to answer in
 * and the one the body is in. Anything other than FHIR JSON or FHIR XML in UTF-8 is 415 UNSUPPORTED_MEDIA_TYPE:
 * a `Content-Type` is judged whenever it is sent (the assurance suite sends `application/xml` on a GET and expects
 * 415), and a POST or PUT must send one.
 */
export function negotiate(options: {
  method: string;
  contentType: string | undefined;
  accept: string | undefined;
  format: string | undefined;
}): { response: FhirFormat; body: FhirFormat | undefined } {
  let body: FhirFormat | undefined;
  if (options.contentType !== undefined) {
    body = formatOf(options.contentType);
    if (!body) throw unsupported('Content-Type', mediaType(options.contentType) || '(blank)');
    const charset = charsetOf(options.contentType);
    if (charset !== undefined && charset !== 'utf-8') throw unsupported('charset', charset);
  } else if (options.method === 'POST' || options.method === 'PUT') {
    throw gpcError('UNSUPPORTED_MEDIA_TYPE', `Content-Type header missing; use ${FHIR_JSON} or ${FHIR_XML}`);
  }
  const wanted = wantedFormat(options);
  if (!wanted.format) {
    throw unsupported(options.format === undefined ? 'Media type' : '_format', wanted.unsupported ?? '');
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
