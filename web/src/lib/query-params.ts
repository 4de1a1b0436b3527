import { useMemo } from 'react';
import { useLocation } from 'react-router';

/**
 * The address's query (`?…`), to read: React Router's `useSearchParams` without the setter and the defaults no page
 * here uses. React Router is one module in the first download, so every export of it that any page uses is there;
 * its `useSearchParams` brought about 0.4 KiB (gzip) of code for them (decision 0080).
 */
export function useQueryParams(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}
