import type { DeliveryChannelCode } from '../../gpconnect/constants.js';
import type { PracticeConfig, ScheduleConfig, SessionTemplateConfig } from '../config/schema.js';
import { addLondonDays, londonInstant, londonIso, londonWeekday } from '../time/london.js';
import { isBankHoliday } from './bank-holidays.js';

/** One slot a session template produces, before it is stored. */
export interface GeneratedSlot {
  practice: string;
  scheduleId: string;
  startMs: number;
  endMs: number;
  startText: string;
  endText: string;
  slotType: string;
  deliveryChannel: DeliveryChannelCode;
  bookable: boolean;
  /** Access profiles restricting the slot; empty = open to every consumer. */
  accessProfiles: string[];
  /** The session of its schedule that makes it, by position (rules changed at run time are applied by it). */
  sessionIndex: number;
}

/** What a session's slots carry from the rules: the terms a rules change rewrites on its free slots. */
export interface SessionTerms {
  deliveryChannel: DeliveryChannelCode;
  bookable: boolean;
  accessProfiles: string[];
}

const ISO_DAY = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

/**
 * The rules a session's slots carry: its channel, bookable only if schedule and session both are, and its access
 * profiles. A session's own access profiles, when it names any, replace its schedule's: the session is the more
 * specific statement of who may book it (e.g. an urgent-care-only morning in an otherwise open GP schedule).
 */
export function sessionTerms(
  schedule: Pick<ScheduleConfig, 'bookable' | 'accessProfiles'>,
  session: Pick<SessionTemplateConfig, 'deliveryChannel' | 'bookable' | 'accessProfiles'>,
): SessionTerms {
  return {
    deliveryChannel: session.deliveryChannel,
    bookable: schedule.bookable && session.bookable,
    accessProfiles: session.accessProfiles.length > 0 ? session.accessProfiles : schedule.accessProfiles,
  };
}

function runsOn(session: SessionTemplateConfig, date: string): boolean {
  const { isoDay, isoWeek } = londonWeekday(date);
  if (!session.days.some((day) => ISO_DAY[day] === isoDay)) return false;
  if (session.weeks === 'odd') return isoWeek % 2 === 1;
  if (session.weeks === 'even') return isoWeek % 2 === 0;
  return true;
}

/**
 * Every slot the practice's session templates produce on the UK calendar days [firstDate, firstDate + days),
 * laid out in UK local time so a 09:00 clinic is at 09:00 in both GMT and BST. Practices in England are closed on
 * bank holidays: no session runs on one.
 */
export function generateSlots(practice: PracticeConfig, firstDate: string, days: number): GeneratedSlot[] {
  const slots: GeneratedSlot[] = [];
  for (let offset = 0; offset < days; offset++) {
    const date = addLondonDays(firstDate, offset);
    if (isBankHoliday(date)) continue;
    for (const schedule of practice.schedules) {
      schedule.sessions.forEach((session, sessionIndex) => {
        if (!runsOn(session, date)) return;
        const terms = sessionTerms(schedule, session);
        const sessionEnd = londonInstant(date, session.end);
        const step = session.slotMinutes * 60_000;
        for (let start = londonInstant(date, session.start); start + step <= sessionEnd; start += step) {
          slots.push({
            practice: practice.odsCode,
            scheduleId: schedule.id,
            startMs: start,
            endMs: start + step,
            startText: londonIso(start),
            endText: londonIso(start + step),
            slotType: session.slotType,
            ...terms,
            sessionIndex,
          });
        }
      });
    }
  }
  return slots;
}
