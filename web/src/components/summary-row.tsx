import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** One row of an NHS.UK summary list, with an optional "Change" link that names what it changes. */
export function SummaryRow({
  label,
  children,
  change,
}: {
  label: string;
  children: ReactNode;
  change?: { to: string; what: string } | undefined;
}) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
      {change ? (
        <dd className="nhsuk-summary-list__actions">
          <Link className="nhsuk-link" to={change.to}>
            Change <span className="nhsuk-u-visually-hidden">{change.what}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );
}
