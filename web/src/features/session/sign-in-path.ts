/** Where sign-in starts: the BFF sends the browser to NHS login and, afterwards, back to `returnTo` (a same-origin path). */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(safePath(returnTo))}`;
}

/** The app's own page for signing in again, remembering where the patient was. */
export function signInPagePath(returnTo: string, expired: boolean): string {
  const params = new URLSearchParams({ returnTo: safePath(returnTo) });
  if (expired) params.set('reason', 'expired');
  return `/sign-in?${params.toString()}`;
}

/** Only paths on this site, and never the sign-in page itself (the BFF checks again). */
export function safePath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (value.startsWith('/sign-in') || value.startsWith('/auth/')) return '/';
  return value;
}
