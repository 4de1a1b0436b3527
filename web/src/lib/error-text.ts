import type { PracticeUnavailableReason } from '@gpbook/shared/practices';
import type { ApiError } from './api-client';

const TRY_AGAIN_OR_PHONE = 'Try again in a few minutes, or phone your GP surgery.';

/** The GP surgery's system, not this service or the patient's connection: said so, as patients blame the wrong one. */
const PRACTICE_END = 'This service and your internet connection are working.';

/** Our service is down: neither the patient's connection nor their surgery is to blame. */
export const SERVICE_UNAVAILABLE = {
  title: 'Sorry, this service is not available right now',
  body: 'Try again later. If you need to book or change an appointment now, phone your GP surgery.',
} as const;

export const OFFLINE = {
  title: 'You’re offline',
  body: 'Check your internet connection and try again.',
} as const;

/** What to tell the patient when a call fails: plain English, what they can do next, and a link that helps. */
export interface ErrorText {
  title: string;
  body: string;
  link?: { text: string; to: string } | undefined;
}

export function errorText(error: ApiError): ErrorText {
  switch (error.code) {
    case 'practice_timeout':
      return {
        title: 'Your GP surgery’s system is not answering',
        body: `It did not answer in time. ${PRACTICE_END} ${TRY_AGAIN_OR_PHONE}`,
      };
    case 'practice_unavailable':
      return {
        title: 'Your GP surgery’s system is not answering',
        body: `We could not connect to it. ${PRACTICE_END} ${TRY_AGAIN_OR_PHONE}`,
      };
    case 'practice_error':
      return {
        title: 'Your GP surgery’s system is not answering',
        body: `It answered with an error. ${PRACTICE_END} ${TRY_AGAIN_OR_PHONE}`,
      };
    case 'practice_cannot_book':
      return {
        title: 'This GP surgery cannot book appointments for you online',
        body: 'Phone the surgery to book, or choose another GP surgery.',
      };
    case 'practice_unknown':
      return {
        title: 'You cannot book online at this GP surgery',
        body: 'This GP surgery does not take online bookings through this service. Phone the surgery to book.',
      };
    case 'patient_not_found':
      return {
        title: 'Your GP surgery could not find your record',
        body: 'Phone your GP surgery to check they have your up-to-date details.',
      };
    case 'offline':
      return OFFLINE;
    case 'service_unreachable':
      return SERVICE_UNAVAILABLE;
    case 'invalid_response':
      // A 5xx that is not ours comes from what stands in front of our service while it is down.
      return error.status === 0 || error.status >= 500
        ? SERVICE_UNAVAILABLE
        : {
            title: 'Sorry, there is a problem with the service',
            body: 'Try again later. If you need to book or change an appointment now, phone your GP surgery.',
          };
    case 'unauthenticated':
    case 'session_expired':
      return { title: 'You need to sign in again', body: 'For your security, you were signed out.' };
    case 'rate_limited':
      return { title: 'Too many requests', body: 'Wait a moment, then try again.' };
    case 'slot_taken':
    case 'slot_unavailable':
      return {
        title: 'Sorry, that appointment has just been taken',
        body: 'Someone else booked it before you. Choose another time.',
      };
    case 'outcome_unknown':
      return {
        title: 'We do not know if your change was made',
        body: 'Your GP surgery’s system did not tell us. Check your appointments before you try again.',
      };
    case 'appointment_in_past':
      return {
        title: 'This appointment has already started',
        body: 'You can no longer change or cancel it online. Phone your GP surgery if you need to.',
      };
    case 'appointment_cancelled':
      return {
        title: 'This appointment has been cancelled',
        body: 'You cannot change a cancelled appointment.',
      };
    case 'appointment_changed':
      return {
        title: 'This appointment has changed',
        body: 'Your GP surgery changed this appointment since you opened it. Go back to your appointment to see it as it is now.',
      };
    case 'not_found':
      return {
        title: 'We could not find this appointment',
        body: 'It may have been cancelled or moved. Your appointments show them as they are now.',
        link: { text: 'Go to your appointments', to: '/' },
      };
    case 'csrf_failed':
      return { title: 'Sorry, something went wrong', body: 'Reload the page and try again.' };
    case 'range_too_long':
      return { title: 'Search fewer dates', body: 'You can search up to 4 weeks at a time.' };
    default:
      return {
        title: 'Sorry, there is a problem with the service',
        body: 'Try again later. If you need an appointment urgently, phone your GP surgery.',
      };
  }
}

/** Why a practice's system gave us nothing this time, as a clause about the practice: "its system did not answer in time". */
export function unavailableReasonText(reason: PracticeUnavailableReason): string {
  switch (reason) {
    case 'timeout':
      return 'its system did not answer in time';
    case 'unreachable':
      return 'we could not reach its system';
    case 'error':
      return 'its system had a problem';
  }
}
