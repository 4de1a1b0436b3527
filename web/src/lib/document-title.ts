import { useEffect } from 'react';

const SERVICE = 'Book a GP appointment';

/**
 * The page title as NHS.UK services write it: "Error: " when the page shows errors, then the page, then the
 * service, then NHS; the service's name once when the page is the service's start.
 */
export function documentTitle(page: string, hasErrors = false): string {
  const parts = page === SERVICE ? [SERVICE, 'NHS'] : [page, SERVICE, 'NHS'];
  return `${hasErrors ? 'Error: ' : ''}${parts.join(' – ')}`;
}

export function useDocumentTitle(page: string, hasErrors = false): void {
  useEffect(() => {
    document.title = documentTitle(page, hasErrors);
  }, [page, hasErrors]);
}
