import { IID, type InteractionName } from '../../gpconnect/constants.js';

/** An endpoint below the service root, in Fastify's route syntax, and the interactions each verb serves there. */
export interface Endpoint {
  url: string;
  /** Amend and cancel share `PUT /Appointment/{id}`, told apart only by `Ssp-InteractionID`. */
  methods: Partial<Record<'GET' | 'POST' | 'PUT', readonly InteractionName[]>>;
}

/**
 * Each endpoint of GP Connect Appointment Management + Foundations. Paths are case sensitive; a logical id is any
 * one segment (an id that cannot exist is simply not found).
 */
export const ENDPOINTS: readonly Endpoint[] = [
  { url: '/metadata', methods: { GET: ['metadata'] } },
  { url: '/Patient', methods: { GET: ['patientSearch'] } },
  { url: '/Patient/$gpc.registerpatient', methods: { POST: ['registerPatient'] } },
  { url: '/Patient/:id/Appointment', methods: { GET: ['patientAppointments'] } },
  { url: '/Patient/:id', methods: { GET: ['patientRead'] } },
  { url: '/Organization', methods: { GET: ['organizationSearch'] } },
  { url: '/Organization/:id', methods: { GET: ['organizationRead'] } },
  { url: '/Practitioner', methods: { GET: ['practitionerSearch'] } },
  { url: '/Practitioner/:id', methods: { GET: ['practitionerRead'] } },
  { url: '/Location/:id', methods: { GET: ['locationRead'] } },
  { url: '/HealthcareService', methods: { GET: ['healthcareServiceSearch'] } },
  { url: '/HealthcareService/:id', methods: { GET: ['healthcareServiceRead'] } },
  { url: '/Slot', methods: { GET: ['slotSearch'] } },
  { url: '/Appointment', methods: { POST: ['appointmentCreate'] } },
  {
    url: '/Appointment/:id',
    methods: { GET: ['appointmentRead'], PUT: ['appointmentAmend', 'appointmentCancel'] },
  },
];

/**
 * How a request that reaches no interaction is answered (docs/decisions/0030):
 * - `wrong-verb`: a GP Connect endpoint, asked with a verb it does not take → 400 BAD_REQUEST ("invalid HTTP
 *   verb used (for example, using POST to read a patient)");
 * - `missing-id`: a logical id left out (`GET /HealthcareService/`) → 400 BAD_REQUEST, except Appointment, where
 *   the assurance suite reads id "" and expects 404;
 * - `not-implemented`: a FHIR resource type or operation this server does not serve → 501 NOT_IMPLEMENTED;
 * - `unknown`: a path that names no FHIR resource at all (`/metadatas`, `/Metadata`) → 404 NO_RECORD_FOUND.
 */
export type Unrouted =
  | { kind: 'wrong-verb'; allowed: readonly string[] }
  | { kind: 'missing-id'; resourceType: string }
  | { kind: 'not-implemented' }
  | { kind: 'unknown' };

/** Every FHIR STU3 resource type (hl7.org/fhir/STU3/resourcelist.html). */
const STU3_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'Account',
  'ActivityDefinition',
  'AdverseEvent',
  'AllergyIntolerance',
  'Appointment',
  'AppointmentResponse',
  'AuditEvent',
  'Basic',
  'Binary',
  'BodySite',
  'Bundle',
  'CapabilityStatement',
  'CarePlan',
  'CareTeam',
  'ChargeItem',
  'Claim',
  'ClaimResponse',
  'ClinicalImpression',
  'CodeSystem',
  'Communication',
  'CommunicationRequest',
  'CompartmentDefinition',
  'Composition',
  'ConceptMap',
  'Condition',
  'Consent',
  'Contract',
  'Coverage',
  'DataElement',
  'DetectedIssue',
  'Device',
  'DeviceComponent',
  'DeviceMetric',
  'DeviceRequest',
  'DeviceUseStatement',
  'DiagnosticReport',
  'DocumentManifest',
  'DocumentReference',
  'EligibilityRequest',
  'EligibilityResponse',
  'Encounter',
  'Endpoint',
  'EnrollmentRequest',
  'EnrollmentResponse',
  'EpisodeOfCare',
  'ExpansionProfile',
  'ExplanationOfBenefit',
  'FamilyMemberHistory',
  'Flag',
  'Goal',
  'GraphDefinition',
  'Group',
  'GuidanceResponse',
  'HealthcareService',
  'ImagingManifest',
  'ImagingStudy',
  'Immunization',
  'ImmunizationRecommendation',
  'ImplementationGuide',
  'Library',
  'Linkage',
  'List',
  'Location',
  'Measure',
  'MeasureReport',
  'Media',
  'Medication',
  'MedicationAdministration',
  'MedicationDispense',
  'MedicationRequest',
  'MedicationStatement',
  'MessageDefinition',
  'MessageHeader',
  'NamingSystem',
  'NutritionOrder',
  'Observation',
  'OperationDefinition',
  'OperationOutcome',
  'Organization',
  'Parameters',
  'Patient',
  'PaymentNotice',
  'PaymentReconciliation',
  'Person',
  'PlanDefinition',
  'Practitioner',
  'PractitionerRole',
  'Procedure',
  'ProcedureRequest',
  'ProcessRequest',
  'ProcessResponse',
  'Provenance',
  'Questionnaire',
  'QuestionnaireResponse',
  'ReferralRequest',
  'RelatedPerson',
  'RequestGroup',
  'ResearchStudy',
  'ResearchSubject',
  'RiskAssessment',
  'Schedule',
  'SearchParameter',
  'Sequence',
  'ServiceDefinition',
  'Slot',
  'Specimen',
  'StructureDefinition',
  'StructureMap',
  'Subscription',
  'Substance',
  'SupplyDelivery',
  'SupplyRequest',
  'Task',
  'TestReport',
  'TestScript',
  'ValueSet',
  'VisionPrescription',
]);

/**
 * What a logical id segment says when it is not an id: empty (`/HealthcareService/`), or an operation (`$…`) or
 * FHIR keyword (`_history`, `_search`) in an id's place. Undefined for an id.
 */
export function notAnId(resourceType: string, id: string): Unrouted | undefined {
  if (id === '') return { kind: 'missing-id', resourceType };
  if (id.startsWith('$') || id.startsWith('_')) return { kind: 'not-implemented' };
  return undefined;
}

/** A path below the service root that matches no endpoint: a FHIR resource type or operation, or nothing. */
export function unroutedPath(path: string): Unrouted {
  const first = path.split('/')[1] ?? '';
  // The service root itself (whole-system interactions), `$operations`, and FHIR resource types not served here.
  if (first === '' || first.startsWith('$') || first.startsWith('_') || STU3_RESOURCE_TYPES.has(first)) {
    return { kind: 'not-implemented' };
  }
  return { kind: 'unknown' };
}

const BY_ID = new Map<string, InteractionName>(
  Object.entries(IID).map(([name, id]) => [id, name as InteractionName]),
);

/** The interaction a `Ssp-InteractionID` value names, or undefined when it is not one we know. */
export function interactionNamed(interactionId: string): InteractionName | undefined {
  return BY_ID.get(interactionId);
}
