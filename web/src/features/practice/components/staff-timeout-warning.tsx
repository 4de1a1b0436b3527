import { useQueryClient } from '@tanstack/react-query';
import { TimeoutWarning } from '../../../components/timeout-warning';
import {
  forgetStaffSession,
  getStaffSession,
  staffSessionEndsAt,
  staffSessionQueryKey,
  useRefreshStaffSession,
  useStaffSignOut,
  type StaffSessionState,
} from '../api/staff-session';

/**
 * The warning before a member of staff's session ends (components/timeout-warning.tsx, as patients get it): two
 * minutes before, "Stay signed in" or "Sign out"; at the end, the sign-in page says why. A rules change half made is
 * not lost to a session that ended unannounced.
 */
export function StaffTimeoutWarning({ state }: { state: StaffSessionState | undefined }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshStaffSession();
  const signOut = useStaffSignOut();
  const csrfToken = state?.status === 'signed-in' ? state.session.csrfToken : undefined;
  return (
    <TimeoutWarning
      session={{
        endsAt: staffSessionEndsAt(state),
        recheck: async () => {
          const fresh = await getStaffSession().catch(() => undefined);
          if (fresh === undefined) return undefined;
          queryClient.setQueryData(staffSessionQueryKey, fresh);
          return { endsAt: staffSessionEndsAt(fresh) };
        },
        ended: () => forgetStaffSession(queryClient, 'expired'),
        stay: () => refresh.mutateAsync(csrfToken ?? ''),
        signOut: () => signOut.mutate(csrfToken ?? ''),
        signingOut: signOut.isPending,
      }}
    />
  );
}
