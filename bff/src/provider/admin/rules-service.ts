import { DELIVERY_CHANNELS, ORG_TYPES, type OrgTypeCode } from '../../gpconnect/constants.js';
import { SDS_JOB_ROLES, type SdsJobRoleCode } from '../../gpconnect/job-roles.js';
import type { LivePractices } from '../config/live.js';
import { checkRules, rulesOf, summariseChange, withRules } from '../config/rules.js';
import type { PracticeConfig, PracticeRules } from '../config/schema.js';
import { sessionTerms } from '../slots/generate.js';
import type { ProviderStore, StoredSessionTerms } from '../store/store.js';
import type { AuditResponse, PracticeAdminClaims, RulesContext, RulesResponse } from './contract.js';
import { AdminError } from './errors.js';
import { practitionerName } from './explanations.js';

/**
 * Reading and changing a practice's rules (issue 14 point 4, docs/decisions/0060). A change is checked by the
 * seed schema's own pieces and cross-reference checks, then written in ONE `BEGIN IMMEDIATE` transaction: the
 * version check (If-Match), the new rules, the terms they give each session, those terms on the free future
 * slots, and the audit entry. The store's triggers bump its version in that transaction, so the slot search's
 * answer cache cannot serve an answer made before it; the next lookup of the practice sees the new rules.
 */

/** The read-only labels that go with a practice's rules. */
export function rulesContext(practice: PracticeConfig): RulesContext {
  return {
    practice: { odsCode: practice.odsCode, name: practice.name },
    locations: practice.locations.map((location) => ({ id: location.id, name: location.name })),
    practitioners: practice.practitioners.map((p) => ({ id: p.id, name: practitionerName(p) })),
    schedules: practice.schedules.map((schedule) => ({
      id: schedule.id,
      scheduleType: schedule.scheduleType,
      locationId: schedule.locationId,
      ...(schedule.practitionerId === undefined ? {} : { practitionerId: schedule.practitionerId }),
      sessions: schedule.sessions.map((session) => ({
        days: session.days,
        start: session.start,
        end: session.end,
        slotMinutes: session.slotMinutes,
        slotType: session.slotType,
        weeks: session.weeks,
      })),
    })),
    roles: (Object.keys(SDS_JOB_ROLES) as SdsJobRoleCode[]).map((code) => ({
      code,
      display: SDS_JOB_ROLES[code].display,
    })),
    deliveryChannels: DELIVERY_CHANNELS.map((code) => ({ code, display: code })),
    orgTypes: (Object.keys(ORG_TYPES) as OrgTypeCode[]).map((code) => ({ code, display: ORG_TYPES[code] })),
  };
}

/** The terms each session's slots carry under these rules. */
function termsOf(practice: PracticeConfig): StoredSessionTerms[] {
  return practice.schedules.flatMap((schedule) =>
    schedule.sessions.map((session, sessionIndex) => ({
      scheduleId: schedule.id,
      sessionIndex,
      ...sessionTerms(schedule, session),
    })),
  );
}

/** `If-Match: "<version>"` (a weak `W/` form is taken too): the version, or an error for what was sent. */
export function expectedVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new AdminError(
      428,
      'version_required',
      'Send If-Match: "<version>" with the version the change was made to',
    );
  }
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw new AdminError(400, 'invalid_request', 'If-Match must be a rules version in quotes, e.g. "3"');
  }
  return Number(match[1]);
}

export class RulesService {
  constructor(
    private readonly store: ProviderStore,
    private readonly live: LivePractices,
  ) {}

  read(odsCode: string): RulesResponse {
    return this.store.snapshot(() => {
      const practice = this.practice(odsCode);
      return {
        version: this.live.version(odsCode),
        rules: rulesOf(practice),
        context: rulesContext(practice),
      };
    });
  }

  change(
    odsCode: string,
    version: number,
    input: unknown,
    who: { claims: PracticeAdminClaims; traceId: string },
    now: Date,
  ): RulesResponse {
    const seed = this.live.seed(odsCode);
    if (!seed) throw notFound(odsCode);
    const checked = checkRules(seed, input);
    if (!checked.ok) {
      throw new AdminError(422, 'invalid_rules', 'The rules do not validate', checked.issues);
    }
    const after: PracticeRules = checked.rules;
    return this.store.immediate(() => {
      // Under the write lock: no other change, from this process or another, can come in between.
      const current = this.live.version(odsCode);
      if (version !== current) {
        throw new AdminError(
          412,
          'version_conflict',
          `The rules have changed since version ${version}: they are at version ${current} now`,
        );
      }
      const before = rulesOf(this.practice(odsCode));
      const next = current + 1;
      this.store.writeRules(
        odsCode,
        next,
        JSON.stringify(after),
        termsOf(withRules(seed, after)),
        now.getTime(),
      );
      this.store.insertRulesAudit(odsCode, {
        atMs: now.getTime(),
        sub: who.claims.sub,
        staffRole: who.claims.staff_role,
        traceId: who.claims.trace_id,
        summary: summariseChange(before, after),
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      });
      const practice = this.practice(odsCode);
      return { version: next, rules: rulesOf(practice), context: rulesContext(practice) };
    });
  }

  audit(odsCode: string, limit: number): AuditResponse {
    this.practice(odsCode);
    return {
      entries: this.store.rulesAudit(odsCode, limit).map((entry) => ({
        at: new Date(entry.atMs).toISOString(),
        sub: entry.sub,
        staffRole: entry.staffRole,
        traceId: entry.traceId,
        summary: entry.summary,
        before: JSON.parse(entry.before) as PracticeRules,
        after: JSON.parse(entry.after) as PracticeRules,
      })),
    };
  }

  /** The practice as its rules are now, or 404 `practice_not_found`. */
  practice(odsCode: string): PracticeConfig {
    const practice = this.live.practice(odsCode);
    if (!practice) throw notFound(odsCode);
    return practice;
  }
}

function notFound(odsCode: string): AdminError {
  return new AdminError(404, 'practice_not_found', `No practice ${odsCode} at this provider`);
}
