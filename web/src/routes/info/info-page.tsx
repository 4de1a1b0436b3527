import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/document-title';

/** A page of the footer's information: a heading, then prose in the reading column. */
export function InfoPage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}
