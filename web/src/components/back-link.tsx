import { Link } from 'react-router';

/** The NHS.UK back link, to the previous step of a journey (not browser history, which may lead off the site). */
export function BackLink({ to, children = 'Back' }: { to: string; children?: string }) {
  return (
    <Link className="nhsuk-back-link" to={to}>
      {children}
    </Link>
  );
}
