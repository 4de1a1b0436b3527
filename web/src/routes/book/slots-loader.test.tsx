import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../app/query-client';
import { routerContext } from '../../app/router-context';
import { setSessionState, signedIn } from '../../features/session/api/get-session';
import { slotsQueryKey, useSlots } from '../../features/slots/api/get-slots';
import { stubApi } from '../../test/api-stub';
import { londonDay, makeSession, makeSlotsResponse, todayForSession } from '../../test/builders';
import { slotsLoader } from './slots-loader';

const today = londonDay(0);
const sessionWithDay = () => makeSession({ londonDay: todayForSession() });

/** A router with only the slot pages' routes, each with the loader, at `path`; resolves once it has loaded. */
async function visit(queryClient: QueryClient, path: string) {
  const router = createMemoryRouter(
    [
      { path: '/book/slots', loader: slotsLoader, Component: () => null },
      { path: '/appointments/:id/change/slots', loader: slotsLoader, Component: () => null },
    ],
    { initialEntries: [path], getContext: routerContext(queryClient) },
  );
  await vi.waitFor(() => expect(router.state.initialized).toBe(true));
  return router;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the slot page's loader", () => {
  it('starts the search as the address is matched, once the session has said who is signed in and the day', async () => {
    const api = stubApi({ 'GET /api/slots': { status: 200, body: makeSlotsResponse([]) } });
    const queryClient = createQueryClient({ retry: false });
    setSessionState(queryClient, signedIn(sessionWithDay()));
    await visit(queryClient, '/book/slots?practice=Y90001&role=gp&channel=in-person&day=' + today);
    const to = londonDay(13);
    expect(api.calls.map((call) => call.path)).toEqual([
      `/api/slots?practice=Y90001&from=${today}&to=${to}&role=gp&channel=in-person`,
    ]);
    // The very search the page asks for, so the page finds it on its way rather than asking again.
    expect(
      queryClient.getQueryState(
        slotsQueryKey({
          practice: 'Y90001',
          from: today,
          to,
          role: 'gp',
          channel: 'in-person',
          location: undefined,
        }),
      ),
    ).toBeDefined();
  });

  it('does the same for the change of an appointment, and asks once however often the address is matched', async () => {
    const api = stubApi({ 'GET /api/slots': { status: 200, body: makeSlotsResponse([]) } });
    const queryClient = createQueryClient({ retry: false });
    setSessionState(queryClient, signedIn(sessionWithDay()));
    const router = await visit(
      queryClient,
      '/appointments/a1/change/slots?practice=Y90001&role=nurse&channel=telephone',
    );
    // Another day of the same window: the same search, not asked again.
    await router.navigate(
      `/appointments/a1/change/slots?practice=Y90001&role=nurse&channel=telephone&day=${londonDay(2)}`,
    );
    expect(api.calls.map((call) => call.path)).toEqual([
      `/api/slots?practice=Y90001&from=${today}&to=${londonDay(13)}&role=nurse&channel=telephone`,
    ]);
  });

  it('leaves the search to the page while the session is not known, or is signed out, or a step is unanswered', async () => {
    const api = stubApi({ 'GET /api/slots': { status: 200, body: makeSlotsResponse([]) } });
    const unknown = createQueryClient({ retry: false });
    await visit(unknown, '/book/slots?practice=Y90001&role=gp&channel=in-person');
    const signedOut = createQueryClient({ retry: false });
    setSessionState(signedOut, { status: 'signed-out', why: 'expired' });
    await visit(signedOut, '/book/slots?practice=Y90001&role=gp&channel=in-person');
    // A session answer without the London day: the page works it out (it needs the time-zone data).
    const noDay = createQueryClient({ retry: false });
    setSessionState(noDay, signedIn(makeSession()));
    await visit(noDay, '/book/slots?practice=Y90001&role=gp&channel=in-person');
    const signedInNow = createQueryClient({ retry: false });
    setSessionState(signedInNow, signedIn(sessionWithDay()));
    await visit(signedInNow, '/book/slots?practice=Y90001&role=gp');
    expect(api.calls).toEqual([]);
  });

  it('gives the page the answer that came before it first drew, rather than asking the same search again', async () => {
    const api = stubApi({ 'GET /api/slots': { status: 200, body: makeSlotsResponse([]) } });
    const queryClient = createQueryClient({ retry: false });
    setSessionState(queryClient, signedIn(sessionWithDay()));
    await visit(queryClient, '/book/slots?practice=Y90001&role=gp&channel=in-person');
    const search = {
      practice: 'Y90001',
      from: today,
      to: londonDay(13),
      role: 'gp',
      channel: 'in-person',
    } as const;
    await vi.waitFor(() => expect(queryClient.getQueryState(slotsQueryKey(search))?.status).toBe('success'));
    function SlotPage() {
      return useSlots(search).isSuccess ? <p>Answered</p> : null;
    }
    render(
      <QueryClientProvider client={queryClient}>
        <SlotPage />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Answered')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.callsTo('GET', '/api/slots')).toHaveLength(1);
  });
});
