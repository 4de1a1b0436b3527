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
  private readonly entries = new Map<string, { text: string; value: unknown; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes = 32 * 1024 * 1024) {}

  /**
   * The value for `text`, the answer to the request `key` (its URL and the schema it is read with): the one
   * parsed before when the last answer to `key` was this very text, else `parse(text)`, frozen and kept.
   * A parse that throws keeps nothing (and forgets the request's last answer).
   */
  valueOf<T>(key: string, text: string, parse: (text: string) => T): T {
    const known = this.entries.get(key);
    if (known) {
      this.entries.delete(key);
      this.bytes -= known.bytes;
      if (known.text === text) {
        this.entries.set(key, known);
        this.bytes += known.bytes;
        return known.value as T;
      }
    }
    const value = deepFreeze(parse(text));
    // A JavaScript string holds up to two bytes per character; what it was parsed into is about as large again.
    const bytes = text.length * 4;
    if (bytes > this.budgetBytes) return value;
    this.entries.set(key, { text, value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
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
