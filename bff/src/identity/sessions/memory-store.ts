import type { PendingSignIn, SessionRecord, SessionStore } from './store.js';

interface Entry<T> {
  value: T;
  /** Epoch ms (by the injected clock) after which the entry is dropped. */
  evictAt: number;
}

/** Sessions in the process's memory: the demo default. Not shared between instances; lost on restart. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Entry<SessionRecord>>();
  readonly #traces = new Map<string, Entry<true>>();
  readonly #pending = new Map<string, Entry<PendingSignIn>>();
  readonly #now: () => number;
  readonly #sweep: NodeJS.Timeout;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    // Evicts abandoned entries so a long-running demo does not grow without bound.
    this.#sweep = setInterval(() => this.#evictExpired(), 60_000);
    this.#sweep.unref();
  }

  async create(key: string, record: SessionRecord, ttlMs: number, traceTtlMs: number): Promise<void> {
    this.#sessions.set(key, { value: structuredClone(record), evictAt: this.#now() + ttlMs });
    this.#traces.set(key, { value: true, evictAt: this.#now() + traceTtlMs });
  }

  async get(key: string): Promise<SessionRecord | undefined> {
    const entry = this.#live(this.#sessions, key);
    // A copy, so the caller and the store never share what either changes. The record is two levels of plain
    // fields, so three shallow copies make it (much cheaper than structuredClone, on every request).
    const value = entry?.value;
    return value && { ...value, patient: { ...value.patient }, patientIds: { ...value.patientIds } };
  }

  async hasTrace(key: string): Promise<boolean> {
    return this.#live(this.#traces, key) !== undefined;
  }

  async touch(key: string, idleExpiresAt: number, ttlMs: number): Promise<void> {
    const entry = this.#live(this.#sessions, key);
    if (!entry) return;
    entry.value.idleExpiresAt = idleExpiresAt;
    entry.evictAt = this.#now() + ttlMs;
  }

  async getPatientIds(key: string): Promise<Record<string, string>> {
    return { ...this.#live(this.#sessions, key)?.value.patientIds };
  }

  async setPatientId(key: string, odsCode: string, logicalId: string): Promise<void> {
    const entry = this.#live(this.#sessions, key);
    if (entry) entry.value.patientIds[odsCode] = logicalId;
  }

  async expire(key: string): Promise<void> {
    this.#sessions.delete(key);
  }

  async destroy(key: string): Promise<void> {
    this.#sessions.delete(key);
    this.#traces.delete(key);
  }

  async savePendingSignIn(key: string, pending: PendingSignIn, ttlMs: number): Promise<void> {
    this.#pending.set(key, { value: { ...pending }, evictAt: this.#now() + ttlMs });
  }

  async takePendingSignIn(key: string): Promise<PendingSignIn | undefined> {
    const entry = this.#live(this.#pending, key);
    this.#pending.delete(key);
    return entry?.value;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
  }

  #live<T>(map: Map<string, Entry<T>>, key: string): Entry<T> | undefined {
    const entry = map.get(key);
    if (entry && entry.evictAt <= this.#now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  #evictExpired(): void {
    const now = this.#now();
    for (const map of [this.#sessions, this.#traces, this.#pending] as Array<Map<string, Entry<unknown>>>) {
      for (const [key, entry] of map) if (entry.evictAt <= now) map.delete(key);
    }
  }
}
