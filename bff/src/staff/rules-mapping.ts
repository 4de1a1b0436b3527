import { deliveryChannelDisplay, type DeliveryChannel } from '@gpbook/shared/codes';
import {
  organisationTypeDisplay,
  type AccessProfileRule,
  type Consumer,
  type ExplanationsResponse,
  type PracticeRules,
  type PracticeViewPractice,
  type RuleChangeAuditEntry,
  type RulesContext,
  type RulesResponse,
  type SlotExplanation,
} from '@gpbook/shared/practice-view';
import { londonDateTimeWithOffset } from '@gpbook/shared/time';
import { z } from 'zod';
import { channelFromGpConnect, channelToGpConnect } from '../gpconnect/codes.js';
import { roleGroupOf } from '../gpconnect/job-roles.js';
import type * as provider from '../provider/admin/contract.js';
import { PracticeAdminFailure, type ProviderRulesChange } from './practice-admin-client.js';

/**
 * The practice-admin API's answers (the provider's terms: GP Connect channel codes `In-person`, sessions' days and
 * times in a separate context) in the practice view's terms (@gpbook/shared/practice-view: the patient API's
 * channel codes, role groups beside SDS codes, each session with its days and times), and proposed rules back.
 */

/** A provider channel code in the patient API's terms; an unknown one reads as in person (GP Connect's default). */
function channelOf(code: string): DeliveryChannel {
  return channelFromGpConnect(code) ?? 'in-person';
}

const SDS_CODE = /^R\d{4}$/;

export function rulesContextOf(context: provider.RulesContext): RulesContext {
  const locations = new Map(context.locations.map((location) => [location.id, location.name]));
  const practitioners = new Map(context.practitioners.map((person) => [person.id, person.name]));
  return {
    practiceName: context.practice.name,
    schedules: context.schedules.map((schedule) => {
      const practitionerName =
        schedule.practitionerId === undefined ? undefined : practitioners.get(schedule.practitionerId);
      return {
        id: schedule.id,
        scheduleType: schedule.scheduleType,
        site: { id: schedule.locationId, name: locations.get(schedule.locationId) ?? schedule.locationId },
        ...(schedule.practitionerId !== undefined && practitionerName !== undefined
          ? { practitioner: { id: schedule.practitionerId, name: practitionerName } }
          : {}),
      };
    }),
    roles: context.roles
      .filter((role) => SDS_CODE.test(role.code))
      .map((role) => ({
        code: role.code,
        display: role.display,
        group: roleGroupOf(role.code, role.display),
      })),
    deliveryChannels: context.deliveryChannels.map((channel) => {
      const code = channelOf(channel.code);
      return { code, display: deliveryChannelDisplay[code] };
    }),
    organisationTypes: context.orgTypes.map((type) => ({
      code: type.code,
      display: organisationTypeDisplay[type.code],
    })),
  };
}

/** The provider's rules with each session's days and times (from the context) and our channel codes. */
export function practiceRulesOf(
  rules: provider.PracticeRules,
  context: provider.RulesContext,
): PracticeRules {
  return {
    openAccess: definedOnly(rules.openAccess),
    accessProfiles: rules.accessProfiles.map((profile): AccessProfileRule =>
      definedOnly({
        id: profile.id,
        description: profile.description,
        orgTypes: [...profile.orgTypes],
        odsCodes: [...profile.odsCodes],
        bookingWindowDays: profile.bookingWindowDays,
        embargoMinutes: profile.embargoMinutes,
        maxBookedSlots: profile.maxBookedSlots,
      }),
    ),
    schedules: rules.schedules.map((schedule, s) => {
      const fixed = context.schedules[s];
      if (fixed?.id !== schedule.id) throw unreadable();
      return {
        id: schedule.id,
        role: schedule.role,
        bookable: schedule.bookable,
        accessProfiles: [...schedule.accessProfiles],
        sessions: schedule.sessions.map((session, t) => {
          const times = fixed.sessions[t];
          if (!times) throw unreadable();
          return {
            days: times.days.filter(isWeekday),
            start: times.start,
            end: times.end,
            deliveryChannel: channelOf(session.deliveryChannel),
            bookable: session.bookable,
            accessProfiles: [...session.accessProfiles],
          };
        }),
      };
    }),
  };
}

/** The provider's rules and context do not line up (schedule by schedule, session by session). */
function unreadable(): PracticeAdminFailure {
  return new PracticeAdminFailure(
    502,
    'practice_error',
    "The practice's system sent rules we could not read",
  );
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
function isWeekday(day: string): day is (typeof WEEKDAYS)[number] {
  return (WEEKDAYS as readonly string[]).includes(day);
}

/** Proposed rules in the provider's terms: sessions without their (read-only) days and times. */
export function providerRulesOf(rules: PracticeRules): ProviderRulesChange {
  return {
    openAccess: definedOnly(rules.openAccess),
    accessProfiles: rules.accessProfiles.map((profile) => definedOnly({ ...profile })),
    schedules: rules.schedules.map((schedule) => ({
      id: schedule.id,
      role: schedule.role,
      bookable: schedule.bookable,
      accessProfiles: schedule.accessProfiles,
      sessions: schedule.sessions.map((session) => ({
        deliveryChannel: channelToGpConnect(session.deliveryChannel),
        bookable: session.bookable,
        accessProfiles: session.accessProfiles,
      })),
    })),
  };
}

export function rulesResponseOf(
  practice: PracticeViewPractice,
  answer: provider.RulesResponse,
): RulesResponse {
  return {
    practice,
    version: answer.version,
    rules: practiceRulesOf(answer.rules, answer.context),
    context: rulesContextOf(answer.context),
  };
}

export function explanationsResponseOf(
  practice: PracticeViewPractice,
  consumer: Consumer,
  range: { start: string; end: string },
  answer: provider.ExplanationsResponse,
): ExplanationsResponse {
  return {
    practice,
    consumer,
    start: range.start,
    end: range.end,
    now: londonDateTimeWithOffset(answer.now),
    slots: answer.slots.map(slotExplanationOf),
  };
}

function slotExplanationOf(slot: provider.SlotExplanation): SlotExplanation {
  const detail = slot.detail
    ? definedOnly({
        profileId: slot.detail.profileId || undefined,
        profileDescription: slot.detail.profileDescription || undefined,
        visibleFrom: slot.detail.visibleFrom ? londonDateTimeWithOffset(slot.detail.visibleFrom) : undefined,
        limit: slot.detail.limit,
      })
    : undefined;
  return {
    id: slot.id,
    scheduleId: slot.scheduleId,
    start: londonDateTimeWithOffset(slot.start),
    end: londonDateTimeWithOffset(slot.end),
    status: slot.status,
    role: {
      group: roleGroupOf(slot.role.code, slot.role.display),
      display: slot.role.display || slot.role.code,
      code: slot.role.code,
    },
    channel: channelOf(slot.channel),
    site: { id: slot.locationId, name: slot.locationName || slot.locationId },
    ...(slot.practitionerId && slot.practitionerName
      ? { practitioner: { id: slot.practitionerId, name: slot.practitionerName } }
      : {}),
    offered: slot.offered,
    ...(slot.offered || slot.reason === undefined ? {} : { reason: slot.reason }),
    ...(detail && Object.keys(detail).length > 0 ? { detail } : {}),
  };
}

/** Plain JSON (the rules as the provider recorded them): what the audit entry carries before and after. */
function jsonOf(value: unknown): z.core.util.JSONType {
  return z.json().parse(JSON.parse(JSON.stringify(value ?? null)));
}

export function auditEntryOf(entry: provider.AuditEntry): RuleChangeAuditEntry {
  return {
    at: londonDateTimeWithOffset(entry.at),
    staffUserId: entry.sub,
    staffRole: entry.staffRole,
    traceId: entry.traceId,
    summary: entry.summary,
    before: jsonOf(entry.before),
    after: jsonOf(entry.after),
  };
}

/** The object without its undefined properties (exactOptionalPropertyTypes, and cleaner JSON). */
function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const result: Partial<Record<keyof T, unknown>> = {};
  for (const key of Object.keys(value) as Array<keyof T>)
    if (value[key] !== undefined) result[key] = value[key];
  return result as { [K in keyof T]: Exclude<T[K], undefined> };
}
