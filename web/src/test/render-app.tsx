import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type PatchRoutesOnNavigationFunction } from 'react-router';
import { createQueryClient } from '../app/query-client';
import { routePatcher, routes } from '../app/routes';

/**
 * Renders the whole app (every route, the real query client without retries) at `path`; `patchRoutesOnNavigation`
 * stands in for the app's (which adds the later pages' routes).
 */
export function renderApp(
  path: string,
  options: { patchRoutesOnNavigation?: PatchRoutesOnNavigationFunction } = {},
) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(routes, {
    initialEntries: [path],
    patchRoutesOnNavigation: options.patchRoutesOnNavigation ?? routePatcher(),
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}
