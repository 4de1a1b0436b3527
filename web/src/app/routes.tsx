import type { PatchRoutesOnNavigationFunction, RouteObject } from 'react-router';
import { HomeRoute } from '../routes/home';
import { RouteError } from '../routes/route-error';
import { SignInRoute } from '../routes/sign-in';
import { nextTask } from '../lib/next-task';
import { RootLayout } from './root-layout';

/**
 * The routes the first download knows: the home and sign-in pages, the two a first visit opens. The others are
 * added when a path first needs them (`patchRoutesOnNavigation` below): the pages reached from the first page
 * (./later-routes.ts) and booking (../routes/book/booking-routes.ts), each with the sign-in guard above the pages
 * for signed-in patients (./signed-in-route.ts).
 */
export const routes: RouteObject[] = [
  {
    id: 'root',
    // A path, not a layout route without one: so an address only the later routes know still matches this route
    // while they are fetched, and its fallback below is drawn.
    path: '/',
    element: <RootLayout />,
    // A first visit to a page whose routes come later (a link straight to the slot page) is drawn before they
    // arrive: the page frame and "Loading…", as index.html has it, rather than nothing (the header vanishing for a
    // moment). The same component as the route's element, so the frame stays as it is when they come.
    hydrateFallbackElement: <RootLayout loading />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'sign-in', element: <SignInRoute /> },
    ],
  },
];

/** Routes added to the router when a path first needs them, under the route of id `parent` (null: at the top). */
export interface RoutePatch {
  parent: string | null;
  routes: RouteObject[];
}

export const loadLaterRoutes = () => import('./later-routes');
const loadBookingRoutes = () => import('../routes/book/booking-routes');

/** Booking's pages, and the change of an appointment's time, which reuses them. */
export const BOOKING_PATH = /^\/(book|appointments\/[^/]+\/change)(\/|$)/;

/**
 * The function the router calls when a path is not matched, or matched only by a route with a parameter (so a
 * more specific one might yet be added): adds the later pages' routes, each under its parent, and booking's when
 * the path is one of its pages (fetched alongside, not after, so a link straight to the slot page waits for one
 * round trip as it did when booking's routes were in the first download). "Page not found" is one of the later
 * routes, so an address no route matches is known as such only once they are there. One per router: it keeps
 * which tables its router has been given, and gives each once.
 */
export function routePatcher(): PatchRoutesOnNavigationFunction {
  const given = new WeakSet<RoutePatch>();
  return async ({ path, patch, signal }) => {
    // In a task of its own: on a first visit to a later page this runs as the router is made, and fetching the
    // routes' chunks (and preloading what they import) would make that one long task (Total Blocking Time).
    await nextTask();
    const [later, booking] = await Promise.all([
      loadLaterRoutes(),
      BOOKING_PATH.test(path) ? loadBookingRoutes() : undefined,
    ]);
    // The router ignores patches once the navigation is cancelled: those tables are not given yet.
    // The later routes first: the change of an appointment goes under the appointment's route, which they add.
    if (!signal.aborted)
      later.giveRoutes([...later.laterRoutes, ...(booking?.bookingRoutes ?? [])], given, patch);
  };
}
