import { createHash } from 'node:crypto';
import { PROFILE } from '../../gpconnect/constants.js';
import type { AddressConfig } from '../config/schema.js';

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

export function fhirAddress(address: AddressConfig, use?: 'work' | 'home') {
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
