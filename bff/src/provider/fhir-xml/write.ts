import { choiceType, TYPES, type TypeDefinition } from './definitions.js';

export const FHIR_NAMESPACE = 'http://hl7.org/fhir';
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** A type the tables do not describe: children are written in the order the JSON has them. */
const UNKNOWN = 'unknown';

export interface ToFhirXmlOptions {
  /**
   * Throw on an element the order tables do not place, instead of writing it after the known ones. Tests use
   * it to prove every element the provider emits has its place.
   */
  strict?: boolean;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const RESOURCE_NAME = /^[A-Z][A-Za-z]*$/;

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/F). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes an attribute value; tab, LF and CR as character references so attribute normalisation keeps them. */
export function escapeAttribute(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"\t\n\r]/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

/**
 * A FHIR resource in FHIR JSON as FHIR XML (STU3 XML rules): the root in the FHIR namespace, primitives as
 * `value` attributes, `id` and extension `url` of elements as attributes, arrays as repeated elements, resources
 * inside `contained`, `entry.resource` and `parameter.resource` wrapped in an element named by their type, and
 * elements in the order the resource definition gives them.
 */
export function toFhirXml(resource: unknown, options: ToFhirXmlOptions = {}): string {
  if (!isObject(resource)) throw new TypeError('toFhirXml needs a FHIR resource');
  const out: string[] = [];
  writeResource(out, resource, true, options.strict === true, '');
  return out.join('');
}

function writeResource(
  out: string[],
  resource: JsonObject,
  root: boolean,
  strict: boolean,
  path: string,
): void {
  const type = resource['resourceType'];
  if (typeof type !== 'string' || !RESOURCE_NAME.test(type)) {
    throw new TypeError(`${path || 'The resource'} has no valid resourceType`);
  }
  out.push(root ? `<${type} xmlns="${FHIR_NAMESPACE}">` : `<${type}>`);
  writeChildren(out, resource, type, true, strict, path ? `${path}.${type}` : type);
  out.push(`</${type}>`);
}

/** The JSON names that are attributes, not child elements, on an element of `type`. */
function attributeNames(type: string, resource: boolean): readonly string[] {
  if (resource) return ['resourceType'];
  return type === 'Extension' ? ['id', 'url'] : ['id'];
}

function writeChildren(
  out: string[],
  object: JsonObject,
  type: string,
  resource: boolean,
  strict: boolean,
  path: string,
): void {
  const definition: TypeDefinition | undefined = TYPES.get(type);
  const done = new Set<string>(attributeNames(type, resource));
  const keys = Object.keys(object);
  if (definition) {
    for (const element of definition.elements) {
      if (element.choice) {
        for (const key of keys) {
          const choice = key.startsWith('_') ? undefined : choiceType(element.name, key);
          if (choice === undefined || done.has(key)) continue;
          done.add(key).add(`_${key}`);
          writeElement(out, key, object[key], object[`_${key}`], choice, strict, `${path}.${key}`);
        }
        continue;
      }
      const { name } = element;
      if (!(name in object) && !(`_${name}` in object)) continue;
      done.add(name).add(`_${name}`);
      writeElement(out, name, object[name], object[`_${name}`], element.type, strict, `${path}.${name}`);
    }
  }
  for (const key of keys) {
    if (done.has(key)) continue;
    const name = key.startsWith('_') ? key.slice(1) : key;
    if (strict) throw new TypeError(`${path}.${name} has no place in the FHIR XML order of ${type}`);
    done.add(name).add(`_${name}`);
    const guessed = name === 'extension' || name === 'modifierExtension' ? 'Extension' : UNKNOWN;
    writeElement(out, name, object[name], object[`_${name}`], guessed, strict, `${path}.${name}`);
  }
}

function writeElement(
  out: string[],
  name: string,
  value: unknown,
  extra: unknown,
  type: string,
  strict: boolean,
  path: string,
): void {
  if (!XML_NAME.test(name)) throw new TypeError(`${path} is not a valid element name`);
  if (Array.isArray(value) || Array.isArray(extra)) {
    const values: unknown[] = Array.isArray(value) ? value : [];
    const extras: unknown[] = Array.isArray(extra) ? extra : [];
    for (let index = 0; index < Math.max(values.length, extras.length); index++) {
      writeElement(out, name, values[index], extras[index], type, strict, `${path}[${index}]`);
    }
    return;
  }
  if (type === 'xhtml' && typeof value === 'string') {
    out.push(withXhtmlNamespace(value));
    return;
  }
  if (isPrimitive(value) || ((value === undefined || value === null) && isObject(extra))) {
    writePrimitive(out, name, value, isObject(extra) ? extra : undefined, strict, path);
    return;
  }
  if (!isObject(value)) return;
  if (type === 'Resource' || (type === UNKNOWN && typeof value['resourceType'] === 'string')) {
    out.push(`<${name}>`);
    writeResource(out, value, false, strict, path);
    out.push(`</${name}>`);
    return;
  }
  let attributes = typeof value['id'] === 'string' ? ` id="${escapeAttribute(value['id'])}"` : '';
  if (type === 'Extension' && typeof value['url'] === 'string')
    attributes += ` url="${escapeAttribute(value['url'])}"`;
  const children: string[] = [];
  writeChildren(children, value, type, false, strict, path);
  out.push(
    children.length === 0
      ? `<${name}${attributes}/>`
      : `<${name}${attributes}>${children.join('')}</${name}>`,
  );
}

function writePrimitive(
  out: string[],
  name: string,
  value: unknown,
  extra: JsonObject | undefined,
  strict: boolean,
  path: string,
): void {
  let attributes = typeof extra?.['id'] === 'string' ? ` id="${escapeAttribute(extra['id'])}"` : '';
  if (isPrimitive(value)) attributes += ` value="${escapeAttribute(String(value))}"`;
  const children: string[] = [];
  if (extra) writeChildren(children, extra, 'Element', false, strict, path);
  out.push(
    children.length === 0
      ? `<${name}${attributes}/>`
      : `<${name}${attributes}>${children.join('')}</${name}>`,
  );
}

/** Narrative `div` is XHTML already; it must carry the XHTML namespace or it would land in FHIR's. */
function withXhtmlNamespace(div: string): string {
  const open = /^\s*<div\b([^>]*)>/.exec(div);
  if (!open || /\bxmlns\s*=/.test(open[1] ?? '')) return div;
  return div.replace(/<div\b/, `<div xmlns="${XHTML_NAMESPACE}"`);
}
