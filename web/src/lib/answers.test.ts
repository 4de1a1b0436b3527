import {
  appointmentSchema,
  appointmentsResponseSchema,
  bookAppointmentRequestSchema,
  descriptionSchema,
  rescheduleAppointmentResponseSchema,
} from '@gpbook/shared/appointments';
import { apiErrorSchema } from '@gpbook/shared/errors';
import { readinessResponseSchema } from '@gpbook/shared/health';
import { practicesResponseSchema } from '@gpbook/shared/practices';
import { sessionResponseSchema } from '@gpbook/shared/session';
import { slotIdSchema, slotsQuerySchema, slotsResponseSchema } from '@gpbook/shared/slots';
import { dateTimeWithOffsetSchema, londonDateSchema } from '@gpbook/shared/time';
import { z } from 'zod';
import {
  makeAppointment,
  makeAppointments,
  makePractices,
  makeRescheduleResponse,
  makeSession,
  makeSlot,
  makeSlotsResponse,
  riverside,
  unavailablePractice,
} from '../test/builders';
import type { Check, Spec } from './answer-check';
import * as firstAnswers from './answers';
import * as bookingAnswers from './booking-answers';

/** Every check: the first page's (answers.ts) and the booking pages' (booking-answers.ts). */
const answers = { ...firstAnswers, ...bookingAnswers };

/** Schemas the checks name rather than spell out (their rule is a refinement: a real date, a real date-time). */
const namedSchemas = new Map<unknown, string>([
  [londonDateSchema, 'londonDate'],
  [dateTimeWithOffsetSchema, 'dateTimeWithOffset'],
]);
/** zod's `z.iso.datetime({ offset: true })`, whose 300-character pattern the check writes as a rule. */
const isoDateTimeWithOffsetSchema = z.iso.datetime({ offset: true });
/** The string formats the checks name, by the pattern zod builds for them. */
const isoDateTimeWithOffsetPattern = isoDateTimeWithOffsetSchema._zod.def.pattern;
if (!isoDateTimeWithOffsetPattern) throw new Error('zod builds z.iso.datetime() without a pattern now');
const namedFormats = new Map([[isoDateTimeWithOffsetPattern.source, 'isoDateTimeWithOffset']]);

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
}
interface SchemaDef {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  format?: string;
  pattern?: RegExp;
  entries?: Record<string, string>;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  inclusive?: boolean;
}

/**
 * A zod schema's rules as a Spec, from its definition. Anything a check cannot express throws: the web would not
 * check it, so the test fails until answer-check.ts learns it.
 */
function specOf(schema: z.ZodType, path = '(root)'): Spec {
  const name = namedSchemas.get(schema);
  if (name) return { type: 'named', name };
  const def = schema._zod.def as unknown as SchemaDef;
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const refuse = (what: string) => new Error(`${path}: ${def.type} with ${what} has no answer check`);
  switch (def.type) {
    case 'string': {
      const format = def.format && def.pattern ? namedFormats.get(def.pattern.source) : undefined;
      if (format && checks.length === 0) return { type: 'named', name: format };
      const spec: { type: 'string'; min?: number; max?: number; pattern?: string } = { type: 'string' };
      const patterns = def.format && def.pattern ? [def.pattern.source] : [];
      if (def.format && !def.pattern) throw refuse(`format ${def.format}`);
      for (const check of checks) {
        if (check.check === 'min_length' && check.minimum !== undefined) spec.min = check.minimum;
        else if (check.check === 'max_length' && check.maximum !== undefined) spec.max = check.maximum;
        else if (check.check === 'string_format' && check.format === 'regex' && check.pattern)
          patterns.push(check.pattern.source);
        else throw refuse(`check ${check.check}`);
      }
      if (patterns.length > 1) throw refuse('more than one pattern');
      if (patterns[0] !== undefined) spec.pattern = patterns[0];
      return spec;
    }
    case 'number': {
      let int = false;
      let positive = false;
      for (const check of checks) {
        if (check.check === 'number_format' && check.format === 'safeint') int = true;
        else if (check.check === 'greater_than' && check.value === 0 && check.inclusive === false)
          positive = true;
        else throw refuse(`check ${check.check}`);
      }
      return { type: 'number', int, positive };
    }
    case 'boolean':
      if (checks.length > 0) throw refuse('checks');
      return { type: 'boolean' };
    case 'enum':
      if (checks.length > 0 || !def.entries) throw refuse('checks');
      return { type: 'enum', values: Object.values(def.entries) };
    case 'array':
      if (checks.length > 0 || !def.element) throw refuse('length checks');
      return { type: 'array', of: specOf(def.element, `${path}[]`) };
    case 'object': {
      if (checks.length > 0 || def.catchall !== undefined || !def.shape)
        throw refuse('refinements or catchall');
      const shape = def.shape;
      return {
        type: 'object',
        shape: Object.fromEntries(
          Object.entries(shape).map(([key, field]) => [key, specOf(field, `${path}.${key}`)]),
        ),
      };
    }
    case 'optional':
      if (checks.length > 0 || !def.innerType) throw refuse('checks');
      return { type: 'optional', of: specOf(def.innerType, path) };
    case 'union':
      if (checks.length > 0 || !def.options || def.inclusive === false) throw refuse('checks');
      return { type: 'union', of: def.options.map((option) => specOf(option, path)) };
    default:
      throw refuse('this type');
  }
}

/** Every answer the web reads: its check, its shared schema, and a valid sample. */
const cases: Array<[string, Check<unknown>, z.ZodType, unknown]> = [
  [
    'session',
    answers.sessionResponse,
    sessionResponseSchema,
    makeSession({ user: { ...makeSession().user, phone: '07700 900982' } }),
  ],
  [
    'apiError',
    answers.apiError,
    apiErrorSchema,
    {
      error: {
        code: 'validation_failed',
        message: 'Bad',
        fields: [{ field: 'description', message: 'Enter' }],
      },
    },
  ],
  [
    'practices',
    answers.practicesResponse,
    practicesResponseSchema,
    makePractices(undefined, [unavailablePractice(riverside, 'error')]),
  ],
  [
    'slots',
    answers.slotsResponse,
    slotsResponseSchema,
    makeSlotsResponse(
      [
        makeSlot({
          practitioner: { name: 'Dr A', gender: 'female' },
          scheduleType: 'GP',
          serviceName: 'Hub',
        }),
        makeSlot({ day: 2 }),
      ],
      undefined,
      3,
    ),
  ],
  [
    'appointment',
    answers.appointment,
    appointmentSchema,
    makeAppointment({
      comment: 'c',
      phone: '07700 900982',
      cancellationReason: 'r',
      version: '3',
      created: makeSlot().start,
    }),
  ],
  [
    'appointments',
    answers.appointmentsResponse,
    appointmentsResponseSchema,
    makeAppointments([makeAppointment()], [unavailablePractice(riverside)]),
  ],
  [
    'reschedule',
    answers.rescheduleAppointmentResponse,
    rescheduleAppointmentResponseSchema,
    makeRescheduleResponse(makeAppointment(), makeAppointment({ id: 'Y90001~appt-0' }), 'cancelled', 'Note'),
  ],
];

/** Wrong (and some right) values put in place of each value of a sample, one at a time. */
const replacements: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  10,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  '',
  'x',
  'x'.repeat(20),
  'A'.repeat(200),
  'Y90001',
  'y90001',
  'Y9 001',
  'booked',
  'gp',
  'telephone',
  'female',
  'unknown',
  'timeout',
  'rate_limited',
  '2026-02-28',
  '2026-02-30',
  '2024-02-29',
  '2026-13-01',
  '26-03-03',
  '2026-03-03T09:30:00+00:00',
  '2026-03-03T09:30:00.250+01:00',
  '2026-03-03T09:30:00Z',
  '2026-03-03T24:00:00+00:00',
  '2026-02-29T09:30:00+00:00',
  '2026-03-03T09:30+00:00',
  [],
  ['x'],
  {},
  { name: 'x' },
];

/** The sample with the value at each path replaced by each replacement (and objects given an extra key). */
function* variants(sample: unknown): Generator<[string, unknown]> {
  yield ['as built', sample];
  function* at(value: unknown, path: string, put: (next: unknown) => unknown): Generator<[string, unknown]> {
    for (const replacement of replacements) yield [`${path} = ${String(replacement)}`, put(replacement)];
    if (Array.isArray(value)) {
      const items: unknown[] = value;
      for (const [index, item] of items.entries())
        yield* at(item, `${path}[${index}]`, (next) =>
          put(items.map((old: unknown, i) => (i === index ? next : old))),
        );
    } else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      yield [`${path} + extra key`, put({ ...object, extra: 'ignored' })];
      for (const key of Object.keys(object))
        yield* at(object[key], `${path}.${key}`, (next) => {
          const copy = { ...object };
          if (next === undefined) delete copy[key];
          else copy[key] = next;
          return put(copy);
        });
    }
  }
  yield* at(sample, '', (next) => next);
}

describe('answer checks', () => {
  it.each(cases)('%s: the same rules as its shared schema', (_name, check, schema) => {
    expect(check.spec).toEqual(specOf(schema));
  });

  it.each(cases)(
    '%s: accepts and refuses what its shared schema does, with the same output',
    (_n, check, schema, sample) => {
      let count = 0;
      let refused = 0;
      for (const [label, variant] of variants(sample)) {
        const expected = schema.safeParse(variant);
        const actual = check.safeParse(variant);
        expect({ label, success: actual.success }).toEqual({ label, success: expected.success });
        if (expected.success && actual.success) expect(actual.data).toEqual(expected.data);
        count += 1;
        if (!expected.success) refused += 1;
      }
      // Both ways were tried: many refusals, and the sample itself accepted.
      expect(refused).toBeGreaterThan(count / 2);
      expect(check.safeParse(sample).success).toBe(true);
    },
  );

  it('holds the web’s checks of values in the address to the slot search’s rules', () => {
    expect(answers.slotId.spec).toEqual(specOf(slotIdSchema));
    expect(answers.locationId.spec).toEqual(specOf(slotsQuerySchema.shape.location.unwrap()));
    expect(answers.odsCode.spec).toEqual(specOf(slotsQuerySchema.shape.practice));
    expect(answers.londonDate.spec).toEqual(specOf(slotsQuerySchema.shape.from));
  });

  it('names the rules it does not spell out, and they agree with the shared ones', () => {
    const dates = [
      '2026-03-03',
      '2024-02-29',
      '2026-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-00-10',
      '2026-13-01',
      '0000-01-01',
      '2026-3-3',
      ' 2026-03-03',
      '2026-03-03T00:00:00+00:00',
    ];
    const times = [
      '2026-03-03T09:30:00+00:00',
      '2026-03-29T01:30:00+01:00',
      '2026-03-03T09:30:00.5-05:00',
      '2026-03-03T23:59:59+00:00',
      '2026-03-03T24:00:00+00:00',
      '2026-03-03T09:60:00+00:00',
      '2026-03-03T09:30:60+00:00',
      '2026-03-03T09:30:00+24:00',
      '2026-02-30T09:30:00+00:00',
      '2024-02-29T09:30:00+00:00',
      '2026-03-03T09:30:00Z',
      '2026-03-03 09:30:00+00:00',
      '2026-03-03',
    ];
    for (const value of [...dates, ...times]) {
      expect({ value, ok: answers.londonDate.safeParse(value).success }).toEqual({
        value,
        ok: londonDateSchema.safeParse(value).success,
      });
      expect({ value, ok: answers.dateTimeWithOffset.safeParse(value).success }).toEqual({
        value,
        ok: dateTimeWithOffsetSchema.safeParse(value).success,
      });
    }
    const instants = [
      ...times,
      '2026-03-03T09:30:00.123456+00:00',
      '2026-03-03T09:30:00.+00:00',
      '2026-03-03T09:30:00z',
      '2026-03-03T09:30:00+23:59',
      '2026-03-03T09:30:00-23:59',
      '2026-03-03T09:30:00+24:00',
      '2026-03-03T09:30:00+01:60',
      '2026-03-03T09:30:00+0100',
      '2026-03-03T09:30+00:00',
      '2026-03-03T9:30:00+00:00',
      '2026-03-03T00:00:00Z',
      '2026-04-31T09:30:00Z',
      '2026-04-30T09:30:00Z',
      '2026-12-31T23:59:59Z',
      '2026-13-01T09:30:00Z',
      '2026-00-01T09:30:00Z',
      '2026-01-00T09:30:00Z',
      '2026-01-32T09:30:00Z',
      // Leap days: every fourth year, but not a century unless it is a fourth one; and the years before 100, which
      // Date.UTC alone reads as 19xx.
      '2000-02-29T09:30:00Z',
      '1900-02-29T09:30:00Z',
      '2400-02-29T09:30:00Z',
      '2100-02-29T09:30:00Z',
      '0000-02-29T09:30:00Z',
      '0004-02-29T09:30:00Z',
      '0100-02-29T09:30:00Z',
      '0050-01-31T09:30:00Z',
      '0099-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      ' 2026-03-03T09:30:00Z',
      '2026-03-03T09:30:00Z\n',
    ];
    let accepted = 0;
    for (const value of instants) {
      const ok = isoDateTimeWithOffsetSchema.safeParse(value).success;
      expect({ value, ok: answers.isoDateTimeWithOffset.safeParse(value).success }).toEqual({ value, ok });
      if (ok) accepted += 1;
    }
    // Both ways were tried.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(instants.length - 10);
  });

  it('refuses what a check cannot express, so a new rule in the contract is not checked loosely', () => {
    // A trimmed string (a transform), a refined object (a rule across fields), a date-time without an offset.
    expect(() => specOf(descriptionSchema)).toThrow(/no answer check/);
    expect(() => specOf(bookAppointmentRequestSchema)).toThrow(/no answer check/);
    expect(() => specOf(readinessResponseSchema)).toThrow(/no answer check/);
  });
});
