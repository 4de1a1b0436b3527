import { useQueryClient } from '@tanstack/react-query';
import { TimeoutWarning } from '../../../components/timeout-warning';
import { getSession, setSessionState, type SessionState } from '../api/get-session';
import { useRefreshSession } from '../api/refresh-session';
import { useSignOut } from '../api/sign-out';

/**
 * When the session ends, on the device's clock: the idle expiry, or the absolute one if that comes first, moved
 * by how far the device's clock is from the server's (a phone's clock can be minutes out).
 */
function endsAt(state: SessionState | undefined): number | undefined {
  if (state?.status !== 'signed-in') return undefined;
  const serverEnd = Math.min(
    Date.parse(state.session.idleExpiresAt),
    Date.parse(state.session.absoluteExpiresAt),
  );
  return serverEnd - state.clockOffsetMs;
}

/** The warning before a patient's session ends (components/timeout-warning.tsx), over the patient's session. */
export function SessionTimeoutWarning({ state }: { state: SessionState | undefined }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshSession();
  const signOut = useSignOut();
  return (
    <TimeoutWarning
      session={{
        endsAt: endsAt(state),
        recheck: async () => {
          const fresh = await getSession().catch(() => undefined);
          if (fresh === undefined) return undefined;
          setSessionState(queryClient, fresh);
          return { endsAt: endsAt(fresh) };
        },
        // Ended: say so to the rest of the app, which sends the patient to sign in again.
        ended: () => setSessionState(queryClient, { status: 'signed-out', why: 'expired' }),
        stay: () => refresh.mutateAsync(),
        signOut: () => signOut.mutate(),
        signingOut: signOut.isPending,
      }}
    />
  );
}
