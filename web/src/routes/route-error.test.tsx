import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../app/query-client';
import { setOnline, stubApi } from '../test/api-stub';
import { makeSession } from '../test/builders';
import { RouteError } from './route-error';

/** A page whose code cannot be downloaded, as when our service (which serves it) is down. */
function renderPageThatCannotLoad() {
  const router = createMemoryRouter(
    [
      {
        element: <Outlet />,
        errorElement: <RouteError />,
        children: [
          {
            path: 'book',
            lazy: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
          },
        ],
      },
    ],
    { initialEntries: ['/book'] },
  );
  render(
    <QueryClientProvider client={createQueryClient({ retry: false })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe('a page that cannot be shown', () => {
  it('online, says the service is not available (not "offline"), and keeps who is signed in and "Sign out"', async () => {
    stubApi({ 'GET /api/session': { status: 200, body: makeSession() } });
    renderPageThatCannotLoad();
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sorry, this service is not available right now',
      }),
    ).toBeInTheDocument();
    const account = await screen.findByRole('navigation', { name: 'Account' });
    expect(within(account).getByText('Jane Smith')).toBeInTheDocument();
    expect(within(account).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(screen.queryByText(/offline|internet connection/)).not.toBeInTheDocument();
  });

  it('offline, says so and that the page is not saved on the device', async () => {
    setOnline(false);
    stubApi({});
    renderPageThatCannotLoad();
    expect(await screen.findByRole('heading', { level: 1, name: 'You’re offline' })).toBeInTheDocument();
    expect(screen.getByText(/This page has not been saved on your device/)).toBeInTheDocument();
  });
});
