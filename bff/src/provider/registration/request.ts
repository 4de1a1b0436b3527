import { isValidNhsNumber } from '@gpbook/shared/nhs-number';
import { z } from 'zod';
import { EXT, SYS } from '../../gpconnect/constants.js';
import type { PatientConfig } from '../config/schema.js';
import { gpcError } from '../outcomes.js';

/** What a consumer asks to register (§3.8): the minimal details that identify the patient on PDS. */
export interface RegistrationRequest {
  nhsNumber: string;
  family: string;
  given: string[];
  birthDate: string;
  gender: PatientConfig['gender'] | undefined;
}

const nonBlank = z.string().trim().min(1);

const identifierSchema = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const humanNameSchema = z.looseObject({
  use: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});
const addressSchema = z.looseObject({
  use: z.enum(['home', 'work', 'temp', 'old']).optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});
const contactPointSchema = z.looseObject({
  system: z.enum(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']),
  value: nonBlank,
  use: z.enum(['home', 'work', 'temp', 'old', 'mobile']).optional(),
});
/** The one extension a consumer may send on the patient (§3.8: "SHOULD … nhsCommunication"). */
const extensionSchema = z.looseObject({
  url: z.literal(EXT.nhsCommunication, { error: 'only the NHS communication extension may be sent' }),
});

/**
 * CareConnect-GPC-Patient-1 as Register a patient accepts it: identifier, name and birth date mandatory; gender,
 * address, telecom and NHS communication optional; every other element "MUST NOT be populated", so a strict
 * object refuses it.
 */
const patientSchema = z.strictObject({
  resourceType: z.literal('Patient'),
  meta: z.looseObject({}).optional(),
  extension: z.array(extensionSchema).optional(),
  identifier: z.array(identifierSchema).min(1),
  name: z.array(humanNameSchema).min(1),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: z.iso.date(),
  address: z.array(addressSchema).optional(),
  telecom: z.array(contactPointSchema).optional(),
});

const parametersSchema = z.strictObject({
  resourceType: z.literal('Parameters'),
  id: z.string().optional(),
  meta: z.looseObject({}).optional(),
  parameter: z
    .array(z.strictObject({ name: z.literal('registerPatient'), resource: z.unknown() }))
    .length(1, 'exactly one parameter, registerPatient, is expected'),
});

/** Just enough of the body to find the NHS number, so its check digit is judged before anything else. */
const nhsNumberProbe = z.looseObject({
  parameter: z.array(z.looseObject({ resource: z.looseObject({ identifier: z.array(identifierSchema) }) })),
});

function invalid(message: string): never {
  throw gpcError('INVALID_RESOURCE', message);
}

function describeIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix} is not valid`;
  const path = [prefix, ...issue.path.map(String)].join('.');
  return `${path}: ${issue.message}`;
}

/**
 * Reads the `Parameters` body of Register a patient. An NHS number that fails its Modulus 11 check is 400
 * INVALID_NHS_NUMBER even when other elements are wrong too (the NHS number check comes first in the request
 * pipeline, §13.3); anything else that does not fit is 422 INVALID_RESOURCE naming the element.
 */
export function parseRegistrationRequest(body: unknown): RegistrationRequest {
  const probe = nhsNumberProbe.safeParse(body);
  const probed = probe.success
    ? probe.data.parameter[0]?.resource.identifier.find((identifier) => identifier.system === SYS.nhsNumber)
        ?.value
    : undefined;
  if (probed !== undefined && !isValidNhsNumber(probed)) {
    throw gpcError('INVALID_NHS_NUMBER', 'The NHS number is not valid');
  }

  const parameters = parametersSchema.safeParse(body);
  if (!parameters.success) invalid(describeIssue(parameters.error, 'Parameters'));
  const patient = patientSchema.safeParse(parameters.data.parameter[0]?.resource);
  if (!patient.success) invalid(describeIssue(patient.error, 'Patient'));
  const { identifier, name, birthDate, gender } = patient.data;

  const nhsNumbers = identifier.filter((entry) => entry.system === SYS.nhsNumber);
  if (nhsNumbers.length !== 1 || nhsNumbers.length !== identifier.length) {
    invalid('Patient.identifier must be exactly one NHS number (system https://fhir.nhs.uk/Id/nhs-number)');
  }
  const nhsNumber = nhsNumbers[0]?.value;
  if (nhsNumber === undefined || !isValidNhsNumber(nhsNumber)) {
    // Reached only when the value is missing: an invalid one was refused above.
    invalid('Patient.identifier needs the NHS number as its value');
  }

  const official = name.filter((entry) => entry.use === 'official');
  if (official.length !== 1) invalid('Patient.name must include exactly one name with use official');
  const family = official[0]?.family?.trim();
  const given = (official[0]?.given ?? []).map((part) => part.trim());
  if (!family) invalid('Patient.name (official) needs a family name');
  if (given.length === 0 || given.some((part) => part.length === 0)) {
    invalid('Patient.name (official) needs at least one given name, none blank');
  }
  return { nhsNumber, family, given, birthDate, gender };
}
