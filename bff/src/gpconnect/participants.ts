import type { Practitioner, PractitionerGender } from '@gpbook/shared/codes';
import type { Address } from '@gpbook/shared/practices';
import type { AppointmentLocation } from '@gpbook/shared/slots';
import type { PracticeCaller } from './bound-caller.js';
import { GpConnectError } from './errors.js';
import {
  locationSchema,
  practitionerSchema,
  type addressSchema,
  type FhirLocation,
  type FhirOrganization,
  type FhirPractitioner,
} from './fhir-schemas.js';
import type { z } from 'zod';

/**
 * The people and places of slots and appointments: Read practitioner / Read location, and how each appears to the
 * patient. Retrieve and Read appointment return bare references, and the spec tells consumers to resolve them
 * with these reads (§3.12).
 */

export async function readPractitioner(caller: PracticeCaller, logicalId: string): Promise<FhirPractitioner> {
  const { body } = await caller.call({
    interaction: 'practitionerRead',
    method: 'GET',
    path: `/Practitioner/${encodeURIComponent(logicalId)}`,
    schema: practitionerSchema,
  });
  return body;
}

export async function readLocation(caller: PracticeCaller, logicalId: string): Promise<FhirLocation> {
  const { body } = await caller.call({
    interaction: 'locationRead',
    method: 'GET',
    path: `/Location/${encodeURIComponent(logicalId)}`,
    schema: locationSchema,
  });
  return body;
}

/** Reads practitioners and locations of one practice, each at most once: make one per patient API request. */
export interface ReferenceReader {
  /** The practitioner, or undefined when the practice no longer has them (404). */
  practitioner(logicalId: string): Promise<FhirPractitioner | undefined>;
  /** The location, or undefined when the practice no longer has it (404). */
  location(logicalId: string): Promise<FhirLocation | undefined>;
}

export function createReferenceReader(caller: PracticeCaller): ReferenceReader {
  const practitioners = new Map<string, Promise<FhirPractitioner | undefined>>();
  const locations = new Map<string, Promise<FhirLocation | undefined>>();
  const memo = <T>(cache: Map<string, Promise<T | undefined>>, id: string, read: () => Promise<T>) => {
    let pending = cache.get(id);
    if (!pending) {
      pending = read().catch(undefinedWhenNotFound);
      cache.set(id, pending);
    }
    return pending;
  };
  return {
    practitioner: (id) => memo(practitioners, id, () => readPractitioner(caller, id)),
    location: (id) => memo(locations, id, () => readLocation(caller, id)),
  };
}

function undefinedWhenNotFound(error: unknown): undefined {
  if (error instanceof GpConnectError && error.failure.kind === 'rejected' && error.failure.status === 404) {
    return undefined;
  }
  throw error;
}

/** A practitioner as the patient sees them: "Mrs Sarah Black", with gender when the practice gives it. */
export function practitionerView(practitioner: FhirPractitioner): Practitioner | undefined {
  const name = practitioner.name?.find((candidate) => candidate.family || candidate.given?.length);
  if (!name) return undefined;
  const text = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? '']
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(' ');
  if (text.length === 0) return undefined;
  const gender = genderOf(practitioner.gender);
  return { name: text, ...(gender ? { gender } : {}) };
}

function genderOf(gender: string | undefined): PractitionerGender | undefined {
  return gender === 'female' || gender === 'male' || gender === 'other' ? gender : undefined;
}

export function addressFromFhir(address: z.infer<typeof addressSchema> | undefined): Address {
  return {
    lines: (address?.line ?? []).filter((line) => line.trim().length > 0),
    ...(address?.city ? { town: address.city } : {}),
    ...(address?.postalCode ? { postcode: address.postalCode } : {}),
  };
}

/** A location as the patient sees it; `id` is the Location's logical id. */
export function locationView(location: FhirLocation): AppointmentLocation | undefined {
  const name = location.name?.trim();
  if (!name) return undefined;
  return { id: location.id, name, address: addressFromFhir(location.address) };
}

/**
 * Where to say the appointment is when the Location cannot be read: the practice itself, which manages every
 * location of its appointment book.
 */
export function locationFromPractice(
  locationId: string,
  practice: { name: string; organization?: FhirOrganization | undefined },
): AppointmentLocation {
  return {
    id: locationId,
    name: practice.organization?.name?.trim() || practice.name,
    address: addressFromFhir(practice.organization?.address?.[0]),
  };
}
