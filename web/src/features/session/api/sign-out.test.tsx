import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { apiError, stubApi } from '../../../test/api-stub';
import { makeAppointment, makeAppointments, makePractices, makeSession } from '../../../test/builders';
import { renderApp } from '../../../test/render-app';

const appointment = makeAppointment();
const detailsPath = `/appointments/${encodeURIComponent(appointment.id)}`;

/** Signed in until POST /auth/logout; after it, every call answers 401 as the BFF does. */
function stubSignedInUntilLogout() {
  let signedOut = false;
  const unlessSignedOut = (body: unknown) => () =>
    signedOut ? apiError(401, 'unauthenticated') : { status: 200, body };
  return stubApi({
    'GET /api/session': unlessSignedOut(makeSession()),
    'GET /api/practices': unlessSignedOut(makePractices()),
    'GET /api/appointments': unlessSignedOut(makeAppointments()),
    [`GET /api/appointments/${appointment.id}`]: unlessSignedOut(appointment),
    'POST /auth/logout': () => {
      signedOut = true;
      return { status: 204 };
    },
  });
}

async function signOutFromHeader() {
  const account = await screen.findByRole('navigation', { name: 'Account' });
  await userEvent.click(within(account).getByRole('button', { name: 'Sign out' }));
}

describe('signing out', () => {
  it('from a page for signed-in patients, lands on the start page saying so, not on "sign in again"', async () => {
    stubSignedInUntilLogout();
    const { router } = renderApp(detailsPath);
    await screen.findByRole('heading', { level: 1, name: 'GP appointment' });
    await signOutFromHeader();
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.queryByText(/For your security, you were signed out/)).not.toBeInTheDocument();
  });

  it('treats 401s from answers still arriving as part of signing out, not as a timed-out session', async () => {
    stubSignedInUntilLogout();
    const { router, queryClient } = renderApp(detailsPath);
    await screen.findByRole('heading', { level: 1, name: 'GP appointment' });
    await signOutFromHeader();
    await screen.findByText('You have signed out.');
    // A refetch that was on its way when the session went: its 401 must not turn this into "session expired".
    const late = queryClient.fetchQuery({
      queryKey: ['late'],
      queryFn: () => Promise.reject(new ApiError(401, 'session_expired', 'Session expired')),
    });
    await expect(late).rejects.toBeInstanceOf(ApiError);
    await waitFor(() => expect(router.state.location.search).toBe('?signed_out=1'));
    expect(queryClient.getQueryData(['session'])).toEqual({ status: 'signed-out', why: 'signed-out' });
  });

  it('forgets the offline copy and every cached answer', async () => {
    stubSignedInUntilLogout();
    const { queryClient } = renderApp('/');
    await screen.findByRole('link', { name: /at 10am/ });
    await waitFor(() => expect(window.localStorage.length).toBeGreaterThan(0));
    await signOutFromHeader();
    await screen.findByText('You have signed out.');
    expect(window.localStorage.length).toBe(0);
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey[0]),
    ).toEqual(['session']);
  });

  it('signs out on this device even when the service could not end the session', async () => {
    const api = stubSignedInUntilLogout();
    api.set('POST /auth/logout', apiError(503, 'service_unavailable'));
    renderApp('/');
    await screen.findByRole('link', { name: /at 10am/ });
    await signOutFromHeader();
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/auth/logout')).toHaveLength(1);
    expect(screen.queryByRole('navigation', { name: 'Account' })).not.toBeInTheDocument();
    expect(window.localStorage.length).toBe(0);
  });
});
