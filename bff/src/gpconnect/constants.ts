/**
 * GP Connect 1.2.8 constants shared by the consumer (BFF) and the bundled reference provider.
 * Source: nhsconnect/gpconnect@release/1.2.8 and nhsconnect/gpconnect-fhir.
 */

export const GPC_VERSION = '1.2.8';

/** Ssp-InteractionID values, one per interaction. */
export const IID = {
  metadata: 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1',
  patientRead: 'urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1',
  patientSearch: 'urn:nhs:names:services:gpconnect:fhir:rest:search:patient-1',
  registerPatient: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.registerpatient-1',
  organizationRead: 'urn:nhs:names:services:gpconnect:fhir:rest:read:organization-1',
  organizationSearch: 'urn:nhs:names:services:gpconnect:fhir:rest:search:organization-1',
  practitionerRead: 'urn:nhs:names:services:gpconnect:fhir:rest:read:practitioner-1',
  practitionerSearch: 'urn:nhs:names:services:gpconnect:fhir:rest:search:practitioner-1',
  locationRead: 'urn:nhs:names:services:gpconnect:fhir:rest:read:location-1',
  healthcareServiceRead: 'urn:nhs:names:services:gpconnect:fhir:rest:read:healthcareservice-1',
  healthcareServiceSearch: 'urn:nhs:names:services:gpconnect:fhir:rest:search:healthcareservice-1',
  slotSearch: 'urn:nhs:names:services:gpconnect:fhir:rest:search:slot-1',
  appointmentCreate: 'urn:nhs:names:services:gpconnect:fhir:rest:create:appointment-1',
  appointmentRead: 'urn:nhs:names:services:gpconnect:fhir:rest:read:appointment-1',
  appointmentAmend: 'urn:nhs:names:services:gpconnect:fhir:rest:update:appointment-1',
  appointmentCancel: 'urn:nhs:names:services:gpconnect:fhir:rest:cancel:appointment-1',
  patientAppointments: 'urn:nhs:names:services:gpconnect:fhir:rest:search:patient_appointments-1',
} as const;
export type InteractionName = keyof typeof IID;
export type InteractionId = (typeof IID)[InteractionName];

export const SCOPES = [
  'patient/*.read',
  'patient/*.write',
  'organization/*.read',
  'organization/*.write',
] as const;
export type RequestedScope = (typeof SCOPES)[number];

/** The JWT `requested_scope` each interaction needs (digest §2). */
export const INTERACTION_SCOPE: Record<InteractionName, RequestedScope> = {
  metadata: 'organization/*.read',
  patientRead: 'patient/*.read',
  patientSearch: 'patient/*.read',
  registerPatient: 'patient/*.write',
  organizationRead: 'organization/*.read',
  organizationSearch: 'organization/*.read',
  practitionerRead: 'organization/*.read',
  practitionerSearch: 'organization/*.read',
  locationRead: 'organization/*.read',
  healthcareServiceRead: 'organization/*.read',
  healthcareServiceSearch: 'organization/*.read',
  slotSearch: 'organization/*.read',
  appointmentCreate: 'patient/*.write',
  appointmentRead: 'patient/*.read',
  appointmentAmend: 'patient/*.write',
  appointmentCancel: 'patient/*.write',
  patientAppointments: 'patient/*.read',
};

export const SYS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrg: 'https://fhir.nhs.uk/Id/ods-organization-code',
  odsSite: 'https://fhir.nhs.uk/Id/ods-site-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  sdsRoleProfile: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
  dosService: 'https://fhir.nhs.uk/Id/uec-dos-service-id',
  orgType: 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1',
  deliveryChannel: 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-DeliveryChannel-1',
  sdsJobRole: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1',
  spineError: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1',
  /** The system every spec example uses; consumers accept it as well as the CodeSystem URL. */
  spineErrorValueSet: 'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1',
  nhsNumberVerification: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-NHSNumberVerificationStatus-1',
  registrationType: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-RegistrationType-1',
  administrativeGender: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-AdministrativeGender-1',
} as const;

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const PROFILE = {
  appointment: `${SD}GPConnect-Appointment-1`,
  slot: `${SD}GPConnect-Slot-1`,
  schedule: `${SD}GPConnect-Schedule-1`,
  patient: `${SD}CareConnect-GPC-Patient-1`,
  organization: `${SD}CareConnect-GPC-Organization-1`,
  practitioner: `${SD}CareConnect-GPC-Practitioner-1`,
  practitionerRole: `${SD}CareConnect-GPC-PractitionerRole-1`,
  location: `${SD}CareConnect-GPC-Location-1`,
  healthcareService: `${SD}CareConnect-GPC-HealthcareService-1`,
  operationOutcome: `${SD}GPConnect-OperationOutcome-1`,
  searchsetBundle: `${SD}GPConnect-Searchset-Bundle-1`,
} as const;

export const EXT = {
  bookingOrganisation: `${SD}Extension-GPConnect-BookingOrganisation-1`,
  cancellationReason: `${SD}Extension-GPConnect-AppointmentCancellationReason-1`,
  deliveryChannel: `${SD}Extension-GPConnect-DeliveryChannel-2`,
  practitionerRole: `${SD}Extension-GPConnect-PractitionerRole-1`,
  serviceFilteringStatus: `${SD}Extension-GPConnect-ServiceFilteringStatus-1`,
  registrationDetails: `${SD}Extension-CareConnect-GPC-RegistrationDetails-1`,
  nhsNumberVerification: `${SD}Extension-CareConnect-GPC-NHSNumberVerificationStatus-1`,
  nhsCommunication: `${SD}Extension-CareConnect-GPC-NHSCommunication-1`,
} as const;

/** A FHIR STU3 logical id (the `id` datatype): 1-64 letters, digits, '-' and '.'. A regular-expression source. */
export const FHIR_ID_PATTERN = '[A-Za-z0-9\\-.]{1,64}';
export const FHIR_ID_REGEX = new RegExp(`^${FHIR_ID_PATTERN}$`);

/**
 * An ODS code (an organisation's, or a site's): 3-10 upper-case letters and digits. A regular-expression source,
 * the same as the patient API contract's odsCodeSchema (@gpbook/shared/practices), which the BFF uses where it
 * wants a zod schema; a test keeps the two equal.
 */
export const ODS_CODE_PATTERN = '[A-Z0-9]{3,10}';
export const ODS_CODE_REGEX = new RegExp(`^${ODS_CODE_PATTERN}$`);

export const DELIVERY_CHANNELS = ['In-person', 'Telephone', 'Video'] as const;
export type DeliveryChannelCode = (typeof DELIVERY_CHANNELS)[number];

export const ORG_TYPES = { 'gp-practice': 'GP Practice', 'urgent-care': 'Urgent Care' } as const;
export type OrgTypeCode = keyof typeof ORG_TYPES;

export const SERVICE_FILTERING_STATUS = ['supplier-disabled', 'organization-disabled', 'enabled'] as const;
export type ServiceFilteringStatus = (typeof SERVICE_FILTERING_STATUS)[number];

export const LIMITS = {
  slotSearchMaxDays: 14,
  descriptionMax: 100,
  commentMax: 500,
  jwtLifetimeSeconds: 300,
} as const;

export const FHIR_JSON = 'application/fhir+json';
export const FHIR_XML = 'application/fhir+xml';
export const FHIR_JSON_CONTENT_TYPE = 'application/fhir+json;charset=utf-8';

/** The Spine error codes this project raises or recognises, with the display text of the spec's table. */
export const SPINE_ERRORS = {
  BAD_REQUEST: { status: 400, issueCode: 'invalid', display: 'Submitted request is malformed/invalid.' },
  INVALID_IDENTIFIER_SYSTEM: { status: 400, issueCode: 'value', display: 'Invalid identifier system' },
  INVALID_IDENTIFIER_VALUE: { status: 400, issueCode: 'value', display: 'Invalid identifier value' },
  INVALID_NHS_NUMBER: { status: 400, issueCode: 'value', display: 'NHS number invalid' },
  INVALID_PATIENT_DEMOGRAPHICS: {
    status: 400,
    issueCode: 'business-rule',
    display: 'Invalid patient demographics',
  },
  ACCESS_DENIED: { status: 403, issueCode: 'forbidden', display: 'Access denied' },
  ORGANISATION_NOT_FOUND: { status: 404, issueCode: 'not-found', display: 'Organisation record not found' },
  PATIENT_NOT_FOUND: { status: 404, issueCode: 'not-found', display: 'Patient record not found' },
  PRACTITIONER_NOT_FOUND: { status: 404, issueCode: 'not-found', display: 'Practitioner record not found' },
  NO_RECORD_FOUND: { status: 404, issueCode: 'not-found', display: 'No record found' },
  DUPLICATE_REJECTED: {
    status: 409,
    issueCode: 'duplicate',
    display: 'Create would lead to creation of a duplicate resource',
  },
  FHIR_CONSTRAINT_VIOLATION: { status: 409, issueCode: 'conflict', display: 'FHIR constraint violated' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, issueCode: 'not-supported', display: 'Unsupported media type' },
  INVALID_RESOURCE: { status: 422, issueCode: 'invalid', display: 'Submitted resource is not valid.' },
  INVALID_PARAMETER: { status: 422, issueCode: 'invalid', display: 'Submitted parameter is not valid.' },
  REFERENCE_NOT_FOUND: { status: 422, issueCode: 'invalid', display: 'Referenced resource not found.' },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    issueCode: 'processing',
    display: 'Unexpected internal server error.',
  },
  NOT_IMPLEMENTED: {
    status: 501,
    issueCode: 'not-supported',
    display: 'FHIR resource or operation not implemented at server',
  },
} as const satisfies Record<string, { status: number; issueCode: string; display: string }>;
export type SpineErrorCode = keyof typeof SPINE_ERRORS;
