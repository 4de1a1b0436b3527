import type { RoleGroup } from '@gpbook/shared/codes';
import type { ConsumerVisibility, VisibilityResponse } from '@gpbook/shared/practice-view';
import { describe, expect, it } from 'vitest';
import { differenceWords, visibilityDifference } from './difference';

type Day = { date: string; roles: Partial<Record<RoleGroup, number>> };

function okConsumer(key: 'app' | 'org:urgent-care', days: Day[]): ConsumerVisibility {
  const counts = (roles: Partial<Record<RoleGroup, number>>) => {
    const byRole = Object.entries(roles)
      .filter(([, count]) => (count ?? 0) > 0)
      .map(([group, count]) => ({ group: group as RoleGroup, count: count ?? 0 }));
    const total = byRole.reduce((sum, entry) => sum + entry.count, 0);
    return { total, byRole, byChannel: [], bySite: [] };
  };
  const all: Partial<Record<RoleGroup, number>> = {};
  for (const day of days)
    for (const [group, count] of Object.entries(day.roles))
      all[group as RoleGroup] = (all[group as RoleGroup] ?? 0) + (count ?? 0);
  return {
    status: 'ok',
    consumer:
      key === 'app'
        ? { key, kind: 'app', label: 'This app' }
        : { key, kind: 'org', orgType: 'urgent-care', label: 'Urgent care (such as NHS 111)' },
    totals: counts(all),
    days: days.map((day) => ({ date: day.date, ...counts(day.roles) })),
    slots: [],
  };
}

function answer(consumers: ConsumerVisibility[]): VisibilityResponse {
  return {
    practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' },
    start: '2026-12-07',
    end: '2026-12-08',
    searchedAt: '2026-12-01T09:00:00+00:00',
    consumers,
  };
}

describe('the difference a change of the rules made', () => {
  it('says how many more slots of each kind a booking service sees on each day that changed', () => {
    const before = answer([
      okConsumer('org:urgent-care', [
        { date: '2026-12-07', roles: { gp: 10 } },
        { date: '2026-12-08', roles: { gp: 10, nurse: 0 } },
      ]),
    ]);
    const after = answer([
      okConsumer('org:urgent-care', [
        { date: '2026-12-07', roles: { gp: 10 } },
        { date: '2026-12-08', roles: { gp: 10, nurse: 6 } },
      ]),
    ]);
    const [difference] = visibilityDifference(before, after);
    expect(differenceWords(difference!)).toEqual({
      headline: 'NHS 111 (urgent care) now sees 6 more slots in all (20 before, 26 now).',
      days: ['NHS 111 (urgent care) now sees 6 more nurse slots on Tuesday 8 December.'],
    });
  });

  it('names more and fewer of different kinds on one day, and a single slot in the singular', () => {
    const before = answer([okConsumer('app', [{ date: '2026-12-07', roles: { gp: 4, nurse: 3 } }])]);
    const after = answer([okConsumer('app', [{ date: '2026-12-07', roles: { gp: 5, nurse: 1 } }])]);
    const [difference] = visibilityDifference(before, after);
    expect(differenceWords(difference!)).toEqual({
      headline: 'This app now sees 1 fewer slot in all (7 before, 6 now).',
      days: ['This app now sees 2 fewer nurse slots and 1 more GP slot on Monday 7 December.'],
    });
  });

  it('says when nothing changed, and when a search failed so nothing can be said', () => {
    const same = answer([okConsumer('app', [{ date: '2026-12-07', roles: { gp: 4 } }])]);
    expect(differenceWords(visibilityDifference(same, same)[0]!)).toEqual({
      headline: 'No change for This app: 4 slots, as before.',
      days: [],
    });
    const failed = answer([
      {
        status: 'failed',
        consumer: { key: 'app', kind: 'app', label: 'This app' },
        reason: 'timeout',
        message: 'timed out',
      },
    ]);
    expect(differenceWords(visibilityDifference(failed, same)[0]!).headline).toBe(
      'We could not compare what This app sees: the practice’s system did not answer in time.',
    );
  });
});
