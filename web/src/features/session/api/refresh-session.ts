import type { SessionResponse } from '@gpbook/shared/session';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionResponse } from '../../../lib/answers';
import { apiRequest } from '../../../lib/api-client';
import { setCsrfToken } from '../../../lib/csrf';
import { setSessionState, signedIn } from './get-session';

/** "Stay signed in": any /api request extends the idle expiry; this one returns the new times. */
export async function refreshSession(): Promise<SessionResponse> {
  const session = await apiRequest('POST', '/api/session/refresh', { schema: sessionResponse });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useRefreshSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshSession,
    onSuccess: (session) => setSessionState(queryClient, signedIn(session)),
  });
}
