export { fromFhirXml, FhirXmlError } from './read.js';
export { FHIR_NAMESPACE, toFhirXml, type ToFhirXmlOptions } from './write.js';
