import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiRequest } from '../../../lib/api-client';
import { clearAppointments } from '../../../lib/appointments-cache';
import { setCsrfToken } from '../../../lib/csrf';
import { allButSession, sessionQueryOptions, setSessionState } from './get-session';

/** Where the patient lands after signing out: the start page, saying they have signed out. */
export const SIGNED_OUT_PATH = '/?signed_out=1';

const signOutMutationKey = ['sign-out'] as const;

/**
 * True from the moment the patient asks to sign out until they sign in again: a 401 in that time is the session
 * going as asked, not "your session timed out".
 */
export function isSigningOut(queryClient: QueryClient): boolean {
  const session = queryClient.getQueryData(sessionQueryOptions.queryKey);
  return (
    queryClient.isMutating({ mutationKey: signOutMutationKey }) > 0 ||
    (session?.status === 'signed-out' && session.why === 'signed-out')
  );
}

/** `POST /auth/logout` ends the session on the server (204 for fetch). */
export function signOut(): Promise<void> {
  return apiRequest<void>('POST', '/auth/logout');
}

/**
 * Signs out, then forgets everything about the patient on this device (the offline copy and every cached
 * answer), even if the server could not be reached: the patient asked to leave. The session answer records
 * that they signed out, so whichever page is showing when it changes sends them to the same place.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationKey: signOutMutationKey,
    mutationFn: async () => {
      await queryClient.cancelQueries(allButSession);
      await signOut();
    },
    onSettled: async () => {
      clearAppointments();
      setCsrfToken(undefined);
      setSessionState(queryClient, { status: 'signed-out', why: 'signed-out' });
      queryClient.removeQueries(allButSession);
      await navigate(SIGNED_OUT_PATH, { replace: true });
    },
  });
}
