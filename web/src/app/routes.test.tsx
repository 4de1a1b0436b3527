import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi } from '../test/api-stub';
import { renderApp } from '../test/render-app';
import { routePatcher } from './routes';

// The pages whose routes are added when first needed (later-routes.ts) open as the others do; following the
// footer's links to them from the first page is in routes/home.test.tsx, an appointment's pages in
// routes/appointments/manage.test.tsx.
describe('routes added when first needed', () => {
  it('opens a later page from a link straight to it', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/privacy');
    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy notice' })).toBeInTheDocument();
  });

  it('keeps the page frame, saying it is loading, while the routes of a later page are on their way', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const patcher = routePatcher();
    renderApp('/privacy', {
      patchRoutesOnNavigation: async (args) => {
        await held;
        await patcher(args);
      },
    });
    // Not an empty page (React Router's default before the routes are there): the header, and what index.html says.
    const banner = await screen.findByRole('banner');
    expect(await screen.findByText('Loading…')).toBeInTheDocument();

    release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy notice' })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
    // The same header, not drawn again.
    expect(screen.getByRole('banner')).toBe(banner);
  });

  it('still says a page is not found when no route, first or later, matches', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('says a later page cannot be shown when its routes cannot be fetched', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/privacy', {
      patchRoutesOnNavigation: () =>
        Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    });
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sorry, this service is not available right now',
      }),
    ).toBeInTheDocument();
  });
});
