import type { ReactNode } from 'react';

/** The NHS.UK success notification banner, after the patient changed something. It takes focus. */
export function SuccessBanner({ heading, children }: { heading: string; children?: ReactNode }) {
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-banner-title"
      tabIndex={-1}
      data-autofocus
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="success-banner-title">
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
