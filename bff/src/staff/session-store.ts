import type { Redis } from 'ioredis';
import { staffRoleSchema } from '@gpbook/shared/staff-session';
import { z } from 'zod';
import type { PendingSignIn } from '../identity/sessions/store.js';

/**
 * Staff sessions, kept apart from patients' (issue 14): their own records (`kind: 'staff'`, checked on every read),
 * their own keys (a `staff:` namespace in Redis, a store object of their own in memory) and their own cookie, so a
 * patient's session id can never find a staff record and a staff session id never a patient's.
 */

/** One practice the member of staff may act for, from their identity provider role there. */
export const staffPracticeRoleSchema = z.object({
  odsCode: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  /** CIS2 `person_roleid`: the role profile, sent in the Spine JWT (`sds-role-profile-id`). */
  personRoleId: z.string(),
  canChangeRules: z.boolean(),
});
export type StaffPracticeRole = z.infer<typeof staffPracticeRoleSchema>;

/** The signed-in member of staff. Server-side only (the web gets staff-session.ts's view of it). */
export const staffIdentitySchema = z.object({
  /** The identity provider's `sub`. */
  sub: z.string().min(1),
  /** Opaque and stable: a hash of `sub`, what audit trails and the practice-admin API see. */
  userId: z.string().min(16),
  displayName: z.string().min(1),
  familyName: z.string().min(1),
  givenName: z.string().min(1),
  /** CIS2 `nhsid_useruid`: the SDS user id (sent in the Spine JWT's requesting_practitioner). */
  sdsUserId: z.string().min(1),
  role: staffRoleSchema,
  practices: z.array(staffPracticeRoleSchema).min(1),
});
export type StaffIdentity = z.infer<typeof staffIdentitySchema>;

export const staffSessionRecordSchema = z.object({
  kind: z.literal('staff'),
  staff: staffIdentitySchema,
  csrfToken: z.string(),
  createdAt: z.number(),
  idleExpiresAt: z.number(),
  absoluteExpiresAt: z.number(),
});
export type StaffSessionRecord = z.infer<typeof staffSessionRecordSchema>;

export interface StaffSessionStore {
  /** Stores a new session; `ttlMs` lets the store forget it once nobody can present it any more. */
  create(key: string, record: StaffSessionRecord, ttlMs: number): Promise<void>;
  /** The record, or undefined when there is none or what is stored is not a staff session. */
  get(key: string): Promise<StaffSessionRecord | undefined>;
  /** Moves the idle expiry; a session already gone stays gone. */
  touch(key: string, idleExpiresAt: number): Promise<void>;
  destroy(key: string): Promise<void>;
  savePendingSignIn(key: string, pending: PendingSignIn, ttlMs: number): Promise<void>;
  /** Returns and deletes in one step: a sign-in response can be used once only. */
  takePendingSignIn(key: string): Promise<PendingSignIn | undefined>;
  close(): Promise<void>;
}

const pendingSignInSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
});

/** Staff sessions in this process's memory (the demo default, and tests). */
export class MemoryStaffSessionStore implements StaffSessionStore {
  readonly #sessions = new Map<string, { record: StaffSessionRecord; evictAt: number }>();
  readonly #pending = new Map<string, { pending: PendingSignIn; evictAt: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async create(key: string, record: StaffSessionRecord, ttlMs: number): Promise<void> {
    this.#evict();
    this.#sessions.set(key, { record: structuredClone(record), evictAt: this.#now() + ttlMs });
  }

  async get(key: string): Promise<StaffSessionRecord | undefined> {
    const entry = this.#sessions.get(key);
    if (!entry || entry.evictAt <= this.#now()) return undefined;
    return structuredClone(entry.record);
  }

  async touch(key: string, idleExpiresAt: number): Promise<void> {
    const entry = this.#sessions.get(key);
    if (entry) entry.record = { ...entry.record, idleExpiresAt };
  }

  async destroy(key: string): Promise<void> {
    this.#sessions.delete(key);
  }

  async savePendingSignIn(key: string, pending: PendingSignIn, ttlMs: number): Promise<void> {
    this.#evict();
    this.#pending.set(key, { pending: { ...pending }, evictAt: this.#now() + ttlMs });
  }

  async takePendingSignIn(key: string): Promise<PendingSignIn | undefined> {
    const entry = this.#pending.get(key);
    this.#pending.delete(key);
    return entry && entry.evictAt > this.#now() ? entry.pending : undefined;
  }

  async close(): Promise<void> {
    this.#sessions.clear();
    this.#pending.clear();
  }

  /** Drops what can no longer be used, so a long-running demo does not grow without bound. */
  #evict(): void {
    const now = this.#now();
    for (const [key, entry] of this.#sessions) if (entry.evictAt <= now) this.#sessions.delete(key);
    for (const [key, entry] of this.#pending) if (entry.evictAt <= now) this.#pending.delete(key);
  }
}

// Writes the idle expiry only while the session exists, so a touch racing a sign-out cannot bring it back.
const SET_IDLE_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'idle', ARGV[1])
  return 1
end
return 0`;

/** Staff sessions in Redis (REDIS_URL), shared by every BFF instance, under `<prefix>staff:`. */
export class RedisStaffSessionStore implements StaffSessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = `${prefix}staff:`;
  }

  async create(key: string, record: StaffSessionRecord, ttlMs: number): Promise<void> {
    const { idleExpiresAt, ...fixed } = record;
    await this.#redis
      .multi()
      .del(this.#session(key))
      .hset(this.#session(key), { data: JSON.stringify(fixed), idle: String(idleExpiresAt) })
      .pexpire(this.#session(key), Math.max(1, ttlMs))
      .exec();
  }

  async get(key: string): Promise<StaffSessionRecord | undefined> {
    const { data, idle } = await this.#redis.hgetall(this.#session(key));
    if (data === undefined || idle === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return undefined;
    }
    const parsed = staffSessionRecordSchema.safeParse({
      ...(typeof json === 'object' && json !== null ? json : {}),
      idleExpiresAt: Number(idle),
    });
    return parsed.success ? parsed.data : undefined;
  }

  async touch(key: string, idleExpiresAt: number): Promise<void> {
    await this.#redis.eval(SET_IDLE_IF_EXISTS, 1, this.#session(key), String(idleExpiresAt));
  }

  async destroy(key: string): Promise<void> {
    await this.#redis.del(this.#session(key));
  }

  async savePendingSignIn(key: string, pending: PendingSignIn, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#signIn(key), JSON.stringify(pending), 'PX', ttlMs);
  }

  async takePendingSignIn(key: string): Promise<PendingSignIn | undefined> {
    const text = await this.#redis.getdel(this.#signIn(key));
    if (text === null) return undefined;
    try {
      const parsed = pendingSignInSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #session(key: string): string {
    return `${this.#prefix}session:${key}`;
  }

  #signIn(key: string): string {
    return `${this.#prefix}signin:${key}`;
  }
}
