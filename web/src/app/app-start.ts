import {
  UNSAFE_createBrowserHistory as createBrowserHistory,
  UNSAFE_createRouter as createRouter,
  UNSAFE_defaultMapRouteProperties as defaultMapRouteProperties,
  UNSAFE_hydrationRouteProperties as hydrationRouteProperties,
  type DataRouter,
} from 'react-router';
import { appointmentsQueryOptions } from '../features/appointments/api/get-appointments';
import { practicesQueryOptions } from '../features/practices/api/get-practices';
import { ownerOf } from '../features/session/api/get-owner';
import { sessionQueryOptions } from '../features/session/api/get-session';
import { afterLoadAndIdle } from '../components/after-load-and-idle';
import { createQueryClient } from './query-client';
import { BOOKING_PATH, loadLaterRoutes, routePatcher, routes } from './routes';

/** The app's one query client. */
export const queryClient = createQueryClient();

/**
 * Who is signed in is the first thing every page needs: asked for as the app starts, while the router fetches the
 * page's lazy parts, not once they have arrived and the page frame renders. Once a patient is known to be signed
 * in, what the page asks next is asked for at once: on home, their appointments and surgeries; on booking's pages,
 * their surgeries (only where they are shown: each ask reads every surgery of the federation from its GP system).
 * The page's first render then finds them on their way, rather than starting them from its effects, which made one
 * long task of the effects and a second render (Total Blocking Time, decision 0082).
 */
export function askForSession(): void {
  // (A failure is the session query's to show, not this.)
  void queryClient.prefetchQuery(sessionQueryOptions).then(() => {
    const owner = ownerOf(queryClient.getQueryData(sessionQueryOptions.queryKey));
    const home = location.pathname === '/';
    if (owner === undefined || !(home || BOOKING_PATH.test(location.pathname))) return;
    void queryClient.prefetchQuery(practicesQueryOptions);
    if (home) void queryClient.prefetchQuery(appointmentsQueryOptions(owner));
  });
}

export type AppRouter = DataRouter;

/**
 * The app's router, made but not started: what `createBrowserRouter` does, less its last step, `initialize()`
 * (listening to the history, then matching the address and fetching the page's lazy parts), which the caller runs
 * in the next task (main.tsx). Together they were one task of 10–16 ms, React Router's code running for the first
 * time (Total Blocking Time, decision 0082). Made once.
 */
export function createAppRouter(): AppRouter {
  return createRouter({
    history: createBrowserHistory({ window }),
    routes,
    mapRouteProperties: defaultMapRouteProperties,
    hydrationRouteProperties,
    patchRoutesOnNavigation: routePatcher(),
    window,
  });
}

// The routes of the pages the first page links to, once it has loaded and the browser is idle: a link followed
// then does not wait for them (on a later visit the service worker has them already).
afterLoadAndIdle(() => void loadLaterRoutes());
