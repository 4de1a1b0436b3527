import { z } from 'zod';
import { DELIVERY_CHANNELS, FHIR_ID_REGEX, ORG_TYPES } from '../../gpconnect/constants.js';
import { SDS_JOB_ROLES, type SdsJobRoleCode } from '../../gpconnect/job-roles.js';
import { isValidNhsNumber } from '@gpbook/shared/nhs-number';
import { odsCodeSchema } from '@gpbook/shared/practices';

/**
 * The declarative description of the practices one reference-provider process hosts: sites, clinicians,
 * schedules and the session templates that generate their slots, the availability rules (access profiles,
 * booking windows, embargoes, limits), DoS services for service filtering, and demo patients.
 * A file that does not fit is refused at start-up with the path of the offending field.
 */

const id = z.string().regex(FHIR_ID_REGEX, 'an id is 1-64 letters, digits, "-" or "."');
const ods = odsCodeSchema;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 24-hour clock');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const roleCode = z.enum(Object.keys(SDS_JOB_ROLES) as [SdsJobRoleCode]);
const orgType = z.enum(Object.keys(ORG_TYPES) as [keyof typeof ORG_TYPES]);

export const addressConfigSchema = z.object({
  lines: z.array(z.string().min(1)).min(1),
  city: z.string().min(1),
  district: z.string().min(1).optional(),
  postcode: z.string().min(1),
});

export const locationConfigSchema = z.object({
  id,
  name: z.string().min(1),
  odsSiteCode: ods.optional(),
  address: addressConfigSchema,
  phone: z.string().min(1).optional(),
});

export const practitionerConfigSchema = z.object({
  id,
  sdsUserId: z.string().min(1),
  roleProfileIds: z.array(z.string().min(1)).default([]),
  prefix: z.string().min(1).optional(),
  given: z.array(z.string().min(1)).min(1),
  family: z.string().min(1),
  gender: z.enum(['male', 'female', 'other', 'unknown']),
});

/**
 * Who may see and book a restricted schedule or session, and on what terms. A consumer matches a profile by the
 * organisation type and ODS code it sends in `searchFilter` (search) or as the booking organisation (book),
 * following the matrix of GP Connect's slot availability management.
 */
export const accessProfileConfigSchema = z
  .object({
    id,
    description: z.string().min(1),
    orgTypes: z.array(orgType).default([]),
    odsCodes: z.array(ods).default([]),
    /** How far ahead a slot may be booked: slots starting later than now + this are not offered. */
    bookingWindowDays: z.number().int().positive().optional(),
    /** How close to its start a slot may be booked: slots starting before now + this are not offered. */
    embargoMinutes: z.number().int().nonnegative().optional(),
    /** How many future slots consumers booking under this profile may hold at once. */
    maxBookedSlots: z.number().int().positive().optional(),
  })
  .refine((profile) => profile.orgTypes.length > 0 || profile.odsCodes.length > 0, {
    message: 'an access profile must name at least one organisation type or ODS code',
  });

/** Terms for consumers whose slots carry no restriction. */
export const openAccessConfigSchema = z.object({
  bookingWindowDays: z.number().int().positive().optional(),
  embargoMinutes: z.number().int().nonnegative().optional(),
});

/** A recurring session of a schedule; the provider generates its slots for each matching day. */
export const sessionTemplateConfigSchema = z.object({
  days: z.array(weekday).min(1),
  start: time,
  end: time,
  slotMinutes: z.number().int().min(5).max(120),
  /** The practice's slot type (`Slot.serviceType.text`). */
  slotType: z.string().min(1),
  deliveryChannel: z.enum(DELIVERY_CHANNELS),
  /** Whether these slots are "GP Connect bookable"; only bookable slots are ever offered. */
  bookable: z.boolean().default(true),
  /** Restricts the session to these access profiles; empty means open to every consumer. */
  accessProfiles: z.array(id).default([]),
  /** Which weeks of the rolling horizon the session runs: every week, or only odd/even ISO weeks. */
  weeks: z.enum(['every', 'odd', 'even']).default('every'),
});

export const scheduleConfigSchema = z.object({
  id,
  locationId: id,
  practitionerId: id.optional(),
  role: roleCode,
  /** The practice's schedule type, session name or rota type (`Schedule.serviceCategory.text`). */
  scheduleType: z.string().min(1),
  bookable: z.boolean().default(true),
  accessProfiles: z.array(id).default([]),
  /** The DoS service this schedule is linked to for service filtering (at most one, as the spec says). */
  serviceId: id.optional(),
  sessions: z.array(sessionTemplateConfigSchema).min(1),
});

export const healthcareServiceConfigSchema = z.object({
  id,
  dosServiceId: z.string().regex(/^\d{1,20}$/, 'a DoS service id is digits'),
  name: z.string().min(1),
});

/** Logical ids of patients registered over GP Connect start with this; seed patients may not use it. */
export const REGISTRATION_ID_PREFIX = 'reg-';

export const patientConfigSchema = z.object({
  id: id.refine((value) => !value.startsWith(REGISTRATION_ID_PREFIX), {
    message: `patient ids starting "${REGISTRATION_ID_PREFIX}" are reserved for registrations made over GP Connect`,
  }),
  nhsNumber: z
    .string()
    .refine(isValidNhsNumber, 'not a valid NHS number (ten digits, Modulus 11 check digit)'),
  prefix: z.string().min(1).optional(),
  given: z.array(z.string().min(1)).min(1),
  family: z.string().min(1),
  gender: z.enum(['male', 'female', 'other', 'unknown']),
  birthDate: z.iso.date(),
  address: addressConfigSchema.optional(),
  phone: z.string().min(1).optional(),
  email: z.string().email().optional(),
  /** PDS flags that change what GP Connect will do for the patient. */
  deceased: z.iso.date().optional(),
  sensitive: z.boolean().default(false),
  inactive: z.boolean().default(false),
  registrationType: z.enum(['R', 'E', 'IN', 'T', 'P', 'O', 'S']).default('R'),
  preferredLocationId: id.optional(),
});

export const practiceConfigSchema = z.object({
  odsCode: ods,
  asid: z.string().regex(/^\d{1,20}$/, 'an ASID is digits'),
  name: z.string().min(1),
  address: addressConfigSchema,
  phone: z.string().min(1),
  /** Practice-level GP Connect switches (deployed disabled in real systems; enabled in the seeds). */
  gpConnectEnabled: z.boolean().default(true),
  appointmentManagementEnabled: z.boolean().default(true),
  /** The organisation's service filtering switch (1.2.8). */
  serviceFiltering: z.boolean().default(false),
  openAccess: openAccessConfigSchema.default({}),
  locations: z.array(locationConfigSchema).min(1),
  practitioners: z.array(practitionerConfigSchema).default([]),
  accessProfiles: z.array(accessProfileConfigSchema).default([]),
  services: z.array(healthcareServiceConfigSchema).default([]),
  schedules: z.array(scheduleConfigSchema).default([]),
  patients: z.array(patientConfigSchema).default([]),
});

/**
 * The part of a practice's configuration its staff may change at run time (issue 14, docs/decisions/0060): the
 * availability rules, made of the very pieces of the seed schema above so that a rule valid in the seed file is
 * valid here and the other way round. Schedules and their sessions are named by id and by position; everything
 * else about them (site, clinician, days, times, slot length) stays as the seed says.
 */
export const sessionRulesSchema = sessionTemplateConfigSchema.pick({
  deliveryChannel: true,
  bookable: true,
  accessProfiles: true,
});
export const scheduleRulesSchema = scheduleConfigSchema
  .pick({ id: true, role: true, bookable: true, accessProfiles: true })
  .extend({ sessions: z.array(sessionRulesSchema).min(1) });
export const practiceRulesSchema = z.object({
  openAccess: openAccessConfigSchema,
  accessProfiles: z.array(accessProfileConfigSchema),
  schedules: z.array(scheduleRulesSchema),
});

export const providerConfigSchema = z
  .object({
    /** The supplier-level service filtering switch: off, on everywhere, or on at the listed practices. */
    supplierServiceFiltering: z.union([z.enum(['off', 'on']), z.object({ selected: z.array(ods).min(1) })]),
    /** How many days ahead, from today, slots are generated at start-up. */
    horizonDays: z.number().int().min(1).max(366).default(56),
    practices: z.array(practiceConfigSchema).min(1),
  })
  .superRefine((config, ctx) => checkReferences(config, ctx));

export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type PracticeConfig = z.infer<typeof practiceConfigSchema>;
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
export type SessionTemplateConfig = z.infer<typeof sessionTemplateConfigSchema>;
export type AccessProfileConfig = z.infer<typeof accessProfileConfigSchema>;
export type LocationConfig = z.infer<typeof locationConfigSchema>;
export type PractitionerConfig = z.infer<typeof practitionerConfigSchema>;
export type PatientConfig = z.infer<typeof patientConfigSchema>;
export type HealthcareServiceConfig = z.infer<typeof healthcareServiceConfigSchema>;
export type PracticeRules = z.infer<typeof practiceRulesSchema>;
export type ScheduleRules = z.infer<typeof scheduleRulesSchema>;
export type SessionRules = z.infer<typeof sessionRulesSchema>;
export type AddressConfig = z.infer<typeof addressConfigSchema>;

type Input = z.infer<typeof providerConfigSchema>;

/** Cross-references inside each practice must resolve, and ids must be unique where consumers see them. */
function checkReferences(config: Input, ctx: z.RefinementCtx): void {
  const seenOds = new Set<string>();
  config.practices.forEach((practice, p) => {
    const at = (...path: Array<string | number>) => ['practices', p, ...path];
    if (seenOds.has(practice.odsCode)) {
      ctx.addIssue({
        code: 'custom',
        path: at('odsCode'),
        message: `duplicate practice ${practice.odsCode}`,
      });
    }
    seenOds.add(practice.odsCode);
    checkPracticeReferences(practice, (issue) => ctx.addIssue({ ...issue, path: at(...issue.path) }));
  });
}

/** One problem the cross-reference checks found, its path relative to the practice. */
export interface ReferenceIssue {
  code: 'custom';
  path: Array<string | number>;
  message: string;
}

/**
 * The cross-reference checks of one practice (unknown location, practitioner, service or access profile,
 * duplicate ids, a session that ends before it starts...): the seed file's, and the same for rules edited at run
 * time (config/rules.ts). Paths are relative to the practice.
 */
export function checkPracticeReferences(
  practice: PracticeConfig,
  report: (issue: ReferenceIssue) => void,
): void {
  const ctx = { addIssue: report };
  const at = (...path: Array<string | number>) => path;
  const unique = (items: Array<{ id: string }>, field: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: at(field, i, 'id'), message: `duplicate id ${item.id}` });
      seen.add(item.id);
    });
    return seen;
  };
  const locations = unique(practice.locations, 'locations');
  const practitioners = unique(practice.practitioners, 'practitioners');
  const profiles = unique(practice.accessProfiles, 'accessProfiles');
  const services = unique(practice.services, 'services');
  unique(practice.schedules, 'schedules');
  unique(practice.patients, 'patients');
  practice.schedules.forEach((schedule, s) => {
    if (!locations.has(schedule.locationId)) {
      ctx.addIssue({
        code: 'custom',
        path: at('schedules', s, 'locationId'),
        message: `unknown location ${schedule.locationId}`,
      });
    }
    if (schedule.practitionerId && !practitioners.has(schedule.practitionerId)) {
      ctx.addIssue({
        code: 'custom',
        path: at('schedules', s, 'practitionerId'),
        message: `unknown practitioner ${schedule.practitionerId}`,
      });
    }
    if (schedule.serviceId && !services.has(schedule.serviceId)) {
      ctx.addIssue({
        code: 'custom',
        path: at('schedules', s, 'serviceId'),
        message: `unknown service ${schedule.serviceId}`,
      });
    }
    schedule.accessProfiles.forEach((profile, a) => {
      if (!profiles.has(profile)) {
        ctx.addIssue({
          code: 'custom',
          path: at('schedules', s, 'accessProfiles', a),
          message: `unknown access profile ${profile}`,
        });
      }
    });
    schedule.sessions.forEach((session, t) => {
      if (session.end <= session.start) {
        ctx.addIssue({
          code: 'custom',
          path: at('schedules', s, 'sessions', t, 'end'),
          message: 'a session must end after it starts',
        });
      }
      session.accessProfiles.forEach((profile, a) => {
        if (!profiles.has(profile)) {
          ctx.addIssue({
            code: 'custom',
            path: at('schedules', s, 'sessions', t, 'accessProfiles', a),
            message: `unknown access profile ${profile}`,
          });
        }
      });
    });
  });
  if (practice.serviceFiltering && practice.services.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: at('serviceFiltering'),
      message: 'service filtering cannot be switched on with an empty service list',
    });
  }
}

/** Parses a configuration, or throws an Error whose message names every offending field. */
export function parseProviderConfig(input: unknown, source: string): ProviderConfig {
  const result = providerConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 10)
    .map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('\n');
  throw new Error(`Invalid provider configuration in ${source}:\n${problems}`);
}
