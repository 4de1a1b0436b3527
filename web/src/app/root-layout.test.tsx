import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi } from '../test/api-stub';
import { makeAppointments, makePractices, makeSession } from '../test/builders';
import { renderApp } from '../test/render-app';

describe('the page frame while the session answer is on its way', () => {
  it('has the account area from the first frame in a browser that holds a session, and the name once it is known', async () => {
    // The test setup leaves the readable signed-in hint cookie, as after a sign-in.
    const api = stubApi({
      'GET /api/session': { status: 200, body: makeSession() },
      'GET /api/appointments': { status: 200, body: makeAppointments() },
      'GET /api/practices': { status: 200, body: makePractices() },
    });
    const answerSession = api.hold('GET /api/session');
    renderApp('/');
    const header = screen.getByRole('banner');
    // Before the answer: the account area takes its place (so the header does not grow later) but is not shown
    // (the name, coming in before "Sign out", would move it).
    const account = await within(header).findByRole('navigation', { name: 'Account' });
    expect(within(account).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(within(account).queryByText(/Signed in as/)).not.toBeInTheDocument();
    expect(account).toHaveClass('app-reserved');

    answerSession();
    expect(await within(account).findByText(/Signed in as/)).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Account' })).toBe(account);
    expect(account).not.toHaveClass('app-reserved');
  });
});
