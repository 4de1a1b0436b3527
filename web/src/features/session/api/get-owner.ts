import { useEffect } from 'react';
import { afterLoadAndIdle } from '../../../components/after-load-and-idle';
import { keepOnlyOwner } from '../../../lib/appointments-cache';
import type { SessionState } from './get-session';

/** The signed-in patient's opaque id (whose offline copy the device may hold), if a patient is signed in. */
export function ownerOf(state: SessionState | undefined): string | undefined {
  return state?.status === 'signed-in' ? state.session.user.id : undefined;
}

/**
 * Whose offline copy the device may hold: the signed-in patient's opaque id. Knowing it also drops a copy left by
 * someone else who used this device without signing out.
 */
export function useOwner(state: SessionState | undefined): string | undefined {
  const owner = ownerOf(state);
  // Once the page is idle: the first use of storage in a page reads it from disk (several milliseconds), and the
  // copy of someone else is never shown meanwhile (the list read offline is the owner's only).
  useEffect(() => (owner ? afterLoadAndIdle(() => keepOnlyOwner(owner)) : undefined), [owner]);
  return owner;
}
