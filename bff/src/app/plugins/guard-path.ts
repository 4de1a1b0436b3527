import type { FastifyRequest } from 'fastify';

/**
 * The path a guard (session, CSRF, rate limit) decides on: the route the router matched (`/api/appointments/:id`),
 * or, for a request no route matched, the raw path decoded and normalised the way a router or proxy might read
 * it. Guards never look at `request.url` itself: `/%61uth/logout` is `/auth/logout` to the router, so it must be
 * to the guards too.
 */
export function guardPath(request: FastifyRequest): string {
  return request.routeOptions.url ?? normalisePath(request.url);
}

/**
 * Decodes percent-escapes (including encoded slashes), treats backslashes as slashes, drops empty and `.`
 * segments, resolves `..`, and lower-cases: `//API/./x/../%61ppointments` → `/api/appointments`.
 */
export function normalisePath(url: string): string {
  const raw = url.split(/[?#]/, 1)[0] ?? '/';
  let decoded = raw;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      break;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const segments: string[] = [];
  for (const segment of decoded.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`.toLowerCase();
}

/** Whether the path is under `/api/` or `/auth/` (or is one of them). */
export function isGuardedPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/auth/') || path === '/api' || path === '/auth';
}
