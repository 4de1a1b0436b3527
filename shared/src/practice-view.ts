import { z } from 'zod';
import { deliveryChannelSchema, practitionerSchema, roleGroupSchema, type DeliveryChannel } from './codes.js';
import { odsCodeSchema } from './practices.js';
import { dateTimeWithOffsetSchema, daysBetweenLondonDates, londonDateSchema } from './time.js';

/**
 * The practice view (issue 14): what practice staff see and change under `/practice`, behind a staff session
 * (./staff-session.ts). Every route is `/api/practice/:ods/…`, where `:ods` is one of the session's practices
 * (403 `forbidden` otherwise):
 *
 * - `GET  /api/practice/:ods/consumers`: the consumers to offer as choices (this app, NHS 111, federation practices…).
 * - `GET  /api/practice/:ods/visibility?start&end&consumer=…&consumer=…`: "What would they see?", the real
 *   GP Connect slot search run as each chosen consumer. Works with any GP Connect provider.
 * - `GET  /api/practice/:ods/explanations?start&end&consumer=…`: "Why not?", every slot in the diary with the
 *   reason it is or is not offered to one consumer.
 * - `GET  /api/practice/:ods/rules`, `PUT /api/practice/:ods/rules` (If-Match): the practice's availability rules.
 * - `GET  /api/practice/:ods/audit?limit=N`: who changed the rules, when, from what to what.
 *
 * The last three need a provider that offers a practice-admin API (the bundled reference provider does); with any
 * other they answer 501 `not_supported`, and the web says these parts work only with the reference provider.
 *
 * Codes here are the patient API's wherever one exists (delivery channel `in-person`, role groups `gp`, `nurse`),
 * plus the SDS job role codes (`R0260`…) practices choose a session's role from; no FHIR.
 */

/** The most days one visibility or explanations request may cover (eight weeks), counting `start` and `end`. */
export const PRACTICE_VIEW_MAX_DAYS = 56;
/** The most consumers one visibility request may compare side by side. */
export const PRACTICE_VIEW_MAX_CONSUMERS = 6;

// ---------------------------------------------------------------------------------------------------------------
// Consumers: who the search is run as

/**
 * GP Connect's organisation types (GPConnect-OrganisationType-1): what a consumer says it is in a slot search's
 * `searchFilter`, and what a practice's access profiles may restrict slots to.
 */
export const organisationTypes = ['gp-practice', 'urgent-care'] as const;
export const organisationTypeSchema = z.enum(organisationTypes);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;

/** What staff read for each organisation type. */
export const organisationTypeDisplay: Record<OrganisationType, string> = {
  'gp-practice': 'GP practice',
  'urgent-care': 'Urgent care (such as NHS 111)',
};

const CONSUMER_KEY =
  /^(app|none|org:(gp-practice|urgent-care)|ods:[A-Z0-9]{3,10}(:(gp-practice|urgent-care))?)$/;

/**
 * A consumer to run the search as, in the query string (`consumer=…`, repeatable):
 * - `app`: this app, with its own organisation type and ODS code (from the BFF's configuration);
 * - `none`: a consumer that sends no `searchFilter` at all;
 * - `org:<organisation type>`: any organisation of that type, e.g. `org:urgent-care` for NHS 111;
 * - `ods:<ODS code>`: one organisation, sending only its ODS code, e.g. `ods:B82005`;
 * - `ods:<ODS code>:<organisation type>`: one organisation sending both, e.g. `ods:B82005:gp-practice`.
 */
export const consumerKeySchema = z
  .string()
  .regex(
    CONSUMER_KEY,
    'A consumer is app, none, org:<organisation type> or ods:<ODS code>[:<organisation type>]',
  );
export type ConsumerKey = z.infer<typeof consumerKeySchema>;

/** The kind of a consumer key: its part before the first colon. */
export const consumerKindSchema = z.enum(['app', 'none', 'org', 'ods']);
export type ConsumerKind = z.infer<typeof consumerKindSchema>;

/** A consumer as the BFF ran the search: its key, what it sent in `searchFilter`, and words for it. */
export const consumerSchema = z.object({
  /** The key as it was asked for (so the web can match answers to its choices). */
  key: consumerKeySchema,
  kind: consumerKindSchema,
  /** The organisation type sent in `searchFilter`; absent when none was sent. */
  orgType: organisationTypeSchema.optional(),
  /** The ODS code sent in `searchFilter`; absent when none was sent. */
  odsCode: odsCodeSchema.optional(),
  /**
   * What to call it: "This app", "Urgent care (such as NHS 111)", "Parkview Surgery (B82005)" (the organisation's
   * name when the BFF's practice directory knows the code), "Any consumer sending no filter".
   */
  label: z.string().min(1),
});
export type Consumer = z.infer<typeof consumerSchema>;

/** The key of a consumer described by what it sends (the inverse of the BFF's parsing); `app` is never produced. */
export function consumerKeyOf(consumer: { orgType?: OrganisationType; odsCode?: string }): ConsumerKey {
  if (consumer.odsCode !== undefined)
    return consumer.orgType === undefined
      ? `ods:${consumer.odsCode}`
      : `ods:${consumer.odsCode}:${consumer.orgType}`;
  return consumer.orgType === undefined ? 'none' : `org:${consumer.orgType}`;
}

/**
 * `GET /api/practice/:ods/consumers`: the consumers worth offering as choices for this practice, in order: this app,
 * urgent care (NHS 111), any GP practice, the other practices of its federation (by ODS code, as GP practices), and
 * a consumer sending no filter. Staff may still type any other ODS code (`ods:<code>`).
 */
export const consumerOptionsResponseSchema = z.object({
  practice: z.object({ odsCode: odsCodeSchema, name: z.string().min(1) }),
  consumers: z.array(consumerSchema),
});
export type ConsumerOptionsResponse = z.infer<typeof consumerOptionsResponseSchema>;

/** Query values arrive as one string or an array of them (`consumer=a&consumer=b`). */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item));

/** A London date range of at most PRACTICE_VIEW_MAX_DAYS days, both ends inclusive; issues on `end`. */
function checkRange(query: { start: string; end: string }, context: z.RefinementCtx): void {
  if (!londonDateSchema.safeParse(query.start).success || !londonDateSchema.safeParse(query.end).success)
    return;
  const days = daysBetweenLondonDates(query.start, query.end);
  if (days < 0)
    context.addIssue({
      code: 'custom',
      path: ['end'],
      message: 'The end date must not be before the start date',
    });
  if (days + 1 > PRACTICE_VIEW_MAX_DAYS)
    context.addIssue({
      code: 'custom',
      path: ['end'],
      message: `Choose up to ${PRACTICE_VIEW_MAX_DAYS} days at a time`,
    });
}

/** `:ods` of every practice-view route. */
export const practiceViewParamsSchema = z.object({ ods: odsCodeSchema });
export type PracticeViewParams = z.infer<typeof practiceViewParamsSchema>;

/** The practice an answer is about. */
export const practiceViewPracticeSchema = z.object({
  odsCode: odsCodeSchema,
  name: z.string().min(1),
});
export type PracticeViewPractice = z.infer<typeof practiceViewPracticeSchema>;

// ---------------------------------------------------------------------------------------------------------------
// "What would they see?": GET /api/practice/:ods/visibility

export const visibilityQuerySchema = z
  .object({
    /** First London date, inclusive. */
    start: londonDateSchema,
    /** Last London date, inclusive; at most PRACTICE_VIEW_MAX_DAYS days from `start`, counting both. */
    end: londonDateSchema,
    /** One to PRACTICE_VIEW_MAX_CONSUMERS different consumers, in the order to show them. */
    consumer: oneOrMany(consumerKeySchema)
      .refine((keys) => keys.length >= 1, 'Choose at least one consumer')
      .refine(
        (keys) => keys.length <= PRACTICE_VIEW_MAX_CONSUMERS,
        `Compare up to ${PRACTICE_VIEW_MAX_CONSUMERS} consumers at a time`,
      )
      .refine((keys) => new Set(keys).size === keys.length, 'Choose each consumer once'),
  })
  .superRefine(checkRange);
export type VisibilityQuery = z.infer<typeof visibilityQuerySchema>;

/** A slot's role for staff: the patient-facing group, and the practice's own SDS job role when it sent one. */
export const staffSlotRoleSchema = z.object({
  group: roleGroupSchema,
  /** The SDS job role's words, e.g. "Salaried General Practitioner"; the group's words when none was sent. */
  display: z.string().min(1),
  /** The SDS job role code, e.g. "R0270", when the practice sent one. */
  code: z.string().min(1).optional(),
});
export type StaffSlotRole = z.infer<typeof staffSlotRoleSchema>;

/** A site (the practice's main or branch surgery) as the practice view names it. */
export const siteSchema = z.object({
  /** The provider's Location id: the same in visibility, explanations and rules context. */
  id: z.string().min(1),
  name: z.string().min(1),
});
export type Site = z.infer<typeof siteSchema>;

/** One free slot a consumer would be offered. Not bookable from here: the ids are the provider's own. */
export const visibleSlotSchema = z.object({
  /** The provider's Slot id (the same id as in the explanations answer, so the two can be matched). */
  id: z.string().min(1),
  start: dateTimeWithOffsetSchema,
  end: dateTimeWithOffsetSchema,
  durationMinutes: z.number().int().positive(),
  role: staffSlotRoleSchema,
  channel: deliveryChannelSchema,
  site: siteSchema,
  /** Absent when the practice has not assigned a named person; gender only when the practice sends it. */
  practitioner: practitionerSchema.optional(),
  /** The practice's name for this kind of appointment (GP Connect slot type). */
  slotType: z.string().min(1),
  /** The practice's name for the session (schedule type), when it sends one. */
  scheduleType: z.string().min(1).optional(),
});
export type VisibleSlot = z.infer<typeof visibleSlotSchema>;

/**
 * Free slots counted, in total and broken down three ways. Each breakdown lists only what occurs (no zero rows),
 * sorted by count, largest first, then by key; each breakdown's counts add up to `total`.
 */
export const slotCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  byRole: z.array(z.object({ group: roleGroupSchema, count: z.number().int().positive() })),
  byChannel: z.array(z.object({ channel: deliveryChannelSchema, count: z.number().int().positive() })),
  bySite: z.array(
    z.object({ siteId: z.string().min(1), name: z.string().min(1), count: z.number().int().positive() }),
  ),
});
export type SlotCounts = z.infer<typeof slotCountsSchema>;

/** One London day's counts for one consumer. */
export const dayCountsSchema = slotCountsSchema.extend({ date: londonDateSchema });
export type DayCounts = z.infer<typeof dayCountsSchema>;

/**
 * Why a consumer's search gave no answer: the practice's system timed out, could not be reached, or answered with
 * an error (a GP Connect error such as "not enabled for this organisation": `refused`; anything else: `error`).
 * `message` is for staff and safe to show (it holds the Spine error code when there was one).
 */
export const visibilityFailureReasonSchema = z.enum(['timeout', 'unreachable', 'refused', 'error']);
export type VisibilityFailureReason = z.infer<typeof visibilityFailureReasonSchema>;

/** What one consumer would see, or why we could not find out. Failed consumers are listed, never dropped. */
export const consumerVisibilitySchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    consumer: consumerSchema,
    /** Over the whole range. */
    totals: slotCountsSchema,
    /** Every date from `start` to `end`, in order, each with its counts (zero days included). */
    days: z.array(dayCountsSchema),
    /** Every free slot offered, sorted by start then id: the drill-down. */
    slots: z.array(visibleSlotSchema),
  }),
  z.object({
    status: z.literal('failed'),
    consumer: consumerSchema,
    reason: visibilityFailureReasonSchema,
    message: z.string().min(1),
  }),
]);
export type ConsumerVisibility = z.infer<typeof consumerVisibilitySchema>;

export const visibilityResponseSchema = z.object({
  practice: practiceViewPracticeSchema,
  start: londonDateSchema,
  end: londonDateSchema,
  /** When the BFF ran the searches (its clock). */
  searchedAt: dateTimeWithOffsetSchema,
  /** One entry per asked consumer, in the order asked. */
  consumers: z.array(consumerVisibilitySchema),
});
export type VisibilityResponse = z.infer<typeof visibilityResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// "Why not?": GET /api/practice/:ods/explanations

export const explanationsQuerySchema = z
  .object({
    start: londonDateSchema,
    end: londonDateSchema,
    /** One consumer (see consumerKeySchema). */
    consumer: consumerKeySchema,
  })
  .superRefine(checkRange);
export type ExplanationsQuery = z.infer<typeof explanationsQuerySchema>;

/**
 * Why a slot is not offered to the consumer, in the order the provider's rules check them:
 * - `booked`: an appointment already holds it;
 * - `not-bookable`: the schedule or session is not marked bookable over GP Connect;
 * - `not-categorised`: it has no practitioner role or no delivery channel, both required to be offered;
 * - `started`: it starts now or in the past;
 * - `beyond-window`: it is further ahead than the booking window (`detail.visibleFrom` says when it comes in);
 * - `embargoed`: it is too close to its start under the embargo (`detail.profileId` names the terms' profile);
 * - `restricted`: its access profiles exclude this consumer's organisation type or ODS code;
 * - `profile-limit`: the consumer already holds the most slots its access profile allows (`detail.limit`).
 */
export const explanationReasons = [
  'booked',
  'not-bookable',
  'not-categorised',
  'started',
  'beyond-window',
  'embargoed',
  'restricted',
  'profile-limit',
] as const;
export const explanationReasonSchema = z.enum(explanationReasons);
export type ExplanationReason = z.infer<typeof explanationReasonSchema>;

/** One slot of the diary and whether, and why not, the consumer is offered it. */
export const slotExplanationSchema = z.object({
  /** The provider's Slot id (as in the visibility answer). */
  id: z.string().min(1),
  /** The provider's Schedule id: the schedule whose rules to change (see rulesSchema). */
  scheduleId: z.string().min(1),
  start: dateTimeWithOffsetSchema,
  end: dateTimeWithOffsetSchema,
  /** `busy` once an appointment holds the slot. */
  status: z.enum(['free', 'busy']),
  /** Absent only when the slot has no role (reason `not-categorised`). */
  role: staffSlotRoleSchema.optional(),
  /** Absent only when the slot has no delivery channel (reason `not-categorised`). */
  channel: deliveryChannelSchema.optional(),
  site: siteSchema,
  /** The practitioner's id in the provider (as in the rules context) and name, when the session has one. */
  practitioner: z.object({ id: z.string().min(1), name: z.string().min(1) }).optional(),
  /** True exactly when the GP Connect slot search for this consumer would return this slot now. */
  offered: z.boolean(),
  /** Why not, when `offered` is false (absent when it is true). */
  reason: explanationReasonSchema.optional(),
  /** The facts behind the reason, where it has any. */
  detail: z
    .object({
      /** The access profile whose terms decided (embargo, window, limit), when the slot is restricted. */
      profileId: z.string().min(1).optional(),
      profileDescription: z.string().min(1).optional(),
      /** `beyond-window`: when the slot enters the booking window. */
      visibleFrom: dateTimeWithOffsetSchema.optional(),
      /** `profile-limit`: the most slots the profile allows its consumers to hold at once. */
      limit: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
export type SlotExplanation = z.infer<typeof slotExplanationSchema>;

export const explanationsResponseSchema = z.object({
  practice: practiceViewPracticeSchema,
  consumer: consumerSchema,
  start: londonDateSchema,
  end: londonDateSchema,
  /** The provider's clock when it decided (the instant the reasons hold at). */
  now: dateTimeWithOffsetSchema,
  /** Every slot in the diary in the range, booked or free, offered or not, sorted by start then id. */
  slots: z.array(slotExplanationSchema),
});
export type ExplanationsResponse = z.infer<typeof explanationsResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// "Change the rules": GET and PUT /api/practice/:ods/rules

/** A provider id (FHIR logical id): 1-64 letters, digits, '-' or '.'. */
const ruleIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'An id is 1-64 letters, digits, "-" or "."');

/** An SDS job role code, e.g. `R0260`; the choices (with words) are in the rules context's `roles`. */
export const sdsJobRoleCodeSchema = z.string().regex(/^R\d{4}$/, 'Choose a practitioner role');

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(weekdays);
export type Weekday = z.infer<typeof weekdaySchema>;

/**
 * The terms of the slots the practice restricts to some consumers (GP Connect's organisation access profiles):
 * which organisation types and/or ODS codes it lets in, with its own booking window, embargo and limit.
 */
export const accessProfileRuleSchema = z
  .object({
    /** Stable; sessions and schedules refer to the profile by it. New profiles need a new, unused id. */
    id: ruleIdSchema,
    /** The practice's name for the profile, e.g. "NHS 111 and urgent care". */
    description: z.string().trim().min(1, 'Enter a name for the access profile').max(200),
    /** Organisation types let in; empty: no restriction by type. */
    orgTypes: z.array(organisationTypeSchema),
    /** ODS codes let in; empty: no restriction by ODS code. */
    odsCodes: z.array(odsCodeSchema),
    /** Slots starting further ahead than this many days are not offered under the profile. */
    bookingWindowDays: z.number().int().positive().optional(),
    /** Slots starting within this many minutes are not offered under the profile. */
    embargoMinutes: z.number().int().nonnegative().optional(),
    /** How many future slots consumers booking under the profile may hold at once. */
    maxBookedSlots: z.number().int().positive().optional(),
  })
  .refine((profile) => profile.orgTypes.length > 0 || profile.odsCodes.length > 0, {
    message: 'Choose at least one organisation type or ODS code',
    path: ['orgTypes'],
  });
export type AccessProfileRule = z.infer<typeof accessProfileRuleSchema>;

/** The terms of unrestricted slots (a slot with no access profile). */
export const openAccessRuleSchema = z.object({
  bookingWindowDays: z.number().int().positive().optional(),
  embargoMinutes: z.number().int().nonnegative().optional(),
});
export type OpenAccessRule = z.infer<typeof openAccessRuleSchema>;

/**
 * A recurring session of a schedule, identified by its index in `sessions`. `days`, `start` and `end` say which
 * session it is and are read-only: send them back as read (the BFF does not pass them on; the provider keeps its
 * own). The rest may change.
 */
export const sessionRuleSchema = z.object({
  days: z.array(weekdaySchema).min(1),
  /** HH:MM, London time. */
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Required: a slot without a channel is never offered. */
  deliveryChannel: deliveryChannelSchema,
  /** Whether these slots are bookable over GP Connect at all. */
  bookable: z.boolean(),
  /** Access profile ids restricting the session; empty means unrestricted (open-access terms). */
  accessProfiles: z.array(ruleIdSchema),
});
export type SessionRule = z.infer<typeof sessionRuleSchema>;

/** A schedule (a practitioner's or a room's diary) and its rules. */
export const scheduleRuleSchema = z.object({
  /** The provider's Schedule id; read-only (schedules are neither added nor removed here). */
  id: ruleIdSchema,
  /** The SDS job role of who runs the sessions; required, chosen from the context's `roles`. */
  role: sdsJobRoleCodeSchema,
  bookable: z.boolean(),
  /** Access profile ids restricting every session of the schedule; empty means unrestricted. */
  accessProfiles: z.array(ruleIdSchema),
  /** Every session, in the provider's order (no additions or removals). */
  sessions: z.array(sessionRuleSchema).min(1),
});
export type ScheduleRule = z.infer<typeof scheduleRuleSchema>;

/** The editable part of a practice's availability rules. */
export const practiceRulesSchema = z.object({
  openAccess: openAccessRuleSchema,
  accessProfiles: z.array(accessProfileRuleSchema),
  schedules: z.array(scheduleRuleSchema),
});
export type PracticeRules = z.infer<typeof practiceRulesSchema>;

/** Read-only words for the rules screen: names for the ids and the choices for each coded field. */
export const rulesContextSchema = z.object({
  practiceName: z.string().min(1),
  /** One per schedule, in the rules' order. */
  schedules: z.array(
    z.object({
      id: ruleIdSchema,
      /** The practice's name for the schedule, e.g. "General GP Appointments". */
      scheduleType: z.string().min(1),
      site: siteSchema,
      practitioner: z.object({ id: z.string().min(1), name: z.string().min(1) }).optional(),
    }),
  ),
  /** The practitioner roles a schedule may have (the SDS job roles of GP Connect's value set). */
  roles: z.array(
    z.object({ code: sdsJobRoleCodeSchema, display: z.string().min(1), group: roleGroupSchema }),
  ),
  /** The delivery channels a session may have, with their words. */
  deliveryChannels: z.array(z.object({ code: deliveryChannelSchema, display: z.string().min(1) })),
  /** The organisation types an access profile may let in, with their words. */
  organisationTypes: z.array(z.object({ code: organisationTypeSchema, display: z.string().min(1) })),
});
export type RulesContext = z.infer<typeof rulesContextSchema>;

/**
 * `GET` and `PUT /api/practice/:ods/rules` answer. `version` changes with every change of the rules; send it back
 * in `If-Match` (rulesIfMatch) with a change, so a change made meanwhile by someone else is not overwritten.
 */
export const rulesResponseSchema = z.object({
  practice: practiceViewPracticeSchema,
  version: z.number().int().nonnegative(),
  rules: practiceRulesSchema,
  context: rulesContextSchema,
});
export type RulesResponse = z.infer<typeof rulesResponseSchema>;

/**
 * `PUT /api/practice/:ods/rules` body, with `If-Match: "<version>"`. Errors: 428 `version_required` (no If-Match),
 * 412 `version_conflict` (someone changed the rules since: reload them), 422 `invalid_rules` with `issues` (paths
 * relative to `rules`), 403 `forbidden` (not a practice manager there), 501 `not_supported`.
 */
export const rulesUpdateRequestSchema = z.object({ rules: practiceRulesSchema });
export type RulesUpdateRequest = z.infer<typeof rulesUpdateRequestSchema>;

/** The If-Match header value for a rules version: the version in double quotes (an HTTP entity tag). */
export function rulesIfMatch(version: number): string {
  return `"${version}"`;
}

/** Every channel a session may have, in the order to offer them (the patient API's codes). */
export const sessionDeliveryChannels: readonly DeliveryChannel[] = ['in-person', 'telephone', 'video'];

// ---------------------------------------------------------------------------------------------------------------
// The audit trail of rule changes: GET /api/practice/:ods/audit

export const auditQuerySchema = z.object({
  /** How many entries, newest first: 1 to 100, 20 when absent. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One change of the rules. */
export const ruleChangeAuditEntrySchema = z.object({
  at: dateTimeWithOffsetSchema,
  /** The staff user id (StaffSessionResponse `user.id`) of who made it: never a name. */
  staffUserId: z.string().min(1),
  staffRole: z.string().min(1),
  /** The trace id of the request that made it (to find it in the logs). */
  traceId: z.string().min(1),
  /** One line saying what changed, e.g. "Access profile urgent-care: embargo 120 → 0 minutes". */
  summary: z.string(),
  /** The rules (or the changed part of them) before and after, as the provider recorded them. */
  before: z.json(),
  after: z.json(),
});
export type RuleChangeAuditEntry = z.infer<typeof ruleChangeAuditEntrySchema>;

export const auditResponseSchema = z.object({
  practice: practiceViewPracticeSchema,
  /** Newest first. */
  entries: z.array(ruleChangeAuditEntrySchema),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;
