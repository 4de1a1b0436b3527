import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, setOnline, stubApi } from '../../test/api-stub';
import {
  makeAppointment,
  makeAppointments,
  makePractices,
  makeSession,
  makeSlot,
  makeSlotsResponse,
} from '../../test/builders';
import { renderApp } from '../../test/render-app';

const appointment = makeAppointment();
const path = `/appointments/${encodeURIComponent(appointment.id)}`;

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

  it('says when the cancel fails because the practice system is down', async () => {
    const api = stubManage();
    api.set(`POST /api/appointments/${appointment.id}/cancel`, apiError(503, 'practice_unavailable'));
    renderApp(`${path}/cancel`);
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Why are you cancelling this appointment?' }),
      'Feel better',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Yes, cancel appointment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your GP surgery’s system is not available');
  });

  it('reschedules through the slot screens and shows the message when the old one could not be cancelled', async () => {
    const api = stubManage();
    const slot = makeSlot({ day: 4, time: '15:00' });
    api.set('GET /api/slots', { status: 200, body: makeSlotsResponse([slot]) });
    const booked = makeAppointment({ id: 'Y90001~appt-2', start: slot.start, end: slot.end });
    api.set(`POST /api/appointments/${appointment.id}/reschedule`, {
      status: 200,
      body: {
        booked,
        cancelled: false,
        previous: appointment,
        message: 'Phone the surgery to cancel your old appointment.',
      },
    });
    renderApp(`${path}/change`);
    expect(await screen.findByRole('radio', { name: 'GP' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('radio', { name: 'In person' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
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
