import type { AppointmentsResponse } from '@gpbook/shared/appointments';
import { appointmentsResponse } from './answers';
import { nextTask } from './next-task';

/**
 * The one thing this app keeps on the device: the last upcoming-appointments list fetched, so the patient can
 * see it offline (decision D6). It is stored with its owner (the signed-in patient's opaque id from the session,
 * never a name or NHS number), dropped when someone else signs in, and cleared at sign-out.
 */
export const APPOINTMENTS_CACHE_KEY = 'gpbook.appointments';

export interface CachedAppointments {
  owner: string;
  /** When the list was fetched (ISO instant). */
  savedAt: string;
  response: AppointmentsResponse;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // Storage blocked (private mode, settings): the app works without the offline copy.
  }
}

/** The patient whose list this page last wrote, while it is the stored copy: the copy is theirs. */
let writtenFor: string | undefined;

export function saveAppointments(
  owner: string,
  response: AppointmentsResponse,
  now: Date = new Date(),
): void {
  const value: CachedAppointments = { owner, savedAt: now.toISOString(), response };
  try {
    storage()?.setItem(APPOINTMENTS_CACHE_KEY, JSON.stringify(value));
    writtenFor = owner;
  } catch {
    // Quota or storage errors only cost the offline copy.
  }
}

/** How many times the copy has been cleared: a save waiting for its task is dropped if this has moved. */
let clearings = 0;

/**
 * Saves the list in a task of its own rather than the one that received it: a page's first use of storage reads it
 * from disk, several milliseconds on the main thread (Total Blocking Time, decision 0082). Dropped if the copy is
 * cleared meanwhile (the patient signed out), so it is never written back after sign-out.
 */
export async function saveAppointmentsSoon(owner: string, response: AppointmentsResponse): Promise<void> {
  const clearingsBefore = clearings;
  await nextTask();
  if (clearings === clearingsBefore) saveAppointments(owner, response);
}

/** The stored list, if there is one and it still reads as a valid response; `owner` restricts it to one patient. */
export function readAppointments(owner?: string): CachedAppointments | undefined {
  const raw = storage()?.getItem(APPOINTMENTS_CACHE_KEY);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<CachedAppointments>;
    const response = appointmentsResponse.safeParse(value.response);
    if (typeof value.owner !== 'string' || typeof value.savedAt !== 'string' || !response.success) {
      clearAppointments();
      return undefined;
    }
    if (owner !== undefined && value.owner !== owner) return undefined;
    return { owner: value.owner, savedAt: value.savedAt, response: response.data };
  } catch {
    clearAppointments();
    return undefined;
  }
}

/** Drops the stored list unless it belongs to `owner` (a different patient has signed in on this device). */
export function keepOnlyOwner(owner: string): void {
  // Written by this page for this patient (home saves each list it fetches): nothing else to drop, and no need to
  // read the copy back from storage.
  if (writtenFor === owner) return;
  const raw = storage()?.getItem(APPOINTMENTS_CACHE_KEY);
  if (!raw) return;
  try {
    const value = JSON.parse(raw) as Partial<CachedAppointments>;
    if (value.owner !== owner) removeStored();
  } catch {
    removeStored();
  }
}

/** Forgets the copy (sign-out, or a copy that no longer reads as a list). */
export function clearAppointments(): void {
  clearings += 1;
  removeStored();
}

function removeStored(): void {
  writtenFor = undefined;
  try {
    storage()?.removeItem(APPOINTMENTS_CACHE_KEY);
  } catch {
    // Nothing to clear.
  }
}
