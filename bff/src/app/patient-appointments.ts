import type {
  AmendAppointmentRequest,
  Appointment,
  AppointmentsResponse,
  BookAppointmentRequest,
  RescheduleAppointmentRequest,
  RescheduleAppointmentResponse,
} from '@gpbook/shared/appointments';
import { slotsResponseFor, type SlotsQuery, type SlotsResponse } from '@gpbook/shared/slots';
import { addDaysToLondonDate, londonDateOf, todayInLondon } from '@gpbook/shared/time';
import type { FastifyRequest } from 'fastify';
import { describeAppointment } from '../gpconnect/appointment-view.js';
import {
  amendAppointment,
  bookAppointment,
  buildBookAppointmentRequest,
  cancelAppointment,
  isAppointmentOf,
  readAppointment,
  retrievePatientAppointments,
  type BookingOrganisation,
  type VersionedAppointment,
} from '../gpconnect/appointments.js';
import { assertPhoneWhenNeeded, BookingRefused, findSlotsToBook } from '../gpconnect/booking.js';
import type { ProviderEndpoint } from '../gpconnect/client.js';
import { GpConnectError } from '../gpconnect/errors.js';
import type { FhirAppointment } from '../gpconnect/fhir-schemas.js';
import { decodeAppointmentId, decodeSlotId, type SlotKey } from '../gpconnect/ids.js';
import type { CallContext } from '../gpconnect/organisation.js';
import { createReferenceReader } from '../gpconnect/participants.js';
import { findPatient, registerPatient } from '../gpconnect/patients.js';
import { searchFreeSlotsInRange, type FreeSlot } from '../gpconnect/slots.js';
import { ApiHttpError } from './api-error.js';
import type { DirectoryEntry } from './directory.js';
import type { AppServices } from './services.js';

/** How far ahead "upcoming appointments" looks. GP Connect sets no maximum for this interaction. */
const UPCOMING_DAYS = 366;
/** After a booking's answer is lost, how long to wait before looking for it a second time. */
const LOST_BOOKING_RECHECK_MS = 1000;
const RESCHEDULE_REASON = 'Rescheduled by the patient to another appointment';

export interface PatientAppointmentsOptions {
  services: AppServices;
  bookingOrganisation: BookingOrganisation;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** A practice the patient may use, with everything a GP Connect call there needs. */
interface PracticeCall {
  entry: DirectoryEntry;
  endpoint: ProviderEndpoint;
  context: CallContext;
}

/**
 * What the patient can do with appointments, each step a GP Connect interaction at the right practice: search
 * free slots, book, list, read, amend, cancel, reschedule. Every appointment id from the browser is checked
 * against the signed-in patient before anything is shown or changed.
 */
export class PatientAppointments {
  private readonly services: AppServices;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PatientAppointmentsOptions) {
    this.services = options.services;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The practices the patient may book at: their own and its federation. */
  private async allowedPractices(request: FastifyRequest): Promise<DirectoryEntry[]> {
    const patient = await this.services.patientOf(request);
    const registered = this.services.requirePractice(patient.registeredOds);
    return [registered, ...this.services.directory.federationOf(registered.odsCode)];
  }

  private async practiceCall(request: FastifyRequest, odsCode: string): Promise<PracticeCall> {
    const allowed = await this.allowedPractices(request);
    const entry = allowed.find((candidate) => candidate.odsCode === odsCode);
    if (!entry)
      throw new ApiHttpError(
        404,
        'practice_unknown',
        'You cannot book at that practice through this service',
      );
    const patient = await this.services.patientOf(request);
    return {
      entry,
      endpoint: this.services.directory.endpoint(entry),
      context: { user: patient.user, traceId: request.id },
    };
  }

  /**
   * The patient's logical id in the practice's system: remembered in the session after the first Find a patient.
   * Undefined when the practice has no record it will book for (not registered there, or flagged).
   */
  private async patientIdAt(request: FastifyRequest, call: PracticeCall): Promise<string | undefined> {
    const known = (await this.services.patientIdsOf(request))[call.entry.odsCode];
    if (known) return known;
    const patient = await this.services.patientOf(request);
    const logicalId = await findPatient(
      this.services.gpConnect,
      call.endpoint,
      call.context,
      patient.nhsNumber,
    );
    if (logicalId) await this.services.rememberPatientId(request, call.entry.odsCode, logicalId);
    return logicalId;
  }

  /**
   * The patient's logical id at the practice they are booking with. At another practice of the federation that
   * does not know them yet, they are registered there as a temporary patient first (GP Connect's Register a
   * patient), as booking requires; their own practice must already know them.
   */
  private async requirePatientIdAt(request: FastifyRequest, call: PracticeCall): Promise<string> {
    const id = await this.patientIdAt(request, call);
    if (id) return id;
    const patient = await this.services.patientOf(request);
    const notBookable = new ApiHttpError(
      403,
      'patient_not_found',
      'This practice has no record it can book appointments for you with. Contact the practice.',
    );
    if (call.entry.odsCode === patient.registeredOds) throw notBookable;
    let registered: string;
    try {
      registered = await registerPatient(this.services.gpConnect, call.endpoint, call.context, {
        nhsNumber: patient.nhsNumber,
        family: patient.user.family,
        given: patient.user.given,
        birthDate: patient.birthDate,
      });
    } catch (error) {
      // The practice could not match the patient to the NHS record (or will not register them): not bookable.
      if (
        error instanceof GpConnectError &&
        error.failure.kind === 'rejected' &&
        error.failure.status < 500
      ) {
        throw notBookable;
      }
      throw error;
    }
    request.log.info(
      { practice: call.entry.odsCode },
      'patient registered as temporary at federation practice',
    );
    await this.services.rememberPatientId(request, call.entry.odsCode, registered);
    return registered;
  }

  private searchTerms(entry: DirectoryEntry) {
    return {
      consumerOds: this.options.bookingOrganisation.odsCode,
      consumerOrgType: this.options.bookingOrganisation.orgType,
      dosServiceId: entry.dosServiceId,
    };
  }

  async searchSlots(request: FastifyRequest, query: SlotsQuery): Promise<SlotsResponse> {
    const call = await this.practiceCall(request, query.practice);
    const free = await searchFreeSlotsInRange(this.services.gpConnect, call.endpoint, call.context, {
      start: query.from,
      end: query.to,
      ...this.searchTerms(call.entry),
    });
    return slotsResponseFor(
      query,
      free.map((slot) => slot.slot),
    );
  }

  async book(request: FastifyRequest, body: BookAppointmentRequest): Promise<Appointment> {
    const keys = slotKeysOf(body.slotIds);
    const odsCode = keys[0]?.odsCode ?? '';
    const call = await this.practiceCall(request, odsCode);
    const patientId = await this.requirePatientIdAt(request, call);
    const slots = await this.slotsToBook(call, keys);
    try {
      assertPhoneWhenNeeded(slots, body.phone);
    } catch (error) {
      throw refusal(error, 'phone');
    }
    const booked = await this.bookSlots(call, patientId, slots, body);
    return this.describe(call, booked.appointment);
  }

  private async slotsToBook(call: PracticeCall, keys: SlotKey[]): Promise<FreeSlot[]> {
    try {
      return await findSlotsToBook(
        this.services.gpConnect,
        call.endpoint,
        call.context,
        keys,
        this.searchTerms(call.entry),
      );
    } catch (error) {
      throw refusal(error, 'slotIds');
    }
  }

  /**
   * Books, and never blindly retries: when the answer is lost the booking may or may not have happened, so we look
   * for it among the patient's appointments before saying either way.
   */
  private async bookSlots(
    call: PracticeCall,
    patientId: string,
    slots: FreeSlot[],
    details: { description: string; comment?: string | undefined; phone?: string | undefined },
  ): Promise<VersionedAppointment> {
    const requestBody = buildBookAppointmentRequest({
      slots: slots.map((slot) => slot.booking),
      patientId,
      bookingOrganisation: this.options.bookingOrganisation,
      description: details.description,
      comment: details.comment,
      phone: details.phone,
      now: this.now(),
    });
    try {
      return await bookAppointment(this.services.gpConnect, call.endpoint, call.context, requestBody);
    } catch (error) {
      if (!(error instanceof GpConnectError)) throw error;
      if (error.failure.kind === 'rejected' && error.spineCode === 'DUPLICATE_REJECTED') {
        throw new ApiHttpError(409, 'slot_taken', 'Someone else has just booked that appointment');
      }
      if (error.failure.kind === 'rejected' && error.failure.status === 403) {
        throw new ApiHttpError(409, 'slot_taken', 'That appointment can no longer be booked online');
      }
      if (error.failure.kind === 'rejected' && error.failure.status === 422) {
        throw new ApiHttpError(409, 'slot_unavailable', 'That appointment can no longer be booked online');
      }
      if (error.failure.kind === 'unreachable' || error.failure.kind === 'server_error') {
        const found = await this.findLostBooking(call, patientId, slots);
        if (found) return found;
        throw new ApiHttpError(
          503,
          'practice_unavailable',
          'Your appointment was not booked: the practice system did not answer',
        );
      }
      throw error;
    }
  }

  private async findLostBooking(
    call: PracticeCall,
    patientId: string,
    slots: FreeSlot[],
  ): Promise<VersionedAppointment | undefined> {
    const slotRefs = new Set(slots.map((slot) => `Slot/${slot.booking.slotId}`));
    const date = londonDateOf(slots[0]?.booking.start ?? '');
    const lookFor = async () => {
      const appointments = await retrievePatientAppointments(
        this.services.gpConnect,
        call.endpoint,
        call.context,
        {
          patientId,
          start: date,
          end: date,
        },
      );
      return appointments.find(
        (appointment) =>
          appointment.status === 'booked' &&
          appointment.slot.some((reference) => slotRefs.has(reference.reference)),
      );
    };
    try {
      let found = await lookFor();
      if (!found) {
        // The practice system may still be committing the booking it did not answer for.
        await this.sleep(LOST_BOOKING_RECHECK_MS);
        found = await lookFor();
      }
      return found
        ? await readAppointment(this.services.gpConnect, call.endpoint, call.context, found.id)
        : undefined;
    } catch {
      throw new ApiHttpError(
        503,
        'booking_outcome_unknown',
        'We could not confirm whether your appointment was booked. Check your appointments before booking again.',
      );
    }
  }

  /** Upcoming appointments (today onwards) at the registered practice and across its federation. */
  async list(request: FastifyRequest): Promise<AppointmentsResponse> {
    const practices = await this.allowedPractices(request);
    const today = todayInLondon(this.now());
    const end = addDaysToLondonDate(today, UPCOMING_DAYS);
    const perPractice = await Promise.all(
      practices.map(async (entry) => {
        const call = await this.practiceCall(request, entry.odsCode);
        try {
          const patientId = await this.patientIdAt(request, call);
          if (!patientId) return [];
          const found = await retrievePatientAppointments(
            this.services.gpConnect,
            call.endpoint,
            call.context,
            {
              patientId,
              start: today,
              end,
            },
          );
          return await this.describeAll(call, found);
        } catch (error) {
          // The registered practice must answer; a federation practice that cannot is left out of the list.
          if (entry.odsCode === practices[0]?.odsCode) throw error;
          request.log.warn({ practice: entry.odsCode }, 'federation practice appointments unavailable');
          return [];
        }
      }),
    );
    const appointments = perPractice.flat().sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return {
      appointments,
      earliestDate: today,
      note: 'This list shows appointments from today onwards. Past appointments are not shown.',
    };
  }

  private async describeAll(call: PracticeCall, appointments: FhirAppointment[]): Promise<Appointment[]> {
    const reader = createReferenceReader(this.services.gpConnect, call.endpoint, call.context);
    const practice = { odsCode: call.entry.odsCode, name: call.entry.name };
    const described = await Promise.all(
      appointments.map((appointment) =>
        describeAppointment(appointment, reader, { practice, now: this.now() }),
      ),
    );
    return described.filter((appointment): appointment is Appointment => appointment !== undefined);
  }

  private async describe(call: PracticeCall, appointment: FhirAppointment): Promise<Appointment> {
    const [described] = await this.describeAll(call, [appointment]);
    if (!described) throw new ApiHttpError(404, 'not_found', 'No such appointment');
    return described;
  }

  /**
   * Reads the appointment behind a patient API id and checks it is the signed-in patient's. Someone else's
   * appointment is answered exactly like one that does not exist.
   */
  private async owned(
    request: FastifyRequest,
    id: string,
  ): Promise<{ call: PracticeCall; current: VersionedAppointment }> {
    const notFound = new ApiHttpError(404, 'not_found', 'No such appointment');
    const key = decodeAppointmentId(id);
    if (!key) throw notFound;
    const allowed = await this.allowedPractices(request);
    if (!allowed.some((entry) => entry.odsCode === key.odsCode)) throw notFound;
    const call = await this.practiceCall(request, key.odsCode);
    const patientId = await this.patientIdAt(request, call);
    if (!patientId) throw notFound;
    let current: VersionedAppointment;
    try {
      current = await readAppointment(this.services.gpConnect, call.endpoint, call.context, key.logicalId);
    } catch (error) {
      if (
        error instanceof GpConnectError &&
        error.failure.kind === 'rejected' &&
        error.failure.status < 500
      ) {
        // 404 unknown, or 422 for a past appointment: either way, not one the patient can see here.
        throw notFound;
      }
      throw error;
    }
    if (!isAppointmentOf(current.appointment, patientId)) throw notFound;
    return { call, current };
  }

  async get(request: FastifyRequest, id: string): Promise<Appointment> {
    const { call, current } = await this.owned(request, id);
    return this.describe(call, current.appointment);
  }

  async amend(request: FastifyRequest, id: string, changes: AmendAppointmentRequest): Promise<Appointment> {
    const { call, current } = await this.owned(request, id);
    assertChangeable(current.appointment, this.now());
    const updated = await this.withFreshVersion(call, current, (latest) =>
      amendAppointment(this.services.gpConnect, call.endpoint, call.context, latest, changes),
    );
    return this.describe(call, updated.appointment);
  }

  async cancel(request: FastifyRequest, id: string, reason: string): Promise<Appointment> {
    const { call, current } = await this.owned(request, id);
    assertChangeable(current.appointment, this.now());
    const updated = await this.withFreshVersion(call, current, (latest) =>
      cancelAppointment(this.services.gpConnect, call.endpoint, call.context, latest, reason),
    );
    return this.describe(call, updated.appointment);
  }

  /** Books the new slot first, then cancels the old appointment; if that fails the patient keeps both and is told. */
  async reschedule(
    request: FastifyRequest,
    id: string,
    body: RescheduleAppointmentRequest,
  ): Promise<RescheduleAppointmentResponse> {
    const old = await this.owned(request, id);
    assertChangeable(old.current.appointment, this.now());
    const keys = slotKeysOf(body.slotIds);
    const call = await this.practiceCall(request, keys[0]?.odsCode ?? '');
    const patientId = await this.requirePatientIdAt(request, call);
    const slots = await this.slotsToBook(call, keys);
    const previous = await this.describe(old.call, old.current.appointment);
    const phone = body.phone ?? previous.phone;
    try {
      assertPhoneWhenNeeded(slots, phone);
    } catch (error) {
      throw refusal(error, 'phone');
    }
    const booked = await this.bookSlots(call, patientId, slots, {
      description: body.description ?? previous.description,
      comment: body.comment ?? previous.comment,
      phone,
    });
    const bookedView = await this.describe(call, booked.appointment);
    try {
      const cancelled = await this.withFreshVersion(old.call, old.current, (latest) =>
        cancelAppointment(
          this.services.gpConnect,
          old.call.endpoint,
          old.call.context,
          latest,
          RESCHEDULE_REASON,
        ),
      );
      return {
        booked: bookedView,
        cancelled: true,
        previous: await this.describe(old.call, cancelled.appointment),
      };
    } catch (error) {
      request.log.warn(
        { err: error instanceof GpConnectError ? error.failure : 'error' },
        'reschedule: cancel failed',
      );
      return {
        booked: bookedView,
        cancelled: false,
        previous,
        message:
          'Your new appointment is booked, but we could not cancel your old one. You now have both: cancel the old one from your appointments, or phone the practice.',
      };
    }
  }

  /**
   * Amend and cancel send back the version last read (`If-Match`). If the practice changed the appointment in
   * between (409), read it again and try once more with the new version.
   */
  private async withFreshVersion(
    call: PracticeCall,
    current: VersionedAppointment,
    change: (latest: VersionedAppointment) => Promise<VersionedAppointment>,
  ): Promise<VersionedAppointment> {
    try {
      return await change(current);
    } catch (error) {
      if (!(
        error instanceof GpConnectError &&
        error.failure.kind === 'rejected' &&
        error.failure.status === 409
      )) {
        throw mapChangeError(error);
      }
    }
    const latest = await readAppointment(
      this.services.gpConnect,
      call.endpoint,
      call.context,
      current.appointment.id,
    );
    assertChangeable(latest.appointment, this.now());
    try {
      return await change(latest);
    } catch (error) {
      if (
        error instanceof GpConnectError &&
        error.failure.kind === 'rejected' &&
        error.failure.status === 409
      ) {
        throw new ApiHttpError(
          409,
          'appointment_changed',
          'The practice has just changed this appointment. Try again.',
        );
      }
      throw mapChangeError(error);
    }
  }
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

function refusal(error: unknown, field: string): unknown {
  if (!(error instanceof BookingRefused)) return error;
  switch (error.code) {
    case 'slot_unavailable':
      return new ApiHttpError(409, 'slot_taken', error.message);
    case 'validation_failed':
      return new ApiHttpError(422, 'validation_failed', error.message, [{ field, message: error.message }]);
    case 'bad_request':
      return new ApiHttpError(400, 'bad_request', error.message);
  }
}

function assertChangeable(appointment: FhirAppointment, now: Date): void {
  if (appointment.status === 'cancelled') {
    throw new ApiHttpError(409, 'appointment_cancelled', 'This appointment has already been cancelled');
  }
  if (Date.parse(appointment.start) <= now.getTime()) {
    throw new ApiHttpError(409, 'appointment_in_past', 'This appointment has already started or passed');
  }
}

function mapChangeError(error: unknown): unknown {
  if (error instanceof GpConnectError && error.failure.kind === 'rejected' && error.failure.status === 422) {
    return new ApiHttpError(
      409,
      'appointment_changed',
      'The practice would not accept this change. Phone the practice.',
    );
  }
  return error;
}
