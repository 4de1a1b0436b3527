import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isSessionLost } from '../lib/api-client';
import { setCsrfToken } from '../lib/csrf';
import { allButSession, setSessionState } from '../features/session/api/get-session';
import { isSigningOut } from '../features/session/api/sign-out';

/**
 * The app's query client. Any 401 from any call means the session has ended: the session answer becomes "signed
 * out", every other cached answer is dropped, and the guard sends the patient to sign in again (then back).
 */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onError(error) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: {
        // Retry only what might succeed on a second try; a refusal will not.
        retry: (failureCount, error) =>
          options.retry !== false &&
          failureCount < 2 &&
          (!(error instanceof ApiError) || error.status >= 500),
        refetchOnWindowFocus: true,
        // Offline, fail at once (and show the offline copy) rather than wait silently for the network.
        networkMode: 'always',
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  function onError(error: unknown) {
    // A 401 is expected while signing out (the session is going): that is not "your session timed out".
    if (!isSessionLost(error) || isSigningOut(queryClient)) return;
    setCsrfToken(undefined);
    setSessionState(queryClient, { status: 'signed-out', why: 'expired' });
    queryClient.removeQueries(allButSession);
  }
  return queryClient;
}
