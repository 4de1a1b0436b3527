import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SIGNED_IN_HINT_COOKIE } from '@gpbook/shared/session';
import { describe, expect, it } from 'vitest';
import { APPOINTMENTS_CACHE_KEY, saveAppointments } from '../lib/appointments-cache';
import { apiError, setOnline, stubApi } from '../test/api-stub';
import {
  hillside,
  makeAppointment,
  makeAppointments,
  makePractices,
  makeSession,
  parkview,
  unavailablePractice,
} from '../test/builders';
import { renderApp } from '../test/render-app';

const signedIn = (appointments = makeAppointments(), practices = makePractices()) =>
  stubApi({
    'GET /api/session': { status: 200, body: makeSession() },
    'GET /api/appointments': { status: 200, body: appointments },
    'GET /api/practices': { status: 200, body: practices },
    'POST /auth/logout': { status: 204 },
  });

describe('home', () => {
  it('shows the start page with "Continue with NHS login" when signed out', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Book a GP appointment' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Continue with NHS login' })).toHaveAttribute(
      'href',
      '/auth/login?returnTo=%2F',
    );
  });

  it('has a footer with the accessibility statement, privacy notice and cookies, each a page of its own', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Book a GP appointment' });
    expect(document.title).toBe('Book a GP appointment – NHS');
    const footer = screen.getByRole('contentinfo');
    for (const [name, path, heading] of [
      ['Accessibility statement', '/accessibility', 'Accessibility statement'],
      ['Privacy notice', '/privacy', 'Privacy notice'],
      ['Cookies', '/cookies', 'Cookies'],
    ] as const) {
      const link = within(footer).getByRole('link', { name });
      expect(link).toHaveAttribute('href', path);
      await userEvent.click(link);
      expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
      await waitFor(() => expect(document.title).toBe(`${heading} – Book a GP appointment – NHS`));
    }
    // The cookies page names each cookie the service sets.
    for (const cookie of ['gpbook_session', 'gpbook_signed_in', 'gpbook_signin'])
      expect(screen.getByRole('heading', { level: 3, name: cookie })).toBeInTheDocument();
  });

  it('shows a browser that has never signed in the start page without asking the server', async () => {
    document.cookie = `${SIGNED_IN_HINT_COOKIE}=; path=/; max-age=0`;
    const api = stubApi({});
    renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Book a GP appointment' }),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });

  it('opened signed out, a link to an appointment says why sign-in comes first, and returns there afterwards', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    const { router } = renderApp('/appointments/Y90001~appt-1');
    expect(
      await screen.findByText(
        'Sign in to see your appointment. After you sign in, you’ll come straight back to it.',
      ),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.getByRole('link', { name: 'Continue with NHS login' })).toHaveAttribute(
      'href',
      `/auth/login?returnTo=${encodeURIComponent('/appointments/Y90001~appt-1')}`,
    );
    expect(screen.queryByText(/For your security, you were signed out/)).not.toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Sign in – Book a GP appointment – NHS'));
  });

  it('opened signed out, a link into booking says "Sign in to book an appointment"', async () => {
    document.cookie = `${SIGNED_IN_HINT_COOKIE}=; path=/; max-age=0`;
    stubApi({});
    renderApp('/book/type?practice=Y90001');
    expect(await screen.findByText(/^Sign in to book an appointment\./)).toBeInTheDocument();
  });

  it('explains a failed sign-in from ?signin_error=', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/?signin_error=identity_level');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You need to prove who you are');
    // Where to prove it, and no "Continue with NHS login" that would only lead back here.
    expect(
      within(alert).getByRole('link', { name: 'Find out how to prove who you are with NHS login' }),
    ).toHaveAttribute('href', 'https://help.login.nhs.uk/provewhoyouare');
    // NHS login does not tell us their surgery yet, so we say where its phone number is.
    expect(within(alert).getByRole('link', { name: 'Find your GP surgery’s phone number' })).toHaveAttribute(
      'href',
      'https://www.nhs.uk/service-search/find-a-gp',
    );
    expect(screen.queryByRole('link', { name: 'Continue with NHS login' })).not.toBeInTheDocument();
    expect(screen.getByText(/When you have, come back to this service and sign in\./)).toBeInTheDocument();
  });

  it('after a cancelled sign-in, offers "Continue with NHS login" again', async () => {
    stubApi({ 'GET /api/session': apiError(401, 'unauthenticated') });
    renderApp('/?signin_error=signin_cancelled');
    expect(await screen.findByRole('alert')).toHaveTextContent('You did not finish signing in');
    expect(screen.getByRole('link', { name: 'Continue with NHS login' })).toBeInTheDocument();
  });

  it('lists upcoming appointments with the note that past ones are not shown, and keeps a copy for offline', async () => {
    signedIn();
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your appointments' })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: /at 10am/ });
    expect(link).toHaveAttribute('href', '/appointments/Y90001~appt-1');
    expect(screen.getByText(/Past appointments are not shown/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Book an appointment' })).toHaveAttribute('href', '/book');
    expect(screen.getByText('Jane Smith')).toBeInTheDocument();
    await waitFor(() => expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).not.toBeNull());
    const stored = JSON.parse(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY) ?? '{}') as {
      owner: string;
    };
    expect(stored.owner).toBe('opaque-user-id-jane-smith');
    expect(window.localStorage.length).toBe(1);
  });

  it('lists booked appointments under "Upcoming appointments" and cancelled ones in their own section below', async () => {
    const cancelled = makeAppointment({
      id: 'Y90001~cancelled',
      start: makeAppointment().start.replace('T10:00', 'T09:00'),
      status: 'cancelled',
      canCancel: false,
      canAmend: false,
    });
    signedIn(makeAppointments([cancelled, makeAppointment()]));
    renderApp('/');
    const upcoming = await screen.findByRole('heading', { level: 2, name: 'Upcoming appointments' });
    const cancelledHeading = screen.getByRole('heading', { level: 2, name: 'Cancelled appointments' });
    const [bookedLink, cancelledLink] = screen.getAllByRole('link', { name: /at (9|10)am/ });
    expect(bookedLink).toHaveAccessibleName(/at 10am$/);
    expect(cancelledLink).toHaveAccessibleName(/at 9am \(cancelled\)$/);
    // In reading order: upcoming, the booked one, then cancelled, the cancelled one.
    const order = (a: Element, b: Element) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    expect(order(upcoming, bookedLink!)).toBeTruthy();
    expect(order(bookedLink!, cancelledHeading)).toBeTruthy();
    expect(order(cancelledHeading, cancelledLink!)).toBeTruthy();
    expect(screen.getByText('Cancelled')).toBeInTheDocument();
  });

  it('shows the surgery below the list only once the list is there, so nothing moves down when it comes', async () => {
    const api = signedIn();
    const answerAppointments = api.hold('GET /api/appointments');
    renderApp('/');
    expect(await screen.findByText('Loading your appointments…')).toBeInTheDocument();
    // The surgery has answered; its card waits for the list rather than sitting where the list will go.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('heading', { level: 2, name: 'Your GP surgery' })).not.toBeInTheDocument();

    answerAppointments();
    const surgery = await screen.findByRole('heading', { level: 2, name: 'Your GP surgery' });
    const upcoming = screen.getByRole('heading', { level: 2, name: 'Upcoming appointments' });
    expect(upcoming.compareDocumentPosition(surgery) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('with only cancelled appointments, says there are no upcoming ones', async () => {
    signedIn(makeAppointments([makeAppointment({ status: 'cancelled', canCancel: false, canAmend: false })]));
    renderApp('/');
    expect(await screen.findByText('You have no upcoming appointments.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Cancelled appointments' })).toBeInTheDocument();
  });

  it('offline: shows the copy kept on the device read-only, and booking disabled with a reason', async () => {
    const owner = 'opaque-user-id-jane-smith';
    saveAppointments(owner, makeAppointments());
    setOnline(false);
    stubApi({});
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'You’re offline' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 3, name: /at 10am/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Book an appointment' })).toBeDisabled();
    expect(screen.getByText(/You cannot book an appointment while you’re offline/)).toBeInTheDocument();
    expect(screen.getByText(/This is your list as it was on/)).toBeInTheDocument();

    // Its details open from the same copy, read-only: nothing to change, nothing to download.
    await userEvent.click(screen.getByRole('link', { name: /at 10am/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'GP appointment' })).toBeInTheDocument();
    expect(screen.getByText(/This is your appointment as it was on/)).toBeInTheDocument();
    expect(screen.getByText('Cough for 3 weeks')).toBeInTheDocument();
    expect(
      screen.getByText(/You cannot change or cancel an appointment while you’re offline/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add to calendar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Cancel this appointment' })).not.toBeInTheDocument();
  });

  it('offline, an appointment that is not in the copy on the device says it cannot be shown', async () => {
    saveAppointments('opaque-user-id-jane-smith', makeAppointments([]));
    setOnline(false);
    stubApi({});
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    renderApp('/appointments/Y90001~elsewhere');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your appointment' })).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });

  it('drops a copy that belongs to someone else when a different patient signs in', async () => {
    saveAppointments('someone-else', makeAppointments());
    signedIn(makeAppointments([]));
    renderApp('/');
    expect(await screen.findByText('You have no upcoming appointments.')).toBeInTheDocument();
    await waitFor(() => {
      const stored = JSON.parse(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY) ?? '{}') as {
        owner?: string;
      };
      expect(stored.owner).not.toBe('someone-else');
    });
  });

  it('when this service does not answer at all (browser online), says the service is not available, not "offline"', async () => {
    saveAppointments('opaque-user-id-jane-smith', makeAppointments());
    stubApi({});
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sorry, this service is not available right now');
    expect(alert).toHaveTextContent(
      'If you need to book or change an appointment now, phone your GP surgery.',
    );
    expect(screen.queryByText(/offline/)).not.toBeInTheDocument();
    // The copy on the device still shows, without "until you’re back online".
    expect(
      screen.getByText(/This is your list as it was on .* It may have changed since\.$/),
    ).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 3, name: /at 10am/ })).toBeInTheDocument();
    // "Sign out" stays (without the name, which is not kept on the device), and works: it forgets the copy here.
    const account = screen.getByRole('navigation', { name: 'Account' });
    expect(account).not.toHaveTextContent('Jane');
    await userEvent.click(within(account).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();
  });

  it('when the list answers 502 from a proxy, says the service is not available, with the surgery’s number, and keeps "Sign out"', async () => {
    const api = signedIn();
    api.set('GET /api/appointments', { status: 502, body: 'Bad gateway' });
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sorry, this service is not available right now');
    expect(alert).toHaveTextContent('Riverside Medical Centre’s phone number is 0113 496 0001.');
    expect(
      within(screen.getByRole('navigation', { name: 'Account' })).getByRole('button', { name: 'Sign out' }),
    ).toBeInTheDocument();
  });

  it('when the patient’s surgery has no record of them, says so with its number, and offers no booking', async () => {
    saveAppointments('opaque-user-id-jane-smith', makeAppointments());
    const api = signedIn();
    api.set('GET /api/appointments', apiError(403, 'patient_not_found'));
    renderApp('/');
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: /Your GP surgery cannot find your record$/,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'You cannot see or book appointments online until Riverside Medical Centre has checked your details.',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: '0113 496 0001' })[0]).toHaveAttribute(
      'href',
      'tel:01134960001',
    );
    expect(screen.queryByRole('link', { name: 'Book an appointment' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Book an appointment' })).not.toBeInTheDocument();
    // Not "You have no upcoming appointments", and not the copy from before.
    expect(screen.queryByText(/no upcoming appointments/)).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /at 10am/ })).not.toBeInTheDocument();
  });

  it('without the practices, says to phone the surgery in general words', async () => {
    const api = signedIn();
    api.set('GET /api/appointments', apiError(403, 'patient_not_found'));
    api.set('GET /api/practices', apiError(503, 'practice_unavailable'));
    renderApp('/');
    expect(
      await screen.findByText(
        'Phone your GP surgery to check they have your up-to-date details, or to book an appointment.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Book an appointment' })).not.toBeInTheDocument();
  });

  it('says the surgery system could not be reached when the list answers practice_unavailable', async () => {
    const api = signedIn();
    api.set('GET /api/appointments', apiError(503, 'practice_unavailable'));
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your GP surgery’s system is not answering');
    expect(alert).toHaveTextContent(
      'We could not connect to it. This service and your internet connection are working.',
    );
  });

  it('says whose appointments are missing when a practice did not answer, above the list', async () => {
    signedIn(
      makeAppointments(
        [makeAppointment()],
        [unavailablePractice(parkview, 'timeout'), unavailablePractice(hillside, 'unreachable')],
      ),
    );
    renderApp('/');
    const heading = await screen.findByRole('heading', {
      level: 3,
      name: /Some of your appointments may not be shown/,
    });
    const notice = heading.parentElement as HTMLElement;
    expect(notice).toHaveTextContent(
      'We could not get your appointments from Parkview Surgery: its system did not answer in time. Any appointments you have there are not shown here. Try again later.',
    );
    expect(notice).toHaveTextContent(
      'We could not get your appointments from Hillside Health Centre: we could not reach its system. Any appointments you have there are not shown here. Try again later.',
    );
    const link = screen.getByRole('link', { name: /at 10am/ });
    expect(notice.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('never says "no upcoming appointments" as if certain while a practice did not answer', async () => {
    signedIn(
      makeAppointments([], [unavailablePractice(parkview, 'error')]),
      makePractices([parkview, hillside]),
    );
    renderApp('/');
    expect(
      await screen.findByText(
        'We could not get your appointments from Parkview Surgery: its system had a problem. Any appointments you have there are not shown here. Try again later.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'You have no upcoming appointments at Riverside Medical Centre or Hillside Health Centre.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('You have no upcoming appointments.')).not.toBeInTheDocument();
  });

  it('without the practices, says the empty list is of the practices that answered', async () => {
    const api = signedIn(makeAppointments([], [unavailablePractice(parkview, 'timeout')]));
    api.set('GET /api/practices', apiError(503, 'practice_unavailable'));
    renderApp('/');
    expect(
      await screen.findByText('You have no upcoming appointments at the GP surgeries that answered.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('You have no upcoming appointments.')).not.toBeInTheDocument();
  });

  it('signs out with the CSRF header, forgets the offline copy and says so', async () => {
    const api = signedIn();
    renderApp('/');
    await screen.findByRole('link', { name: /at 10am/ });
    await waitFor(() => expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).not.toBeNull());
    api.set('GET /api/session', apiError(401, 'unauthenticated'));
    const account = screen.getByRole('navigation', { name: 'Account' });
    await userEvent.click(within(account).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    const [logout] = api.callsTo('POST', '/auth/logout');
    expect(logout?.headers['x-csrf-token']).toBe('csrf-token-0123456789abcdef');
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();
  });
});
