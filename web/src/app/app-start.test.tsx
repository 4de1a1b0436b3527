import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, stubApi } from '../test/api-stub';
import { App } from './app';
import { createAppRouter, type AppRouter } from './app-start';

// The other tests render the routes in a memory router; this one makes the router as main.tsx does, from React
// Router's building blocks (decision 0082), on the browser's address and history.
describe('the app’s router, as main.tsx makes and starts it', () => {
  let router: AppRouter | undefined;
  afterEach(() => {
    router?.dispose();
    window.history.replaceState(null, '', '/');
  });

  it('opens the page at the address once started, a later page included, and moves through the browser’s history', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    window.history.replaceState(null, '', '/privacy');
    router = createAppRouter();
    router.initialize();
    render(<App router={router} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy notice' })).toBeInTheDocument();

    await router.navigate('/sign-in');
    expect(window.location.pathname).toBe('/sign-in');
    expect(await screen.findByRole('link', { name: 'Continue with NHS login' })).toBeInTheDocument();

    window.history.back();
    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy notice' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/privacy');
  });
});
