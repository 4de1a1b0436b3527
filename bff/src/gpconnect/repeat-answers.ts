/**
 * The last answer to each repeatable read, kept with the value parsed from it, so that an answer byte for byte
 * the same as the last one to the same request is not parsed and checked again: the value parsed the first time
 * is handed out instead, frozen, the very same object (so what is derived from it can be kept beside it, keyed
 * on it: see `slots.ts` and `app/patient-appointments.ts`).
 *
 * Nothing here is a cache in the sense of answering without asking: every request still goes to the practice,
 * and only a byte-identical answer is recognised. A booking or a cancellation anywhere changes the practice's
 * answer, so the very next search sees it, for everyone (docs/decisions/0040).
 *
 * Bounded by the bytes of the answers kept; the least recently used request is forgotten first.
 */
export class RepeatAnswers {
  private readonly entries = new Map<string, { bytes: Buffer; value: unknown; weight: number }>();
  private weight = 0;

  constructor(private readonly budgetBytes = 32 * 1024 * 1024) {}

  /**
   * The value for `bytes`, the answer to the request `key` (its URL, the schema it is read with, and how it was
   * encoded): the one parsed before when the last answer to `key` was these very bytes, else what `parse` gives,
   * frozen and kept. `parse` also says how many bytes the answer takes once decoded, for the budget. A parse that
   * fails keeps nothing (and forgets the request's last answer).
   */
  async valueOf<T>(
    key: string,
    bytes: Buffer,
    parse: () => Promise<{ value: T; decodedBytes: number }>,
  ): Promise<T> {
    const known = this.entries.get(key);
    if (known) {
      this.entries.delete(key);
      this.weight -= known.weight;
      if (known.bytes.equals(bytes)) {
        this.entries.set(key, known);
        this.weight += known.weight;
        return known.value as T;
      }
    }
    const { value, decodedBytes } = await parse();
    deepFreeze(value);
    // What was parsed takes about three times the decoded text; the bytes as they came are kept too.
    const weight = bytes.length + decodedBytes * 3;
    if (weight > this.budgetBytes) return value;
    // Another request for the same key may have been answered while this one was parsed: this answer is newer.
    const raced = this.entries.get(key);
    if (raced) {
      this.entries.delete(key);
      this.weight -= raced.weight;
    }
    this.entries.set(key, { bytes, value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
    return value;
  }

  /** How many requests' answers are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }
}

/** Freezes `value` and everything reachable from it (plain data parsed from JSON: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
