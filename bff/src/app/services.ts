import type { FastifyRequest } from 'fastify';
import type { RequestingUser } from '../gpconnect/spine-jwt.js';
import type { ActiveSession, SessionManager } from '../identity/sessions/manager.js';
import { ApiHttpError } from './api-error.js';
import type { PracticeDirectory } from './directory.js';
import type { PatientRequest } from './patient-appointments.js';

/** Who the request is for, as the GP Connect calls need it: the signed-in patient. */
export interface PatientContext {
  user: RequestingUser;
  registeredOds: string;
  /** Server-side only: never in a response body or a log line. */
  nhsNumber: string;
  /** `yyyy-mm-dd`, for registering the patient at a federation practice that does not know them yet. */
  birthDate: string;
}

/** The collaborators route handlers use; built once in main.ts (or a test) and passed in. */
export interface AppServices {
  directory: PracticeDirectory;
  patientOf(request: FastifyRequest): Promise<PatientContext>;
  /** The patient's logical ids at practices' GP systems, as remembered in the session (keyed by ODS code). */
  patientIdsOf(request: FastifyRequest): Promise<Record<string, string>>;
  rememberPatientId(request: FastifyRequest, odsCode: string, logicalId: string): Promise<void>;
}

/** The patient request as the patient-domain code takes it: who, which trace, the session's ids, a logger. */
export async function patientRequestOf(
  services: AppServices,
  request: FastifyRequest,
): Promise<PatientRequest> {
  const [patient, knownPatientIds] = await Promise.all([
    services.patientOf(request),
    services.patientIdsOf(request),
  ]);
  return {
    patient,
    traceId: request.id,
    knownPatientIds,
    rememberPatientId: (odsCode, logicalId) => services.rememberPatientId(request, odsCode, logicalId),
    log: request.log,
  };
}

function sessionOf(request: FastifyRequest): ActiveSession {
  // The session plugin has already refused /api requests without a live session; this is the backstop.
  const session = request.patientSession;
  if (!session) throw new ApiHttpError(401, 'unauthenticated', 'Sign in to continue');
  return session;
}

/** The session-backed half of AppServices: who the patient is, and their per-practice logical ids. */
export function sessionPatientServices(
  sessions: SessionManager,
): Pick<AppServices, 'patientOf' | 'patientIdsOf' | 'rememberPatientId'> {
  return {
    async patientOf(request) {
      const { patient } = sessionOf(request).record;
      return {
        user: { id: patient.sub, family: patient.familyName, given: patient.givenName.split(/\s+/) },
        registeredOds: patient.registeredOds,
        nhsNumber: patient.nhsNumber,
        birthDate: patient.birthDate,
      };
    },
    // As the session record read for this request holds them (not a second read of the store: with Redis, a
    // round trip on every API request), plus any remembered since.
    async patientIdsOf(request) {
      return { ...sessionOf(request).record.patientIds };
    },
    async rememberPatientId(request, odsCode, logicalId) {
      const session = sessionOf(request);
      await sessions.setPatientId(session, odsCode, logicalId);
      request.patientSession = {
        ...session,
        record: { ...session.record, patientIds: { ...session.record.patientIds, [odsCode]: logicalId } },
      };
    },
  };
}
