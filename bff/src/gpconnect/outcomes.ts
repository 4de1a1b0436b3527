import { GpConnectError } from './errors.js';

/**
 * What a GP Connect interaction at a practice came to, in the patient's domain: the typed outcomes the
 * practice-bound port (`port.ts`) throws. Callers act on these and never on HTTP statuses or Spine code strings;
 * `app/patient-errors.ts` turns each into the patient API's answer.
 *
 * Every outcome thrown by a write (book, amend, cancel, register) says what the practice's system now holds:
 * `OutcomeUnknown` is the only one after which a write may or may not have happened.
 */
export abstract class GpConnectOutcome extends Error {
  abstract readonly kind: string;
}

/** How a practice's system failed to give a usable answer. */
export type UnavailableCause = 'timeout' | 'unreachable' | 'error';

/**
 * The practice's system did not answer in time (`timeout`), could not be reached or broke off (`unreachable`),
 * or answered with a server error (`error`). After a write, thrown only once a read-back has shown that the
 * write was not made (or it was never sent).
 */
export class PracticeUnavailable extends GpConnectOutcome {
  readonly kind = 'practice-unavailable';
  constructor(
    readonly reason: UnavailableCause,
    readonly interaction: string,
  ) {
    super(`practice system unavailable (${reason}) during ${interaction}`);
  }
}

/** The practice's system answered in a way we cannot use (an unexpected refusal, or a body we cannot read). */
export class PracticeError extends GpConnectOutcome {
  readonly kind = 'practice-error';
  constructor(
    readonly interaction: string,
    readonly detail: string,
  ) {
    super(`practice system error during ${interaction}: ${detail}`);
  }
}

/** Booking: the slot was booked by someone else since the search (409 DUPLICATE_REJECTED, or no longer free). */
export class SlotTaken extends GpConnectOutcome {
  readonly kind = 'slot-taken';
  constructor() {
    super('slot already booked');
  }
}

/** Booking: the practice will not let us book this slot (403/422: not bookable online for us, or in the past). */
export class SlotNotBookable extends GpConnectOutcome {
  readonly kind = 'slot-not-bookable';
  constructor(readonly spineCode: string | undefined) {
    super(`slot not bookable (${spineCode ?? 'no code'})`);
  }
}

/** Why a practice cannot book for this patient. */
export type NotBookableReason =
  /** The practice has no record it will book for (not registered there, or deceased, inactive, sensitive). */
  | 'no-record'
  /** The practice's system does not offer Register a patient (501 NOT_IMPLEMENTED). */
  | 'registration-not-offered'
  /** The practice refused to register the patient (403, or PDS did not confirm the details). */
  | 'registration-refused';

/** The patient cannot be booked at this practice. Permanent: worth saying before slots are offered there. */
export class NotBookableHere extends GpConnectOutcome {
  readonly kind = 'not-bookable-here';
  constructor(readonly reason: NotBookableReason) {
    super(`patient cannot be booked here (${reason})`);
  }
}

/** The appointment (or another resource) does not exist there, or is not one the patient can see (past). */
export class NotFound extends GpConnectOutcome {
  readonly kind = 'not-found';
  constructor(readonly interaction: string) {
    super(`not found (${interaction})`);
  }
}

/** Amend or cancel: the appointment has been changed by the practice since it was read, even after one re-read. */
export class VersionConflict extends GpConnectOutcome {
  readonly kind = 'version-conflict';
  constructor() {
    super('appointment changed at the practice');
  }
}

/** Amend or cancel: the appointment can no longer be changed (already cancelled, or already started). */
export class NotChangeable extends GpConnectOutcome {
  readonly kind = 'not-changeable';
  constructor(readonly reason: 'cancelled' | 'started') {
    super(`appointment not changeable (${reason})`);
  }
}

/** Amend or cancel: the practice refused the change (422). Nothing was changed. */
export class ChangeRefused extends GpConnectOutcome {
  readonly kind = 'change-refused';
  constructor(readonly spineCode: string | undefined) {
    super(`change refused (${spineCode ?? 'no code'})`);
  }
}

/** A write was sent and its outcome could not be read back: it may or may not have happened. */
export class OutcomeUnknown extends GpConnectOutcome {
  readonly kind = 'outcome-unknown';
  constructor(readonly write: 'book' | 'amend' | 'cancel') {
    super(`outcome of ${write} unknown`);
  }
}

/** The cause of a failure to get an answer, for `PracticeUnavailable`; undefined for an answer that refused. */
export function unavailableCauseOf(error: GpConnectError): UnavailableCause | undefined {
  const { failure } = error;
  if (failure.kind === 'unreachable') return failure.cause === 'timeout' ? 'timeout' : 'unreachable';
  if (failure.kind === 'server_error') return 'error';
  return undefined;
}

/**
 * A failed read as an outcome: no answer → `PracticeUnavailable`; 404 (or 422 on a read, which providers use for
 * appointments in the past) → `NotFound` where `notFoundOn404` says so; anything else → `PracticeError`.
 * Errors that are not GP Connect failures (bugs) pass through untouched.
 */
export function readOutcome(error: unknown, options: { notFound?: readonly number[] } = {}): unknown {
  if (!(error instanceof GpConnectError)) return error;
  const cause = unavailableCauseOf(error);
  if (cause) return new PracticeUnavailable(cause, error.interaction);
  const { failure } = error;
  if (failure.kind === 'rejected' && (options.notFound ?? []).includes(failure.status)) {
    return new NotFound(error.interaction);
  }
  if (failure.kind === 'rejected' && failure.status === 403) {
    // ACCESS_DENIED / NO_RELATIONSHIP: the practice does not let us do this now (e.g. online booking switched off).
    return new PracticeUnavailable('error', error.interaction);
  }
  const detail =
    failure.kind === 'invalid_response'
      ? failure.detail
      : failure.kind === 'rejected'
        ? `${failure.status} ${error.spineCode ?? ''}`.trim()
        : failure.kind;
  return new PracticeError(error.interaction, detail);
}

/** Whether a write that failed this way may nevertheless have been made (so its outcome must be read back). */
export function mayHaveBeenWritten(error: GpConnectError): boolean {
  const { failure } = error;
  return (
    (failure.kind === 'unreachable' && failure.cause !== 'refused') ||
    failure.kind === 'server_error' ||
    // A 2xx whose body we cannot read: the write was made.
    failure.kind === 'invalid_response'
  );
}
