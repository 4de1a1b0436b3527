/**
 * The checks the practice view runs on the BFF's staff answers: each the shared zod schema of that answer
 * (@gpbook/shared/practice-view, @gpbook/shared/staff-session) written with the parse-only checks of
 * lib/answer-check.ts, as the patient app's lib/answers.ts does. Not zod itself: the contract's schemas build on
 * shared modules the patient's first page also loads (London dates, codes), so using one here would bring zod
 * into that first download (decision 0080). Where a check cannot say all a schema says (a count of at least 0, a
 * list of at least one), it says less, never more; the type annotations hold each to the contract's types.
 */
import { deliveryChannels, roleGroups } from '@gpbook/shared/codes';
import {
  explanationReasons,
  organisationTypes,
  weekdays,
  type AuditResponse,
  type ConsumerOptionsResponse,
  type ExplanationsResponse,
  type RulesResponse,
  type VisibilityResponse,
} from '@gpbook/shared/practice-view';
import { staffRoles, type StaffSessionResponse } from '@gpbook/shared/staff-session';
import {
  array,
  boolean,
  number,
  object,
  oneOf,
  optional,
  string,
  union,
  type Check,
} from '../../../lib/answer-check';
import { dateTimeWithOffset, londonDate, odsCode, practitioner } from '../../../lib/answers';

const text = string({ min: 1 });
const count = number({ int: true });
const positive = number({ int: true, positive: true });
const roleGroup = oneOf(roleGroups);
const channel = oneOf(deliveryChannels);
const orgType = oneOf(organisationTypes);
const ruleId = string({ pattern: /^[A-Za-z0-9\-.]{1,64}$/ });
const sdsJobRole = string({ pattern: /^R\d{4}$/ });
const clock = string({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/ });
const consumerKey = string({
  pattern: /^(app|none|org:(gp-practice|urgent-care)|ods:[A-Z0-9]{3,10}(:(gp-practice|urgent-care))?)$/,
});

// shared/src/staff-session.ts
export const staffSessionResponse: Check<StaffSessionResponse> = object({
  user: object({ id: string({ min: 16 }), displayName: text }),
  role: oneOf(staffRoles),
  practices: array(object({ odsCode, name: text, role: oneOf(staffRoles), canChangeRules: boolean() })),
  idleExpiresAt: dateTimeWithOffset,
  absoluteExpiresAt: dateTimeWithOffset,
  csrfToken: string({ min: 20 }),
  serverTime: dateTimeWithOffset,
});

// shared/src/practice-view.ts
const practiceViewPractice = object({ odsCode, name: text });
const consumer = object({
  key: consumerKey,
  kind: oneOf(['app', 'none', 'org', 'ods']),
  orgType: optional(orgType),
  odsCode: optional(odsCode),
  label: text,
});
const staffSlotRole = object({ group: roleGroup, display: text, code: optional(text) });
const site = object({ id: text, name: text });
const slotCounts = {
  total: count,
  byRole: array(object({ group: roleGroup, count: positive })),
  byChannel: array(object({ channel, count: positive })),
  bySite: array(object({ siteId: text, name: text, count: positive })),
};
const visibleSlot = object({
  id: text,
  start: dateTimeWithOffset,
  end: dateTimeWithOffset,
  durationMinutes: positive,
  role: staffSlotRole,
  channel,
  site,
  practitioner: optional(practitioner),
  slotType: text,
  scheduleType: optional(text),
});

export const consumerOptionsResponse: Check<ConsumerOptionsResponse> = object({
  practice: practiceViewPractice,
  consumers: array(consumer),
});

export const visibilityResponse: Check<VisibilityResponse> = object({
  practice: practiceViewPractice,
  start: londonDate,
  end: londonDate,
  searchedAt: dateTimeWithOffset,
  consumers: array(
    union<VisibilityResponse['consumers'][number]>([
      object({
        status: oneOf(['ok']),
        consumer,
        totals: object(slotCounts),
        days: array(object({ ...slotCounts, date: londonDate })),
        slots: array(visibleSlot),
      }),
      object({
        status: oneOf(['failed']),
        consumer,
        reason: oneOf(['timeout', 'unreachable', 'refused', 'error']),
        message: text,
      }),
    ]),
  ),
});

export const explanationsResponse: Check<ExplanationsResponse> = object({
  practice: practiceViewPractice,
  consumer,
  start: londonDate,
  end: londonDate,
  now: dateTimeWithOffset,
  slots: array(
    object({
      id: text,
      scheduleId: text,
      start: dateTimeWithOffset,
      end: dateTimeWithOffset,
      status: oneOf(['free', 'busy']),
      role: optional(staffSlotRole),
      channel: optional(channel),
      site,
      practitioner: optional(object({ id: text, name: text })),
      offered: boolean(),
      reason: optional(oneOf(explanationReasons)),
      detail: optional(
        object({
          profileId: optional(text),
          profileDescription: optional(text),
          visibleFrom: optional(dateTimeWithOffset),
          limit: optional(count),
        }),
      ),
    }),
  ),
});

const session = object({
  days: array(oneOf(weekdays)),
  start: clock,
  end: clock,
  deliveryChannel: channel,
  bookable: boolean(),
  accessProfiles: array(ruleId),
});

export const rulesResponse: Check<RulesResponse> = object({
  practice: practiceViewPractice,
  version: count,
  rules: object({
    openAccess: object({ bookingWindowDays: optional(positive), embargoMinutes: optional(count) }),
    accessProfiles: array(
      object({
        id: ruleId,
        description: string({ min: 1, max: 200 }),
        orgTypes: array(orgType),
        odsCodes: array(odsCode),
        bookingWindowDays: optional(positive),
        embargoMinutes: optional(count),
        maxBookedSlots: optional(positive),
      }),
    ),
    schedules: array(
      object({
        id: ruleId,
        role: sdsJobRole,
        bookable: boolean(),
        accessProfiles: array(ruleId),
        sessions: array(session),
      }),
    ),
  }),
  context: object({
    practiceName: text,
    schedules: array(
      object({
        id: ruleId,
        scheduleType: text,
        site,
        practitioner: optional(object({ id: text, name: text })),
      }),
    ),
    roles: array(object({ code: sdsJobRole, display: text, group: roleGroup })),
    deliveryChannels: array(object({ code: channel, display: text })),
    organisationTypes: array(object({ code: orgType, display: text })),
  }),
});

/** An audit answer as the practice view uses it: the before and after documents are not shown, so not kept. */
export type AuditAnswer = Omit<AuditResponse, 'entries'> & {
  entries: Array<Omit<AuditResponse['entries'][number], 'before' | 'after'>>;
};

export const auditResponse: Check<AuditAnswer> = object({
  practice: practiceViewPractice,
  entries: array(
    object({
      at: dateTimeWithOffset,
      staffUserId: text,
      staffRole: text,
      traceId: text,
      summary: string(),
    }),
  ),
});
