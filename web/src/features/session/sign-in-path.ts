/** Where sign-in starts: the BFF sends the browser to NHS login and, afterwards, back to `returnTo` (a same-origin path). */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(safePath(returnTo))}`;
}

/** Only paths on this site, and never the sign-in page itself (the BFF checks again). */
export function safePath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (value.startsWith('/sign-in') || value.startsWith('/auth/')) return '/';
  return value;
}
