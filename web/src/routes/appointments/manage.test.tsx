import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, setOnline, stubApi } from '../../test/api-stub';
import {
  makeAppointment,
  makeAppointments,
  makePractices,
  makeRescheduleResponse,
  makeSession,
  makeSlot,
  makeSlotsResponse,
} from '../../test/builders';
import { renderApp } from '../../test/render-app';

const appointment = makeAppointment();
const path = `/appointments/${encodeURIComponent(appointment.id)}`;

/** Cancel, step 1 (a reason), then step 2's "Yes, cancel appointment". */
async function confirmCancel() {
  renderApp(`${path}/cancel`);
  await userEvent.type(
    await screen.findByRole('textbox', { name: 'Why are you cancelling this appointment?' }),
    'Feel better',
  );
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Yes, cancel appointment' }));
}

/** A new reason for the appointment, saved. */
async function saveNewReason() {
  renderApp(`${path}/amend`);
  const reason = await screen.findByRole('textbox', { name: 'What is the appointment for?' });
  await userEvent.clear(reason);
  await userEvent.type(reason, 'Cough and fever');
  await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
}

const newSlot = makeSlot({ day: 4, time: '15:00' });
const newAppointment = makeAppointment({ id: 'Y90001~appt-2', start: newSlot.start, end: newSlot.end });

/** Straight to "Check your new appointment" for `newSlot` (as after a reload), and confirm. */
async function confirmMove(api: ReturnType<typeof stubManage>) {
  api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([newSlot]) });
  renderApp(
    `${path}/change/check?practice=Y90001&role=gp&channel=in-person&slot=${encodeURIComponent(newSlot.id)}`,
  );
  // The heading comes first, while the chosen time is found again.
  await userEvent.click(await screen.findByRole('button', { name: 'Confirm new appointment' }));
}

function stubManage() {
  return stubApi({
    'GET /api/session': { status: 200, body: makeSession() },
    'GET /api/practices': { status: 200, body: makePractices() },
    'GET /api/appointments': { status: 200, body: makeAppointments() },
    [`GET /api/appointments/${appointment.id}`]: { status: 200, body: appointment },
  });
}

describe('managing an appointment', () => {
  it('shows the details with calendar, change and cancel; offline, says why they are not available', async () => {
    stubManage();
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: 'GP appointment' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add to calendar' })).toHaveAttribute(
      'href',
      `/api/appointments/${appointment.id}/calendar.ics`,
    );
    expect(screen.getByRole('link', { name: 'Cancel this appointment' })).toBeInTheDocument();
    setOnline(false);
    expect(
      await screen.findByText(/You cannot change or cancel an appointment while you’re offline/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Cancel this appointment' })).not.toBeInTheDocument();
  });

  it('an appointment that is not found says so, with a link to the appointments', async () => {
    const api = stubManage();
    api.set(`GET /api/appointments/${appointment.id}`, apiError(404, 'not_found'));
    renderApp(path);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not find this appointment');
    expect(within(alert).getByRole('link', { name: 'Go to your appointments' })).toHaveAttribute('href', '/');
  });

  it('writes a mental health appointment’s role without a capital inside a sentence', async () => {
    const api = stubManage();
    api.set(`GET /api/appointments/${appointment.id}`, {
      status: 200,
      body: { ...appointment, role: { group: 'mental-health', display: 'Mental health practitioner' } },
    });
    renderApp(`${path}/amend`);
    expect(await screen.findByText(/^Your mental health practitioner appointment on /)).toBeInTheDocument();
  });

  it('amends only what changed', async () => {
    const api = stubManage();
    api.set(`PATCH /api/appointments/${appointment.id}`, {
      status: 200,
      body: { ...appointment, description: 'Cough and fever' },
    });
    renderApp(`${path}/amend`);
    const reason = await screen.findByRole('textbox', { name: 'What is the appointment for?' });
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Change the reason or the extra information');
    await userEvent.clear(reason);
    await userEvent.type(reason, 'Cough and fever');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your appointment has been updated')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/api/appointments/')[0]?.body).toEqual({ description: 'Cough and fever' });
  });

  it('cancels with a reason, after a confirm step', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/cancel`, {
      status: 200,
      body: { ...appointment, status: 'cancelled', canCancel: false, canAmend: false },
    });
    renderApp(`${path}/cancel`);
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter why you are cancelling');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Why are you cancelling this appointment?' }),
      'I feel better',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Are you sure you want to cancel this appointment?',
      }),
    ).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/appointments/')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel appointment' }));
    expect(await screen.findByText('Your appointment has been cancelled')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/appointments/')[0]?.body).toEqual({ reason: 'I feel better' });
  });

  it('says the appointment has not been cancelled when the practice system could not be reached', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/cancel`, apiError(503, 'practice_unavailable'));
    await confirmCancel();
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 2, name: 'Your appointment has not been cancelled' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'Your GP surgery’s system is not answering. We could not connect to it. This service and your internet connection are working. Try again in a few minutes, or phone your GP surgery.',
    );
    expect(screen.getByRole('button', { name: 'Yes, cancel appointment' })).toBeEnabled();
  });

  it('says it does not know if the appointment was cancelled, and to check before trying again', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/cancel`, apiError(504, 'outcome_unknown'));
    await confirmCancel();
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', {
        level: 2,
        name: 'We do not know if your appointment was cancelled',
      }),
    ).toBeInTheDocument();
    expect(alert).not.toHaveTextContent('has not been cancelled');
    expect(
      within(alert).getByRole('link', { name: 'Check your appointments before you try again' }),
    ).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Yes, cancel appointment' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your appointments' })).toHaveAttribute('href', '/');
  });

  it('says the appointment has not been changed when the practice system did not answer in time', async () => {
    const api = stubManage();
    api.set(`PATCH /api/appointments/${appointment.id}`, apiError(504, 'practice_timeout'));
    await saveNewReason();
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 2, name: 'Your appointment has not been changed' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'Your GP surgery’s system is not answering. It did not answer in time. This service and your internet connection are working. Try again in a few minutes, or phone your GP surgery.',
    );
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  });

  it('says it does not know if the reason was changed, and to check before trying again', async () => {
    const api = stubManage();
    api.set(`PATCH /api/appointments/${appointment.id}`, apiError(504, 'outcome_unknown'));
    await saveNewReason();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We do not know if your appointment was changed');
    expect(
      within(alert).getByRole('link', { name: 'Check your appointments before you try again' }),
    ).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });

  it('says the appointment has not been changed when moving it fails, and keeps the way to try again', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/reschedule`, apiError(502, 'practice_error'));
    await confirmMove(api);
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 2, name: 'Your appointment has not been changed' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent('Your GP surgery’s system is not answering. It answered with an error.');
    expect(screen.getByRole('button', { name: 'Confirm new appointment' })).toBeEnabled();
  });

  it('says it does not know if the appointment was moved, and offers the list instead of another try', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/reschedule`, apiError(504, 'outcome_unknown'));
    await confirmMove(api);
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', {
        level: 2,
        name: 'We do not know if your appointment was changed',
      }),
    ).toBeInTheDocument();
    expect(
      within(alert).getByRole('link', { name: 'Check your appointments before you try again' }),
    ).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Confirm new appointment' })).not.toBeInTheDocument();
  });

  it('after a move, says the old appointment has been cancelled', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/reschedule`, {
      status: 200,
      body: makeRescheduleResponse(newAppointment, appointment, 'cancelled'),
    });
    await confirmMove(api);
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment changed' })).toBeInTheDocument();
    expect(screen.getByText(/^Your appointment on .* at 10am has been cancelled\.$/)).toBeInTheDocument();
    expect(screen.queryByText(/still booked|do not know/)).not.toBeInTheDocument();
  });

  it('after a move, says when it does not know if the old appointment was cancelled, with where to check', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/reschedule`, {
      status: 200,
      body: makeRescheduleResponse(newAppointment, appointment, 'unknown'),
    });
    await confirmMove(api);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'New appointment booked' }),
    ).toBeInTheDocument();
    const heading = screen.getByRole('heading', {
      level: 2,
      name: /We do not know if your old appointment was cancelled/,
    });
    const card = heading.closest('.nhsuk-card') as HTMLElement;
    expect(card).toHaveTextContent(/but we could not find out if it was cancelled\. You may have both\./);
    expect(within(card).getByRole('link', { name: 'Check your old appointment' })).toHaveAttribute(
      'href',
      path,
    );
    expect(within(card).getByRole('link', { name: 'Check all your appointments' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(screen.queryByText(/has been cancelled/)).not.toBeInTheDocument();
    expect(screen.queryByText('Your old appointment is still booked')).not.toBeInTheDocument();
  });

  it('reschedules through the slot screens and shows the message when the old one could not be cancelled', async () => {
    const api = stubManage();
    const slot = newSlot;
    api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([slot]) });
    api.set(`POST /api/appointments/${appointment.id}/reschedule`, {
      status: 200,
      body: makeRescheduleResponse(
        newAppointment,
        appointment,
        'still-booked',
        'Phone the surgery to cancel your old appointment.',
      ),
    });
    const { router } = renderApp(`${path}/change`);
    // Straight to the times for the same type and channel, with the appointment being moved at the top.
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new time' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?practice=Y90001&role=gp&channel=in-person');
    const moving = await screen.findByRole('heading', { level: 2, name: 'The appointment you are changing' });
    expect(moving.parentElement).toHaveTextContent(/at 10am.*GP appointment, in person with Dr Amina Shah/);
    expect(moving.parentElement).toHaveTextContent('It stays booked until your new appointment is booked.');
    expect(screen.getByRole('link', { name: 'Back' })).toHaveAttribute('href', path);

    // Changing the type is a side step that leads back to the times.
    await userEvent.click(screen.getByRole('link', { name: 'Change the type of appointment' }));
    expect(await screen.findByRole('radio', { name: 'GP' })).toBeChecked();
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toContain(
      `${path}/change/slots?`,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new time' })).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: /3pm/ }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check your new appointment' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm new appointment' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'New appointment booked' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Your old appointment is still booked')).toBeInTheDocument();
    expect(screen.getByText('Phone the surgery to cancel your old appointment.')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.callsTo('POST', '/api/appointments/')[0]?.body).toEqual({ slotIds: [slot.id] }),
    );
  });
});
