import { Navigate, Outlet, useLocation } from 'react-router';
import { SIGNED_OUT_PATH } from '../api/sign-out';
import { useSession } from '../api/get-session';
import { safePath } from '../sign-in-path';

/** The app's own page for signing in again, remembering where the patient was. */
function signInPagePath(returnTo: string, expired: boolean): string {
  const params = new URLSearchParams({ returnTo: safePath(returnTo) });
  if (expired) params.set('reason', 'expired');
  return `/sign-in?${params.toString()}`;
}

/**
 * Pages for signed-in patients. Signed out (or the session ended, which any 401 reports) → the sign-in page,
 * which brings the patient back here afterwards; signed out on purpose → the start page, which says so. Not
 * knowing (offline) lets the page show what it can.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <p className="nhsuk-body" role="status">
        Loading…
      </p>
    );
  }
  if (session.data?.status === 'signed-out') {
    const { why } = session.data;
    const to =
      why === 'signed-out'
        ? SIGNED_OUT_PATH
        : signInPagePath(`${location.pathname}${location.search}`, why === 'expired');
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}
