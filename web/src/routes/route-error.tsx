import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { Layout } from '../components/layout/layout';
import { useSession } from '../features/session/api/get-session';
import { AccountNav } from '../features/session/components/account-nav';
import { useDocumentTitle } from '../lib/document-title';
import { OFFLINE, SERVICE_UNAVAILABLE } from '../lib/service-error-text';
import { useOnlineStatus } from '../lib/online-status';

/**
 * When a page cannot be shown at all: most often a part of the app that could not be downloaded (offline before
 * the app finished installing, a new version replaced it, or our service is not answering). The header keeps who
 * is signed in and "Sign out", as on every other page.
 */
export function RouteError() {
  const error = useRouteError();
  const online = useOnlineStatus();
  const session = useSession();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const text = notFound
    ? { title: 'Page not found', body: 'If you typed the web address, check it is correct.' }
    : online
      ? SERVICE_UNAVAILABLE
      : {
          title: OFFLINE.title,
          body: 'This page has not been saved on your device. Check your internet connection, then reload the page.',
        };
  useDocumentTitle(text.title);
  const signedIn = session.data?.status === 'signed-in' ? session.data.session : undefined;
  return (
    <Layout account={signedIn ? <AccountNav session={signedIn} /> : null}>
      <h1>{text.title}</h1>
      <p className="nhsuk-body">{text.body}</p>
      <p className="nhsuk-body">
        <Link to="/" reloadDocument>
          Go to your appointments
        </Link>
      </p>
    </Layout>
  );
}
