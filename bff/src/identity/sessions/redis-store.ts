import { Redis } from 'ioredis';
import type { PendingSignIn, SessionPatient, SessionRecord, SessionStore } from './store.js';

/**
 * Sessions in Redis, shared by every BFF instance. One hash per session: `data` (what never changes after
 * sign-in), `idle` (the sliding expiry) and one `pid:<ODS>` field per practice, so a touch and a patient-id
 * update never overwrite each other. Beside it, the session's trace (see `SessionStore`): a key holding "1", which
 * outlives the hash. Keys carry a TTL, so Redis forgets sessions nobody can use any more.
 */

// Writes a field only if the session still exists: a touch racing an expiry or a sign-out must not
// resurrect a half-empty hash.
const HSET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  if ARGV[3] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
  return 1
end
return 0`;

interface StoredData {
  patient: SessionPatient;
  csrfToken: string;
  createdAt: number;
  absoluteExpiresAt: number;
}

export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async create(key: string, record: SessionRecord, ttlMs: number, traceTtlMs: number): Promise<void> {
    const data: StoredData = {
      patient: record.patient,
      csrfToken: record.csrfToken,
      createdAt: record.createdAt,
      absoluteExpiresAt: record.absoluteExpiresAt,
    };
    const fields: Record<string, string> = { data: JSON.stringify(data), idle: String(record.idleExpiresAt) };
    for (const [ods, id] of Object.entries(record.patientIds)) fields[`pid:${ods}`] = id;
    await this.#redis
      .multi()
      .del(this.#session(key))
      .hset(this.#session(key), fields)
      .pexpire(this.#session(key), ttlMs)
      .set(this.#trace(key), '1', 'PX', traceTtlMs)
      .exec();
  }

  async get(key: string): Promise<SessionRecord | undefined> {
    const hash = await this.#redis.hgetall(this.#session(key));
    const { data, idle } = hash;
    if (data === undefined || idle === undefined) return undefined;
    const stored = JSON.parse(data) as StoredData;
    return { ...stored, idleExpiresAt: Number(idle), patientIds: patientIdsOf(hash) };
  }

  async hasTrace(key: string): Promise<boolean> {
    return (await this.#redis.exists(this.#trace(key))) === 1;
  }

  async touch(key: string, idleExpiresAt: number, ttlMs: number): Promise<void> {
    await this.#redis.eval(
      HSET_IF_EXISTS,
      1,
      this.#session(key),
      'idle',
      String(idleExpiresAt),
      String(Math.max(1, ttlMs)),
    );
  }

  async getPatientIds(key: string): Promise<Record<string, string>> {
    return patientIdsOf(await this.#redis.hgetall(this.#session(key)));
  }

  async setPatientId(key: string, odsCode: string, logicalId: string): Promise<void> {
    await this.#redis.eval(HSET_IF_EXISTS, 1, this.#session(key), `pid:${odsCode}`, logicalId, '');
  }

  async expire(key: string): Promise<void> {
    await this.#redis.del(this.#session(key));
  }

  async destroy(key: string): Promise<void> {
    await this.#redis.del(this.#session(key), this.#trace(key));
  }

  async savePendingSignIn(key: string, pending: PendingSignIn, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#signIn(key), JSON.stringify(pending), 'PX', ttlMs);
  }

  async takePendingSignIn(key: string): Promise<PendingSignIn | undefined> {
    const text = await this.#redis.getdel(this.#signIn(key));
    return text === null ? undefined : (JSON.parse(text) as PendingSignIn);
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }

  #session(key: string): string {
    return `${this.#prefix}session:${key}`;
  }

  #trace(key: string): string {
    return `${this.#prefix}trace:${key}`;
  }

  #signIn(key: string): string {
    return `${this.#prefix}signin:${key}`;
  }
}

function patientIdsOf(hash: Record<string, string>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [field, value] of Object.entries(hash))
    if (field.startsWith('pid:')) ids[field.slice(4)] = value;
  return ids;
}

/**
 * Connects to Redis, failing (rather than queueing forever) when it cannot be reached: a BFF without its
 * Redis must not start. Once connected, a command waits at most one reconnection attempt.
 */
export async function connectRedis(url: string, purpose: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis for ${purpose} (REDIS_URL): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return redis;
}

export async function connectRedisSessionStore(url: string, prefix: string): Promise<RedisSessionStore> {
  return new RedisSessionStore(await connectRedis(url, 'sessions'), prefix);
}
