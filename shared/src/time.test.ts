import { describe, expect, it } from 'vitest';
import {
  addDaysToLondonDate,
  dateTimeWithOffsetSchema,
  daysBetweenLondonDates,
  formatLondonCalendarDate,
  formatLondonDate,
  formatLondonLocalDate,
  formatLondonLocalTime,
  formatLondonTime,
  londonLocalHour,
  londonDateOf,
  londonDateSchema,
  londonDateTimeWithOffset,
  minutesBetween,
  startOfLondonDate,
  todayInLondon,
} from './time.js';

// 2026 clock changes: BST starts Sunday 29 March at 01:00 UTC, ends Sunday 25 October at 01:00 UTC.

describe('londonDateTimeWithOffset', () => {
  it('uses +00:00 in winter and +01:00 in summer, never Z', () => {
    expect(londonDateTimeWithOffset(new Date('2026-01-15T09:30:00Z'))).toBe('2026-01-15T09:30:00+00:00');
    expect(londonDateTimeWithOffset(new Date('2026-07-15T08:30:00Z'))).toBe('2026-07-15T09:30:00+01:00');
  });

  it('switches at the exact instants of the spring and autumn changes', () => {
    expect(londonDateTimeWithOffset('2026-03-29T00:59:59Z')).toBe('2026-03-29T00:59:59+00:00');
    expect(londonDateTimeWithOffset('2026-03-29T01:00:00Z')).toBe('2026-03-29T02:00:00+01:00');
    expect(londonDateTimeWithOffset('2026-10-25T00:59:59Z')).toBe('2026-10-25T01:59:59+01:00');
    expect(londonDateTimeWithOffset('2026-10-25T01:00:00Z')).toBe('2026-10-25T01:00:00+00:00');
  });

  it('reads whatever offset the tz database holds, not only 0 and 1 hour', () => {
    // British Double Summer Time (+02:00) in 1941; British Standard Time (+01:00 all year) in the winter of 1969.
    expect(londonDateTimeWithOffset('1941-06-01T12:00:00Z')).toBe('1941-06-01T14:00:00+02:00');
    expect(londonDateTimeWithOffset('1969-01-15T12:00:00Z')).toBe('1969-01-15T13:00:00+01:00');
  });

  it('keeps a GP Connect string as it is when it is already London time', () => {
    for (const value of [
      '2017-09-15T11:30:00+01:00',
      '2019-03-29T11:30:00+00:00',
      '2026-10-25T01:30:00+00:00',
    ]) {
      expect(londonDateTimeWithOffset(value)).toBe(value);
    }
  });

  it('refuses something that is not a date', () => {
    expect(() => londonDateTimeWithOffset('not a date')).toThrow(RangeError);
  });
});

describe('London times remembered per instant', () => {
  /** The tz database's own answer, through Intl: London's wall clock and offset at an instant. */
  const intl = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const byIntl = (instant: Date) => {
    const parts = Object.fromEntries(intl.formatToParts(instant).map((part) => [part.type, part.value]));
    const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).slice(3);
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
  };
  // Every 5 minutes (and a few seconds either side of each hour) over the days around both 2026 changes, and
  // over a whole BST change night in 1995, 2027 and 2040.
  const instants = [
    ['2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z'],
    ['2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z'],
    ['1995-03-26T00:00:00Z', '1995-03-26T03:00:00Z'],
    ['2027-10-31T00:00:00Z', '2027-10-31T03:00:00Z'],
    ['2040-03-25T00:00:00Z', '2040-03-25T03:00:00Z'],
  ].flatMap(([from, to]) => {
    const list: Date[] = [];
    for (let ms = Date.parse(from ?? ''); ms < Date.parse(to ?? ''); ms += 5 * 60_000) {
      list.push(new Date(ms - 1000), new Date(ms), new Date(ms + 1000));
    }
    return list;
  });

  it('agrees with the tz database at every instant tried, asked first and asked again', () => {
    for (const round of ['first', 'again']) {
      for (const instant of instants) {
        const expected = byIntl(instant);
        expect(londonDateTimeWithOffset(instant), `${round} ${instant.toISOString()}`).toBe(expected);
        expect(londonDateTimeWithOffset(instant.toISOString())).toBe(expected);
        expect(londonDateOf(instant)).toBe(expected.slice(0, 10));
      }
    }
  });

  it('gives whole seconds, whatever the milliseconds, and still refuses what is not a date', () => {
    expect(londonDateTimeWithOffset('2026-07-01T08:30:00.999Z')).toBe('2026-07-01T09:30:00+01:00');
    expect(londonDateTimeWithOffset('2026-07-01T08:30:00.000Z')).toBe('2026-07-01T09:30:00+01:00');
    expect(() => londonDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('londonDateOf and todayInLondon', () => {
  it('gives the London date, which in summer is a day ahead of UTC late in the evening', () => {
    expect(londonDateOf('2026-06-01T23:30:00Z')).toBe('2026-06-02');
    expect(londonDateOf('2026-12-01T23:30:00Z')).toBe('2026-12-01');
    expect(todayInLondon(new Date('2026-03-28T23:59:59Z'))).toBe('2026-03-28');
    expect(todayInLondon(new Date('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
  });
});

describe('slot and appointment times, read from their London local text', () => {
  it('say what the tz database says, every 15 minutes across both 2026 clock changes', () => {
    for (const [from, to] of [
      ['2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z'],
      ['2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z'],
    ] as const) {
      for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 15 * 60_000) {
        const instant = new Date(ms);
        const text = londonDateTimeWithOffset(instant);
        expect(formatLondonLocalTime(text), text).toBe(formatLondonTime(instant));
        expect(formatLondonLocalDate(text), text).toBe(formatLondonDate(instant));
        expect(londonLocalHour(text), text).toBe(Number(text.slice(11, 13)));
      }
    }
  });

  it('take a time written with another offset through the tz database', () => {
    // 08:30 UTC on 1 July is 9:30am in London (BST).
    expect(formatLondonLocalTime('2026-07-01T08:30:00-00:00')).toBe('9:30am');
    expect(formatLondonLocalTime('2026-07-01T10:30:00+02:00')).toBe('9:30am');
    expect(londonLocalHour('2026-07-01T23:30:00-01:00')).toBe(1);
    expect(formatLondonLocalDate('2026-07-01T23:30:00-01:00')).toBe('Thursday 2 July 2026');
  });
});

describe('startOfLondonDate', () => {
  it('is the local midnight of every date over two years, clock-change days included', () => {
    for (let date = '2026-01-01'; date < '2028-01-01'; date = addDaysToLondonDate(date, 1)) {
      const start = startOfLondonDate(date);
      expect(londonDateOf(start), date).toBe(date);
      expect(londonDateTimeWithOffset(start).slice(11, 19), date).toBe('00:00:00');
      expect(londonDateOf(new Date(start.getTime() - 1)), date).toBe(addDaysToLondonDate(date, -1));
    }
    expect(startOfLondonDate('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLondonDate('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfLondonDate('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfLondonDate('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});

describe('addDaysToLondonDate and daysBetweenLondonDates', () => {
  it('moves by calendar days across both clock changes (23- and 25-hour days)', () => {
    expect(addDaysToLondonDate('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDaysToLondonDate('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDaysToLondonDate('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDaysToLondonDate('2026-03-20', 14)).toBe('2026-04-03');
    expect(addDaysToLondonDate('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDaysToLondonDate('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts calendar days, not 24-hour periods', () => {
    expect(daysBetweenLondonDates('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetweenLondonDates('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetweenLondonDates('2026-03-20', '2026-04-03')).toBe(14);
    expect(daysBetweenLondonDates('2026-04-03', '2026-03-20')).toBe(-14);
    expect(daysBetweenLondonDates('2026-05-05', '2026-05-05')).toBe(0);
  });
});

describe('formatting for patients', () => {
  it('writes dates as NHS content style does', () => {
    expect(formatLondonDate('2026-03-03T09:30:00+00:00')).toBe('Tuesday 3 March 2026');
    expect(formatLondonDate('2026-06-01T23:30:00Z')).toBe('Tuesday 2 June 2026');
    expect(formatLondonCalendarDate('2026-03-29')).toBe('Sunday 29 March 2026');
  });

  it('writes times as 9am, 9:30am, 2:15pm, midday and midnight in London time', () => {
    expect(formatLondonTime('2026-03-03T09:30:00+00:00')).toBe('9:30am');
    expect(formatLondonTime('2026-03-03T09:00:00+00:00')).toBe('9am');
    expect(formatLondonTime('2026-07-03T13:15:00Z')).toBe('2:15pm');
    expect(formatLondonTime('2026-07-03T11:00:00Z')).toBe('midday');
    expect(formatLondonTime('2026-07-03T23:00:00Z')).toBe('midnight');
    expect(formatLondonTime('2026-03-29T01:30:00Z')).toBe('2:30am');
    expect(formatLondonTime('2026-10-25T01:30:00Z')).toBe('1:30am');
  });

  it('agrees with Intl’s Europe/London (the tz database) every 15 minutes across the clock changes, and for 3,000 other instants', () => {
    const parts = (format: Intl.DateTimeFormat, instant: Date) => {
      const found = format.formatToParts(instant);
      return (type: Intl.DateTimeFormatPartTypes) => found.find((part) => part.type === type)?.value ?? '';
    };
    const dates = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const times = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const expectedTime = (instant: Date) => {
      const part = parts(times, instant);
      const hour = Number(part('hour')) % 24;
      const minute = part('minute');
      if (minute === '00' && hour === 12) return 'midday';
      if (minute === '00' && hour === 0) return 'midnight';
      const hour12 = hour % 12 === 0 ? 12 : hour % 12;
      return `${hour12}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
    };
    const instants: Date[] = [];
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z']) {
      for (let step = -8 * 4; step <= 8 * 4; step++)
        instants.push(new Date(Date.parse(change) + step * 15 * 60_000));
    }
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 48271) % 2147483647;
      instants.push(new Date(Date.UTC(2024, 0, 1) + (seed % (6 * 366 * 86_400)) * 1000));
    }
    for (const instant of instants) {
      const date = parts(dates, instant);
      expect(formatLondonDate(instant)).toBe(
        `${date('weekday')} ${date('day')} ${date('month')} ${date('year')}`,
      );
      expect(formatLondonTime(instant)).toBe(expectedTime(instant));
      expect(formatLondonTime(londonDateTimeWithOffset(instant))).toBe(expectedTime(instant));
    }
  });

  it('counts minutes between instants across a clock change', () => {
    expect(minutesBetween('2026-03-29T00:50:00+00:00', '2026-03-29T02:10:00+01:00')).toBe(20);
    expect(minutesBetween('2017-09-15T11:30:00+01:00', '2017-09-15T11:40:00+01:00')).toBe(10);
  });
});

describe('schemas', () => {
  it('accepts only real yyyy-mm-dd dates', () => {
    expect(londonDateSchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-3-1', '2026-03-01T00:00:00', '']) {
      expect(londonDateSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts date-times with an offset and refuses Z or no offset', () => {
    for (const good of [
      '2026-03-03T09:30:00+00:00',
      '2028-02-29T09:30:00+00:00',
      '2026-04-30T00:00:00+01:00',
      '2026-12-31T23:59:59.5-01:00',
    ]) {
      expect(dateTimeWithOffsetSchema.safeParse(good).success, good).toBe(true);
    }
    for (const bad of [
      '2026-03-03T09:30:00Z',
      '2026-03-03T09:30:00',
      '2026-03-03T09:30+00:00',
      // Date.parse takes these as 2 March, 1 May and midnight next day: not real date-times.
      '2026-02-30T09:30:00+00:00',
      '2026-02-29T09:30:00+00:00',
      '2026-00-10T09:30:00+00:00',
      '2026-01-00T09:30:00+00:00',
      '2026-04-31T09:30:00+01:00',
      '2026-03-03T24:00:00+00:00',
      '2026-03-03T09:60:00+00:00',
    ]) {
      expect(dateTimeWithOffsetSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
