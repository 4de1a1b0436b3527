import type { PatchRoutesOnNavigationFunction, RouteObject } from 'react-router';
import { RequireSession } from '../features/session/components/require-session';
import { HomeRoute } from '../routes/home';
import { RouteError } from '../routes/route-error';
import { SignInRoute } from '../routes/sign-in';
import { bookingLayout, bookingSteps } from './booking-routes';
import { RootLayout } from './root-layout';

/**
 * The routes the first download knows: the home and sign-in pages (in it), and booking (fetched when the patient
 * first goes there, and precached by the service worker for offline starts). The other pages' routes are added
 * when first needed (./later-routes.ts, `patchRoutesOnNavigation`).
 */
export const routes: RouteObject[] = [
  {
    id: 'root',
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'sign-in', element: <SignInRoute /> },
      {
        id: 'signed-in',
        element: <RequireSession />,
        children: [{ path: 'book', lazy: bookingLayout, children: bookingSteps }],
      },
    ],
  },
];

export const loadLaterRoutes = () => import('./later-routes');

/**
 * Called by the router when a path is not matched, or matched only by a route with a parameter (so a more
 * specific one might yet be added): adds the later pages' routes, each under its parent. "Page not found" is one of
 * them, so an address no route matches is known as such only once they are there.
 */
export const patchRoutesOnNavigation: PatchRoutesOnNavigationFunction = async ({ patch }) => {
  const { laterRoutes } = await loadLaterRoutes();
  for (const { parent, routes: children } of laterRoutes) patch(parent, children);
};
