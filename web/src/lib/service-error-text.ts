import type { ApiError } from './api-client';

// The words for a failure in which our service did not answer: in the first download, as loading the rest of the
// error texts (./error-text.ts) could fail for the same reason (decision 0080).

/** What to tell the patient when a call fails: plain English, what they can do next, and a link that helps. */
export interface ErrorText {
  title: string;
  body: string;
  link?: { text: string; to: string } | undefined;
}

/** Our service is down: neither the patient's connection nor their surgery is to blame. */
export const SERVICE_UNAVAILABLE = {
  title: 'Sorry, this service is not available right now',
  body: 'Try again later. If you need to book or change an appointment now, phone your GP surgery.',
} as const;

export const OFFLINE = {
  title: 'You’re offline',
  body: 'Check your internet connection and try again.',
} as const;

/** A failure that is not a call's (a bug), or whose words could not be loaded: nothing more is known. */
export const SERVICE_PROBLEM = {
  title: 'Sorry, there is a problem with the service',
  body: 'Try again later.',
} as const;

/**
 * The words for a call our service did not answer: the device is offline, nothing answered, or what answered was
 * not our service (a 5xx from what stands in front of it while it is down). Undefined when our service answered.
 */
export function noAnswerText(error: ApiError): ErrorText | undefined {
  if (error.code === 'offline') return OFFLINE;
  if (error.code === 'service_unreachable') return SERVICE_UNAVAILABLE;
  if (error.code === 'invalid_response' && (error.status === 0 || error.status >= 500))
    return SERVICE_UNAVAILABLE;
  return undefined;
}
