import { randomToken, sessionKey, type SessionTimings } from '../identity/sessions/manager.js';
import type { PendingSignIn } from '../identity/sessions/store.js';
import type { StaffIdentity, StaffSessionRecord, StaffSessionStore } from './session-store.js';

/** A live staff session: its id (the staff cookie's value) and its record. */
export interface ActiveStaffSession {
  id: string;
  record: StaffSessionRecord;
}

export type StaffSessionLookup =
  | { status: 'active'; session: ActiveStaffSession }
  /** A session we know that has timed out (idle or absolute). */
  | { status: 'expired' }
  /** No id, or an id of no session we know (never issued, signed out, replaced). */
  | { status: 'unknown' | 'none' };

const PENDING_SIGN_IN_MS = 10 * 60 * 1000;
/** How long an expired record stays, so its cookie is answered "expired" rather than "unknown". */
const EXPIRED_GRACE_MS = 60 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The staff session rules, the patients' rules (identity/sessions/manager.ts) over a store of their own: 256-bit
 * random ids, a fresh id at each sign-in, idle expiry sliding with use up to the absolute expiry, judged with the
 * injected clock.
 */
export class StaffSessionManager {
  readonly store: StaffSessionStore;
  readonly timings: SessionTimings;
  readonly now: () => number;

  constructor(options: { store: StaffSessionStore; timings: SessionTimings; now?: () => number }) {
    this.store = options.store;
    this.timings = options.timings;
    this.now = options.now ?? Date.now;
  }

  async start(staff: StaffIdentity): Promise<ActiveStaffSession> {
    const now = this.now();
    const absoluteExpiresAt = now + this.timings.absoluteSeconds * 1000;
    const record: StaffSessionRecord = {
      kind: 'staff',
      staff,
      csrfToken: randomToken(),
      createdAt: now,
      idleExpiresAt: Math.min(now + this.timings.idleSeconds * 1000, absoluteExpiresAt),
      absoluteExpiresAt,
    };
    const id = randomToken();
    await this.store.create(sessionKey(id), record, absoluteExpiresAt - now + EXPIRED_GRACE_MS);
    return { id, record };
  }

  async find(id: string | undefined): Promise<StaffSessionLookup> {
    if (id === undefined || id === '') return { status: 'none' };
    if (!TOKEN_PATTERN.test(id)) return { status: 'unknown' };
    const record = await this.store.get(sessionKey(id));
    if (!record) return { status: 'unknown' };
    const now = this.now();
    if (now >= record.idleExpiresAt || now >= record.absoluteExpiresAt) return { status: 'expired' };
    return { status: 'active', session: { id, record } };
  }

  async touch(session: ActiveStaffSession): Promise<ActiveStaffSession> {
    const idleExpiresAt = Math.min(
      this.now() + this.timings.idleSeconds * 1000,
      session.record.absoluteExpiresAt,
    );
    await this.store.touch(sessionKey(session.id), idleExpiresAt);
    return { id: session.id, record: { ...session.record, idleExpiresAt } };
  }

  async end(id: string): Promise<void> {
    if (TOKEN_PATTERN.test(id)) await this.store.destroy(sessionKey(id));
  }

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
