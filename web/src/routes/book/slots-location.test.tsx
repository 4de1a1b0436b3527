import { slotsQuerySchema } from '@gpbook/shared/slots';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubApi } from '../../test/api-stub';
import {
  makeAppointments,
  makePractices,
  makeSession,
  makeSlot,
  slotsResponseFor,
} from '../../test/builders';
import { renderApp } from '../../test/render-app';

const branch = {
  id: 'riverside-kirkstall',
  name: 'Kirkstall branch',
  address: { lines: ['40 Kirkstall Road'], town: 'Leeds', postcode: 'LS4 2AB' },
};
const mainSlot = makeSlot({ day: 1, time: '09:00' });
const branchSlot = makeSlot({
  day: 1,
  time: '09:30',
  id: 'branch-slot',
  practitioner: { name: 'Dr Rajesh Patel' },
  location: branch,
});
const branchPhoneSlot = makeSlot({
  day: 2,
  time: '14:00',
  id: 'branch-phone',
  channel: 'telephone',
  location: branch,
});

/** The slot search as the BFF answers it, from these slots, honouring every filter. */
function stubPracticeWithBranch() {
  return stubApi({
    'GET /api/session': { status: 200, body: makeSession() },
    'GET /api/practices': { status: 200, body: makePractices([]) },
    'GET /api/appointments': { status: 200, body: makeAppointments([]) },
    'GET /api/slots': (call) => {
      const query = slotsQuerySchema.parse(Object.fromEntries(new URL(call.path, 'http://x').searchParams));
      return { status: 200, body: slotsResponseFor(query, [mainSlot, branchSlot, branchPhoneSlot]) };
    },
  });
}

const slotsPath = '/book/slots?practice=Y90001&role=gp';

describe('slots at a practice with a branch surgery', () => {
  it('says where each in-person time is, and filters by surgery with radios and a button', async () => {
    const api = stubPracticeWithBranch();
    const { router } = renderApp(`${slotsPath}&channel=in-person`);
    expect(
      await screen.findByRole('button', {
        name: /9:30am, 10 minutes, Dr Rajesh Patel, GP, in person, at Kirkstall branch$/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /9am, .*at Riverside Medical Centre$/ })).toBeInTheDocument();

    const surgery = screen.getByRole('group', { name: 'Surgery' });
    expect(
      within(surgery)
        .getAllByRole('radio')
        .map((radio) => radio.closest('div')?.textContent),
    ).toEqual(['All surgeries', 'Kirkstall branch', 'Riverside Medical Centre']);
    expect(within(surgery).getByRole('radio', { name: 'All surgeries' })).toBeChecked();
    await userEvent.click(screen.getByText('Filter times'));
    await userEvent.click(within(surgery).getByRole('radio', { name: 'Kirkstall branch' }));
    // Choosing alone moves nobody on.
    expect(router.state.location.search).not.toContain('location=');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() => expect(router.state.location.search).toContain('location=riverside-kirkstall'));
    expect(await screen.findByText(/GP appointments in person at Kirkstall branch,/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('button', { name: /Dr Rajesh Patel/ })).toHaveLength(1));
    expect(screen.queryByRole('button', { name: /Dr Amina Shah/ })).not.toBeInTheDocument();
    // One surgery shown: the times no longer repeat where they are.
    expect(screen.getByRole('button', { name: /Dr Rajesh Patel, GP, in person$/ })).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/slots').at(-1)?.path).toContain('location=riverside-kirkstall');
    expect(screen.getByRole('radio', { name: 'Kirkstall branch' })).toBeChecked();
    expect(screen.getByText('Filter times (1 filter on)')).toBeInTheDocument();
    // A new list is a new page: focus goes to its heading, as after any page change.
    expect(screen.getByRole('heading', { level: 1, name: 'Choose a time' })).toHaveFocus();

    await userEvent.click(screen.getByRole('radio', { name: 'All surgeries' }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(router.state.location.search).not.toContain('location='));
    expect(await screen.findByRole('button', { name: /Dr Amina Shah/ })).toBeInTheDocument();
  });

  it('does not ask where for telephone appointments', async () => {
    stubPracticeWithBranch();
    renderApp(`${slotsPath}&channel=telephone`);
    expect(await screen.findByRole('button', { name: /2pm, .*GP, by phone$/ })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Surgery' })).not.toBeInTheDocument();
  });

  it('offers all surgeries when the one chosen has nothing free, and changing the type starts from all of them', async () => {
    stubPracticeWithBranch();
    renderApp(`/book/slots?practice=Y90001&role=nurse&channel=in-person&location=riverside-kirkstall`);
    expect(
      await screen.findByRole('heading', { name: 'There are no free appointments on these dates' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'look at all surgeries' }).getAttribute('href')).not.toContain(
      'location=',
    );
    expect(
      screen.getByRole('link', { name: 'Change the type of appointment' }).getAttribute('href'),
    ).not.toContain('location=');
  });
});
