/**
 * Parse-only checks for the BFF's answers, small enough for the first download (zod alone is about a quarter of
 * it; decision 0080). Each check accepts exactly what the shared zod schema of the same answer accepts and, like
 * zod, gives back a copy of objects holding only the keys it names. `answers.ts` builds one per answer, and
 * `answers.test.ts` holds each against its shared schema: their `spec`s must be equal, and both must accept and
 * refuse the same samples. Only the kinds of value the patient API's answers use are here; a schema using
 * anything else fails that test rather than being checked loosely.
 */

// Every builder is marked free of side effects, so the checks of answers no page of a chunk reads are left out of
// it (the first download holds only the session's, the list's and the errors').

/** What a check accepts, in terms comparable with a zod schema's definition (see answers.test.ts). */
export type Spec =
  | { type: 'string'; min?: number; max?: number; pattern?: string }
  /** A string checked by a named rule shared with the contract (a real London date, a real date-time). */
  | { type: 'named'; name: string }
  | { type: 'number'; int: boolean; positive: boolean }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; of: Spec | undefined }
  | { type: 'object'; shape: Readonly<Record<string, Spec | undefined>> }
  | { type: 'optional'; of: Spec | undefined }
  | { type: 'union'; of: ReadonlyArray<Spec | undefined> };

/** What a check returns for a value it refuses. */
const INVALID: unique symbol = Symbol('invalid');
type Invalid = typeof INVALID;

export type CheckResult<T> = { success: true; data: T } | { success: false };

/**
 * A check's rules, for answers.test.ts to compare with the shared schema's: made under test only. A build only
 * runs the checks, so Vite's mode (written into the build) leaves the rules out of the download.
 */
/*@__NO_SIDE_EFFECTS__*/
function rules(spec: () => Spec): Spec | undefined {
  return import.meta.env.MODE === 'test' ? spec() : undefined;
}

export interface Check<T> {
  /** What the check accepts (under test only: see `rules`). */
  readonly spec: Spec | undefined;
  /** The checked value (objects copied with only the named keys), or INVALID. */
  readonly run: (value: unknown) => T | Invalid;
  /** As zod's `safeParse`, so the API client takes a check or a zod schema alike. */
  safeParse(value: unknown): CheckResult<T>;
}

/*@__NO_SIDE_EFFECTS__*/
function check<T>(spec: Spec | undefined, run: (value: unknown) => T | Invalid): Check<T> {
  return {
    spec,
    run,
    safeParse(value) {
      const data = run(value);
      return data === INVALID ? { success: false } : { success: true, data };
    },
  };
}

/*@__NO_SIDE_EFFECTS__*/
export function string(options: { min?: number; max?: number; pattern?: RegExp } = {}): Check<string> {
  const { min = 0, max = Infinity, pattern } = options;
  return check(
    rules(() => ({
      type: 'string',
      ...(options.min !== undefined ? { min } : {}),
      ...(options.max !== undefined ? { max } : {}),
      ...(pattern ? { pattern: pattern.source } : {}),
    })),
    (value) =>
      typeof value === 'string' &&
      value.length >= min &&
      value.length <= max &&
      (!pattern || pattern.test(value))
        ? value
        : INVALID,
  );
}

/** A string that `rule` accepts; `name` stands for the rule in the spec (the test knows which schema it is). */
/*@__NO_SIDE_EFFECTS__*/
export function named(name: string, rule: (value: string) => boolean): Check<string> {
  return check(
    rules(() => ({ type: 'named', name })),
    (value) => (typeof value === 'string' && rule(value) ? value : INVALID),
  );
}

/** A finite number; `int` a safe integer, `positive` above 0 (as zod's `.int()` and `.positive()`). */
/*@__NO_SIDE_EFFECTS__*/
export function number(options: { int?: boolean; positive?: boolean } = {}): Check<number> {
  const { int = false, positive = false } = options;
  return check(
    rules(() => ({ type: 'number', int, positive })),
    (value) =>
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!int || Number.isSafeInteger(value)) &&
      (!positive || value > 0)
        ? value
        : INVALID,
  );
}

/*@__NO_SIDE_EFFECTS__*/
export function boolean(): Check<boolean> {
  return check(
    rules(() => ({ type: 'boolean' })),
    (value) => (typeof value === 'boolean' ? value : INVALID),
  );
}

/*@__NO_SIDE_EFFECTS__*/
export function oneOf<const V extends string>(values: readonly V[]): Check<V> {
  const allowed: ReadonlySet<unknown> = new Set(values);
  return check(
    rules(() => ({ type: 'enum', values })),
    (value) => (allowed.has(value) ? (value as V) : INVALID),
  );
}

/*@__NO_SIDE_EFFECTS__*/
export function array<T>(of: Check<T>): Check<T[]> {
  return check(
    rules(() => ({ type: 'array', of: of.spec })),
    (value) => {
      if (!Array.isArray(value)) return INVALID;
      const out: T[] = new Array<T>(value.length);
      for (let index = 0; index < value.length; index++) {
        const item = of.run(value[index]);
        if (item === INVALID) return INVALID;
        out[index] = item;
      }
      return out;
    },
  );
}

/** Absent (undefined) or what `of` accepts. */
/*@__NO_SIDE_EFFECTS__*/
export function optional<T>(of: Check<T>): Check<T | undefined> {
  return check(
    rules(() => ({ type: 'optional', of: of.spec })),
    (value) => (value === undefined ? undefined : of.run(value)),
  );
}

/** The first option that accepts the value, as zod's `z.union`. */
/*@__NO_SIDE_EFFECTS__*/
export function union<T>(options: ReadonlyArray<Check<T>>): Check<T> {
  return check(
    rules(() => ({ type: 'union', of: options.map((option) => option.spec) })),
    (value) => {
      for (const option of options) {
        const out = option.run(value);
        if (out !== INVALID) return out;
      }
      return INVALID;
    },
  );
}

type Shape = Record<string, Check<unknown>>;
type Output<C> = C extends Check<infer T> ? T : never;
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: undefined extends Output<S[K]> ? K : never;
}[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOutput<S extends Shape> = Flatten<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]> } & { [K in OptionalKeys<S>]?: Output<S[K]> }
>;

/** An object (not null, not an array) with these keys; others are left out of the copy, as zod does. */
/*@__NO_SIDE_EFFECTS__*/
export function object<S extends Shape>(shape: S): Check<ObjectOutput<S>> {
  const entries = Object.entries(shape);
  return check(
    rules(() => ({
      type: 'object',
      shape: Object.fromEntries(entries.map(([key, field]) => [key, field.spec])),
    })),
    (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return INVALID;
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of entries) {
        const item = field.run(input[key]);
        if (item === INVALID) return INVALID;
        if (item !== undefined) out[key] = item;
      }
      return out as ObjectOutput<S>;
    },
  );
}
