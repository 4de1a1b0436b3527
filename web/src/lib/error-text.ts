import type { ApiError } from './api-client';

/** What to tell the patient when a call fails: plain English, and what they can do next. */
export function errorText(error: ApiError): { title: string; body: string } {
  switch (error.code) {
    case 'practice_unavailable':
    case 'practice_error':
      return {
        title: 'Your GP surgery’s system is not available',
        body: 'We could not reach your GP surgery’s appointment system. Try again in a few minutes, or phone your GP surgery.',
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
    case 'network_error':
      return {
        title: 'You appear to be offline',
        body: 'Check your internet connection and try again.',
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
    case 'booking_outcome_unknown':
      return {
        title: 'We do not know if your appointment was booked',
        body: 'Your GP surgery’s system did not answer in time. Check your appointments before you try again.',
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
        body: 'It may have been cancelled or moved. Go to your appointments to see them as they are now.',
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
