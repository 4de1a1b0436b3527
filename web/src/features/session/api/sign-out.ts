import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiRequest } from '../../../lib/api-client';
import { clearAppointments } from '../../../lib/appointments-cache';
import { setCsrfToken } from '../../../lib/csrf';
import { sessionQueryKey, setSessionState } from './get-session';

/** `POST /auth/logout` ends the session on the server (204 for fetch). */
export function signOut(): Promise<void> {
  return apiRequest<void>('POST', '/auth/logout');
}

/**
 * Signs out, then forgets everything about the patient on this device (the offline copy and every cached
 * answer), even if the server could not be reached: the patient asked to leave.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      clearAppointments();
      setCsrfToken(undefined);
      // Leave the page first: a page for signed-in patients would otherwise send them to sign in again.
      await navigate('/?signed_out=1', { replace: true });
      setSessionState(queryClient, { status: 'signed-out', expired: false });
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
    },
  });
}
