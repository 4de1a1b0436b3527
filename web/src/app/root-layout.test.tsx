import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeAppointments, makePractices, makeSession } from '../test/builders';
import { renderApp } from '../test/render-app';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('the page frame while the session answer is on its way', () => {
  it('has the account area from the first frame in a browser that holds a session, and the name once it is known', async () => {
    // The test setup leaves the readable signed-in hint cookie, as after a sign-in.
    let answerSession: (response: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL) => {
        const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const path = new URL(href, 'http://localhost').pathname;
        if (path === '/api/session')
          return new Promise<Response>((resolve) => {
            answerSession = resolve;
          });
        if (path === '/api/appointments') return Promise.resolve(json(makeAppointments()));
        return Promise.resolve(json(makePractices()));
      }),
    );
    renderApp('/');
    const header = screen.getByRole('banner');
    // Before the answer: the account area is there (so the header does not grow later), without a name.
    const account = await within(header).findByRole('navigation', { name: 'Account' });
    expect(within(account).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(within(account).queryByText(/Signed in as/)).not.toBeInTheDocument();

    answerSession(json(makeSession()));
    expect(await within(account).findByText(/Signed in as/)).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Account' })).toBe(account);
  });
});
