import { SIGNED_IN_HINT_COOKIE } from '@gpbook/shared/session';
import {
  PRACTICE_VIEW_PATH,
  STAFF_LOGOUT_PATH,
  STAFF_SIGNED_IN_HINT_COOKIE,
  type StaffSessionResponse,
} from '@gpbook/shared/staff-session';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

const STAFF_REFRESH_PATH = '/api/staff/session/refresh';
import { staffSessionResponse } from './answers';
import { isStaffSessionLost, practiceRequest } from './practice-request';

/**
 * Who is signed in to the practice view. Signed out is an answer, not an error. `clockOffsetMs` is the server's
 * clock minus the device's when the answer came: the expiry times are the server's.
 */
export type StaffSessionState =
  | { status: 'signed-in'; session: StaffSessionResponse; clockOffsetMs: number }
  | { status: 'signed-out'; why: 'not-signed-in' | 'expired' | 'signed-out' };

/** Every practice-view query key starts with this, so signing out drops them all and nothing of the patient's. */
export const PRACTICE_QUERY_ROOT = 'practice-view';
export const staffSessionQueryKey = [PRACTICE_QUERY_ROOT, 'staff-session'] as const;

function hasCookie(name: string): boolean {
  return new RegExp(`(?:^|;\\s*)(?:__Host-)?${name}=`).test(document.cookie);
}

/** Whether this browser holds a patient's session (the patient app's readable hint): to tell them where they are. */
export function patientMayBeSignedIn(): boolean {
  return hasCookie(SIGNED_IN_HINT_COOKIE);
}

export async function getStaffSession(signal?: AbortSignal): Promise<StaffSessionState> {
  // Never signed in as staff on this browser: nothing to ask the server (and no 401 for nothing).
  if (!hasCookie(STAFF_SIGNED_IN_HINT_COOKIE)) return { status: 'signed-out', why: 'not-signed-in' };
  try {
    const session = await practiceRequest('GET', '/api/staff/session', {
      schema: staffSessionResponse,
      signal,
    });
    return staffSignedIn(session);
  } catch (error) {
    if (isStaffSessionLost(error))
      return { status: 'signed-out', why: error.code === 'session_expired' ? 'expired' : 'not-signed-in' };
    throw error;
  }
}

/** The signed-in state for a staff session answer received just now. */
export function staffSignedIn(session: StaffSessionResponse, now: number = Date.now()): StaffSessionState {
  return { status: 'signed-in', session, clockOffsetMs: Date.parse(session.serverTime) - now };
}

/** When the staff session ends, on the device's clock (the idle expiry, or the absolute one if sooner). */
export function staffSessionEndsAt(state: StaffSessionState | undefined): number | undefined {
  if (state?.status !== 'signed-in') return undefined;
  const { idleExpiresAt, absoluteExpiresAt } = state.session;
  return Math.min(Date.parse(idleExpiresAt), Date.parse(absoluteExpiresAt)) - state.clockOffsetMs;
}

/** "Stay signed in" (`POST /api/staff/session/refresh`, CSRF): the staff session's new times. */
export function useRefreshStaffSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csrfToken: string) =>
      practiceRequest('POST', STAFF_REFRESH_PATH, { schema: staffSessionResponse, csrfToken }),
    onSuccess: (session) => queryClient.setQueryData(staffSessionQueryKey, staffSignedIn(session)),
  });
}

export const staffSessionQueryOptions = queryOptions({
  queryKey: staffSessionQueryKey,
  queryFn: ({ signal }) => getStaffSession(signal),
  staleTime: 60 * 1000,
  retry: false,
});

export function useStaffSession() {
  return useQuery(staffSessionQueryOptions);
}

/** Records that the staff session has gone, and forgets every practice answer (none of the patient's). */
export function forgetStaffSession(queryClient: QueryClient, why: 'expired' | 'signed-out'): void {
  queryClient.setQueryData(staffSessionQueryKey, { status: 'signed-out', why } satisfies StaffSessionState);
  queryClient.removeQueries({
    predicate: (query) =>
      query.queryKey[0] === PRACTICE_QUERY_ROOT && query.queryKey[1] !== staffSessionQueryKey[1],
  });
}

/** `POST /auth/staff/logout` with the staff session's CSRF token, then back to the practice view's start. */
export function useStaffSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (csrfToken: string) => practiceRequest<void>('POST', STAFF_LOGOUT_PATH, { csrfToken }),
    onSettled: async () => {
      forgetStaffSession(queryClient, 'signed-out');
      await navigate(PRACTICE_VIEW_PATH, { replace: true });
    },
  });
}
