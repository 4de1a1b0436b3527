import {
  checkPracticeReferences,
  practiceRulesSchema,
  type PracticeConfig,
  type PracticeRules,
} from './schema.js';

/**
 * A practice's availability rules as staff edit them at run time (issue 14, docs/decisions/0060): taken out of
 * the practice's configuration, checked, and put back into it. The seed stays the source of everything else
 * (sites, clinicians, days and times); stored rules replace the seed's rules and nothing more.
 */

/** The editable part of a practice's configuration. */
export function rulesOf(practice: PracticeConfig): PracticeRules {
  return {
    openAccess: practice.openAccess,
    accessProfiles: practice.accessProfiles,
    schedules: practice.schedules.map((schedule) => ({
      id: schedule.id,
      role: schedule.role,
      bookable: schedule.bookable,
      accessProfiles: schedule.accessProfiles,
      sessions: schedule.sessions.map((session) => ({
        deliveryChannel: session.deliveryChannel,
        bookable: session.bookable,
        accessProfiles: session.accessProfiles,
      })),
    })),
  };
}

/**
 * The practice with these rules in place of its own. The rules must fit the practice ({@link checkRules}): a
 * schedule or session they do not name keeps what it had.
 */
export function withRules(practice: PracticeConfig, rules: PracticeRules): PracticeConfig {
  const byId = new Map(rules.schedules.map((schedule) => [schedule.id, schedule]));
  return {
    ...practice,
    openAccess: rules.openAccess,
    accessProfiles: rules.accessProfiles,
    schedules: practice.schedules.map((schedule) => {
      const edited = byId.get(schedule.id);
      if (!edited) return schedule;
      return {
        ...schedule,
        role: edited.role,
        bookable: edited.bookable,
        accessProfiles: edited.accessProfiles,
        sessions: schedule.sessions.map((session, index) => {
          const terms = edited.sessions[index];
          return terms
            ? {
                ...session,
                deliveryChannel: terms.deliveryChannel,
                bookable: terms.bookable,
                accessProfiles: terms.accessProfiles,
              }
            : session;
        }),
      };
    }),
  };
}

/** A problem with proposed rules: where (a path into the rules) and what. */
export interface RulesIssue {
  path: string;
  message: string;
}

export type RulesCheck = { ok: true; rules: PracticeRules } | { ok: false; issues: RulesIssue[] };

const pathText = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.') || '(root)';

/**
 * Checks proposed rules for a practice: the shape by the seed's own schema pieces (role from the SDS job-role
 * codes, channel from the delivery channels, both required; an access profile naming at least one organisation
 * type or ODS code...), then that they name exactly the practice's schedules and sessions, in order, then the
 * seed's cross-reference checks (unknown access profile, duplicate profile id...) on the practice they would make.
 */
export function checkRules(practice: PracticeConfig, input: unknown): RulesCheck {
  const parsed = practiceRulesSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: pathText(issue.path), message: issue.message })),
    };
  }
  const rules = parsed.data;
  const issues: RulesIssue[] = [];
  if (rules.schedules.length !== practice.schedules.length) {
    issues.push({
      path: 'schedules',
      message: `the practice has ${practice.schedules.length} schedules; the rules must name each once, in order`,
    });
  }
  rules.schedules.forEach((schedule, s) => {
    const seed = practice.schedules[s];
    if (!seed) return;
    if (schedule.id !== seed.id) {
      issues.push({ path: `schedules.${s}.id`, message: `expected schedule ${seed.id} here` });
    } else if (schedule.sessions.length !== seed.sessions.length) {
      issues.push({
        path: `schedules.${s}.sessions`,
        message: `schedule ${seed.id} has ${seed.sessions.length} sessions; their days and times cannot be changed here`,
      });
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  checkPracticeReferences(withRules(practice, rules), (issue) => {
    // Only the rules' own fields can be wrong here: the rest is the seed's, checked at start-up.
    issues.push({ path: pathText(issue.path), message: issue.message });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules };
}

/**
 * A short, plain account of what changed between two sets of rules, for the audit trail (names and free text
 * never: profile descriptions are the practice's own words, so only ids appear).
 */
export function summariseChange(before: PracticeRules, after: PracticeRules): string {
  const changes: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(before.openAccess, after.openAccess)) changes.push('open access terms');
  const beforeProfiles = new Map(before.accessProfiles.map((profile) => [profile.id, profile]));
  const afterIds = new Set(after.accessProfiles.map((profile) => profile.id));
  for (const profile of after.accessProfiles) {
    const old = beforeProfiles.get(profile.id);
    if (!old) changes.push(`access profile ${profile.id} added`);
    else if (!same(old, profile)) changes.push(`access profile ${profile.id}`);
  }
  for (const id of beforeProfiles.keys()) {
    if (!afterIds.has(id)) changes.push(`access profile ${id} removed`);
  }
  after.schedules.forEach((schedule, s) => {
    const old = before.schedules[s];
    if (!old || same(old, schedule)) return;
    const parts: string[] = [];
    if (old.role !== schedule.role) parts.push(`role ${old.role} → ${schedule.role}`);
    if (old.bookable !== schedule.bookable) parts.push(schedule.bookable ? 'bookable' : 'not bookable');
    if (!same(old.accessProfiles, schedule.accessProfiles)) parts.push('access profiles');
    schedule.sessions.forEach((session, t) => {
      if (!same(old.sessions[t], session)) parts.push(`session ${t + 1}`);
    });
    changes.push(`schedule ${schedule.id}: ${parts.join(', ')}`);
  });
  return changes.length > 0 ? `Changed ${changes.join('; ')}` : 'No change';
}
