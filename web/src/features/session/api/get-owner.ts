import { useEffect } from 'react';
import { keepOnlyOwner } from '../../../lib/appointments-cache';
import type { SessionState } from './get-session';

/**
 * Whose offline copy the device may hold: the signed-in patient's opaque id. Knowing it also drops a copy left by
 * someone else who used this device without signing out.
 */
export function useOwner(state: SessionState | undefined): string | undefined {
  const owner = state?.status === 'signed-in' ? state.session.user.id : undefined;
  useEffect(() => {
    if (owner) keepOnlyOwner(owner);
  }, [owner]);
  return owner;
}
