import type { ApiError } from './api-client';
import { noAnswerText, OFFLINE, SERVICE_UNAVAILABLE, type ErrorText } from './service-error-text';

export { OFFLINE, SERVICE_UNAVAILABLE, type ErrorText };
export { unavailableReasonText } from './unavailable-reason';

// Loaded when an error is to be shown (ErrorPanel) or with the pages that use them; what our service not answering
// is told with is in ./service-error-text.ts, in the first download (decision 0080).

const TRY_AGAIN_OR_PHONE = 'Try again in a few minutes, or phone your GP surgery.';

/** The GP surgery's system, not this service or the patient's connection: said so, as patients blame the wrong one. */
const PRACTICE_END = 'This service and your internet connection are working.';

/** The words for a failed call, by its code. */
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
    case 'service_unreachable':
    case 'invalid_response':
      return (
        noAnswerText(error) ?? {
          title: 'Sorry, there is a problem with the service',
          body: 'Try again later. If you need to book or change an appointment now, phone your GP surgery.',
        }
      );
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
