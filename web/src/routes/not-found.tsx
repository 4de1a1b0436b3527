import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p className="nhsuk-body">If you typed the web address, check it is correct.</p>
      <p className="nhsuk-body">
        <Link to="/">Go to the start of the service</Link>
      </p>
    </>
  );
}
