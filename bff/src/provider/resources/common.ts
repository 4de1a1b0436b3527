import { createHash } from 'node:crypto';
import { PROFILE } from '../../gpconnect/constants.js';
import type { AddressConfig } from '../config/schema.js';
import type { Address } from './fhir-types.js';

/** A version id for configuration-backed resources: changes exactly when the resource's content does. */
export function contentVersion(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * A version id from a resource's changeable fields, for resources served in bulk (slots): two 32-bit FNV-1a
 * lanes over the fields, far cheaper than hashing the JSON. It changes whenever any field does (collisions aside).
 */
export function fieldsVersion(...fields: readonly string[]): string {
  const text = fields.join('\u0000');
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function fhirAddress(address: AddressConfig, use?: 'work' | 'home'): Address {
  return {
    ...(use ? { use } : {}),
    line: address.lines,
    city: address.city,
    ...(address.district ? { district: address.district } : {}),
    postalCode: address.postcode,
    country: 'GBR',
  };
}

/** A searchset Bundle. The GP Connect searchset profile requires ≥1 entry, so it is only claimed then. */
export function searchset(resources: unknown[], extraMeta?: Record<string, unknown>) {
  const meta: Record<string, unknown> = {
    ...(resources.length > 0 ? { profile: [PROFILE.searchsetBundle] } : {}),
    ...(extraMeta ?? {}),
  };
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  };
}

/**
 * A resource whose JSON text is made already: slots, which a search returns by the thousand and which never change
 * while free. {@link fhirJson} writes the text as it is; anything else that meets one (JSON.stringify, the XML
 * writer after {@link plainResource}) sees the resource itself.
 */
export class SerializedResource {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

interface BundleLike {
  resourceType: 'Bundle';
  entry: Array<{ resource: unknown }>;
}

function isBundleWithSerialized(value: unknown): value is BundleLike {
  if (typeof value !== 'object' || value === null) return false;
  const bundle = value as Partial<BundleLike>;
  return (
    bundle.resourceType === 'Bundle' &&
    Array.isArray(bundle.entry) &&
    bundle.entry.some((entry) => entry.resource instanceof SerializedResource)
  );
}

/** The JSON text of a resource; a Bundle's ready-made entries are spliced in rather than parsed and re-written. */
export function fhirJson(resource: unknown): string {
  if (!isBundleWithSerialized(resource)) return JSON.stringify(resource);
  const { entry, ...rest } = resource;
  const entries = entry.map((item) =>
    item.resource instanceof SerializedResource ? `{"resource":${item.resource.json}}` : JSON.stringify(item),
  );
  // `entry` is the Bundle's last element, so the text keeps the order FHIR JSON has.
  return `${JSON.stringify(rest).slice(0, -1)},"entry":[${entries.join(',')}]}`;
}

/** The resource as plain objects, ready-made parts included (for the XML writer). */
export function plainResource(resource: unknown): unknown {
  return isBundleWithSerialized(resource) ? JSON.parse(fhirJson(resource)) : resource;
}
