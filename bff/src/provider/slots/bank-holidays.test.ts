import { describe, expect, it } from 'vitest';
import { makeConfig } from '../test-support/builders.js';
import { BANK_HOLIDAYS_KNOWN_UNTIL, ENGLAND_BANK_HOLIDAYS, isBankHoliday } from './bank-holidays.js';
import { generateSlots } from './generate.js';

describe('bank holidays', () => {
  it('are real dates, in order, eight a year (with substitute days)', () => {
    expect([...ENGLAND_BANK_HOLIDAYS].sort()).toEqual(ENGLAND_BANK_HOLIDAYS);
    for (const date of ENGLAND_BANK_HOLIDAYS) {
      expect(new Date(`${date}T12:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      // Every bank holiday in England falls on a weekday (weekend ones move to a substitute day).
      expect([0, 6]).not.toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
    }
    const perYear = new Map<string, number>();
    for (const date of ENGLAND_BANK_HOLIDAYS)
      perYear.set(date.slice(0, 4), (perYear.get(date.slice(0, 4)) ?? 0) + 1);
    expect([...perYear.values()].every((count) => count === 8)).toBe(true);
    expect(ENGLAND_BANK_HOLIDAYS.at(-1)! <= BANK_HOLIDAYS_KNOWN_UNTIL).toBe(true);
  });

  it('close the practice: Christmas Day and the Boxing Day substitute of 2026 have no slots', () => {
    expect(isBankHoliday('2026-12-25')).toBe(true);
    expect(isBankHoliday('2026-12-28')).toBe(true);
    expect(isBankHoliday('2026-12-29')).toBe(false);
    const practice = makeConfig().practices[0]!;
    const dates = new Set(
      generateSlots(practice, '2026-12-21', 14).map((slot) => slot.startText.slice(0, 10)),
    );
    expect(dates.has('2026-12-24')).toBe(true);
    expect(dates.has('2026-12-25')).toBe(false);
    expect(dates.has('2026-12-28')).toBe(false);
    expect(dates.has('2026-12-29')).toBe(true);
  });
});
