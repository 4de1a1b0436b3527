import { SIGNED_IN_HINT_COOKIE, type SessionResponse } from '@gpbook/shared/session';
import { queryOptions, useQuery, type Query, type QueryClient } from '@tanstack/react-query';
import { sessionResponse } from '../../../lib/answers';
import { apiGet, isSessionLost } from '../../../lib/api-client';
import { setCsrfToken } from '../../../lib/csrf';

/**
 * Who is signed in. Signed out is an answer, not an error; an error means we could not find out (offline).
 * `clockOffsetMs` is the server's clock minus the device's when the answer came: expiry times are the server's.
 */
export type SessionState =
  | { status: 'signed-in'; session: SessionResponse; clockOffsetMs: number }
  | { status: 'signed-out'; why: SignedOutReason };

/** Why nobody is signed in: never was (or the server forgot), the session timed out, or the patient signed out here. */
export type SignedOutReason = 'not-signed-in' | 'expired' | 'signed-out';

/** The signed-in state for a session answer received just now. */
export function signedIn(session: SessionResponse, now: number = Date.now()): SessionState {
  return { status: 'signed-in', session, clockOffsetMs: Date.parse(session.serverTime) - now };
}

export const sessionQueryKey = ['session'] as const;

/** Every cached answer but the session's: what is dropped when the patient's session goes. */
export const allButSession = { predicate: (query: Query) => query.queryKey[0] !== sessionQueryKey[0] };

const SIGNED_IN_HINT = new RegExp(`(?:^|;\\s*)(?:__Host-)?${SIGNED_IN_HINT_COOKIE}=`);

/** Whether the server has said a session may exist here (the readable hint cookie set with the session's). */
export function mayBeSignedIn(): boolean {
  return SIGNED_IN_HINT.test(document.cookie);
}

export async function getSession(signal?: AbortSignal): Promise<SessionState> {
  // Never signed in on this browser (or signed out): nothing to ask the server.
  if (!mayBeSignedIn()) {
    setCsrfToken(undefined);
    return { status: 'signed-out', why: 'not-signed-in' };
  }
  try {
    const session = await apiGet('/api/session', sessionResponse, signal);
    setCsrfToken(session.csrfToken);
    return signedIn(session);
  } catch (error) {
    if (isSessionLost(error)) {
      setCsrfToken(undefined);
      return { status: 'signed-out', why: error.code === 'session_expired' ? 'expired' : 'not-signed-in' };
    }
    throw error;
  }
}

export const sessionQueryOptions = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: ({ signal }) => getSession(signal),
  // Looking at the session never extends it, so it is cheap to re-check when the patient comes back to the tab.
  staleTime: 60 * 1000,
});

export function useSession() {
  return useQuery(sessionQueryOptions);
}

/** Records what we now know about the session (after "stay signed in", sign-out, or a 401 elsewhere). */
export function setSessionState(queryClient: QueryClient, state: SessionState): void {
  queryClient.setQueryData(sessionQueryOptions.queryKey, state);
}
