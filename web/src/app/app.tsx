import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { sessionQueryOptions } from '../features/session/api/get-session';
import { createQueryClient } from './query-client';
import { routes } from './routes';

const queryClient = createQueryClient();
// Who is signed in is the first thing every page needs: asked for now, while the router fetches the page's lazy
// parts, not once they have arrived and the page frame renders.
void queryClient.prefetchQuery(sessionQueryOptions);
const router = createBrowserRouter(routes);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
