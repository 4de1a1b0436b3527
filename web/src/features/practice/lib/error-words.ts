import { PracticeApiError } from '../api/practice-request';

/** What staff are told when a practice-view request fails, by the BFF's code. */
export function practiceErrorText(error: unknown): { title: string; body: string } {
  if (!(error instanceof PracticeApiError))
    return { title: 'Sorry, there is a problem with the service', body: 'Try again later.' };
  switch (error.code) {
    case 'offline':
      return { title: 'You’re offline', body: 'Check your internet connection and try again.' };
    case 'service_unreachable':
    case 'invalid_response':
    case 'internal_error':
      return { title: 'Sorry, there is a problem with the service', body: 'Try again later.' };
    case 'forbidden':
      return {
        title: 'You cannot do this at this practice',
        body: 'Your role does not allow it. Ask your practice manager, or sign in with a role that does.',
      };
    case 'not_supported':
      return {
        title: 'Only available with the reference provider',
        body: 'This practice’s clinical system does not tell us why a slot is not offered, or let us change its rules from here. Check the settings in the clinical system itself.',
      };
    case 'practice_timeout':
      return { title: 'The practice’s system did not answer in time', body: 'Try again in a few minutes.' };
    case 'practice_unavailable':
    case 'practice_error':
      return { title: 'The practice’s system is not answering', body: 'Try again in a few minutes.' };
    case 'practice_unknown':
      return { title: 'We do not know this practice', body: 'Choose one of your practices.' };
    case 'rate_limited':
      return { title: 'Too many requests', body: 'Wait a minute, then try again.' };
    case 'validation_failed':
    case 'bad_request':
    case 'range_too_long':
      return {
        title: 'We could not run this search',
        body: 'Check the dates and booking services, then try again.',
      };
    default:
      return { title: 'Sorry, there is a problem with the service', body: 'Try again later.' };
  }
}
