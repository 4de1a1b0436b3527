import { ApiError, failureSource } from './api-client';

/**
 * After a booking, change or cancellation failed: whether we cannot tell what the practice's system now holds.
 * The BFF says so with `outcome_unknown`; every other error it answers means nothing was changed. A lost connection,
 * or an answer we could not read (which may not even come from the BFF), tells us nothing either way.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code === 'outcome_unknown') return true;
  const source = failureSource(error);
  return source === 'offline' || source === 'service';
}

/** The practice's system says the slot is no longer free (someone was quicker, or the practice took it back). */
export function isSlotTaken(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'slot_taken' || error.code === 'slot_unavailable');
}
