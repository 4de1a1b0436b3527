import type { Appointment } from '@gpbook/shared/appointments';
import type { Practitioner } from '@gpbook/shared/codes';
import type { Practice } from '@gpbook/shared/practices';
import type { AppointmentLocation } from '@gpbook/shared/slots';
import { londonDateOf, type LondonDate } from '@gpbook/shared/time';
import { describeAppointment } from './appointment-view.js';
import {
  amendAppointment,
  amendedAppointment,
  bookAppointment,
  buildBookAppointmentRequest,
  cancelAppointment,
  isAppointmentOf,
  readAppointment,
  retrievePatientAppointments,
  type AppointmentChanges,
  type BookingOrganisation,
  type VersionedAppointment,
} from './appointments.js';
import { findSlotsToBook } from './booking.js';
import { bindPractice, type CallContext, type GpConnectCaller, type PracticeCaller } from './bound-caller.js';
import type { ProviderEndpoint } from './client.js';
import { Deadline } from './deadline.js';
import { GpConnectError } from './errors.js';
import type { FhirAppointment } from './fhir-schemas.js';
import type { SlotKey } from './ids.js';
import { findPracticeOrganisation } from './organisation.js';
import {
  ChangeRefused,
  mayHaveBeenWritten,
  NotBookableHere,
  NotChangeable,
  OutcomeUnknown,
  PracticeError,
  PracticeUnavailable,
  readOutcome,
  SlotNotBookable,
  SlotTaken,
  unavailableCauseOf,
  VersionConflict,
} from './outcomes.js';
import { createReferenceReader, type ReferenceReader } from './participants.js';
import { findPatient, registerPatient, type PatientRegistration } from './patients.js';
import { searchFreeSlotsInRange, type FreeSlot } from './slots.js';

/** A practice as the port needs it: where its GP Connect endpoint is, and what to call it. */
export interface PracticeTarget extends ProviderEndpoint {
  name: string;
  /** When set, slot searches there send `service.identifier` for this DoS service. */
  dosServiceId?: string | undefined;
}

/** Who is asking, for the Spine JWT and the trace id, and until when: one deadline per patient request. */
export interface PatientCallContext extends CallContext {
  deadline: Deadline;
}

export interface GpConnectPortOptions {
  client: GpConnectCaller;
  /** Us, as the organisation that books (searchFilter and the booking's contained Organization). */
  bookingOrganisation: BookingOrganisation;
  /** `GPC_TIMEOUT_MS`: how long one call may wait; writes always get this long, whatever the deadline. */
  timeoutMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** What the patient asked to book. */
export interface BookingDetails {
  patientId: string;
  /** As `findSlotsToBook` returned them: fresh from the practice, in start order. */
  slots: readonly FreeSlot[];
  description: string;
  comment?: string | undefined;
  phone?: string | undefined;
}

/** What to show for an appointment's practitioner and location when the practice cannot be asked right now. */
export interface DescriptionHints {
  practitioner?: Practitioner | undefined;
  location?: AppointmentLocation | undefined;
}

/** Pauses between read-backs after a write whose answer was lost: the practice may still be committing. */
const READ_BACK_PAUSES_MS = [250, 750, 1500];

/**
 * The GP Connect consumer as the rest of the BFF sees it: `port.at(practice, context)` gives a connection bound to
 * one practice and one patient request, whose methods speak the patient domain and throw the typed outcomes of
 * `outcomes.ts`. Every write's outcome is established before it returns or throws: see
 * docs/decisions/0022-write-outcomes.md.
 */
export class GpConnectPort {
  constructor(private readonly options: GpConnectPortOptions) {}

  at(practice: PracticeTarget, context: PatientCallContext): PracticeConnection {
    return new PracticeConnection(this.options, practice, context);
  }

  /** A deadline of `calls` call budgets from now (reads: 1; writes: 2, so a lost answer can be read back). */
  deadline(calls = 1): Deadline {
    return Deadline.after(this.options.timeoutMs * calls);
  }
}

export class PracticeConnection {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly reader: ReferenceReader;
  /** The client bound to this practice and this patient request (its deadline): how reads are sent. */
  private readonly caller: PracticeCaller;

  constructor(
    private readonly options: GpConnectPortOptions,
    readonly practice: PracticeTarget,
    private readonly context: PatientCallContext,
  ) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    // One reader per connection: each practitioner and location is read at most once per patient request, and a
    // failed read stays failed (the description falls back) rather than being retried for every appointment.
    this.caller = bindPractice(options.client, practice, context);
    const reader = createReferenceReader(this.caller);
    const tolerant = <T>(read: (id: string) => Promise<T | undefined>) => {
      const memo = new Map<string, Promise<T | undefined>>();
      return (id: string) => {
        let pending = memo.get(id);
        if (!pending) {
          pending = read(id).catch(() => undefined);
          memo.set(id, pending);
        }
        return pending;
      };
    };
    this.reader = {
      practitioner: tolerant((id) => reader.practitioner(id)),
      location: tolerant((id) => reader.location(id)),
    };
  }

  /**
   * How a write is sent: with its own full `timeoutMs` from when it starts, whatever is left of the request's
   * deadline.
   */
  private writeCaller(): PracticeCaller {
    return this.caller.withDeadline(Deadline.after(this.options.timeoutMs));
  }

  /** The deadline of the read-backs after a write: what is left of the request's, and never less than one call. */
  private readBackDeadline(): Deadline {
    return this.context.deadline.atLeast(this.options.timeoutMs);
  }

  /** How the read-backs after a write are sent: with `readBackDeadline()` as it stands when each one starts. */
  private readBackCaller(): PracticeCaller {
    return this.caller.withDeadline(this.readBackDeadline());
  }

  private async reading<T>(read: () => Promise<T>, notFound: readonly number[] = []): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw readOutcome(error, { notFound });
    }
  }

  /** Find an organisation: the practice's own name, address and phone number. */
  async organisation(): Promise<Practice> {
    return this.reading(() => findPracticeOrganisation(this.caller));
  }

  /** The patient's logical id here, or undefined when the practice has no record it will book for. */
  async findPatient(nhsNumber: string): Promise<string | undefined> {
    return this.reading(() => findPatient(this.caller, nhsNumber));
  }

  /**
   * Registers the patient here as a temporary patient (a federation practice that does not know them yet) and
   * returns their logical id. A practice that does not offer registration (501), will not register them (403),
   * or cannot trace them (4xx) throws `NotBookableHere`. A lost answer is read back with Find a patient.
   */
  async registerPatient(registration: PatientRegistration): Promise<string> {
    try {
      return await registerPatient(this.writeCaller(), registration);
    } catch (error) {
      if (!(error instanceof GpConnectError)) throw error;
      const { failure } = error;
      if (failure.kind === 'rejected' && failure.status === 501) {
        throw new NotBookableHere('registration-not-offered');
      }
      if (failure.kind === 'rejected' && failure.status < 500) {
        throw new NotBookableHere('registration-refused');
      }
      if (failure.kind === 'server_error' && failure.status === 501) {
        throw new NotBookableHere('registration-not-offered');
      }
      if (!mayHaveBeenWritten(error)) throw readOutcome(error);
      // The registration may have been made: the patient is then found.
      const found = await findPatient(this.readBackCaller(), registration.nhsNumber).catch(() => undefined);
      if (found) return found;
      throw new PracticeUnavailable(unavailableCauseOf(error) ?? 'error', error.interaction);
    }
  }

  private searchTerms() {
    return {
      consumerOds: this.options.bookingOrganisation.odsCode,
      consumerOrgType: this.options.bookingOrganisation.orgType,
      dosServiceId: this.practice.dosServiceId,
    };
  }

  /** Free slots from `start` to `end` (London dates, inclusive), any range (split into searches the spec allows). */
  async searchFreeSlots(range: { start: LondonDate; end: LondonDate }): Promise<readonly FreeSlot[]> {
    return this.reading(() => searchFreeSlotsInRange(this.caller, { ...range, ...this.searchTerms() }));
  }

  /**
   * The slots behind patient API slot keys, found again fresh: throws `BookingRefused` (from booking.ts) when they
   * are no longer free or cannot be one appointment.
   */
  async findSlotsToBook(keys: readonly SlotKey[]): Promise<FreeSlot[]> {
    return this.reading(() => findSlotsToBook(this.caller, keys, this.searchTerms()));
  }

  /** Read an appointment: `NotFound` when it does not exist or is in the past (providers answer 422). */
  async read(logicalId: string): Promise<VersionedAppointment> {
    return this.reading(() => readAppointment(this.caller, logicalId), [404, 410, 422]);
  }

  /** The patient's appointments (booked and cancelled) from `start` to `end`. */
  async appointments(patientId: string, start: LondonDate, end: LondonDate): Promise<FhirAppointment[]> {
    return this.reading(() => retrievePatientAppointments(this.caller, { patientId, start, end }));
  }

  /**
   * Books the slots for the patient and returns the appointment the practice now holds. Never retried blindly:
   * when the answer is lost, the patient's appointments are read back (within the request's deadline) to find
   * out. Throws `SlotTaken`, `SlotNotBookable`, `PracticeUnavailable`/`PracticeError` (not booked) or
   * `OutcomeUnknown`.
   */
  async book(details: BookingDetails): Promise<FhirAppointment> {
    const request = buildBookAppointmentRequest({
      slots: details.slots.map((slot) => slot.booking),
      patientId: details.patientId,
      bookingOrganisation: this.options.bookingOrganisation,
      description: details.description,
      comment: details.comment,
      phone: details.phone,
      now: this.now(),
    });
    try {
      return (await bookAppointment(this.writeCaller(), request)).appointment;
    } catch (error) {
      if (!(error instanceof GpConnectError)) throw error;
      const { failure } = error;
      if (failure.kind === 'rejected') {
        if (failure.status === 409 || error.spineCode === 'DUPLICATE_REJECTED') {
          // Taken: perhaps by this patient's own earlier attempt whose answer was lost.
          const mine = await this.heldBooking(details).catch(() => undefined);
          if (mine) return mine;
          throw new SlotTaken();
        }
        if (failure.status === 403 || failure.status === 422) throw new SlotNotBookable(error.spineCode);
        throw new PracticeError(error.interaction, `${failure.status} ${error.spineCode ?? ''}`.trim());
      }
      if (!mayHaveBeenWritten(error)) throw readOutcome(error);
      const found = await this.readBack(() => this.heldBooking(details), 'book', error);
      if (found) return found;
      throw new PracticeUnavailable(unavailableCauseOf(error) ?? 'error', error.interaction);
    }
  }

  /** The patient's booked appointment on exactly these slots, if the practice holds one. */
  private async heldBooking(details: BookingDetails): Promise<FhirAppointment | undefined> {
    return this.findHeld(
      details.patientId,
      details.slots.map((slot) => slot.booking.slotId),
      londonDateOf(details.slots[0]?.booking.start ?? ''),
      this.readBackCaller(),
    );
  }

  /**
   * The patient's own booked appointment on the slots behind `keys`, if they hold one: a slot that is no longer
   * free may be taken by the patient themself (an earlier attempt whose answer was lost).
   */
  async heldOn(patientId: string, keys: readonly SlotKey[]): Promise<FhirAppointment | undefined> {
    const date = keys.map((key) => key.date).sort()[0];
    if (date === undefined) return undefined;
    const slotIds = keys.map((key) => key.slotId);
    return this.reading(() => this.findHeld(patientId, slotIds, date, this.caller));
  }

  private async findHeld(
    patientId: string,
    slotIds: readonly string[],
    date: LondonDate,
    caller: PracticeCaller,
  ): Promise<FhirAppointment | undefined> {
    const slotRefs = new Set(slotIds.map((slotId) => `Slot/${slotId}`));
    const appointments = await retrievePatientAppointments(caller, {
      patientId,
      start: date,
      end: date,
    });
    return appointments.find(
      (appointment) =>
        appointment.status === 'booked' &&
        isAppointmentOf(appointment, patientId) &&
        appointment.slot.some((reference) => slotRefs.has(reference.reference)),
    );
  }

  /**
   * After a write whose answer was lost: looks for its result until found or the deadline passes. A read that
   * succeeds without finding it is asked again after a pause (the practice may still be committing); only when
   * every read failed is the outcome unknown.
   */
  private async readBack<T>(
    look: () => Promise<T | undefined>,
    write: 'book' | 'amend' | 'cancel',
    lost: GpConnectError,
  ): Promise<T | undefined> {
    const deadline = this.readBackDeadline();
    // After a 5xx the practice has answered, so it is not still working on the write: one good read settles it.
    const settledByOneRead = lost.failure.kind === 'server_error';
    let answered = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const found = await look();
        if (found !== undefined) return found;
        if (settledByOneRead) return undefined;
        answered = true;
      } catch (error) {
        if (!(error instanceof GpConnectError)) throw error;
      }
      const pause = READ_BACK_PAUSES_MS[attempt];
      if (pause === undefined || deadline.remainingMs() < pause + 100) break;
      await this.sleep(pause);
    }
    if (answered) return undefined;
    throw new OutcomeUnknown(write);
  }

  /** Amend the description and/or comment. Throws `NotChangeable`, `VersionConflict`, `ChangeRefused`, … */
  async amend(current: VersionedAppointment, changes: AppointmentChanges): Promise<VersionedAppointment> {
    const wanted = amendedAppointment(current.appointment, changes);
    return this.change(
      'amend',
      current,
      (latest) => amendAppointment(this.writeCaller(), latest, changes),
      (latest) =>
        (latest.appointment.description ?? '') === (wanted.description ?? '') &&
        (latest.appointment.comment ?? '') === (wanted.comment ?? ''),
    );
  }

  /**
   * Cancel with the patient's reason. Idempotent: an appointment already cancelled is the outcome the patient
   * wanted, and is returned as it is.
   */
  async cancel(current: VersionedAppointment, reason: string): Promise<VersionedAppointment> {
    if (current.appointment.status === 'cancelled') return current;
    return this.change(
      'cancel',
      current,
      (latest) => cancelAppointment(this.writeCaller(), latest, reason),
      (latest) => latest.appointment.status === 'cancelled',
    );
  }

  /**
   * Amend and cancel send back the version last read (`If-Match`). On 409 the appointment is read again and the
   * change tried once more with the new version (unless it is already done). After a lost answer the appointment
   * is read back and `done` decides whether the change was made.
   */
  private async change(
    write: 'amend' | 'cancel',
    current: VersionedAppointment,
    send: (latest: VersionedAppointment) => Promise<VersionedAppointment>,
    done: (latest: VersionedAppointment) => boolean,
  ): Promise<VersionedAppointment> {
    this.assertChangeable(current.appointment);
    let latest = current;
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(latest);
      } catch (error) {
        if (!(error instanceof GpConnectError)) throw error;
        const { failure } = error;
        if (failure.kind === 'rejected' && failure.status === 409) {
          if (attempt > 1) throw new VersionConflict();
          latest = await this.read(current.appointment.id);
          if (done(latest)) return latest;
          this.assertChangeable(latest.appointment);
          continue;
        }
        if (failure.kind === 'rejected' && failure.status === 422) throw new ChangeRefused(error.spineCode);
        if (failure.kind === 'rejected') {
          throw new PracticeError(error.interaction, `${failure.status} ${error.spineCode ?? ''}`.trim());
        }
        if (!mayHaveBeenWritten(error)) throw readOutcome(error);
        // The change may have been made: read the appointment back until it shows, or the deadline passes.
        const changed = await this.readBack(
          async () => {
            const now = await readAppointment(this.readBackCaller(), current.appointment.id);
            return done(now) ? now : undefined;
          },
          write,
          error,
        );
        if (changed) return changed;
        // The practice answered, and the appointment is as it was: the change was not made.
        throw new PracticeUnavailable(unavailableCauseOf(error) ?? 'error', error.interaction);
      }
    }
  }

  private assertChangeable(appointment: FhirAppointment): void {
    if (appointment.status === 'cancelled') throw new NotChangeable('cancelled');
    if (Date.parse(appointment.start) <= this.now().getTime()) throw new NotChangeable('started');
  }

  /**
   * The appointments as the patient sees them. Never fails for want of a practitioner or location: when those
   * cannot be read now, `hints` (what the booking already knew) or the practice stand in, and the next read of
   * the appointment fills them in.
   */
  async describe(
    appointments: readonly FhirAppointment[],
    hints: DescriptionHints = {},
  ): Promise<Appointment[]> {
    const practice = { odsCode: this.practice.odsCode, name: this.practice.name };
    const described = await Promise.all(
      appointments.map(async (appointment) => {
        const view = await describeAppointment(appointment, this.reader, { practice, now: this.now() });
        if (!view) return undefined;
        if (!view.practitioner && hints.practitioner) view.practitioner = hints.practitioner;
        if (
          hints.location &&
          view.location.id === hints.location.id &&
          view.location.address.lines.length === 0
        ) {
          view.location = hints.location;
        }
        return view;
      }),
    );
    return described.filter((appointment): appointment is Appointment => appointment !== undefined);
  }
}
