import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { childDefinition, INTEGERS, PRIMITIVES } from './definitions.js';
import { FHIR_NAMESPACE } from './write.js';

/** The XML is not well-formed, or not FHIR XML: the request is malformed (400), not an invalid resource. */
export class FhirXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirXmlError';
  }
}

/** fast-xml-parser's ordered form: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
type XmlNode = Record<string, unknown>;
interface XmlElement {
  name: string;
  children: XmlNode[];
  attributes: Record<string, string>;
}
type JsonObject = Record<string, unknown>;

const UNKNOWN = 'unknown';
const MAX_DEPTH = 64;

// Entities are decoded here, not by the parser: only XML's own five and character references exist in FHIR
// XML (no DTD is allowed), and the narrative's XHTML must stay as escaped as it came.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});
const xhtmlBuilder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  suppressEmptyNode: true,
});

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body.startsWith('#x')
        ? Number.parseInt(body.slice(2), 16)
        : Number.parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body] ?? entity;
  });
}

/** An attribute value as XML gives it: literal line ends and tabs normalised to spaces, then references decoded. */
function decodeAttribute(raw: string): string {
  return decodeText(raw.replace(/\r\n?/g, '\n').replace(/[\t\n\r]/g, ' '));
}

function elementsOf(nodes: XmlNode[], path: string): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const text = node['#text'];
    if (typeof text === 'string') {
      if (text.trim().length > 0) throw new FhirXmlError(`Unexpected text in ${path}`);
      continue;
    }
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined) continue;
    const children = node[name];
    const attributes = (node[':@'] ?? {}) as Record<string, string>;
    elements.push({ name, children: Array.isArray(children) ? (children as XmlNode[]) : [], attributes });
  }
  return elements;
}

/**
 * FHIR XML back to the FHIR JSON the rest of the provider reads: repeating elements become arrays (even with one
 * member), integers, decimals and booleans become JSON numbers and booleans, primitive ids and extensions go to
 * `_name`. Element order is not enforced. Throws FhirXmlError when the text is not well-formed FHIR XML.
 */
export function fromFhirXml(xml: string): unknown {
  if (/<!DOCTYPE/i.test(xml)) throw new FhirXmlError('A DOCTYPE is not allowed in FHIR XML');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FhirXmlError(`The XML is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let tree: XmlNode[];
  try {
    tree = parser.parse(xml) as XmlNode[];
  } catch (error) {
    throw new FhirXmlError(
      `The XML could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const roots = elementsOf(tree, 'the document');
  const root = roots[0];
  if (!root || roots.length !== 1) throw new FhirXmlError('The XML must hold exactly one resource');
  if (root.attributes['xmlns'] !== FHIR_NAMESPACE) {
    throw new FhirXmlError(`The resource element is not in the FHIR namespace ${FHIR_NAMESPACE}`);
  }
  return readResource(root, '', 0);
}

function readResource(element: XmlElement, path: string, depth: number): JsonObject {
  if (!/^[A-Z][A-Za-z]*$/.test(element.name))
    throw new FhirXmlError(`${element.name} is not a FHIR resource`);
  const result: JsonObject = { resourceType: element.name };
  readChildren(result, element, element.name, path ? `${path}.${element.name}` : element.name, depth);
  return result;
}

function readChildren(
  result: JsonObject,
  element: XmlElement,
  type: string,
  path: string,
  depth: number,
): void {
  if (depth > MAX_DEPTH) throw new FhirXmlError('The XML is nested too deeply');
  for (const child of elementsOf(element.children, path)) {
    const known = childDefinition(type, child.name);
    const childPath = `${path}.${child.name}`;
    const many = known?.many ?? (child.name === 'extension' || child.name === 'modifierExtension');
    const childType = known?.type ?? guessType(child);
    if (childType === 'xhtml') {
      assign(result, child.name, xhtmlBuilder.build([elementNode(child)]), undefined, many, known, childPath);
      continue;
    }
    if (PRIMITIVES.has(childType)) {
      const raw = child.attributes['value'];
      const value = raw === undefined ? undefined : primitiveValue(decodeAttribute(raw), childType);
      const extra: JsonObject = {};
      if (child.attributes['id'] !== undefined) extra['id'] = decodeAttribute(child.attributes['id']);
      readChildren(extra, child, 'Element', childPath, depth + 1);
      if (value === undefined && Object.keys(extra).length === 0) continue;
      assign(
        result,
        child.name,
        value,
        Object.keys(extra).length > 0 ? extra : undefined,
        many,
        known,
        childPath,
      );
      continue;
    }
    if (childType === 'Resource') {
      const inner = elementsOf(child.children, childPath);
      const wrapped = inner[0];
      if (!wrapped || inner.length !== 1)
        throw new FhirXmlError(`${childPath} must hold exactly one resource`);
      assign(
        result,
        child.name,
        readResource(wrapped, childPath, depth + 1),
        undefined,
        many,
        known,
        childPath,
      );
      continue;
    }
    const value: JsonObject = {};
    if (child.attributes['id'] !== undefined) value['id'] = decodeAttribute(child.attributes['id']);
    if (childType === 'Extension' && child.attributes['url'] !== undefined) {
      value['url'] = decodeAttribute(child.attributes['url']);
    }
    readChildren(value, child, childType, childPath, depth + 1);
    assign(result, child.name, value, undefined, many, known, childPath);
  }
}

/** For elements the tables do not know: a `value` attribute makes a primitive (kept as a string). */
function guessType(element: XmlElement): string {
  if (element.name === 'extension' || element.name === 'modifierExtension') return 'Extension';
  if (element.attributes['value'] !== undefined) return 'string';
  return UNKNOWN;
}

function primitiveValue(text: string, type: string): string | number | boolean {
  // A value that does not fit its type stays text, so the resource checks refuse it as they would in JSON.
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (INTEGERS.has(type)) return /^[+-]?\d{1,15}$/.test(text) ? Number(text) : text;
  if (type === 'decimal') return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
  return text;
}

function assign(
  result: JsonObject,
  name: string,
  value: unknown,
  extra: JsonObject | undefined,
  many: boolean,
  known: unknown,
  path: string,
): void {
  const existing = result[name];
  const existingExtra = result[`_${name}`];
  const repeated = name in result || `_${name}` in result;
  if (!many && repeated && known !== undefined) throw new FhirXmlError(`${path} must not repeat`);
  if (!many && !repeated) {
    if (value !== undefined) result[name] = value;
    if (extra !== undefined) result[`_${name}`] = extra;
    return;
  }
  // A repeating element (or an unknown one seen twice): arrays, with `_name` kept in step with `name`.
  const values: unknown[] = Array.isArray(existing)
    ? existing
    : repeated && existing !== undefined
      ? [existing]
      : [];
  const extras: unknown[] = Array.isArray(existingExtra)
    ? existingExtra
    : repeated && existingExtra !== undefined
      ? [existingExtra]
      : [];
  const index = Math.max(values.length, extras.length);
  if (value !== undefined || extra !== undefined) {
    while (values.length < index) values.push(null);
    values[index] = value ?? null;
    if (extra !== undefined || extras.length > 0) {
      while (extras.length < index) extras.push(null);
      extras[index] = extra ?? null;
    }
  }
  if (values.length > 0) result[name] = values;
  if (extras.length > 0) result[`_${name}`] = extras;
}

function elementNode(element: XmlElement): XmlNode {
  return {
    [element.name]: element.children,
    ...(Object.keys(element.attributes).length > 0 ? { ':@': element.attributes } : {}),
  };
}
