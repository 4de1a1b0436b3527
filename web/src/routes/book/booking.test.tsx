import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, setOnline, stubApi } from '../../test/api-stub';
import {
  hillside,
  londonDay,
  makeAppointment,
  makeAppointments,
  makePractices,
  makeSession,
  makeSlot,
  makeSlotsResponse,
  parkview,
  unavailablePractice,
} from '../../test/builders';
import { renderApp } from '../../test/render-app';

const slot = makeSlot({ day: 1, time: '09:30' });
const phoneSlot = makeSlot({ day: 2, time: '11:00', channel: 'telephone', id: 'phone-slot' });

function stubBooking(federation = makePractices().federation, unavailable = makePractices().unavailable) {
  return stubApi({
    'GET /api/session': { status: 200, body: makeSession() },
    'GET /api/practices': { status: 200, body: makePractices(federation, unavailable) },
    'GET /api/appointments': { status: 200, body: makeAppointments([]) },
    'GET /api/slots': { status: 200, body: makeSlotsResponse([slot, phoneSlot]) },
  });
}

const choices = `practice=Y90001&role=gp&channel=in-person`;

/** From the reason page (the slot chosen, in the address) to check your answers, ready to book. */
async function toCheckAnswers() {
  renderApp(`/book/reason?${choices}&slot=${encodeURIComponent(slot.id)}`);
  await userEvent.type(
    await screen.findByRole('textbox', { name: 'What is the appointment for?' }),
    'Sore knee',
  );
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { level: 1, name: 'Check your answers before booking' });
}

describe('booking journey', () => {
  it('asks for the practice only when the federation has more than one, with an error summary if none is chosen', async () => {
    stubBooking();
    renderApp('/book');
    const legend = await screen.findByRole('heading', {
      level: 1,
      name: 'Which GP surgery do you want to book at?',
    });
    expect(legend).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Select the GP surgery you want to book at');
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(within(summary).getByRole('link')).toHaveAttribute('href', '#practice');
    await userEvent.click(screen.getByRole('radio', { name: 'Parkview Surgery' }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'What type of appointment do you need?' }),
    ).toBeInTheDocument();
  });

  it('puts the patient’s own surgery first, named as theirs, then the others after "or", with none chosen', async () => {
    stubBooking([parkview, hillside]);
    renderApp('/book');
    await screen.findByRole('heading', { level: 1, name: 'Which GP surgery do you want to book at?' });
    const radios = screen.getAllByRole('radio');
    expect(radios.map((radio) => radio.nextElementSibling?.textContent)).toEqual([
      'Riverside Medical Centre (your surgery)',
      'Parkview Surgery',
      'Hillside Health Centre',
    ]);
    for (const radio of radios) expect(radio).not.toBeChecked();
    const divider = screen.getByText('or');
    expect(divider).toHaveClass('nhsuk-radios__divider');
    expect(radios[0]!.compareDocumentPosition(divider) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(divider.compareDocumentPosition(radios[1]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('lists the federation’s practices that are not available right now, with why, and not as choices', async () => {
    stubBooking([parkview], [unavailablePractice(hillside, 'unreachable')]);
    renderApp('/book');
    await screen.findByRole('heading', { level: 1, name: 'Which GP surgery do you want to book at?' });
    expect(screen.getAllByRole('radio')).toHaveLength(2);
    expect(
      screen.getByRole('radio', { name: 'Riverside Medical Centre (your surgery)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Parkview Surgery' })).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: /Hillside/ })).not.toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'This GP surgery is not available right now' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Hillside Health Centre: we could not reach its system.')).toBeInTheDocument();
    expect(screen.getByText('Try again later to book there, or phone the surgery.')).toBeInTheDocument();
  });

  it('still asks which practice when every other practice is not available, so the patient hears why', async () => {
    stubBooking([], [unavailablePractice(parkview, 'timeout'), unavailablePractice(hillside, 'error')]);
    renderApp('/book');
    await screen.findByRole('heading', { level: 1, name: 'Which GP surgery do you want to book at?' });
    expect(
      screen.getByRole('radio', { name: 'Riverside Medical Centre (your surgery)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'These GP surgeries are not available right now' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('radio')).toHaveLength(1);
    expect(screen.getByText('Parkview Surgery: its system did not answer in time.')).toBeInTheDocument();
    expect(screen.getByText('Hillside Health Centre: its system had a problem.')).toBeInTheDocument();
  });

  it('skips the practice question when the patient’s practice has no federation', async () => {
    stubBooking([]);
    const { router } = renderApp('/book');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'What type of appointment do you need?' }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe('?practice=Y90001');
    expect(screen.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/');
  });

  it('offers a blood test by what it is for, not by the job title alone', async () => {
    stubBooking([]);
    renderApp('/book/type?practice=Y90001');
    expect(await screen.findByRole('radio', { name: 'Blood test (phlebotomist)' })).toBeInTheDocument();
    expect(screen.getByText('If a GP or nurse has asked you to have a blood test')).toBeInTheDocument();
  });

  it('goes type → how → slots, keeping the answers in the address', async () => {
    const api = stubBooking([]);
    const { router } = renderApp('/book/type?practice=Y90001');
    await userEvent.click(await screen.findByRole('radio', { name: 'Nurse' }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'How do you want to have the appointment?' });
    await userEvent.click(screen.getByRole('radio', { name: 'By phone' }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Choose a time' });
    expect(router.state.location.search).toBe('?practice=Y90001&role=nurse&channel=telephone');
    await waitFor(() => expect(api.callsTo('GET', '/api/slots')).toHaveLength(1));
    const query = new URLSearchParams(api.callsTo('GET', '/api/slots')[0]?.path.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      practice: 'Y90001',
      from: londonDay(0),
      to: londonDay(13),
      role: 'nurse',
      channel: 'telephone',
    });
  });

  it('shows slots grouped by day as buttons that say everything about them', async () => {
    stubBooking();
    renderApp(`/book/slots?${choices}`);
    const button = await screen.findByRole('button', {
      name: /9:30am, 10 minutes, Dr Amina Shah, GP, in person$/,
    });
    expect(button.getAttribute('aria-label')).toMatch(/^\w+day \d{1,2} \w+, 9:30am/);
    const day = screen
      .getAllByRole('heading', { level: 2 })
      .find((heading) => heading.id === `day-${londonDay(1)}`);
    expect(day).toBeDefined();
  });

  it('moves the window on with "show later dates"', async () => {
    const api = stubBooking();
    const { router } = renderApp(`/book/slots?${choices}`);
    await screen.findByRole('button', { name: /9:30am/ });
    await userEvent.click(screen.getByRole('link', { name: /Show later dates/ }));
    await waitFor(() => expect(router.state.location.search).toContain(`from=${londonDay(14)}`));
    await waitFor(() =>
      expect(
        api.callsTo('GET', '/api/slots').some((call) => call.path.includes(`from=${londonDay(14)}`)),
      ).toBe(true),
    );
    expect(await screen.findByRole('link', { name: /Show earlier dates/ })).toBeInTheDocument();
  });

  it('says when there are no free slots, and what to try instead', async () => {
    const api = stubBooking();
    api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([]) });
    renderApp(`/book/slots?${choices}`);
    expect(
      await screen.findByRole('heading', { name: 'There are no free appointments on these dates' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'look at later dates' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'choose another type of appointment' })).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'choose another way to have the appointment' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '0113 496 0001' })).toHaveAttribute('href', 'tel:01134960001');
  });

  it('says when the practice’s system could not be reached, or did not answer in time', async () => {
    const api = stubBooking();
    api.set('GET /api/slots', apiError(503, 'practice_unavailable'));
    renderApp(`/book/slots?${choices}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your GP surgery’s system is not answeringWe could not connect to it.',
    );
    cleanup();
    api.set('GET /api/slots', apiError(504, 'practice_timeout'));
    renderApp(`/book/slots?${choices}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your GP surgery’s system is not answeringIt did not answer in time.',
    );
    expect(screen.getByRole('link', { name: '0113 496 0001' })).toHaveAttribute('href', 'tel:01134960001');
  });

  it('says when this practice cannot book for the patient online, with the way to choose another', async () => {
    const api = stubBooking();
    api.set('GET /api/slots', apiError(422, 'practice_cannot_book'));
    renderApp('/book/slots?practice=Y90002&role=gp&channel=in-person');
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { name: /This GP surgery cannot book appointments for you online/ }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent('You cannot book at Parkview Surgery through this service.');
    expect(within(alert).getByRole('link', { name: 'choose another GP surgery' })).toHaveAttribute(
      'href',
      '/book/practice?practice=Y90002&role=gp&channel=in-person',
    );
    expect(within(alert).getByRole('link', { name: '0113 496 0002' })).toHaveAttribute(
      'href',
      'tel:01134960002',
    );
  });

  it('says when the patient’s surgery could not find their record, and to phone it', async () => {
    const api = stubBooking();
    api.set('GET /api/slots', apiError(404, 'patient_not_found'));
    renderApp(`/book/slots?${choices}`);
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { name: /Your GP surgery could not find your record/ }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'Phone Riverside Medical Centre on 0113 496 0001 to check they have your up-to-date details.',
    );
    expect(within(alert).getByRole('link', { name: '0113 496 0001' })).toHaveAttribute(
      'href',
      'tel:01134960001',
    );
  });

  it('checks the reason (required, at most 100 characters) with an error summary and inline errors', async () => {
    stubBooking();
    renderApp(`/book/slots?${choices}`);
    await userEvent.click(await screen.findByRole('button', { name: /9:30am/ }));
    const description = await screen.findByRole('textbox', { name: 'What is the appointment for?' });
    expect(screen.getAllByText('You have 100 characters remaining')[0]).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a reason for the appointment');
    expect(description).toHaveAccessibleDescription(
      expect.stringContaining('Enter a reason for the appointment'),
    );
    await userEvent.type(description, 'x'.repeat(101));
    expect(screen.getAllByText('You have 1 character too many')[0]).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Reason must be 100 characters or fewer');
  });

  it('offers the mobile number NHS login holds for the patient on the phone page, ready to change', async () => {
    const api = stubBooking();
    api.set('GET /api/session', {
      status: 200,
      body: makeSession({
        user: { ...makeSession().user, phone: '07700 900 123' },
      }),
    });
    api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([phoneSlot]) });
    renderApp('/book/slots?practice=Y90001&role=gp&channel=telephone');
    await userEvent.click(await screen.findByRole('button', { name: /11am/ }));
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'What is the appointment for?' }),
      'Test results',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const phone = await screen.findByRole('textbox', { name: 'What number should the surgery call you on?' });
    expect(phone).toHaveValue('07700 900 123');
  });

  it('asks for the number to call on a page of its own, and the confirmation says who will call which number', async () => {
    const api = stubBooking();
    api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([phoneSlot]) });
    const booked = makeAppointment({
      id: 'Y90001~phone',
      start: phoneSlot.start,
      end: phoneSlot.end,
      channel: 'telephone',
      phone: '07700 900 982',
      description: 'Test results',
    });
    api.set('POST /api/appointments', { status: 201, body: booked });
    const { router } = renderApp('/book/slots?practice=Y90001&role=gp&channel=telephone');
    await userEvent.click(await screen.findByRole('button', { name: /11am/ }));
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'What is the appointment for?' }),
      'Test results',
    );
    // Not on the reason page, and not counted against the reason.
    expect(screen.queryByRole('textbox', { name: /number/ })).not.toBeInTheDocument();
    expect(screen.getByText('You can enter up to 100 characters')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    const phone = await screen.findByRole('textbox', { name: 'What number should the surgery call you on?' });
    expect(
      screen.getByRole('heading', { level: 1, name: 'What number should the surgery call you on?' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/book/phone');
    expect(router.state.location.search).not.toContain('07700');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Enter the phone number the surgery should call',
    );
    await userEvent.type(phone, 'call me');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a UK phone number, like 07700 900 982');
    await userEvent.clear(phone);
    await userEvent.type(phone, '07700 900 982');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check your answers before booking' }),
    ).toBeInTheDocument();
    expect(screen.getByText('07700 900 982')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Change number to call you on' }).getAttribute('href')).toMatch(
      /^\/book\/phone\?/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment booked' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/appointments')[0]?.body).toEqual({
      slotIds: [phoneSlot.id],
      description: 'Test results',
      phone: '07700 900 982',
    });
    expect(screen.getByText(/Phone appointment: Dr Amina Shah will call 07700 900 982/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Dr Amina Shah from Riverside Medical Centre will phone you on 07700 900 982 at 11am on \w+day \d+ \w+\./,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/at Riverside Medical Centre$/)).not.toBeInTheDocument();
  });

  it('says how the link for a video call will come', async () => {
    const api = stubBooking();
    const videoSlot = makeSlot({ day: 2, time: '14:00', channel: 'video', id: 'video-slot' });
    api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([videoSlot]) });
    const booked = makeAppointment({
      id: 'Y90001~video',
      start: videoSlot.start,
      end: videoSlot.end,
      channel: 'video',
    });
    api.set('GET /api/appointments/Y90001~video', { status: 200, body: booked });
    renderApp('/appointments/Y90001~video/booked');
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment booked' })).toBeInTheDocument();
    expect(
      await screen.findByText(/Video call with Dr Amina Shah from Riverside Medical Centre/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Riverside Medical Centre will send you a link to join the video call before/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /If you have not had the link by the time of your appointment, phone Riverside Medical Centre on/,
      ),
    ).toBeInTheDocument();
  });

  it('books from check your answers and shows the confirmation with "add to calendar"', async () => {
    const api = stubBooking();
    const booked = makeAppointment({
      id: 'Y90001~new',
      start: slot.start,
      end: slot.end,
      description: 'Sore knee',
    });
    api.set('POST /api/appointments', { status: 201, body: booked });
    renderApp(`/book/slots?${choices}`);
    await userEvent.click(await screen.findByRole('button', { name: /9:30am/ }));
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'What is the appointment for?' }),
      'Sore knee',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Check your answers before booking' });
    expect(screen.getByRole('link', { name: 'Change reason' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Change date and time' })).toBeInTheDocument();
    expect(screen.getByText('Sore knee')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment booked' })).toBeInTheDocument();
    const [post] = api.callsTo('POST', '/api/appointments');
    expect(post?.body).toEqual({ slotIds: [slot.id], description: 'Sore knee' });
    expect(post?.headers['x-csrf-token']).toBe('csrf-token-0123456789abcdef');
    expect(screen.getByRole('link', { name: 'Add to calendar' })).toHaveAttribute(
      'href',
      '/api/appointments/Y90001~new/calendar.ics',
    );
  });

  it('when the slot was just taken, says so and shows the refreshed list', async () => {
    const api = stubBooking();
    api.set('POST /api/appointments', apiError(409, 'slot_taken'));
    renderApp(`/book/slots?${choices}`);
    await userEvent.click(await screen.findByRole('button', { name: /9:30am/ }));
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'What is the appointment for?' }),
      'Sore knee',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    api.set('GET /api/slots', {
      status: 200,
      body: makeSlotsResponse([makeSlot({ day: 3, time: '14:00' })]),
    });
    // The new list is on its way while the page says so: the taken time is never offered meanwhile.
    const answer = api.hold('GET /api/slots');
    await userEvent.click(await screen.findByRole('button', { name: 'Book appointment' }));
    expect(
      await screen.findByRole('heading', { name: 'Sorry, that appointment has just been taken' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /9:30am/ })).not.toBeInTheDocument();
    answer();
    expect(await screen.findByRole('button', { name: /2pm/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /9:30am/ })).not.toBeInTheDocument();
  });

  it('says the appointment has not been booked when the practice’s system left it as it was, and lets them try again', async () => {
    const api = stubBooking();
    api.set('POST /api/appointments', apiError(504, 'practice_timeout'));
    await toCheckAnswers();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 2, name: 'Your appointment has not been booked' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'Your GP surgery’s system is not answering. It did not answer in time. This service and your internet connection are working. Try again in a few minutes, or phone your GP surgery.',
    );
    await waitFor(() => expect(alert.parentElement).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Book appointment' })).toBeEnabled();

    api.set('POST /api/appointments', apiError(422, 'practice_cannot_book'));
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'This GP surgery cannot book appointments for you online. Phone the surgery to book, or choose another GP surgery.',
      ),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Your appointment has not been booked');
  });

  it('says it does not know if the appointment was booked, and to check before trying again', async () => {
    const api = stubBooking();
    api.set('POST /api/appointments', apiError(504, 'outcome_unknown'));
    await toCheckAnswers();
    const listCalls = api.callsTo('GET', '/api/appointments').length;
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 2, name: 'We do not know if your appointment was booked' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'We asked your GP surgery’s system, but could not find out what happened.',
    );
    expect(alert).not.toHaveTextContent('has not been booked');
    expect(
      within(alert).getByRole('link', { name: 'Check your appointments before you try again' }),
    ).toHaveAttribute('href', '/');
    // Booking again before checking could book twice: the page offers the list instead.
    expect(screen.queryByRole('button', { name: 'Book appointment' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Go to your appointments' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your appointments' })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('GET', '/api/appointments').length).toBeGreaterThan(listCalls));
  });

  it('when this service stops answering while booking, says it does not know, whose problem it is, and what to do', async () => {
    const api = stubBooking();
    api.set('POST /api/appointments', () => {
      throw new TypeError('Failed to fetch');
    });
    await toCheckAnswers();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 2, name: 'We do not know if your appointment was booked' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'This service stopped answering before we could find out. The problem is with this service, not with your GP surgery.',
    );
    expect(alert).toHaveTextContent(
      'When this service is working again, check your appointments before you try again. If you need to know now, phone your GP surgery.',
    );
    expect(alert).not.toHaveTextContent(/offline|internet connection/);
    expect(screen.queryByRole('button', { name: 'Book appointment' })).not.toBeInTheDocument();
    // The header still says who is signed in, with "Sign out".
    expect(
      within(screen.getByRole('navigation', { name: 'Account' })).getByRole('button', { name: 'Sign out' }),
    ).toBeInTheDocument();
  });

  it('when a proxy answers 502 in place of this service while booking, says the same', async () => {
    const api = stubBooking();
    api.set('POST /api/appointments', { status: 502, body: '<h1>Bad gateway</h1>' });
    await toCheckAnswers();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We do not know if your appointment was booked');
    expect(alert).toHaveTextContent('The problem is with this service');
  });

  it('when the device goes offline while booking, says it does not know, and to check once back online', async () => {
    const api = stubBooking();
    api.set('POST /api/appointments', () => {
      setOnline(false);
      throw new TypeError('Failed to fetch');
    });
    await toCheckAnswers();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We do not know if your appointment was booked');
    expect(alert).toHaveTextContent(
      'Your device went offline before we heard back from your GP surgery’s system.',
    );
    expect(alert).toHaveTextContent('When you’re back online, check your appointments before you try again.');
  });

  it('disables booking offline, with the reason', async () => {
    stubBooking();
    renderApp(`/book/slots?${choices}`);
    await userEvent.click(await screen.findByRole('button', { name: /9:30am/ }));
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'What is the appointment for?' }),
      'Sore knee',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Check your answers before booking' });
    setOnline(false);
    const book = await screen.findByRole('button', { name: 'Book appointment' });
    await waitFor(() => expect(book).toBeDisabled());
    expect(book).toHaveAccessibleDescription(/You cannot book an appointment while you’re offline/);
  });

  it('sends the patient to sign in when the session has ended, remembering where they were', async () => {
    const api = stubBooking();
    api.set('GET /api/slots', apiError(401, 'session_expired'));
    const { router } = renderApp(`/book/slots?${choices}`);
    expect(await screen.findByText(/For your security, you were signed out/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    const returnTo = `/book/slots?${choices}`;
    expect(screen.getByRole('link', { name: 'Continue with NHS login' })).toHaveAttribute(
      'href',
      `/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
    );
  });
});
