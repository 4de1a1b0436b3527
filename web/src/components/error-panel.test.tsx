import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client';
import { ErrorPanel } from './error-panel';

function renderPanel(error: unknown) {
  const router = createMemoryRouter([{ path: '/', element: <ErrorPanel error={error} /> }]);
  render(<RouterProvider router={router} />);
}

describe('ErrorPanel', () => {
  it('says the device is offline at once, without loading anything', () => {
    renderPanel(new ApiError(0, 'offline', 'The device is offline'));
    expect(screen.getByRole('alert')).toHaveTextContent('You’re offline');
  });

  it('says our service is not available at once when it did not answer, or something else answered', () => {
    renderPanel(new ApiError(502, 'invalid_response', 'Unexpected status 502'));
    expect(screen.getByRole('alert')).toHaveTextContent('Sorry, this service is not available right now');
  });

  it('says only that there is a problem for a failure that is not a call’s', () => {
    renderPanel(new TypeError('x is undefined'));
    expect(screen.getByRole('alert')).toHaveTextContent('Sorry, there is a problem with the service');
  });

  it('shows the words for what our service answered, whole, once they are loaded', async () => {
    renderPanel(new ApiError(404, 'not_found', 'No such appointment'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not find this appointment');
    expect(screen.getByRole('link', { name: 'Go to your appointments' })).toHaveAttribute('href', '/');
  });
});
