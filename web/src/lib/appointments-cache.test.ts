import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppointmentsResponse } from '@gpbook/shared/appointments';
import {
  APPOINTMENTS_CACHE_KEY,
  clearAppointments,
  keepOnlyOwner,
  readAppointments,
  saveAppointmentsSoon,
} from './appointments-cache';

const list: AppointmentsResponse = {
  appointments: [],
  earliestDate: '2026-11-30',
  note: 'This list shows appointments from today onwards.',
  unavailable: [],
};

describe('appointments kept on the device', () => {
  beforeEach(() => {
    clearAppointments();
    window.localStorage.clear();
  });

  it('saves the list a task later, not in the task that received it', async () => {
    const saved = saveAppointmentsSoon('owner-a', list);
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();
    await saved;
    expect(readAppointments('owner-a')?.response).toEqual(list);
  });

  it('does not write the list back once it has been cleared meanwhile (sign-out)', async () => {
    const saved = saveAppointmentsSoon('owner-a', list);
    clearAppointments();
    await saved;
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();
  });

  it('keeps a new patient’s list whose save was waiting when an old patient’s copy was dropped', async () => {
    const saved = saveAppointmentsSoon('owner-b', list);
    window.localStorage.setItem(
      APPOINTMENTS_CACHE_KEY,
      JSON.stringify({ owner: 'owner-a', savedAt: '2026-11-29T09:00:00.000Z', response: list }),
    );
    keepOnlyOwner('owner-b');
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();
    await saved;
    expect(readAppointments('owner-b')?.owner).toBe('owner-b');
  });

  it('does not read the copy back to check its owner when this page has just written that patient’s list', async () => {
    await saveAppointmentsSoon('owner-a', list);
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    keepOnlyOwner('owner-a');
    expect(getItem).not.toHaveBeenCalled();
    getItem.mockRestore();
    expect(readAppointments('owner-a')?.owner).toBe('owner-a');
  });

  it('still drops the copy for another patient, and checks again once the copy has been cleared', async () => {
    await saveAppointmentsSoon('owner-a', list);
    keepOnlyOwner('owner-b');
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();

    // Cleared, then another tab of this browser stores someone else's copy: it is read and dropped.
    await saveAppointmentsSoon('owner-a', list);
    clearAppointments();
    window.localStorage.setItem(
      APPOINTMENTS_CACHE_KEY,
      JSON.stringify({ owner: 'owner-c', savedAt: '2026-11-29T09:00:00.000Z', response: list }),
    );
    keepOnlyOwner('owner-a');
    expect(window.localStorage.getItem(APPOINTMENTS_CACHE_KEY)).toBeNull();
  });
});
