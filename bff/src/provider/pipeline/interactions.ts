import { FHIR_ID_PATTERN, IID, type InteractionName } from '../../gpconnect/constants.js';

/** What a request path below the service root addresses. */
export interface ResolvedRoute {
  interaction: InteractionName | 'amendOrCancel';
  /** Logical id in the path, when the route has one. */
  id?: string;
}

export type RouteResolution =
  | { kind: 'route'; route: ResolvedRoute }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'unknown' };

const ID = FHIR_ID_PATTERN;

/** Each endpoint of GP Connect Appointment Management + Foundations, by HTTP verb. Paths are case sensitive. */
const ENDPOINTS: ReadonlyArray<{
  pattern: RegExp;
  methods: Partial<Record<string, ResolvedRoute['interaction']>>;
}> = [
  { pattern: /^\/metadata$/, methods: { GET: 'metadata' } },
  { pattern: /^\/Patient$/, methods: { GET: 'patientSearch' } },
  { pattern: /^\/Patient\/\$gpc\.registerpatient$/, methods: { POST: 'registerPatient' } },
  { pattern: new RegExp(`^/Patient/(${ID})/Appointment$`), methods: { GET: 'patientAppointments' } },
  { pattern: new RegExp(`^/Patient/(${ID})$`), methods: { GET: 'patientRead' } },
  { pattern: /^\/Organization$/, methods: { GET: 'organizationSearch' } },
  { pattern: new RegExp(`^/Organization/(${ID})$`), methods: { GET: 'organizationRead' } },
  { pattern: /^\/Practitioner$/, methods: { GET: 'practitionerSearch' } },
  { pattern: new RegExp(`^/Practitioner/(${ID})$`), methods: { GET: 'practitionerRead' } },
  { pattern: new RegExp(`^/Location/(${ID})$`), methods: { GET: 'locationRead' } },
  { pattern: /^\/HealthcareService$/, methods: { GET: 'healthcareServiceSearch' } },
  { pattern: new RegExp(`^/HealthcareService/(${ID})$`), methods: { GET: 'healthcareServiceRead' } },
  { pattern: /^\/Slot$/, methods: { GET: 'slotSearch' } },
  { pattern: /^\/Appointment$/, methods: { POST: 'appointmentCreate' } },
  {
    pattern: new RegExp(`^/Appointment/(${ID})$`),
    methods: { GET: 'appointmentRead', PUT: 'amendOrCancel' },
  },
];

export function resolveRoute(method: string, path: string): RouteResolution {
  for (const endpoint of ENDPOINTS) {
    const match = endpoint.pattern.exec(path);
    if (!match) continue;
    const interaction = endpoint.methods[method];
    if (!interaction) return { kind: 'method-not-allowed', allowed: Object.keys(endpoint.methods) };
    const id = match[1];
    return { kind: 'route', route: id === undefined ? { interaction } : { interaction, id } };
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
