import { describe, expect, it } from 'vitest';
import { slotsQuerySchema } from './slots.js';

describe('slotsQuerySchema', () => {
  it('accepts a range of up to eight weeks (56 days) and the optional filters', () => {
    const query = slotsQuerySchema.parse({
      practice: 'A20047',
      from: '2026-03-20',
      to: '2026-05-14',
      role: 'nurse',
      channel: 'video',
    });
    expect(query).toMatchObject({ role: 'nurse', channel: 'video' });
  });

  it('refuses a range ending before it starts, longer than eight weeks, or with unreal dates', () => {
    const problems = (value: object) =>
      slotsQuerySchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(problems({ practice: 'A20047', from: '2026-03-20', to: '2026-03-19' })).toEqual(['to']);
    expect(problems({ practice: 'A20047', from: '2026-03-20', to: '2026-05-15' })).toEqual(['to']);
    expect(problems({ practice: 'A20047', from: '2026-02-30', to: '2026-03-01' })).toEqual(['from']);
    expect(problems({ practice: 'a1', from: '2026-03-01', to: '2026-03-01', role: 'surgeon' })).toEqual([
      'practice',
      'role',
    ]);
  });
});
