import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../api/get-session';
import { signInPagePath } from '../sign-in-path';

/**
 * Pages for signed-in patients. Signed out (or the session ended, which any 401 reports) → the sign-in page,
 * which brings the patient back here afterwards. Not knowing (offline) lets the page show what it can.
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
    return (
      <Navigate to={signInPagePath(`${location.pathname}${location.search}`, session.data.expired)} replace />
    );
  }
  return <Outlet />;
}
