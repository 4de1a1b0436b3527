import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi } from '../../../test/api-stub';
import { renderApp } from '../../../test/render-app';

const signedOut = { 'GET /api/session': apiError(401, 'unauthenticated') };
const operator = {
  name: 'Leeds GP Federation',
  email: 'privacy@leedsgpfed.example',
  phone: '0113 496 0000',
};

describe('who runs the service', () => {
  it('names the data controller on the privacy notice, with how to write to them', async () => {
    stubApi({ ...signedOut, 'GET /api/service': { status: 200, body: { operator, demo: false } } });
    renderApp('/privacy');
    expect(
      await screen.findByText(
        /This service is run by Leeds GP Federation\. Leeds GP Federation is the data controller/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'privacy@leedsgpfed.example' })).toHaveAttribute(
      'href',
      'mailto:privacy@leedsgpfed.example',
    );
    expect(screen.getByText('Phone: 0113 496 0000')).toBeInTheDocument();
    expect(screen.queryByText(/demonstration/)).not.toBeInTheDocument();
  });

  it('says where to report an accessibility problem', async () => {
    stubApi({ ...signedOut, 'GET /api/service': { status: 200, body: { operator, demo: false } } });
    renderApp('/accessibility');
    expect(
      await screen.findByText(/To report a problem or ask for information in a different format/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'privacy@leedsgpfed.example' })).toBeInTheDocument();
  });

  it('says the demo is a demonstration run by no NHS organisation', async () => {
    stubApi({ ...signedOut, 'GET /api/service': { status: 200, body: { demo: true } } });
    renderApp('/privacy');
    expect(await screen.findByText(/This is a demonstration of the service/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /@/ })).not.toBeInTheDocument();
  });

  it('says so when it cannot find out, rather than leaving a gap', async () => {
    stubApi({ ...signedOut, 'GET /api/service': apiError(503, 'unavailable') });
    renderApp('/privacy');
    expect(
      await screen.findByText(/We could not find out just now who runs this service/),
    ).toBeInTheDocument();
  });
});
