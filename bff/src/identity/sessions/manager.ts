import { createHash, randomBytes } from 'node:crypto';
import type { PendingSignIn, SessionPatient, SessionRecord, SessionStore } from './store.js';

export interface SessionTimings {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** A live session: its id (the cookie value) and what the store holds for it. */
export interface ActiveSession {
  id: string;
  record: SessionRecord;
}

export type SessionLookup =
  | { status: 'active'; session: ActiveSession }
  /** The browser presented the id of a session that was live and has timed out (idle or absolute). */
  | { status: 'expired' }
  /** The browser presented an id of no session we know: never issued, or ended at sign-out or a new sign-in. */
  | { status: 'unknown' }
  /** No id at all. */
  | { status: 'none' };

const PENDING_SIGN_IN_MS = 10 * 60 * 1000;
/**
 * How long a session's trace outlives its absolute expiry. The browser drops the cookie at about that time (its
 * Max-Age is the absolute lifetime); the margin covers the cookie arriving a little later than the server's clock.
 */
const TRACE_GRACE_MS = 60 * 60 * 1000;

/**
 * The session rules, whatever the store: 256-bit random ids, a fresh id at every sign-in, idle expiry that
 * slides with use but never past the absolute expiry. Expiry is judged here with the injected clock; the
 * store's TTL only clears out what can no longer be used. An expired session's patient data goes at expiry; only
 * its trace (a marker under the id's hash) stays, so that its cookie is answered "expired" rather than "unknown"
 * for as long as a browser may present it.
 */
export class SessionManager {
  readonly store: SessionStore;
  readonly timings: SessionTimings;
  readonly now: () => number;

  constructor(options: { store: SessionStore; timings: SessionTimings; now?: () => number }) {
    this.store = options.store;
    this.timings = options.timings;
    this.now = options.now ?? Date.now;
  }

  /** Creates the session of a patient who has just signed in. Any previous session must be ended first. */
  async start(patient: SessionPatient): Promise<ActiveSession> {
    const now = this.now();
    const absoluteExpiresAt = now + this.timings.absoluteSeconds * 1000;
    const record: SessionRecord = {
      patient,
      csrfToken: randomToken(),
      createdAt: now,
      idleExpiresAt: Math.min(now + this.timings.idleSeconds * 1000, absoluteExpiresAt),
      absoluteExpiresAt,
      patientIds: {},
    };
    const id = randomToken();
    await this.store.create(
      sessionKey(id),
      record,
      record.idleExpiresAt - now,
      absoluteExpiresAt - now + TRACE_GRACE_MS,
    );
    return { id, record };
  }

  async find(id: string | undefined): Promise<SessionLookup> {
    if (id === undefined || id === '') return { status: 'none' };
    // Not even the shape of an id we issue: forged or garbled.
    if (!TOKEN_PATTERN.test(id)) return { status: 'unknown' };
    const key = sessionKey(id);
    const record = await this.store.get(key);
    if (!record) return (await this.store.hasTrace(key)) ? { status: 'expired' } : { status: 'unknown' };
    const now = this.now();
    if (now >= record.idleExpiresAt || now >= record.absoluteExpiresAt) {
      await this.store.expire(key);
      return { status: 'expired' };
    }
    return { status: 'active', session: { id, record } };
  }

  /** Slides the idle expiry forward from now (capped by the absolute expiry). */
  async touch(session: ActiveSession): Promise<ActiveSession> {
    const now = this.now();
    const idleExpiresAt = Math.min(now + this.timings.idleSeconds * 1000, session.record.absoluteExpiresAt);
    await this.store.touch(sessionKey(session.id), idleExpiresAt, idleExpiresAt - now);
    return { id: session.id, record: { ...session.record, idleExpiresAt } };
  }

  /** Sign-out (or a new sign-in replacing the session): from now on the id is unknown, not expired. */
  async end(id: string): Promise<void> {
    if (TOKEN_PATTERN.test(id)) await this.store.destroy(sessionKey(id));
  }

  async patientIds(session: ActiveSession): Promise<Record<string, string>> {
    return this.store.getPatientIds(sessionKey(session.id));
  }

  async setPatientId(session: ActiveSession, odsCode: string, logicalId: string): Promise<void> {
    await this.store.setPatientId(sessionKey(session.id), odsCode, logicalId);
  }

  /** Remembers the state, nonce and PKCE verifier of a sign-in under a new random id (for a short cookie). */
  async beginSignIn(pending: PendingSignIn): Promise<{ id: string; maxAgeSeconds: number }> {
    const id = randomToken();
    await this.store.savePendingSignIn(sessionKey(id), pending, PENDING_SIGN_IN_MS);
    return { id, maxAgeSeconds: PENDING_SIGN_IN_MS / 1000 };
  }

  async takeSignIn(id: string | undefined): Promise<PendingSignIn | undefined> {
    if (id === undefined || !TOKEN_PATTERN.test(id)) return undefined;
    return this.store.takePendingSignIn(sessionKey(id));
  }
}

/** 256 random bits, base64url: session ids, CSRF tokens and sign-in ids. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * What the store is keyed by: a hash of the id, so the store never holds a usable cookie value. A request asks
 * for its session's key several times (rate limit, lookup, sliding expiry, patient ids), so the last one is kept.
 */
export function sessionKey(id: string): string {
  if (lastKey?.id !== id) lastKey = { id, key: createHash('sha256').update(id).digest('base64url') };
  return lastKey.key;
}
let lastKey: { id: string; key: string } | undefined;
