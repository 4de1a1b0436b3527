import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { sessionQueryOptions } from '../features/session/api/get-session';
import { createQueryClient } from './query-client';
import { afterLoadAndIdle } from '../components/after-load-and-idle';
import { loadLaterRoutes, patchRoutesOnNavigation, routes } from './routes';

const queryClient = createQueryClient();
// Who is signed in is the first thing every page needs: asked for now, while the router fetches the page's lazy
// parts, not once they have arrived and the page frame renders.
void queryClient.prefetchQuery(sessionQueryOptions);
// The router is made when the app first renders, not while the first download is evaluated: that render is a
// transition (main.tsx) that React splits into short tasks, so the page stays responsive (Total Blocking Time).
let router: ReturnType<typeof createBrowserRouter> | undefined;
function theRouter() {
  router ??= createBrowserRouter(routes, { patchRoutesOnNavigation });
  return router;
}
// The routes of the pages the first page links to, once it has loaded and the browser is idle: a link followed
// then does not wait for them (on a later visit the service worker has them already).
afterLoadAndIdle(() => void loadLaterRoutes());

export function App() {
  const [appRouter] = useState(theRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={appRouter} />
    </QueryClientProvider>
  );
}
