import { todayInLondon, type LondonDate } from '@gpbook/shared/time';
import { useSession, type SessionState } from './api/get-session';

/**
 * Today's date in London. The session answer carries it, worked out by the BFF from the tz database, with the
 * instant it ends; until that instant by the BFF's clock (the device's, corrected by the offset measured when the
 * answer came) it is used as it is. Otherwise (signed out, a BFF from before it, or midnight has passed since) the
 * device works it out, which loads the time-zone data: a long pause on a slow phone (decision 0080).
 */
export function londonToday(state: SessionState | undefined, now: number = Date.now()): LondonDate {
  return sessionLondonToday(state, now) ?? todayInLondon(new Date(now));
}

/**
 * Today's date in London as the session answer gives it, while it holds; undefined when there is no such answer
 * (signed out, not known yet) or midnight has passed since, where only the time-zone data could tell.
 */
export function sessionLondonToday(
  state: SessionState | undefined,
  now: number = Date.now(),
): LondonDate | undefined {
  if (state?.status !== 'signed-in') return undefined;
  const day = state.session.londonDay;
  return day && now + state.clockOffsetMs < Date.parse(day.endsAt) ? day.date : undefined;
}

/** {@link londonToday} for the session this page has. */
export function useLondonToday(): LondonDate {
  return londonToday(useSession().data);
}
