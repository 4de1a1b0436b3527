import { z } from 'zod';
import { odsCodeSchema } from '@gpbook/shared/practices';
import { DELIVERY_CHANNELS, ORG_TYPES, type OrgTypeCode } from '../../gpconnect/constants.js';
import { practiceRulesSchema } from '../config/schema.js';

/**
 * The practice-admin API of the reference provider (issue 14, docs/decisions/0060): a small staff-only JSON API
 * at `/practice-admin/:odsCode`, outside the GP Connect service root, which the BFF calls on behalf of a signed-in
 * member of practice staff. These schemas are the agreed interface: the provider validates what it receives and
 * answers with them; the BFF imports the types (and may parse answers with the schemas).
 */

/** Where the API lives on the provider's origin. */
export const PRACTICE_ADMIN_PREFIX = '/practice-admin';
export const practiceAdminPath = (odsCode: string) => `${PRACTICE_ADMIN_PREFIX}/${odsCode}`;

// ---- authentication --------------------------------------------------------------------------------------

/** The `aud` of every practice-admin token. */
export const PRACTICE_ADMIN_AUDIENCE = 'practice-admin';
/** The longest a token may live: `exp` at most this many seconds after `iat`. */
export const PRACTICE_ADMIN_TOKEN_MAX_SECONDS = 300;
/** The one signing algorithm accepted (the key the BFF signs Spine JWTs with). */
export const PRACTICE_ADMIN_ALGORITHM = 'RS512';

/**
 * The claims of the bearer token the BFF signs for each call (`Authorization: Bearer <JWT>`, RS512). `sub` is an
 * opaque staff user id; `practice` the ODS code the staff member acts for, which must be the path's.
 */
export const practiceAdminClaimsSchema = z.object({
  iss: z.string().min(1),
  aud: z.union([z.literal(PRACTICE_ADMIN_AUDIENCE), z.array(z.string()).min(1)]),
  sub: z.string().min(1).max(200),
  iat: z.number().int(),
  exp: z.number().int(),
  practice: odsCodeSchema,
  staff_role: z.string().min(1).max(100),
  trace_id: z.string().min(1).max(200),
});
export type PracticeAdminClaims = z.infer<typeof practiceAdminClaimsSchema>;

// ---- errors ----------------------------------------------------------------------------------------------

export const PRACTICE_ADMIN_ERROR_CODES = [
  /** 401: no bearer token, a bad signature, expired, wrong audience, malformed claims. */
  'unauthenticated',
  /** 403: the token's practice is not the path's. */
  'forbidden',
  /** 404: no such practice at this provider. */
  'practice_not_found',
  /** 404: no such endpoint (and every path when the API is not offered: unsigned Spine JWTs configured). */
  'not_found',
  /** 400: a query or body that does not fit (the message says which field). */
  'invalid_request',
  /** 422: proposed rules that do not validate (with `issues`). */
  'invalid_rules',
  /** 412: `If-Match` names a version that is no longer the current one. */
  'version_conflict',
  /** 428: a change sent without `If-Match`. */
  'version_required',
  /** 500. */
  'internal_error',
] as const;
export type PracticeAdminErrorCode = (typeof PRACTICE_ADMIN_ERROR_CODES)[number];

export const rulesIssueSchema = z.object({ path: z.string(), message: z.string() });

export const practiceAdminErrorSchema = z.object({
  error: z.object({
    code: z.enum(PRACTICE_ADMIN_ERROR_CODES),
    message: z.string(),
    /** With `invalid_rules`: each problem, its path into `rules` (e.g. `schedules.3.sessions.0.accessProfiles.1`). */
    issues: z.array(rulesIssueSchema).optional(),
  }),
});
export type PracticeAdminError = z.infer<typeof practiceAdminErrorSchema>;

// ---- explanations ----------------------------------------------------------------------------------------

/** The most London calendar days one explanations request may cover (both ends included). */
export const EXPLANATIONS_MAX_DAYS = 56;

const orgTypeSchema = z.enum(Object.keys(ORG_TYPES) as [OrgTypeCode]);
const calendarDate = z.iso.date();
/** ISO 8601 with the UK offset, as GP Connect writes times (`2026-03-23T09:00:00+00:00`). */
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * `GET …/explanations?start=YYYY-MM-DD&end=YYYY-MM-DD[&orgType=…][&odsCode=…]`: London calendar days, both
 * inclusive, at most {@link EXPLANATIONS_MAX_DAYS}; `orgType`/`odsCode` describe the consumer exactly as a slot
 * search's `searchFilter` would (neither: a consumer that sends no searchFilter).
 */
export const explanationsQuerySchema = z
  .object({
    start: calendarDate,
    end: calendarDate,
    orgType: orgTypeSchema.optional(),
    odsCode: odsCodeSchema.optional(),
  })
  .refine((query) => query.end >= query.start, { path: ['end'], message: 'end is before start' })
  .refine(
    (query) => (Date.parse(query.end) - Date.parse(query.start)) / 86_400_000 + 1 <= EXPLANATIONS_MAX_DAYS,
    { path: ['end'], message: `the range must not exceed ${EXPLANATIONS_MAX_DAYS} days` },
  );
export type ExplanationsQuery = z.infer<typeof explanationsQuerySchema>;

/**
 * Why a slot is not offered to the consumer: `booked`; `not-bookable` (not bookable online: the schedule's or
 * session's flag, or GP Connect appointment booking switched off at the practice); `not-categorised` (role or
 * channel missing); `started` (in the past); `beyond-window` (detail.visibleFrom: when it enters the booking
 * window); `embargoed` (starts too soon for the terms it is offered under); `restricted` (its access profiles
 * exclude this organisation type / ODS code); `profile-limit` (detail.limit slots already held under the profile).
 */
export const SLOT_REASONS = [
  'booked',
  'not-bookable',
  'not-categorised',
  'started',
  'beyond-window',
  'embargoed',
  'restricted',
  'profile-limit',
] as const;
export const slotReasonSchema = z.enum(SLOT_REASONS);
export type SlotReason = z.infer<typeof slotReasonSchema>;

export const slotExplanationSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  start: isoDateTime,
  end: isoDateTime,
  status: z.enum(['free', 'busy']),
  role: z.object({ code: z.string(), display: z.string() }),
  channel: z.enum(DELIVERY_CHANNELS),
  locationId: z.string(),
  locationName: z.string(),
  practitionerId: z.string().optional(),
  practitionerName: z.string().optional(),
  /** True exactly when the GP Connect slot search for this consumer would return the slot now. */
  offered: z.boolean(),
  /** Absent when offered. */
  reason: slotReasonSchema.optional(),
  /**
   * The terms involved: the access profile the slot is offered under (when offered) or that refused it; when it
   * enters the booking window (`beyond-window`); the profile's allowance of slots held (`profile-limit`).
   */
  detail: z
    .object({
      profileId: z.string().optional(),
      profileDescription: z.string().optional(),
      visibleFrom: isoDateTime.optional(),
      limit: z.number().int().optional(),
    })
    .optional(),
});
export type SlotExplanation = z.infer<typeof slotExplanationSchema>;

export const explanationsResponseSchema = z.object({
  practice: z.object({ odsCode: z.string(), name: z.string() }),
  consumer: z.object({ orgType: orgTypeSchema.optional(), odsCode: z.string().optional() }),
  /** The instant the explanation holds for. */
  now: isoDateTime,
  /** Every slot of the practice's schedules in the range, booked or free, by start (then id). */
  slots: z.array(slotExplanationSchema),
});
export type ExplanationsResponse = z.infer<typeof explanationsResponseSchema>;

// ---- rules -----------------------------------------------------------------------------------------------

/** The editable rules: the seed schema's own pieces (config/schema.ts `practiceRulesSchema`). */
export { practiceRulesSchema };
export type { PracticeRules, ScheduleRules, SessionRules } from '../config/schema.js';

/** Read-only labels that go with the rules, for a screen that edits them. */
export const rulesContextSchema = z.object({
  practice: z.object({ odsCode: z.string(), name: z.string() }),
  locations: z.array(z.object({ id: z.string(), name: z.string() })),
  practitioners: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Per schedule, in the order of `rules.schedules`: what cannot be changed here. */
  schedules: z.array(
    z.object({
      id: z.string(),
      scheduleType: z.string(),
      locationId: z.string(),
      practitionerId: z.string().optional(),
      /** Per session, by index: days, times, slot length and the practice's slot type. */
      sessions: z.array(
        z.object({
          days: z.array(z.string()),
          start: z.string(),
          end: z.string(),
          slotMinutes: z.number(),
          slotType: z.string(),
          weeks: z.enum(['every', 'odd', 'even']),
        }),
      ),
    }),
  ),
  /** The SDS job roles a schedule's role is chosen from. */
  roles: z.array(z.object({ code: z.string(), display: z.string() })),
  deliveryChannels: z.array(z.object({ code: z.enum(DELIVERY_CHANNELS), display: z.string() })),
  orgTypes: z.array(z.object({ code: orgTypeSchema, display: z.string() })),
});
export type RulesContext = z.infer<typeof rulesContextSchema>;

/** `GET …/rules` and the answer to `PUT …/rules`. `version` changes with every rules change. */
export const rulesResponseSchema = z.object({
  version: z.number().int().nonnegative(),
  rules: practiceRulesSchema,
  context: rulesContextSchema,
});
export type RulesResponse = z.infer<typeof rulesResponseSchema>;

/** `PUT …/rules` with `If-Match: "<version>"`: the whole of the rules (validated as `practiceRulesSchema`). */
export const rulesChangeSchema = z.object({ rules: z.unknown() });

// ---- audit -----------------------------------------------------------------------------------------------

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 500;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
});

export const auditEntrySchema = z.object({
  at: isoDateTime,
  /** The staff member (the token's `sub`), their role and the trace id of the change. */
  sub: z.string(),
  staffRole: z.string(),
  traceId: z.string(),
  summary: z.string(),
  before: practiceRulesSchema,
  after: practiceRulesSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET …/audit?limit=N`: rule changes, newest first. */
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditResponse = z.infer<typeof auditResponseSchema>;
