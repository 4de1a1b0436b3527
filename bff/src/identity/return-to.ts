/**
 * Where to send the patient after sign-in: only a path on our own origin, never another site (an open
 * redirect would let a phishing link borrow our sign-in page). Anything doubtful falls back to `/`.
 */
export function safeReturnTo(value: string | undefined, publicUrl: string): string {
  if (value === undefined || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  // Control characters and backslashes are read differently by browsers and URL parsers.
  if ([...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    return '/';
  const origin = new URL(publicUrl).origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
