import type { SessionResponse } from '@gpbook/shared/session';
import { todayInLondon } from '@gpbook/shared/time';
import { describe, expect, it } from 'vitest';
import { signedIn } from './api/get-session';
import { londonToday } from './london-today';

const session = (londonDay?: SessionResponse['londonDay']): SessionResponse => ({
  user: { id: 'u'.repeat(16), displayName: 'Jane Smith', givenName: 'Jane', familyName: 'Smith' },
  registeredOds: 'Y90001',
  idleExpiresAt: '2026-06-30T23:30:00+00:00',
  absoluteExpiresAt: '2026-07-01T10:00:00+00:00',
  csrfToken: 'c'.repeat(20),
  serverTime: '2026-06-30T22:00:00+00:00',
  ...(londonDay ? { londonDay } : {}),
});

describe('londonToday', () => {
  // 30 June 2026 in London (BST) ends at 23:00 UTC.
  const day = { date: '2026-06-30', endsAt: '2026-06-30T23:00:00+00:00' };
  const at = (iso: string) => Date.parse(iso);

  it("takes the session's London date until the instant it ends, by the server's clock", () => {
    const state = signedIn(session(day), at('2026-06-30T22:00:00Z'));
    expect(londonToday(state, at('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30');
    // From the instant it ends, the device works it out (the tz database says 1 July).
    expect(londonToday(state, at('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });

  it('measures the end against the server clock, not a device clock that is wrong', () => {
    // The device is an hour slow: its 22:30 is the server's 23:30, after the day ended.
    const state = signedIn(session(day), at('2026-06-30T21:00:00Z'));
    expect(londonToday(state, at('2026-06-30T22:30:00Z'))).toBe(
      todayInLondon(new Date(at('2026-06-30T22:30:00Z'))),
    );
    expect(londonToday(state, at('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });

  it('works it out on the device when signed out, or when the BFF did not send it', () => {
    const now = at('2026-03-29T00:30:00Z');
    expect(londonToday({ status: 'signed-out', why: 'not-signed-in' }, now)).toBe('2026-03-29');
    expect(londonToday(signedIn(session(), now), now)).toBe('2026-03-29');
    expect(londonToday(undefined, at('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
  });
});
