import { type BookingRefused } from '../gpconnect/booking.js';
import {
  ChangeRefused,
  type GpConnectOutcome,
  NotBookableHere,
  NotChangeable,
  NotFound,
  OutcomeUnknown,
  PracticeError,
  PracticeUnavailable,
  SlotNotBookable,
  SlotTaken,
  VersionConflict,
} from '../gpconnect/outcomes.js';
import { ApiHttpError } from './api-error.js';

/**
 * The one place where what happened at a practice becomes what the patient API answers. The messages are for
 * developers and logs (never the provider's own words, which can hold internal detail); the web shows its own
 * words for each code. After a write, every answer but `outcome_unknown` means nothing was changed.
 */
export function patientApiError(outcome: GpConnectOutcome): ApiHttpError {
  if (outcome instanceof PracticeUnavailable) {
    switch (outcome.reason) {
      case 'timeout':
        return new ApiHttpError(503, 'practice_timeout', 'The practice system did not answer in time');
      case 'unreachable':
        return new ApiHttpError(503, 'practice_unavailable', 'The practice system could not be reached');
      case 'error':
        return new ApiHttpError(502, 'practice_unavailable', 'The practice system reported an error');
    }
  }
  if (outcome instanceof PracticeError) {
    return new ApiHttpError(502, 'practice_error', 'The practice system sent an answer we could not use');
  }
  if (outcome instanceof SlotTaken) {
    return new ApiHttpError(409, 'slot_taken', 'Someone else has just booked that appointment');
  }
  if (outcome instanceof SlotNotBookable) {
    return new ApiHttpError(409, 'slot_unavailable', 'That appointment can no longer be booked online');
  }
  if (outcome instanceof NotBookableHere) {
    return outcome.reason === 'no-record'
      ? new ApiHttpError(
          403,
          'patient_not_found',
          'This practice has no record it can book appointments for you with',
        )
      : new ApiHttpError(
          403,
          'practice_cannot_book',
          'This practice’s system cannot book appointments for you through this service',
        );
  }
  if (outcome instanceof NotFound) return new ApiHttpError(404, 'not_found', 'No such appointment');
  if (outcome instanceof NotChangeable) {
    return outcome.reason === 'cancelled'
      ? new ApiHttpError(409, 'appointment_cancelled', 'This appointment has already been cancelled')
      : new ApiHttpError(409, 'appointment_in_past', 'This appointment has already started or passed');
  }
  if (outcome instanceof VersionConflict) {
    return new ApiHttpError(409, 'appointment_changed', 'The practice has just changed this appointment');
  }
  if (outcome instanceof ChangeRefused) {
    return new ApiHttpError(409, 'appointment_changed', 'The practice would not accept this change');
  }
  if (outcome instanceof OutcomeUnknown) {
    return new ApiHttpError(
      503,
      'outcome_unknown',
      `We could not confirm whether the ${outcome.write} was made: the practice system did not answer`,
    );
  }
  return new ApiHttpError(502, 'practice_error', 'The practice system sent an answer we could not use');
}

/** A booking refused before the practice was asked, against the request field it is about. */
export function bookingRefusalError(refusal: BookingRefused, field: string): ApiHttpError {
  switch (refusal.code) {
    case 'slot_unavailable':
      return new ApiHttpError(409, 'slot_taken', refusal.message);
    case 'validation_failed':
      return new ApiHttpError(422, 'validation_failed', refusal.message, [
        { field, message: refusal.message },
      ]);
    case 'bad_request':
      return new ApiHttpError(400, 'bad_request', refusal.message);
  }
}
