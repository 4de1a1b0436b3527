import { slotsQuerySchema, type Slot } from '@gpbook/shared/slots';
import { formatLondonCalendarDate } from '@gpbook/shared/time';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubApi } from '../../test/api-stub';
import {
  londonDay,
  makeAppointments,
  makePractices,
  makeSession,
  makeSlot,
  slotsResponseFor,
} from '../../test/builders';
import { renderApp } from '../../test/render-app';

const hart = { name: 'Dr Amelia Hart', gender: 'female' as const };
const patel = { name: 'Dr Rajesh Patel', gender: 'male' as const };

/** Free times on day 1 (morning, afternoon, evening) and day 3 (morning only). */
const slots: Slot[] = [
  makeSlot({ day: 1, time: '09:00', practitioner: hart }),
  makeSlot({ day: 1, time: '09:10', practitioner: patel }),
  makeSlot({ day: 1, time: '14:00', practitioner: hart }),
  makeSlot({ day: 1, time: '18:30', practitioner: patel }),
  makeSlot({ day: 3, time: '10:00', practitioner: hart }),
];

function stubSlots(free: readonly Slot[] = slots) {
  return stubApi({
    'GET /api/session': { status: 200, body: makeSession() },
    'GET /api/practices': { status: 200, body: makePractices([]) },
    'GET /api/appointments': { status: 200, body: makeAppointments([]) },
    'GET /api/slots': (call) => {
      const query = slotsQuerySchema.parse(Object.fromEntries(new URL(call.path, 'http://x').searchParams));
      return { status: 200, body: slotsResponseFor(query, free) };
    },
  });
}

const slotsPath = '/book/slots?practice=Y90001&role=gp&channel=in-person';

function dayLink(day: number, count: number) {
  const [weekday, date, month] = formatLondonCalendarDate(londonDay(day)).split(' ');
  return screen.getByRole('link', {
    name: `${weekday} ${date} ${month} ${count} ${count === 1 ? 'time' : 'times'}`,
  });
}

describe('choosing a time: a day first, then its times', () => {
  it('lists the days with free times and their counts, shows the first day’s times, and another day’s on choosing it', async () => {
    const api = stubSlots();
    const { router } = renderApp(slotsPath);
    expect(await screen.findByRole('heading', { level: 2, name: 'Choose a day' })).toBeInTheDocument();
    const first = dayLink(1, 4);
    expect(first).toHaveAttribute('aria-current', 'date');
    expect(dayLink(3, 1)).not.toHaveAttribute('aria-current');
    // Days without free times are not offered.
    expect(screen.getAllByRole('link', { name: /\d+ times?$/ })).toHaveLength(2);
    const dayHeading = screen.getByRole('heading', { level: 2, name: /\(4 times\)$/ });
    expect(dayHeading).toHaveTextContent(formatLondonCalendarDate(londonDay(1)));
    expect(screen.getByRole('heading', { level: 3, name: 'Morning (2 times)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Afternoon (1 time)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Evening (1 time)' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /, GP, in person$/ })).toHaveLength(4);

    await userEvent.click(dayLink(3, 1));
    await waitFor(() => expect(router.state.location.search).toContain(`day=${londonDay(3)}`));
    const chosen = await screen.findByRole('heading', { level: 2, name: /\(1 time\)$/ });
    expect(chosen).toHaveTextContent(formatLondonCalendarDate(londonDay(3)));
    // Choosing a day takes the patient to its times (not back to the top of the page).
    expect(chosen).toHaveFocus();
    expect(dayLink(3, 1)).toHaveAttribute('aria-current', 'date');
    expect(screen.getAllByRole('button', { name: /, GP, in person$/ })).toHaveLength(1);
    // The day is a choice on the device: the practice is not asked again.
    expect(api.callsTo('GET', '/api/slots')).toHaveLength(1);

    // Back returns to the day before, as the address held it.
    await router.navigate(-1);
    await waitFor(() => expect(router.state.location.search).not.toContain('day='));
    expect(await screen.findByRole('heading', { level: 2, name: /\(4 times\)$/ })).toBeInTheDocument();
  });

  it('filters by part of the day and by clinician, in the address, so a reload shows the same', async () => {
    stubSlots();
    const { router } = renderApp(slotsPath);
    await screen.findByRole('heading', { level: 2, name: 'Choose a day' });
    await userEvent.click(screen.getByText('Filter times'));
    await userEvent.click(screen.getByRole('radio', { name: 'Morning' }));
    await userEvent.click(screen.getByRole('radio', { name: 'A female GP' }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(router.state.location.search).toContain('time=morning'));
    expect(router.state.location.search).toContain('gender=female');
    expect(await screen.findByText(/Showing only morning times with a female GP\./)).toBeInTheDocument();
    expect(screen.getByText('Filter times (2 filters on)')).toBeInTheDocument();
    // Day 1: only Dr Hart's 9am; day 3: her 10am.
    expect(dayLink(1, 1)).toBeInTheDocument();
    expect(dayLink(3, 1)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /9am, 10 minutes, Dr Amelia Hart, GP, in person$/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Dr Rajesh Patel/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 3, name: /Afternoon/ })).not.toBeInTheDocument();

    // A clinician by name, from the address alone (a reload, or a link).
    await router.navigate(`${slotsPath}&clinician=${encodeURIComponent('Dr Rajesh Patel')}`);
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /Dr Rajesh Patel/ }).length).toBeGreaterThan(0),
    );
    expect(screen.queryByRole('button', { name: /Dr Amelia Hart/ })).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Dr Rajesh Patel' })).toBeChecked();
    expect(screen.getByText(/Showing only times with Dr Rajesh Patel\./)).toBeInTheDocument();
    // Dr Patel has no times on day 3: only day 1 is offered.
    expect(screen.getAllByRole('link', { name: /\d+ times?$/ })).toHaveLength(1);
  });

  it('says when nothing matches the filters, with the way to clear them', async () => {
    stubSlots();
    renderApp(`${slotsPath}&time=evening&gender=female`);
    expect(
      await screen.findByRole('heading', {
        name: 'There are no times that match your filters on these dates',
      }),
    ).toBeInTheDocument();
    const clear = screen.getByRole('link', { name: 'clear the filters' });
    expect(clear.getAttribute('href')).not.toMatch(/time=|gender=/);
    await userEvent.click(clear);
    expect(await screen.findByRole('heading', { level: 2, name: 'Choose a day' })).toBeInTheDocument();
  });

  it('says when the day asked for has no times that match, and offers the other days', async () => {
    stubSlots();
    renderApp(`${slotsPath}&day=${londonDay(3)}&time=evening`);
    expect(
      await screen.findByText(
        `There are no times that match your filters on ${formatLondonCalendarDate(londonDay(3))}. Choose another day.`,
      ),
    ).toBeInTheDocument();
    expect(dayLink(1, 1)).toBeInTheDocument();
  });

  it('draws one day at a time, six times a part, however many hundreds are free; "show more" shows the rest', async () => {
    // 14 days × 40 times: 560 free slots.
    const many = Array.from({ length: 14 }, (_, day) =>
      Array.from({ length: 40 }, (_, index) => {
        const minutes = 8 * 60 + index * 15;
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        return makeSlot({ day, time, practitioner: index % 2 === 0 ? hart : patel });
      }),
    ).flat();
    stubSlots(many);
    renderApp(slotsPath);
    await screen.findByRole('heading', { level: 2, name: 'Choose a day' });
    expect(screen.getByText('560 free times', { exact: false })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /40 times$/ })).toHaveLength(14);
    // 8am to 5:45pm: 16 morning, 20 afternoon, 4 evening times; six of each part drawn.
    expect(screen.getAllByRole('button', { name: /, GP, in person$/ })).toHaveLength(6 + 6 + 4);
    const more = screen.getByRole('button', { name: /^Show 10 more morning times on / });
    await userEvent.click(more);
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /, GP, in person$/ })).toHaveLength(16 + 6 + 4),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: /, 9:30am, / })).toHaveFocus());
    expect(screen.getByRole('button', { name: /^Show 14 more afternoon times on / })).toBeInTheDocument();
    const morning = screen.getByRole('heading', { level: 3, name: 'Morning (16 times)' }).closest('section');
    expect(within(morning as HTMLElement).queryByRole('button', { name: /^Show/ })).not.toBeInTheDocument();
  });
});
