import { todayInLondon, type LondonDate } from '@gpbook/shared/time';
import { useSession, type SessionState } from './api/get-session';

/**
 * Today's date in London. The session answer carries it, worked out by the BFF from the tz database, with the
 * instant it ends; until that instant by the BFF's clock (the device's, corrected by the offset measured when the
 * answer came) it is used as it is. Otherwise (signed out, a BFF from before it, or midnight has passed since) the
 * device works it out, which loads the time-zone data: a long pause on a slow phone (decision 0080).
 */
export function londonToday(state: SessionState | undefined, now: number = Date.now()): LondonDate {
  if (state?.status === 'signed-in') {
    const day = state.session.londonDay;
    if (day && now + state.clockOffsetMs < Date.parse(day.endsAt)) return day.date;
  }
  return todayInLondon(new Date(now));
}

/** {@link londonToday} for the session this page has. */
export function useLondonToday(): LondonDate {
  return londonToday(useSession().data);
}
