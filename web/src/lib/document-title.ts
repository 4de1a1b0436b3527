import { useEffect } from 'react';

const SERVICE = 'Book a GP appointment';

/** Sets the page title as NHS.UK services do: "Error: " when the page shows errors, then the page, then the service. */
export function useDocumentTitle(page: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${page} – ${SERVICE} – NHS`;
  }, [page, hasErrors]);
}
