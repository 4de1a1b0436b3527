import { bookAppointment } from '../appointments/book.js';
import { amendChanges, cancelChanges } from '../appointments/changes.js';
import { parseAppointmentRequest } from '../appointments/request.js';
import type { PracticeConfig, ProviderConfig } from '../config/schema.js';
import type { FhirResult, InteractionContext, InteractionHandlers } from '../context.js';
import { gpcError } from '../outcomes.js';
import { appointmentResource } from '../resources/appointment.js';
import { searchset } from '../resources/common.js';
import { serviceFilteringStatus } from '../service-filtering.js';
import type { AppointmentRecord, ProviderStore } from '../store/store.js';
import { addLondonDays, isCalendarDate, londonDate, londonInstant } from '../time/london.js';
import { isServedPatient } from './patient-status.js';

function result(
  config: ProviderConfig,
  practice: PracticeConfig,
  appointment: AppointmentRecord,
  status = 200,
): FhirResult {
  const resource = appointmentResource(
    practice,
    appointment,
    serviceFilteringStatus(config, practice) === 'enabled',
  );
  return {
    status,
    resource,
    versionId: resource.meta.versionId,
    lastModified: new Date(appointment.lastModifiedMs),
  };
}

/** `W/"3"` or `"3"` → `3`. */
function ifMatchVersion(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"([^"]*)"$/.exec(header.trim());
  return match ? match[1] : header.trim();
}

/** Start of the patient-appointments range rules (§3.12): two date-only `start` params, ge and le, not in the past. */
function retrieveRange(context: InteractionContext): { fromMs: number; toMs: number } {
  const values = context.query.all('start');
  const ge = values.filter((value) => value.startsWith('ge'));
  const le = values.filter((value) => value.startsWith('le'));
  if (values.length !== 2 || ge.length !== 1 || le.length !== 1) {
    throw gpcError('INVALID_PARAMETER', 'Send exactly two start parameters: one ge and one le');
  }
  const from = (ge[0] ?? '').slice(2);
  const to = (le[0] ?? '').slice(2);
  if (!isCalendarDate(from) || !isCalendarDate(to)) {
    throw gpcError('INVALID_PARAMETER', 'The start parameters must be dates (yyyy-mm-dd) without a time');
  }
  const today = londonDate(context.now);
  // Today counts as the future: all of today's appointments are returned, even those already over.
  if (from < today) throw gpcError('INVALID_PARAMETER', 'The range must not start in the past');
  if (to < from) throw gpcError('INVALID_PARAMETER', 'The end of the range is before its start');
  return { fromMs: londonInstant(from), toMs: londonInstant(addLondonDays(to, 1)) };
}

export function appointmentHandlers(store: ProviderStore): InteractionHandlers {
  function stored(context: InteractionContext): AppointmentRecord {
    const appointment =
      context.id === undefined ? undefined : store.appointment(context.practice.odsCode, context.id);
    if (!appointment) throw gpcError('NO_RECORD_FOUND', 'No appointment with this id');
    return appointment;
  }

  /** The checks amend and cancel share, in the order the assurance suite expects them. */
  function changeable(context: InteractionContext) {
    const current = stored(context);
    const request = parseAppointmentRequest(context.body);
    const expected = ifMatchVersion(context.headers['if-match']);
    if (expected !== undefined && expected !== String(current.version)) {
      throw gpcError(
        'FHIR_CONSTRAINT_VIOLATION',
        'The If-Match version is not the current version of the appointment',
      );
    }
    if (request.id !== current.id)
      throw gpcError('INVALID_RESOURCE', 'The Appointment id must match the id in the URL');
    if (current.status === 'cancelled')
      throw gpcError('INVALID_RESOURCE', 'A cancelled appointment cannot be changed');
    if (current.startMs <= context.now.getTime()) {
      throw gpcError('INVALID_RESOURCE', 'An appointment in the past cannot be changed');
    }
    return { current, request };
  }

  const lostRace = () =>
    gpcError('FHIR_CONSTRAINT_VIOLATION', 'The appointment was changed by another request; read it again');

  return {
    appointmentCreate: ({ config, practice, body, now }) => {
      const appointment = bookAppointment(store, practice, parseAppointmentRequest(body), now);
      const outcome = result(config, practice, appointment, 201);
      return { ...outcome, location: `/Appointment/${appointment.id}/_history/${appointment.version}` };
    },
    appointmentRead: (context) => {
      const appointment = stored(context);
      // See docs/decisions/0011: reading a past appointment is refused as an invalid parameter (the id).
      if (appointment.startMs <= context.now.getTime()) {
        throw gpcError(
          'INVALID_PARAMETER',
          'The appointment is in the past; only future appointments can be read',
        );
      }
      return result(context.config, context.practice, appointment);
    },
    appointmentAmend: (context) => {
      const { current, request } = changeable(context);
      const change = amendChanges(context.practice, current, request);
      const updated = store.amendAppointment(
        context.practice.odsCode,
        current.id,
        current.version,
        change,
        context.now.getTime(),
      );
      if (!updated) throw lostRace();
      return result(context.config, context.practice, updated);
    },
    appointmentCancel: (context) => {
      const { current, request } = changeable(context);
      const reason = cancelChanges(context.practice, current, request);
      const updated = store.cancelAppointment(
        context.practice.odsCode,
        current.id,
        current.version,
        reason,
        context.now.getTime(),
      );
      if (!updated) throw lostRace();
      return result(context.config, context.practice, updated);
    },
    patientAppointments: (context) => {
      const patient =
        context.id === undefined ? undefined : store.patient(context.practice.odsCode, context.id);
      if (!isServedPatient(patient)) throw gpcError('PATIENT_NOT_FOUND', 'No patient record with this id');
      const range = retrieveRange(context);
      // Every appointment in the range, cancelled ones included: "no additional filtering" (§3.12).
      const appointments = store.appointmentsOfPatient(
        context.practice.odsCode,
        patient.id,
        range.fromMs,
        range.toMs,
      );
      const filtering = serviceFilteringStatus(context.config, context.practice) === 'enabled';
      return {
        status: 200,
        resource: searchset(
          appointments.map((appointment) => appointmentResource(context.practice, appointment, filtering)),
        ),
      };
    },
  };
}
