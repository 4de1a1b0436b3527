/**
 * The slice of the FHIR STU3 type system the XML form needs: for each resource, datatype and backbone element
 * this provider emits or accepts, its child elements in definition order (XML is ordered, JSON is not), each
 * child's type and whether it repeats (XML has no arrays, JSON does). Transcribed from the STU3 (3.0.1)
 * definitions; an element missing here is still read and written, but its order and cardinality are guessed.
 *
 * Notation: `name:Type` for a single element, `name:Type*` for a repeating one, `value[x]:*` for a choice
 * whose type is the suffix of the JSON name (`valueCodeableConcept` → CodeableConcept). `Resource` is a
 * wrapped resource (`<contained><Organization>…</Organization></contained>`); `xhtml` is narrative XHTML.
 */

export interface ElementDefinition {
  name: string;
  type: string;
  many: boolean;
  /** `value[x]`: `name` is then the prefix (`value`). */
  choice: boolean;
}

export interface TypeDefinition {
  elements: readonly ElementDefinition[];
  byName: ReadonlyMap<string, ElementDefinition>;
  choices: readonly ElementDefinition[];
}

/** Primitive datatypes (value attribute in XML); the numeric and boolean ones change their JSON form. */
export const PRIMITIVES: ReadonlySet<string> = new Set([
  'boolean',
  'integer',
  'unsignedInt',
  'positiveInt',
  'decimal',
  'string',
  'code',
  'id',
  'uri',
  'oid',
  'uuid',
  'markdown',
  'base64Binary',
  'date',
  'dateTime',
  'instant',
  'time',
]);
export const INTEGERS: ReadonlySet<string> = new Set(['integer', 'unsignedInt', 'positiveInt']);

const RESOURCE = 'id:id meta:Meta implicitRules:uri language:code';
const DOMAIN = `${RESOURCE} text:Narrative contained:Resource* extension:Extension* modifierExtension:Extension*`;
const ELEMENT = 'extension:Extension*';
const BACKBONE = 'extension:Extension* modifierExtension:Extension*';

const SOURCE: Record<string, string> = {
  // Datatypes. `Element` is what a primitive's `_name` object holds.
  Element: ELEMENT,
  Extension: `${ELEMENT} value[x]:*`,
  Narrative: `${ELEMENT} status:code div:xhtml`,
  Meta: `${ELEMENT} versionId:id lastUpdated:instant profile:uri* security:Coding* tag:Coding*`,
  Identifier: `${ELEMENT} use:code type:CodeableConcept system:uri value:string period:Period assigner:Reference`,
  HumanName: `${ELEMENT} use:code text:string family:string given:string* prefix:string* suffix:string* period:Period`,
  Address: `${ELEMENT} use:code type:code text:string line:string* city:string district:string state:string postalCode:string country:string period:Period`,
  ContactPoint: `${ELEMENT} system:code value:string use:code rank:positiveInt period:Period`,
  ContactDetail: `${ELEMENT} name:string telecom:ContactPoint*`,
  CodeableConcept: `${ELEMENT} coding:Coding* text:string`,
  Coding: `${ELEMENT} system:uri version:string code:code display:string userSelected:boolean`,
  Reference: `${ELEMENT} reference:string identifier:Identifier display:string`,
  Period: `${ELEMENT} start:dateTime end:dateTime`,
  Quantity: `${ELEMENT} value:decimal comparator:code unit:string system:uri code:code`,
  Attachment: `${ELEMENT} contentType:code language:code data:base64Binary url:uri size:unsignedInt hash:base64Binary title:string creation:dateTime`,

  // Resources.
  Appointment: `${DOMAIN} identifier:Identifier* status:code serviceCategory:CodeableConcept serviceType:CodeableConcept* specialty:CodeableConcept* appointmentType:CodeableConcept reason:CodeableConcept* indication:Reference* priority:unsignedInt description:string supportingInformation:Reference* start:instant end:instant minutesDuration:positiveInt slot:Reference* created:dateTime comment:string incomingReferral:Reference* participant:Appointment.participant* requestedPeriod:Period*`,
  'Appointment.participant': `${BACKBONE} type:CodeableConcept* actor:Reference required:code status:code`,

  Slot: `${DOMAIN} identifier:Identifier* serviceCategory:CodeableConcept serviceType:CodeableConcept* specialty:CodeableConcept* appointmentType:CodeableConcept schedule:Reference status:code start:instant end:instant overbooked:boolean comment:string`,

  Schedule: `${DOMAIN} identifier:Identifier* active:boolean serviceCategory:CodeableConcept serviceType:CodeableConcept* specialty:CodeableConcept* actor:Reference* planningHorizon:Period comment:string`,

  Patient: `${DOMAIN} identifier:Identifier* active:boolean name:HumanName* telecom:ContactPoint* gender:code birthDate:date deceased[x]:* address:Address* maritalStatus:CodeableConcept multipleBirth[x]:* photo:Attachment* contact:Patient.contact* animal:Patient.animal communication:Patient.communication* generalPractitioner:Reference* managingOrganization:Reference link:Patient.link*`,
  'Patient.contact': `${BACKBONE} relationship:CodeableConcept* name:HumanName telecom:ContactPoint* address:Address gender:code organization:Reference period:Period`,
  'Patient.animal': `${BACKBONE} species:CodeableConcept breed:CodeableConcept genderStatus:CodeableConcept`,
  'Patient.communication': `${BACKBONE} language:CodeableConcept preferred:boolean`,
  'Patient.link': `${BACKBONE} other:Reference type:code`,

  Practitioner: `${DOMAIN} identifier:Identifier* active:boolean name:HumanName* telecom:ContactPoint* address:Address* gender:code birthDate:date photo:Attachment* qualification:Practitioner.qualification* communication:CodeableConcept*`,
  'Practitioner.qualification': `${BACKBONE} identifier:Identifier* code:CodeableConcept period:Period issuer:Reference`,

  Location: `${DOMAIN} identifier:Identifier* status:code operationalStatus:Coding name:string alias:string* description:string mode:code type:CodeableConcept telecom:ContactPoint* address:Address physicalType:CodeableConcept position:Location.position managingOrganization:Reference partOf:Reference endpoint:Reference*`,
  'Location.position': `${BACKBONE} longitude:decimal latitude:decimal altitude:decimal`,

  Organization: `${DOMAIN} identifier:Identifier* active:boolean type:CodeableConcept* name:string alias:string* telecom:ContactPoint* address:Address* partOf:Reference contact:Organization.contact* endpoint:Reference*`,
  'Organization.contact': `${BACKBONE} purpose:CodeableConcept name:HumanName telecom:ContactPoint* address:Address`,

  HealthcareService: `${DOMAIN} identifier:Identifier* active:boolean providedBy:Reference category:CodeableConcept type:CodeableConcept* specialty:CodeableConcept* location:Reference* name:string comment:string extraDetails:string photo:Attachment telecom:ContactPoint* coverageArea:Reference* serviceProvisionCode:CodeableConcept* eligibility:CodeableConcept eligibilityNote:string programName:string* characteristic:CodeableConcept* referralMethod:CodeableConcept* appointmentRequired:boolean availableTime:HealthcareService.availableTime* notAvailable:HealthcareService.notAvailable* availabilityExceptions:string endpoint:Reference*`,
  'HealthcareService.availableTime': `${BACKBONE} daysOfWeek:code* allDay:boolean availableStartTime:time availableEndTime:time`,
  'HealthcareService.notAvailable': `${BACKBONE} description:string during:Period`,

  OperationOutcome: `${DOMAIN} issue:OperationOutcome.issue*`,
  'OperationOutcome.issue': `${BACKBONE} severity:code code:code details:CodeableConcept diagnostics:string location:string* expression:string*`,

  Bundle: `${RESOURCE} identifier:Identifier type:code total:unsignedInt link:Bundle.link* entry:Bundle.entry*`,
  'Bundle.link': `${BACKBONE} relation:string url:uri`,
  'Bundle.entry': `${BACKBONE} link:Bundle.link* fullUrl:uri resource:Resource search:Bundle.entry.search request:Bundle.entry.request response:Bundle.entry.response`,
  'Bundle.entry.search': `${BACKBONE} mode:code score:decimal`,
  'Bundle.entry.request': `${BACKBONE} method:code url:uri ifNoneMatch:string ifModifiedSince:instant ifMatch:string ifNoneExist:string`,
  'Bundle.entry.response': `${BACKBONE} status:string location:uri etag:string lastModified:instant outcome:Resource`,

  Parameters: `${RESOURCE} parameter:Parameters.parameter*`,
  'Parameters.parameter': `${BACKBONE} name:string value[x]:* resource:Resource part:Parameters.parameter*`,

  CapabilityStatement: `${DOMAIN} url:uri version:string name:string title:string status:code experimental:boolean date:dateTime publisher:string contact:ContactDetail* description:markdown useContext:UsageContext* jurisdiction:CodeableConcept* purpose:markdown copyright:markdown kind:code instantiates:uri* software:CapabilityStatement.software implementation:CapabilityStatement.implementation fhirVersion:id acceptUnknown:code format:code* patchFormat:code* implementationGuide:uri* profile:Reference* rest:CapabilityStatement.rest* messaging:CapabilityStatement.messaging* document:CapabilityStatement.document*`,
  'CapabilityStatement.software': `${BACKBONE} name:string version:string releaseDate:dateTime`,
  'CapabilityStatement.implementation': `${BACKBONE} description:string url:uri`,
  'CapabilityStatement.rest': `${BACKBONE} mode:code documentation:markdown security:CapabilityStatement.rest.security resource:CapabilityStatement.rest.resource* interaction:CapabilityStatement.rest.interaction* searchParam:CapabilityStatement.rest.resource.searchParam* operation:CapabilityStatement.rest.operation* compartment:uri*`,
  'CapabilityStatement.rest.security': `${BACKBONE} cors:boolean service:CodeableConcept* description:markdown certificate:CapabilityStatement.rest.security.certificate*`,
  'CapabilityStatement.rest.security.certificate': `${BACKBONE} type:code blob:base64Binary`,
  'CapabilityStatement.rest.resource': `${BACKBONE} type:code profile:Reference documentation:markdown interaction:CapabilityStatement.rest.resource.interaction* versioning:code readHistory:boolean updateCreate:boolean conditionalCreate:boolean conditionalRead:code conditionalUpdate:boolean conditionalDelete:code referencePolicy:code* searchInclude:string* searchRevInclude:string* searchParam:CapabilityStatement.rest.resource.searchParam*`,
  'CapabilityStatement.rest.resource.interaction': `${BACKBONE} code:code documentation:markdown`,
  'CapabilityStatement.rest.resource.searchParam': `${BACKBONE} name:string definition:uri type:code documentation:markdown`,
  'CapabilityStatement.rest.interaction': `${BACKBONE} code:code documentation:markdown`,
  'CapabilityStatement.rest.operation': `${BACKBONE} name:string definition:Reference`,
  'CapabilityStatement.messaging': `${BACKBONE} endpoint:CapabilityStatement.messaging.endpoint* reliableCache:unsignedInt documentation:markdown supportedMessage:CapabilityStatement.messaging.supportedMessage* event:CapabilityStatement.messaging.event*`,
  'CapabilityStatement.messaging.endpoint': `${BACKBONE} protocol:Coding address:uri`,
  'CapabilityStatement.messaging.supportedMessage': `${BACKBONE} mode:code definition:Reference`,
  'CapabilityStatement.messaging.event': `${BACKBONE} code:Coding category:code mode:code focus:code request:Reference response:Reference documentation:string`,
  'CapabilityStatement.document': `${BACKBONE} mode:code documentation:string profile:Reference`,
};

function compile(source: string): TypeDefinition {
  const elements = source.split(/\s+/).map((token): ElementDefinition => {
    const [name = '', rawType = ''] = token.split(':');
    const many = rawType.endsWith('*') && rawType !== '*';
    const choice = name.endsWith('[x]');
    return {
      name: choice ? name.slice(0, -3) : name,
      type: many ? rawType.slice(0, -1) : rawType,
      many,
      choice,
    };
  });
  return {
    elements,
    byName: new Map(elements.filter((element) => !element.choice).map((element) => [element.name, element])),
    choices: elements.filter((element) => element.choice),
  };
}

export const TYPES: ReadonlyMap<string, TypeDefinition> = new Map(
  Object.entries(SOURCE).map(([name, source]) => [name, compile(source)]),
);

/** The datatype a choice element's name carries: `valueCodeableConcept` → CodeableConcept, `valueString` → string. */
export function choiceType(prefix: string, name: string): string | undefined {
  if (name.length <= prefix.length || !name.startsWith(prefix)) return undefined;
  const suffix = name.slice(prefix.length);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(suffix)) return undefined;
  const primitive = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return PRIMITIVES.has(primitive) ? primitive : suffix;
}

/** The definition of `name` as a child of `type`, choices resolved; undefined when the tables do not know it. */
export function childDefinition(type: string, name: string): ElementDefinition | undefined {
  const definition = TYPES.get(type);
  if (!definition) return undefined;
  const direct = definition.byName.get(name);
  if (direct) return direct;
  for (const choice of definition.choices) {
    const resolved = choiceType(choice.name, name);
    if (resolved !== undefined) return { name, type: resolved, many: false, choice: true };
  }
  return undefined;
}
