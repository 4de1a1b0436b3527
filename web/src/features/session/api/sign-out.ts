import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiRequest } from '../../../lib/api-client';
import { clearAppointments } from '../../../lib/appointments-cache';
import { setCsrfToken } from '../../../lib/csrf';
import { allButSession, sessionQueryOptions, setSessionState } from './get-session';

/** Where the patient lands after signing out: the start page, saying they have signed out. */
export const SIGNED_OUT_PATH = '/?signed_out=1';

/** The query clients (one in the app, one per test) on which signing out has been asked for and not yet ended. */
const signingOut = new WeakSet<QueryClient>();

/**
 * True from the moment the patient asks to sign out until they sign in again: a 401 in that time is the session
 * going as asked, not "your session timed out".
 */
export function isSigningOut(queryClient: QueryClient): boolean {
  const session = queryClient.getQueryData(sessionQueryOptions.queryKey);
  return signingOut.has(queryClient) || (session?.status === 'signed-out' && session.why === 'signed-out');
}

/** `POST /auth/logout` ends the session on the server (204 for fetch). */
export function signOut(): Promise<void> {
  return apiRequest<void>('POST', '/auth/logout');
}

/**
 * Signs out, then forgets everything about the patient on this device (the offline copy and every cached
 * answer), even if the server could not be reached: the patient asked to leave. The session answer records
 * that they signed out, so whichever page is showing when it changes sends them to the same place.
 *
 * A plain call rather than a TanStack mutation: nothing shows its answer or error, and a mutation's observer would
 * be in the first download for this alone (decision 0080). `mutate` and `isPending` are named as a mutation's are.
 */
export function useSignOut(): { mutate: () => void; isPending: boolean } {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [isPending, setPending] = useState(false);
  const mutate = () => {
    if (signingOut.has(queryClient)) return;
    signingOut.add(queryClient);
    setPending(true);
    void (async () => {
      try {
        await queryClient.cancelQueries(allButSession);
        await signOut();
      } catch {
        // Offline, or the session had already gone: this device forgets the patient all the same.
      } finally {
        clearAppointments();
        setCsrfToken(undefined);
        setSessionState(queryClient, { status: 'signed-out', why: 'signed-out' });
        queryClient.removeQueries(allButSession);
        signingOut.delete(queryClient);
        setPending(false);
        await navigate(SIGNED_OUT_PATH, { replace: true });
      }
    })();
  };
  return { mutate, isPending };
}
