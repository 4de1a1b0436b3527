import type { ApiErrorCode, ValidationIssue } from '@gpbook/shared/errors';
import type { JSONWebKeySet } from 'jose';
import type { z } from 'zod';
import type { DirectoryEntry } from '../app/directory.js';
import { buildPracticeAdminJwt } from '../gpconnect/practice-admin-jwt.js';
import type { SigningKey } from '../platform/signing-key.js';
import {
  auditResponseSchema,
  explanationsResponseSchema,
  practiceAdminErrorSchema,
  practiceAdminPath,
  rulesResponseSchema,
  type AuditResponse,
  type ExplanationsResponse,
  type RulesResponse,
} from '../provider/admin/contract.js';

/**
 * The BFF's side of a provider's practice-admin API (issue 14; the reference provider's
 * bff/src/provider/admin/contract.ts): "why not?", the rules and their audit trail, for one practice, on behalf of
 * one member of staff, each call with a freshly signed short-lived JWT. A provider that does not offer the API
 * answers `not_supported`, as does a practice whose GP Connect endpoint is not laid out like the reference
 * provider's (`<origin>/<ODS>/STU3/1/gpconnect`): we never guess an admin URL at a real GP system.
 */

/** Proposed rules as the provider's `PUT …/rules` takes them (its schema checks them, not ours). */
export interface ProviderRulesChange {
  openAccess: { bookingWindowDays?: number; embargoMinutes?: number };
  accessProfiles: Array<{
    id: string;
    description: string;
    orgTypes: string[];
    odsCodes: string[];
    bookingWindowDays?: number;
    embargoMinutes?: number;
    maxBookedSlots?: number;
  }>;
  schedules: Array<{
    id: string;
    role: string;
    bookable: boolean;
    accessProfiles: string[];
    sessions: Array<{ deliveryChannel: string; bookable: boolean; accessProfiles: string[] }>;
  }>;
}

/** Who is asking: the claims of the token. */
export interface PracticeAdminCaller {
  staffUserId: string;
  staffRole: string;
  traceId: string;
}

/** A typed refusal, ready for the practice view's `{ error: { code, message, issues? } }`. */
export class PracticeAdminFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'PracticeAdminFailure';
  }
}

export interface PracticeAdminClientOptions {
  /** PUBLIC_URL: the token's issuer. */
  issuer: string;
  key: Pick<SigningKey, 'privateKey' | 'kid'> & { jwks?: JSONWebKeySet };
  timeoutMs: number;
  fetch?: typeof fetch;
}

const NOT_SUPPORTED = "This practice's system does not offer the practice view's rules and explanations";

/** The practice-admin base URL of a directory entry, or undefined when its endpoint is not the reference layout. */
export function practiceAdminBaseUrl(entry: DirectoryEntry): string | undefined {
  const url = new URL(entry.serviceRoot);
  if (url.pathname !== `/${entry.odsCode}/STU3/1/gpconnect`) return undefined;
  return `${url.origin}${practiceAdminPath(entry.odsCode)}`;
}

/** `schedules.3.sessions.0.accessProfiles.1` → `['schedules', 3, 'sessions', 0, 'accessProfiles', 1]`. */
export function issuePath(path: string): Array<string | number> {
  if (path === '') return [];
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export class PracticeAdminClient {
  readonly #options: PracticeAdminClientOptions;

  constructor(options: PracticeAdminClientOptions) {
    this.#options = options;
  }

  explanations(
    entry: DirectoryEntry,
    caller: PracticeAdminCaller,
    query: { start: string; end: string; orgType?: string | undefined; odsCode?: string | undefined },
  ): Promise<ExplanationsResponse> {
    const params = new URLSearchParams({ start: query.start, end: query.end });
    if (query.orgType !== undefined) params.set('orgType', query.orgType);
    if (query.odsCode !== undefined) params.set('odsCode', query.odsCode);
    return this.#call(entry, caller, 'GET', `/explanations?${params.toString()}`, explanationsResponseSchema);
  }

  rules(entry: DirectoryEntry, caller: PracticeAdminCaller): Promise<RulesResponse> {
    return this.#call(entry, caller, 'GET', '/rules', rulesResponseSchema);
  }

  changeRules(
    entry: DirectoryEntry,
    caller: PracticeAdminCaller,
    ifMatch: string,
    /** In the provider's terms (rules-mapping.ts `providerRulesOf`); the provider validates them. */
    rules: ProviderRulesChange,
  ): Promise<RulesResponse> {
    return this.#call(entry, caller, 'PUT', '/rules', rulesResponseSchema, { rules }, ifMatch);
  }

  audit(entry: DirectoryEntry, caller: PracticeAdminCaller, limit: number): Promise<AuditResponse> {
    return this.#call(entry, caller, 'GET', `/audit?limit=${limit}`, auditResponseSchema);
  }

  async #call<T>(
    entry: DirectoryEntry,
    caller: PracticeAdminCaller,
    method: 'GET' | 'PUT',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    ifMatch?: string,
  ): Promise<T> {
    const base = practiceAdminBaseUrl(entry);
    if (base === undefined) throw new PracticeAdminFailure(501, 'not_supported', NOT_SUPPORTED);
    const token = await buildPracticeAdminJwt({
      issuer: this.#options.issuer,
      staffUserId: caller.staffUserId,
      staffRole: caller.staffRole,
      practice: entry.odsCode,
      traceId: caller.traceId,
      signing: this.#options.key,
    });
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'x-trace-id': caller.traceId,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = ifMatch;
    let response: Response;
    let text: string;
    try {
      response = await (this.#options.fetch ?? fetch)(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw timedOut
        ? new PracticeAdminFailure(504, 'practice_timeout', "The practice's system did not answer in time")
        : new PracticeAdminFailure(502, 'practice_unavailable', "The practice's system could not be reached");
    }
    const json = parseJson(text);
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new PracticeAdminFailure(
          502,
          'practice_error',
          "The practice's system sent an answer we could not read",
        );
      return parsed.data;
    }
    throw failureOf(response.status, json);
  }
}

function parseJson(text: string): unknown {
  try {
    return text.length === 0 ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The provider's refusal as the practice view's typed error. */
function failureOf(status: number, json: unknown): PracticeAdminFailure {
  const error = practiceAdminErrorSchema.safeParse(json).data?.error;
  switch (status) {
    case 404:
      if (error?.code === 'practice_not_found')
        return new PracticeAdminFailure(
          404,
          'not_found',
          "The practice's system does not know this practice",
        );
      return new PracticeAdminFailure(501, 'not_supported', NOT_SUPPORTED);
    case 405:
    case 501:
      return new PracticeAdminFailure(501, 'not_supported', NOT_SUPPORTED);
    case 401:
      // Our own token was refused: a key or clock problem on our side, not the member of staff's.
      return new PracticeAdminFailure(
        502,
        'practice_error',
        "The practice's system did not accept our credentials",
      );
    case 403:
      return new PracticeAdminFailure(
        403,
        'forbidden',
        "The practice's system refused this for this practice",
      );
    case 412:
      return new PracticeAdminFailure(
        412,
        'version_conflict',
        'The rules have changed since you opened them: reload them and make your change again',
      );
    case 428:
      return new PracticeAdminFailure(428, 'version_required', 'Say which version of the rules you changed');
    case 422:
      return new PracticeAdminFailure(
        422,
        'invalid_rules',
        'The rules are not valid',
        (error?.issues ?? []).map((issue) => ({ path: issuePath(issue.path), message: issue.message })),
      );
    case 400:
      return new PracticeAdminFailure(400, 'bad_request', 'The request is not valid');
    default:
      return status >= 500
        ? new PracticeAdminFailure(502, 'practice_unavailable', "The practice's system failed")
        : new PracticeAdminFailure(502, 'practice_error', "The practice's system refused the request");
  }
}
