import type { RoutePatch } from './routes';
import { RequireSession } from '../features/session/components/require-session';

/**
 * The parent of the pages for signed-in patients (the sign-in guard), added to the router with the first table of
 * them it needs (./later-routes.ts, ../routes/book/booking-routes.ts; the router keeps one route of an id), so the
 * guard is not in the first download, whose pages need no session to show (decision 0080).
 */
export const signedInRoute = {
  parent: 'root',
  routes: [{ id: 'signed-in', Component: RequireSession }],
} satisfies RoutePatch;
