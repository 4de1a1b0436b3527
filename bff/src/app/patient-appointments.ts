import type {
  AmendAppointmentRequest,
  Appointment,
  AppointmentsResponse,
  BookAppointmentRequest,
  PreviousAppointmentOutcome,
  RescheduleAppointmentRequest,
  RescheduleAppointmentResponse,
} from '@gpbook/shared/appointments';
import type { PracticesResponse, UnavailablePractice } from '@gpbook/shared/practices';
import type { SlotsQuery, SlotsResponse } from '@gpbook/shared/slots';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import { isAppointmentOf, type VersionedAppointment } from '../gpconnect/appointments.js';
import type { FhirAppointment } from '../gpconnect/fhir-schemas.js';
import { assertPhoneWhenNeeded, BookingRefused } from '../gpconnect/booking.js';
import { decodeAppointmentId, decodeSlotId, type SlotKey } from '../gpconnect/ids.js';
import {
  GpConnectOutcome,
  NotBookableHere,
  NotFound,
  OutcomeUnknown,
  PracticeUnavailable,
} from '../gpconnect/outcomes.js';
import type { GpConnectPort, PracticeConnection } from '../gpconnect/port.js';
import type { FreeSlot } from '../gpconnect/slots.js';
import { ApiHttpError } from './api-error.js';
import type { DirectoryEntry, PracticeDirectory } from './directory.js';
import { bookingRefusalError } from './patient-errors.js';
import type { PatientContext } from './services.js';
import { slotsResponseOnce } from './slot-listing.js';

/** How far ahead "upcoming appointments" looks. GP Connect sets no maximum for this interaction. */
const UPCOMING_DAYS = 366;
const RESCHEDULE_REASON = 'Rescheduled by the patient to another appointment';

/** One patient API request, as the policy here needs it: no HTTP in sight. */
export interface PatientRequest {
  patient: PatientContext;
  /** Our trace id for this request (sent as `Ssp-TraceID`). */
  traceId: string;
  /** The patient's logical ids at practices' GP systems, as remembered in the session (keyed by ODS code). */
  knownPatientIds: Readonly<Record<string, string>>;
  rememberPatientId(odsCode: string, logicalId: string): Promise<void>;
  /** For operators: never given names, NHS numbers, tokens or free text. */
  log: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
}

export interface PatientAppointmentsOptions {
  directory: PracticeDirectory;
  port: GpConnectPort;
  now?: () => Date;
}

/**
 * What a patient may do, and where: which practices (their own and its federation), whose appointments (theirs
 * only), and in what order a reschedule goes (book the new, then cancel the old). Each step at a practice goes
 * through the GP Connect port, whose typed outcomes say what the practice's system holds.
 */
export class PatientAppointments {
  private readonly now: () => Date;

  constructor(private readonly options: PatientAppointmentsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The practices the patient may book at: their own first, then the rest of its federation. */
  private allowedPractices(request: PatientRequest): DirectoryEntry[] {
    const registered = this.options.directory.get(request.patient.registeredOds);
    if (!registered) {
      throw new ApiHttpError(
        404,
        'practice_unknown',
        'Your GP practice cannot be booked online through this service',
      );
    }
    return [registered, ...this.options.directory.federationOf(registered.odsCode)];
  }

  /** A connection to one of the patient's practices, for this request; any other practice is refused. */
  private connect(request: PatientRequest, odsCode: string, calls = 1): PracticeConnection {
    const entry = this.allowedPractices(request).find((candidate) => candidate.odsCode === odsCode);
    if (!entry) {
      throw new ApiHttpError(
        404,
        'practice_unknown',
        'You cannot book at that practice through this service',
      );
    }
    return this.options.port.at(entry, {
      user: request.patient.user,
      traceId: request.traceId,
      deadline: this.options.port.deadline(calls),
    });
  }

  private isRegisteredPractice(request: PatientRequest, practice: PracticeConnection): boolean {
    return practice.practice.odsCode === request.patient.registeredOds;
  }

  /**
   * The patient's logical id at the practice: remembered in the session after the first Find a patient.
   * Undefined when the practice has no record it will book for (not registered there, or flagged).
   */
  private async patientIdAt(
    request: PatientRequest,
    practice: PracticeConnection,
  ): Promise<string | undefined> {
    const odsCode = practice.practice.odsCode;
    const known = request.knownPatientIds[odsCode];
    if (known) return known;
    const found = await practice.findPatient(request.patient.nhsNumber);
    if (found) await request.rememberPatientId(odsCode, found);
    return found;
  }

  /**
   * The patient's logical id at a practice they are about to book with, establishing that they can be booked
   * there: their own practice must know them; another practice of the federation that does not is asked to
   * register them as a temporary patient (GP Connect's Register a patient). Throws `NotBookableHere`.
   */
  private async bookablePatientIdAt(request: PatientRequest, practice: PracticeConnection): Promise<string> {
    const id = await this.patientIdAt(request, practice);
    if (id) return id;
    if (this.isRegisteredPractice(request, practice)) throw new NotBookableHere('no-record');
    const { patient } = request;
    const registered = await practice.registerPatient({
      nhsNumber: patient.nhsNumber,
      family: patient.user.family,
      given: patient.user.given,
      birthDate: patient.birthDate,
    });
    request.log.info(
      { practice: practice.practice.odsCode },
      'patient registered as temporary at federation practice',
    );
    await request.rememberPatientId(practice.practice.odsCode, registered);
    return registered;
  }

  /** The registered practice and its federation, each as its own system describes itself. */
  async practices(request: PatientRequest): Promise<PracticesResponse> {
    const [own, ...others] = this.allowedPractices(request);
    if (!own) throw new ApiHttpError(404, 'practice_unknown', 'Your GP practice is not known here');
    const deadline = this.options.port.deadline();
    const context = { user: request.patient.user, traceId: request.traceId, deadline };
    const [registered, ...federation] = await Promise.allSettled(
      [own, ...others].map((entry) => this.options.port.at(entry, context).organisation()),
    );
    if (!registered || registered.status === 'rejected') throw registered?.reason;
    const answered: PracticesResponse['federation'] = [];
    const unavailable: UnavailablePractice[] = [];
    federation.forEach((result, index) => {
      const entry = others[index];
      if (!entry) return;
      if (result.status === 'fulfilled') answered.push(result.value);
      else unavailable.push(this.unavailable(request, entry, result.reason));
    });
    return { registered: registered.value, federation: answered, unavailable };
  }

  /**
   * Free slots at one of the patient's practices. The patient's record there is established first (found, or
   * registered at a federation practice), so a practice that cannot book them says so now, not at the last step.
   */
  async searchSlots(request: PatientRequest, query: SlotsQuery): Promise<SlotsResponse> {
    const practice = this.connect(request, query.practice);
    await this.bookablePatientIdAt(request, practice);
    const free = await practice.searchFreeSlots({ start: query.from, end: query.to });
    return slotsResponseOnce(query, free, (slot) => slot.slot);
  }

  async book(request: PatientRequest, body: BookAppointmentRequest): Promise<Appointment> {
    const keys = slotKeysOf(body.slotIds);
    const practice = this.connect(request, keys[0]?.odsCode ?? '', 2);
    const patientId = await this.bookablePatientIdAt(request, practice);
    let slots: FreeSlot[];
    try {
      slots = await this.slotsToBook(practice, keys, body.phone);
    } catch (error) {
      // Not free any more: perhaps because this patient holds it (an earlier attempt whose answer was lost).
      const mine = isSlotTaken(error)
        ? await practice.heldOn(patientId, keys).catch(() => undefined)
        : undefined;
      if (!mine) throw error;
      return this.describeOne(practice, mine);
    }
    const booked = await practice.book({
      patientId,
      slots,
      description: body.description,
      comment: body.comment,
      phone: body.phone,
    });
    return this.describeBooked(practice, booked, slots);
  }

  private async slotsToBook(
    practice: PracticeConnection,
    keys: SlotKey[],
    phone: string | undefined,
  ): Promise<FreeSlot[]> {
    let slots: FreeSlot[];
    try {
      slots = await practice.findSlotsToBook(keys);
    } catch (error) {
      throw error instanceof BookingRefused ? bookingRefusalError(error, 'slotIds') : error;
    }
    try {
      assertPhoneWhenNeeded(slots, phone);
    } catch (error) {
      throw error instanceof BookingRefused ? bookingRefusalError(error, 'phone') : error;
    }
    return slots;
  }

  /** The booked appointment as the patient sees it; what the slot said stands in for anything unreadable now. */
  private async describeBooked(
    practice: PracticeConnection,
    booked: VersionedAppointment['appointment'],
    slots: readonly FreeSlot[],
  ): Promise<Appointment> {
    const first = slots[0]?.slot;
    const [view] = await practice.describe([booked], {
      practitioner: first?.practitioner,
      location: first?.location,
    });
    // Only an appointment "entered in error" has no view, and a booking just made is not one.
    if (!view) throw new ApiHttpError(502, 'practice_error', 'The practice returned an unusable booking');
    return view;
  }

  /**
   * Upcoming appointments (today onwards) at the registered practice and across its federation, within one
   * deadline. The registered practice must answer, and must know the patient (else 403 `patient_not_found`); a
   * federation practice that cannot answer is listed as unavailable.
   */
  async list(request: PatientRequest): Promise<AppointmentsResponse> {
    const practices = this.allowedPractices(request);
    const today = todayInLondon(this.now());
    const end = addDaysToLondonDate(today, UPCOMING_DAYS);
    const results = await Promise.allSettled(
      practices.map(async (entry) => {
        const practice = this.connect(request, entry.odsCode);
        const patientId = await this.patientIdAt(request, practice);
        if (!patientId) {
          // Their own practice has no record it will book for: say so now, not at the last step of a booking.
          if (this.isRegisteredPractice(request, practice)) throw new NotBookableHere('no-record');
          return [];
        }
        return practice.describe(await practice.appointments(patientId, today, end));
      }),
    );
    const appointments: Appointment[] = [];
    const unavailable: UnavailablePractice[] = [];
    results.forEach((result, index) => {
      const entry = practices[index];
      if (!entry) return;
      if (result.status === 'fulfilled') appointments.push(...result.value);
      else if (index === 0) throw result.reason;
      else unavailable.push(this.unavailable(request, entry, result.reason));
    });
    appointments.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return {
      appointments,
      earliestDate: today,
      note: 'This list shows appointments from today onwards. Past appointments are not shown.',
      unavailable,
    };
  }

  /** A federation practice that did not answer, for the page to say so; anything but a practice failure is a bug. */
  private unavailable(request: PatientRequest, entry: DirectoryEntry, reason: unknown): UnavailablePractice {
    if (!(reason instanceof GpConnectOutcome)) throw reason;
    request.log.warn({ practice: entry.odsCode, outcome: reason.kind }, 'federation practice unavailable');
    const cause = reason instanceof PracticeUnavailable ? reason.reason : 'error';
    return { odsCode: entry.odsCode, name: entry.name, reason: cause };
  }

  /**
   * Reads the appointment behind a patient API id and checks it is the signed-in patient's. Someone else's
   * appointment is answered exactly like one that does not exist.
   */
  private async owned(
    request: PatientRequest,
    id: string,
    calls = 1,
  ): Promise<{ practice: PracticeConnection; current: VersionedAppointment }> {
    const notFound = new ApiHttpError(404, 'not_found', 'No such appointment');
    const key = decodeAppointmentId(id);
    if (!key) throw notFound;
    if (!this.allowedPractices(request).some((entry) => entry.odsCode === key.odsCode)) throw notFound;
    const practice = this.connect(request, key.odsCode, calls);
    const patientId = await this.patientIdAt(request, practice);
    if (!patientId) throw notFound;
    let current: VersionedAppointment;
    try {
      current = await practice.read(key.logicalId);
    } catch (error) {
      throw error instanceof NotFound ? notFound : error;
    }
    if (!isAppointmentOf(current.appointment, patientId)) throw notFound;
    return { practice, current };
  }

  private async describeOne(
    practice: PracticeConnection,
    appointment: FhirAppointment,
  ): Promise<Appointment> {
    const [view] = await practice.describe([appointment]);
    if (!view) throw new ApiHttpError(404, 'not_found', 'No such appointment');
    return view;
  }

  async get(request: PatientRequest, id: string): Promise<Appointment> {
    const { practice, current } = await this.owned(request, id);
    return this.describeOne(practice, current.appointment);
  }

  async amend(request: PatientRequest, id: string, changes: AmendAppointmentRequest): Promise<Appointment> {
    const { practice, current } = await this.owned(request, id, 2);
    return this.describeOne(practice, (await practice.amend(current, changes)).appointment);
  }

  async cancel(request: PatientRequest, id: string, reason: string): Promise<Appointment> {
    const { practice, current } = await this.owned(request, id, 2);
    return this.describeOne(practice, (await practice.cancel(current, reason)).appointment);
  }

  /**
   * Books the new slot first, then cancels the old appointment (decision 0005): the patient is never left with
   * neither. Whatever happens to the cancel, the answer says what the practice holds for the old one.
   */
  async reschedule(
    request: PatientRequest,
    id: string,
    body: RescheduleAppointmentRequest,
  ): Promise<RescheduleAppointmentResponse> {
    const old = await this.owned(request, id, 3);
    if (old.current.appointment.status === 'cancelled') {
      throw new ApiHttpError(409, 'appointment_cancelled', 'This appointment has already been cancelled');
    }
    if (Date.parse(old.current.appointment.start) <= this.now().getTime()) {
      throw new ApiHttpError(409, 'appointment_in_past', 'This appointment has already started or passed');
    }
    const previous = await this.describeOne(old.practice, old.current.appointment);
    const keys = slotKeysOf(body.slotIds);
    const practice = this.connect(request, keys[0]?.odsCode ?? '', 3);
    const patientId = await this.bookablePatientIdAt(request, practice);
    const phone = body.phone ?? previous.phone;
    const slots = await this.slotsToBook(practice, keys, phone);
    const booked = await practice.book({
      patientId,
      slots,
      description: body.description ?? previous.description,
      comment: body.comment ?? previous.comment,
      phone,
    });
    const bookedView = await this.describeBooked(practice, booked, slots);

    let outcome: PreviousAppointmentOutcome;
    let previousNow = previous;
    try {
      const cancelled = await old.practice.cancel(old.current, RESCHEDULE_REASON);
      outcome = 'cancelled';
      previousNow = await this.describeOne(old.practice, cancelled.appointment);
    } catch (error) {
      if (!(error instanceof GpConnectOutcome)) throw error;
      outcome = error instanceof OutcomeUnknown ? 'unknown' : 'still-booked';
      request.log.warn({ outcome: error.kind }, 'reschedule: the old appointment was not cancelled');
    }
    return {
      booked: bookedView,
      previousOutcome: outcome,
      previous: previousNow,
      ...(outcome === 'still-booked'
        ? {
            message:
              'Your new appointment is booked, but we could not cancel your old one. You now have both: cancel the old one from your appointments, or phone the practice.',
          }
        : outcome === 'unknown'
          ? {
              message:
                'Your new appointment is booked. We asked the practice to cancel your old one but could not confirm it was cancelled: check your appointments.',
            }
          : {}),
    };
  }
}

function isSlotTaken(error: unknown): boolean {
  return error instanceof ApiHttpError && error.code === 'slot_taken';
}

function slotKeysOf(slotIds: readonly string[]): SlotKey[] {
  const keys = slotIds.map(decodeSlotId);
  if (keys.some((key) => key === undefined)) {
    throw new ApiHttpError(422, 'validation_failed', 'Choose an appointment from the list', [
      { field: 'slotIds', message: 'Choose an appointment from the list' },
    ]);
  }
  const defined = keys.filter((key): key is SlotKey => key !== undefined);
  if (new Set(defined.map((key) => key.odsCode)).size > 1) {
    throw new ApiHttpError(400, 'bad_request', 'All slots of one appointment must be at the same practice');
  }
  return defined;
}
