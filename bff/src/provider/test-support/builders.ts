import type { z } from 'zod';
import {
  parseProviderConfig,
  type accessProfileConfigSchema,
  type patientConfigSchema,
  type practiceConfigSchema,
  type ProviderConfig,
  type scheduleConfigSchema,
  type sessionTemplateConfigSchema,
} from '../config/schema.js';

/**
 * Small builders for provider test configurations: each returns a valid input with sensible defaults that a
 * test overrides only where it matters. {@link makeConfig} runs the real schema, defaults included.
 */
type Input<T extends z.ZodType> = z.input<T>;
export type PracticeInput = Input<typeof practiceConfigSchema>;
export type ScheduleInput = Input<typeof scheduleConfigSchema>;
export type SessionInput = Input<typeof sessionTemplateConfigSchema>;
export type PatientInput = Input<typeof patientConfigSchema>;
export type AccessProfileInput = Input<typeof accessProfileConfigSchema>;

const ADDRESS = { lines: ['1 Test Street'], city: 'Leeds', postcode: 'LS1 1AA' };

export function makeSession(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    start: '09:00',
    end: '12:00',
    slotMinutes: 10,
    slotType: 'GP appointment',
    deliveryChannel: 'In-person',
    ...overrides,
  };
}

export function makeSchedule(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    id: 'gp',
    locationId: 'main',
    practitionerId: 'dr-a',
    role: 'R0260',
    scheduleType: 'General GP clinic',
    sessions: [makeSession()],
    ...overrides,
  };
}

export function makePatient(overrides: Partial<PatientInput> = {}): PatientInput {
  return {
    id: '1',
    nhsNumber: '9990000018',
    given: ['Jane'],
    family: 'Smith',
    gender: 'female',
    birthDate: '1970-01-01',
    ...overrides,
  };
}

export function makeProfile(overrides: Partial<AccessProfileInput> = {}): AccessProfileInput {
  return { id: 'urgent', description: 'Urgent care', orgTypes: ['urgent-care'], ...overrides };
}

export function makePractice(overrides: Partial<PracticeInput> = {}): PracticeInput {
  return {
    odsCode: 'A11111',
    asid: '900000000001',
    name: 'Test Practice',
    address: ADDRESS,
    phone: '0113 000 0000',
    locations: [{ id: 'main', name: 'Main surgery', address: ADDRESS }],
    practitioners: [{ id: 'dr-a', sdsUserId: 'G1000001', given: ['Ann'], family: 'Able', gender: 'female' }],
    schedules: [makeSchedule()],
    patients: [makePatient()],
    ...overrides,
  };
}

export function makeConfig(
  practices: PracticeInput[] = [makePractice()],
  overrides: { supplierServiceFiltering?: 'on' | 'off'; horizonDays?: number } = {},
): ProviderConfig {
  return parseProviderConfig(
    {
      supplierServiceFiltering: overrides.supplierServiceFiltering ?? 'on',
      horizonDays: overrides.horizonDays ?? 21,
      practices,
    },
    'test',
  );
}
