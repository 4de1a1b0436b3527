/**
 * The last answer to each repeatable read, kept with the value parsed from it, so that an answer the same as the
 * last one to the same request is not parsed and checked again: the value parsed the first time is handed out
 * instead, frozen, the very same object (so what is derived from it can be kept beside it, keyed on it: see
 * `slots.ts`).
 *
 * "The same" is established by the practice, never assumed: either the provider says so — the read is sent with
 * `If-None-Match` naming the last answer's `ETag`, and the provider answers `304 Not Modified` — or the answer
 * that arrives is byte for byte the one before (for providers that give no validator). Nothing here is a cache
 * in the sense of answering without asking: every request still goes to the practice, so a booking or a
 * cancellation anywhere is seen by the very next search, for everyone (docs/decisions/0041).
 *
 * Bounded by the bytes of the answers kept; the least recently used request is forgotten first.
 */
export class RepeatAnswers {
  private readonly entries = new Map<string, Entry>();
  private weight = 0;

  constructor(private readonly budgetBytes = 32 * 1024 * 1024) {}

  /** The validator (`ETag`) of the last answer kept for the request `key`, to send as `If-None-Match`. */
  validatorOf(key: string): string | undefined {
    return this.entries.get(key)?.etag;
  }

  /**
   * The value kept for `key` when its answer's validator is `etag` (the provider answered 304 to it); undefined
   * when that answer is no longer kept (forgotten meanwhile), so the read must be sent again unconditionally.
   */
  revalidated<T>(key: string, etag: string): T | undefined {
    const known = this.entries.get(key);
    if (known?.etag !== etag) return undefined;
    this.touch(key, known);
    return known.value as T;
  }

  /**
   * The value for `answer`, the answer to the request `key` (its URL and the schema it is read with): the one
   * parsed before when the last answer to `key` was these very bytes in the same coding, else what `parse` gives,
   * frozen and kept with the answer's validator. `parse` also says how many bytes the answer takes once decoded,
   * for the budget. A parse that fails keeps nothing (and forgets the request's last answer).
   */
  async valueOf<T>(
    key: string,
    answer: RepeatableAnswer,
    parse: () => Promise<{ value: T; decodedBytes: number }>,
  ): Promise<T> {
    const known = this.forget(key);
    if (known && known.encoding === answer.encoding && known.bytes.equals(answer.bytes)) {
      // The same content: a validator the provider gives now is as good as the one before.
      const entry = { ...known, etag: answer.etag ?? known.etag };
      this.touch(key, entry);
      return entry.value as T;
    }
    const { value, decodedBytes } = await parse();
    deepFreeze(value);
    // What was parsed takes about three times the decoded text; the bytes as they came are kept too.
    const weight = answer.bytes.length + decodedBytes * 3;
    if (weight > this.budgetBytes) return value;
    // Another request for the same key may have been answered while this one was parsed: this answer is newer.
    this.forget(key);
    this.touch(key, { ...answer, value, weight });
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

  /** Keeps `entry` for `key` as the most recently used. */
  private touch(key: string, entry: Entry): void {
    this.forget(key);
    this.entries.set(key, entry);
    this.weight += entry.weight;
  }

  private forget(key: string): Entry | undefined {
    const known = this.entries.get(key);
    if (!known) return undefined;
    this.entries.delete(key);
    this.weight -= known.weight;
    return known;
  }
}

/** An answer as it arrived: its bytes (still compressed, if they were), their coding and its validator. */
export interface RepeatableAnswer {
  bytes: Buffer;
  /** `Content-Encoding` as sent ('' for none). */
  encoding: string;
  /** `ETag`, when the provider gave one. */
  etag: string | undefined;
}

interface Entry extends RepeatableAnswer {
  value: unknown;
  weight: number;
}

/** Freezes `value` and everything reachable from it (plain data parsed from JSON: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
