import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a client-side navigation, moves focus to the new page so screen readers announce it and keyboard users
 * start at its top: to an element the page marked `data-autofocus` (an error summary, a notice), else its <h1>.
 * The first page load is left alone, as a browser would.
 */
export function useRouteFocus(): void {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    const main = document.getElementById('maincontent');
    const target =
      main?.querySelector<HTMLElement>('[data-autofocus]') ?? main?.querySelector<HTMLElement>('h1');
    if (!target) {
      main?.focus();
      return;
    }
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }, [location.pathname, location.search, location.hash]);
}
