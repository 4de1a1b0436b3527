import type { StaffSessionResponse } from '@gpbook/shared/staff-session';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { stubApi } from '../../../test/api-stub';
import { renderApp } from '../../../test/render-app';

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** A staff session that ends `endsInMs` from now by the server's clock, which runs `aheadMs` ahead of the device's. */
function staffSession(endsInMs: number, aheadMs = 0): StaffSessionResponse {
  const serverNow = Date.now() + aheadMs;
  return {
    user: { id: 'staff-user-id-0000000001', displayName: 'Amira Shah' },
    role: 'practice-manager',
    practices: [
      { odsCode: 'Y90001', name: 'Riverside Medical Centre', role: 'practice-manager', canChangeRules: true },
    ],
    idleExpiresAt: iso(serverNow + endsInMs),
    absoluteExpiresAt: iso(serverNow + 10 * 3_600_000),
    csrfToken: 'staff-csrf-token-0123456789',
    serverTime: iso(serverNow),
  };
}

beforeEach(() => {
  document.cookie = 'gpbook_staff_signed_in=1; path=/';
});

describe('the warning before a staff session ends', () => {
  it('warns two minutes before, by the server clock, and "Stay signed in" extends the session (with the CSRF token)', async () => {
    // The server's clock is an hour ahead of the device's: only the offset measured with the answer makes the end near.
    const ending = staffSession(60_000, 3_600_000);
    const api = stubApi({
      'GET /api/staff/session': { status: 200, body: ending },
      'POST /api/staff/session/refresh': { status: 200, body: staffSession(30 * 60_000) },
    });
    renderApp('/practice');
    const dialog = await screen.findByRole('alertdialog', { name: 'You’re about to be signed out' });
    expect(dialog).toHaveTextContent('Anything you have not finished will be lost.');
    await userEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    const [refresh] = api.callsTo('POST', '/api/staff/session/refresh');
    expect(refresh?.headers['x-csrf-token']).toBe('staff-csrf-token-0123456789');
    // The session was read once, then once more before warning: not again and again (each answer's clock offset
    // differs by a few milliseconds, which is the same end).
    expect(api.callsTo('GET', '/api/staff/session')).toHaveLength(2);
  });

  it('does not warn while the session has long to run', async () => {
    stubApi({ 'GET /api/staff/session': { status: 200, body: staffSession(30 * 60_000, 3_600_000) } });
    renderApp('/practice');
    await screen.findByRole('heading', { level: 1, name: 'Your practices' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('at the end, the sign-in page says the member of staff was signed out for doing nothing', async () => {
    stubApi({ 'GET /api/staff/session': { status: 200, body: staffSession(1_000) } });
    renderApp('/practice');
    await screen.findByRole('alertdialog', { name: 'You’re about to be signed out' });
    expect(
      await screen.findByText(
        /you were signed out because you did nothing for a while/,
        {},
        { timeout: 4000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
