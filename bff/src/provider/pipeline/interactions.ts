import { IID, type InteractionName } from '../../gpconnect/constants.js';

/** What a request path below the service root addresses. */
export interface ResolvedRoute {
  interaction: InteractionName | 'amendOrCancel';
  /** Logical id in the path, when the route has one (any segment: an id that cannot exist is simply not found). */
  id?: string;
}

/**
 * Where a request lands, and so how it is answered when it lands nowhere (docs/decisions/0030):
 * - `wrong-verb`: a GP Connect endpoint, asked with a verb it does not take → 400 BAD_REQUEST ("invalid HTTP
 *   verb used (for example, using POST to read a patient)");
 * - `missing-id`: a read with the logical id left out (`GET /HealthcareService/`) → 400 BAD_REQUEST, except
 *   Appointment, where the assurance suite reads id "" and expects 404;
 * - `not-implemented`: a FHIR resource type or operation this server does not serve → 501 NOT_IMPLEMENTED;
 * - `unknown`: a path that names no FHIR resource at all (`/metadatas`, `/Metadata`) → 404 NO_RECORD_FOUND.
 */
export type RouteResolution =
  | { kind: 'route'; route: ResolvedRoute }
  | { kind: 'wrong-verb'; allowed: string[] }
  | { kind: 'missing-id'; resourceType: string }
  | { kind: 'not-implemented' }
  | { kind: 'unknown' };

/** A logical id segment; `$…` names an operation and `_…` a FHIR keyword (`_history`, `_search`), not an id. */
const ID = '([^/$_][^/]*)';

/** Each endpoint of GP Connect Appointment Management + Foundations, by HTTP verb. Paths are case sensitive. */
const ENDPOINTS: ReadonlyArray<{
  pattern: RegExp;
  methods: Partial<Record<string, ResolvedRoute['interaction']>>;
}> = [
  { pattern: /^\/metadata$/, methods: { GET: 'metadata' } },
  { pattern: /^\/Patient$/, methods: { GET: 'patientSearch' } },
  { pattern: /^\/Patient\/\$gpc\.registerpatient$/, methods: { POST: 'registerPatient' } },
  { pattern: new RegExp(`^/Patient/${ID}/Appointment$`), methods: { GET: 'patientAppointments' } },
  { pattern: new RegExp(`^/Patient/${ID}$`), methods: { GET: 'patientRead' } },
  { pattern: /^\/Organization$/, methods: { GET: 'organizationSearch' } },
  { pattern: new RegExp(`^/Organization/${ID}$`), methods: { GET: 'organizationRead' } },
  { pattern: /^\/Practitioner$/, methods: { GET: 'practitionerSearch' } },
  { pattern: new RegExp(`^/Practitioner/${ID}$`), methods: { GET: 'practitionerRead' } },
  { pattern: new RegExp(`^/Location/${ID}$`), methods: { GET: 'locationRead' } },
  { pattern: /^\/HealthcareService$/, methods: { GET: 'healthcareServiceSearch' } },
  { pattern: new RegExp(`^/HealthcareService/${ID}$`), methods: { GET: 'healthcareServiceRead' } },
  { pattern: /^\/Slot$/, methods: { GET: 'slotSearch' } },
  { pattern: /^\/Appointment$/, methods: { POST: 'appointmentCreate' } },
  {
    pattern: new RegExp(`^/Appointment/${ID}$`),
    methods: { GET: 'appointmentRead', PUT: 'amendOrCancel' },
  },
];

/** Resource types with a read interaction here: `GET /{type}/` is that read with its id left out. */
const READABLE = new Set([
  'Patient',
  'Organization',
  'Practitioner',
  'Location',
  'HealthcareService',
  'Appointment',
]);

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

export function resolveRoute(method: string, path: string): RouteResolution {
  for (const endpoint of ENDPOINTS) {
    const match = endpoint.pattern.exec(path);
    if (!match) continue;
    const interaction = endpoint.methods[method];
    if (!interaction) return { kind: 'wrong-verb', allowed: Object.keys(endpoint.methods) };
    const id = match[1];
    return { kind: 'route', route: id === undefined ? { interaction } : { interaction, id } };
  }
  const segments = path.split('/').slice(1);
  const first = segments[0] ?? '';
  if (method === 'GET' && segments.length === 2 && segments[1] === '' && READABLE.has(first)) {
    return { kind: 'missing-id', resourceType: first };
  }
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

/**
 * Whether the `Ssp-InteractionID` agrees with the verb and URL. Amend and cancel share `PUT /Appointment/{id}`
 * and are told apart only by this header.
 */
export function interactionMatchesRoute(declared: InteractionName, route: ResolvedRoute): boolean {
  if (route.interaction === 'amendOrCancel') {
    return declared === 'appointmentAmend' || declared === 'appointmentCancel';
  }
  return declared === route.interaction;
}
