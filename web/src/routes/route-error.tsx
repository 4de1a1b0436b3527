import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { Layout } from '../components/layout/layout';
import { useDocumentTitle } from '../lib/document-title';

/**
 * When a page cannot be shown at all: most often a part of the app that could not be downloaded (offline before
 * the app finished installing, or a new version replaced it).
 */
export function RouteError() {
  const error = useRouteError();
  useDocumentTitle('Sorry, there is a problem');
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Layout>
      <h1>{notFound ? 'Page not found' : 'Sorry, there is a problem with the service'}</h1>
      <p className="nhsuk-body">
        {notFound
          ? 'If you typed the web address, check it is correct.'
          : 'Check your internet connection, then reload the page. If you need an appointment urgently, phone your GP surgery.'}
      </p>
      <p className="nhsuk-body">
        <Link to="/" reloadDocument>
          Go to your appointments
        </Link>
      </p>
    </Layout>
  );
}
