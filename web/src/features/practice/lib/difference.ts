import type { RoleGroup } from '@gpbook/shared/codes';
import type { Consumer, ConsumerVisibility, VisibilityResponse } from '@gpbook/shared/practice-view';
import type { LondonDate } from '@gpbook/shared/time';
import { fixedConsumerLabel, fixedConsumers, type FixedConsumer } from './visibility-search';
import { dayLabel, failureWords, roleWord } from './words';

/** How one role's free slots changed on one day for one consumer (never zero). */
export interface RoleChange {
  role: RoleGroup;
  change: number;
}

/** What changed for one consumer between two answers to the same search. */
export type ConsumerDifference =
  | {
      status: 'compared';
      consumer: Consumer;
      totalBefore: number;
      totalAfter: number;
      /** Only the days where something changed, in date order. */
      days: Array<{ date: LondonDate; before: number; after: number; changes: RoleChange[] }>;
    }
  /** One of the two searches failed: nothing can be said. */
  | { status: 'unknown'; consumer: Consumer; why: string };

function countsByRole(byRole: ReadonlyArray<{ group: RoleGroup; count: number }>): Map<RoleGroup, number> {
  return new Map(byRole.map((entry) => [entry.group, entry.count]));
}

function compare(before: ConsumerVisibility, after: ConsumerVisibility): ConsumerDifference {
  if (before.status !== 'ok' || after.status !== 'ok') {
    const failed = before.status === 'failed' ? before : after.status === 'failed' ? after : undefined;
    return { status: 'unknown', consumer: after.consumer, why: failed ? failureWords[failed.reason] : '' };
  }
  const beforeDays = new Map(before.days.map((day) => [day.date, day]));
  const days: Extract<ConsumerDifference, { status: 'compared' }>['days'] = [];
  for (const day of after.days) {
    const was = beforeDays.get(day.date);
    const wasByRole = countsByRole(was?.byRole ?? []);
    const nowByRole = countsByRole(day.byRole);
    const roles = [...new Set([...wasByRole.keys(), ...nowByRole.keys()])];
    const changes = roles
      .map((role) => ({ role, change: (nowByRole.get(role) ?? 0) - (wasByRole.get(role) ?? 0) }))
      .filter((entry) => entry.change !== 0)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.role.localeCompare(b.role));
    if (changes.length > 0) days.push({ date: day.date, before: was?.total ?? 0, after: day.total, changes });
  }
  return {
    status: 'compared',
    consumer: after.consumer,
    totalBefore: before.totals.total,
    totalAfter: after.totals.total,
    days,
  };
}

/**
 * The difference a change of the rules made, consumer by consumer: `before` and `after` are two answers to the
 * same visibility search (same range, same consumers), one from just before the change and one from just after.
 */
export function visibilityDifference(
  before: VisibilityResponse,
  after: VisibilityResponse,
): ConsumerDifference[] {
  return after.consumers.map((now) => {
    const was = before.consumers.find((candidate) => candidate.consumer.key === now.consumer.key);
    return was
      ? compare(was, now)
      : { status: 'unknown', consumer: now.consumer, why: 'it was not searched before the change' };
  });
}

/** A consumer's name at the start of a sentence: the checkbox's words for the usual three. */
export function consumerName(consumer: Consumer): string {
  return (fixedConsumers as readonly string[]).includes(consumer.key)
    ? fixedConsumerLabel[consumer.key as FixedConsumer].label
    : consumer.label;
}

/** A consumer's name inside a sentence: "this app", "another GP practice", "NHS 111 (urgent care)". */
export function consumerInSentence(consumer: Consumer): string {
  if (consumer.key === 'app') return 'this app';
  if (consumer.key === 'org:gp-practice') return 'another GP practice';
  return consumerName(consumer);
}

const count = (value: number) => value.toLocaleString('en-GB');

function changeWords({ role, change }: RoleChange): string {
  const size = Math.abs(change);
  return `${count(size)} ${change > 0 ? 'more' : 'fewer'} ${roleWord(role)} ${size === 1 ? 'slot' : 'slots'}`;
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** What changed for one consumer, in words: a headline, then a sentence per day that changed. */
export function differenceWords(difference: ConsumerDifference): { headline: string; days: string[] } {
  const name = consumerName(difference.consumer);
  if (difference.status === 'unknown')
    return {
      headline: `We could not compare what ${name} sees${difference.why ? `: ${difference.why}` : ''}.`,
      days: [],
    };
  const { totalBefore, totalAfter } = difference;
  const change = totalAfter - totalBefore;
  const headline =
    change === 0 && difference.days.length === 0
      ? `No change for ${name}: ${count(totalAfter)} ${totalAfter === 1 ? 'slot' : 'slots'}, as before.`
      : change === 0
        ? `${name} sees the same number of slots in all (${count(totalAfter)}), on different days or of different kinds.`
        : `${name} now sees ${count(Math.abs(change))} ${change > 0 ? 'more' : 'fewer'} ${Math.abs(change) === 1 ? 'slot' : 'slots'} in all (${count(totalBefore)} before, ${count(totalAfter)} now).`;
  return {
    headline,
    days: difference.days.map(
      (day) => `${name} now sees ${joinAnd(day.changes.map(changeWords))} on ${dayLabel(day.date)}.`,
    ),
  };
}
