import { Outlet } from 'react-router';
import { Layout } from '../components/layout/layout';
import { mayBeSignedIn, useSession } from '../features/session/api/get-session';
import { AccountNav } from '../features/session/components/account-nav';
import { DeferredSessionNotices } from './deferred-session-notices';
import { useRouteFocus } from './route-focus';

/**
 * The page frame with what depends on the session: who is signed in, and the warning before it ends. `loading`: the
 * page's routes are still on their way (the root route's fallback, routes.tsx), and the frame says so, as
 * index.html's does.
 */
export function RootLayout({ loading = false }: { loading?: boolean }) {
  const session = useSession();
  useRouteFocus();
  const signedIn = session.data?.status === 'signed-in' ? session.data.session : undefined;
  return (
    <Layout
      account={
        // Signed in, or could not find out (the session query only fails when this browser holds a session), or
        // still finding out in a browser that holds one: the account area's place is kept from the first frame, so
        // the header does not grow under the patient's eyes when the answer comes (layout shift).
        signedIn || session.isError || (session.isPending && mayBeSignedIn()) ? (
          <AccountNav session={signedIn} reserved={session.isPending} />
        ) : null
      }
      notices={<DeferredSessionNotices state={session.data} />}
    >
      {loading ? (
        <p className="nhsuk-body">Loading…</p>
      ) : (
        // Until we know who is signed in the header may still grow (account area), so the page waits, hidden but
        // already loading, rather than being pushed down in view (layout shift).
        <div hidden={session.isPending}>
          <Outlet />
        </div>
      )}
    </Layout>
  );
}
