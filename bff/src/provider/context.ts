import type { InteractionName } from '../gpconnect/constants.js';
import type { PracticeConfig, ProviderConfig } from './config/schema.js';
import type { FhirFormat } from './pipeline/content-negotiation.js';
import type { QueryParams } from './pipeline/query.js';
import type { SpineClaims } from './pipeline/spine-jwt-validation.js';

/** Everything an interaction handler may use about the request it serves. */
export interface InteractionContext {
  interaction: InteractionName;
  practice: PracticeConfig;
  config: ProviderConfig;
  /** The practice's service root, e.g. `http://localhost:4000/A20047/STU3/1/gpconnect`. */
  serviceRoot: string;
  /** Logical id from the path, when the route has one. */
  id: string | undefined;
  query: QueryParams;
  body: unknown;
  headers: Readonly<Record<string, string | undefined>>;
  claims: SpineClaims;
  traceId: string;
  now: Date;
}

/** What a handler answers: a FHIR resource (or none) with the status and the headers that go with it. */
export interface FhirResult {
  status: number;
  resource?: unknown;
  /** `meta.versionId` of the resource, sent back as `ETag: W/"…"`. */
  versionId?: string;
  /** For creates: the path of the new version below the service root, e.g. `/Appointment/7/_history/1`. */
  location?: string;
  lastModified?: Date;
  /** The resource's body made already, in each format and coding (instead of `resource`; the slot search cache). */
  prepared?: PreparedBody;
}

/** A body made once and served as it is: the bytes for a format, gzipped or not. */
export interface PreparedBody {
  bytes(format: FhirFormat, gzipped: boolean): Buffer | Promise<Buffer>;
  /**
   * A validator for the body in `format` (`W/"…"`): equal tags mean equal content, so a request whose
   * `If-None-Match` names it is answered `304 Not Modified` without the body (answers.ts `sendResult`).
   */
  etag(format: FhirFormat): string;
}

export type InteractionHandler = (context: InteractionContext) => FhirResult | Promise<FhirResult>;
export type InteractionHandlers = Partial<Record<InteractionName, InteractionHandler>>;
