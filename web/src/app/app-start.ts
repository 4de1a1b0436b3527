import { createBrowserRouter } from 'react-router';
import { sessionQueryOptions } from '../features/session/api/get-session';
import { afterLoadAndIdle } from '../components/after-load-and-idle';
import { createQueryClient } from './query-client';
import { loadLaterRoutes, patchRoutesOnNavigation, routes } from './routes';

/** The app's one query client. */
export const queryClient = createQueryClient();

/**
 * Who is signed in is the first thing every page needs: asked for as the app starts, while the router fetches the
 * page's lazy parts, not once they have arrived and the page frame renders.
 */
export function askForSession(): void {
  void queryClient.prefetchQuery(sessionQueryOptions);
}

export type AppRouter = ReturnType<typeof createBrowserRouter>;

/** The app's router: matches the address and starts fetching the page's lazy parts. Made once (main.tsx). */
export function createAppRouter(): AppRouter {
  return createBrowserRouter(routes, { patchRoutesOnNavigation });
}

// The routes of the pages the first page links to, once it has loaded and the browser is idle: a link followed
// then does not wait for them (on a later visit the service worker has them already).
afterLoadAndIdle(() => void loadLaterRoutes());
