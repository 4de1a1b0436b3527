import type { ReactNode } from 'react';

/**
 * The NHS.UK warning callout: "Important: " and a title for screen readers as one heading, then what follows.
 * `alert` when it appears in answer to something (a failed request), so it is announced; `headingLevel` to fit the
 * page's outline.
 */
export function WarningCallout({
  title,
  alert = false,
  headingLevel = 2,
  children,
}: {
  title: ReactNode;
  alert?: boolean;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div className="nhsuk-warning-callout" {...(alert ? { role: 'alert' } : {})}>
      <Heading className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title}
        </span>
      </Heading>
      {children}
    </div>
  );
}
