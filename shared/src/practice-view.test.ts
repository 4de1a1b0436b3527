import { describe, expect, it } from 'vitest';
import {
  accessProfileRuleSchema,
  consumerKeyOf,
  consumerKeySchema,
  explanationsQuerySchema,
  visibilityQuerySchema,
} from './practice-view.js';

const problems = (result: { error?: { issues: Array<{ path: PropertyKey[] }> } | undefined }) =>
  result.error?.issues.map((issue) => issue.path.join('.'));

describe('consumer keys', () => {
  it('accepts this app, no filter, an organisation type, and an ODS code with or without a type', () => {
    for (const key of [
      'app',
      'none',
      'org:urgent-care',
      'org:gp-practice',
      'ods:B82005',
      'ods:B82005:gp-practice',
    ])
      expect(consumerKeySchema.safeParse(key).success, key).toBe(true);
  });

  it('refuses unknown organisation types, lower-case ODS codes and other words', () => {
    for (const key of ['org:oncology', 'ods:b82005', 'ods:B82005:', 'org:', 'everyone', 'app:A1'])
      expect(consumerKeySchema.safeParse(key).success, key).toBe(false);
  });

  it('consumerKeyOf gives back the key of what a consumer sends', () => {
    expect(consumerKeyOf({})).toBe('none');
    expect(consumerKeyOf({ orgType: 'urgent-care' })).toBe('org:urgent-care');
    expect(consumerKeyOf({ odsCode: 'B82005' })).toBe('ods:B82005');
    expect(consumerKeyOf({ odsCode: 'B82005', orgType: 'gp-practice' })).toBe('ods:B82005:gp-practice');
  });
});

describe('visibilityQuerySchema', () => {
  it('takes one consumer as a string and several as an array', () => {
    expect(
      visibilityQuerySchema.parse({ start: '2026-12-01', end: '2026-12-14', consumer: 'app' }).consumer,
    ).toEqual(['app']);
    expect(
      visibilityQuerySchema.parse({
        start: '2026-12-01',
        end: '2027-01-25',
        consumer: ['app', 'org:urgent-care'],
      }).consumer,
    ).toEqual(['app', 'org:urgent-care']);
  });

  it('refuses more than eight weeks, an end before the start, no consumer, repeats and too many', () => {
    const at = (query: object) => problems(visibilityQuerySchema.safeParse(query));
    expect(at({ start: '2026-12-01', end: '2027-01-26', consumer: 'app' })).toEqual(['end']);
    expect(at({ start: '2026-12-01', end: '2026-11-30', consumer: 'app' })).toEqual(['end']);
    expect(at({ start: '2026-12-01', end: '2026-12-01', consumer: [] })).toEqual(['consumer']);
    expect(at({ start: '2026-12-01', end: '2026-12-01', consumer: ['app', 'app'] })).toEqual(['consumer']);
    expect(
      at({
        start: '2026-12-01',
        end: '2026-12-01',
        consumer: [
          'app',
          'none',
          'org:urgent-care',
          'org:gp-practice',
          'ods:A1001',
          'ods:A1002',
          'ods:A1003',
        ],
      }),
    ).toEqual(['consumer']);
  });
});

describe('explanationsQuerySchema', () => {
  it('takes exactly one consumer', () => {
    expect(
      explanationsQuerySchema.safeParse({ start: '2026-12-01', end: '2026-12-01', consumer: 'app' }).success,
    ).toBe(true);
    expect(
      problems(
        explanationsQuerySchema.safeParse({ start: '2026-12-01', end: '2026-12-01', consumer: ['app'] }),
      ),
    ).toEqual(['consumer']);
  });
});

describe('accessProfileRuleSchema', () => {
  it('refuses a profile that names neither an organisation type nor an ODS code', () => {
    const profile = { id: 'p1', description: 'Nobody', orgTypes: [], odsCodes: [] };
    expect(problems(accessProfileRuleSchema.safeParse(profile))).toEqual(['orgTypes']);
    expect(accessProfileRuleSchema.safeParse({ ...profile, odsCodes: ['B82005'] }).success).toBe(true);
  });
});
