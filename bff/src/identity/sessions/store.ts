/**
 * Server-side session storage. The session id never reaches a store: callers pass a key derived from it
 * (see `sessionKey`), so a dump of the store holds nothing a browser could present as a cookie.
 */

/** The signed-in patient, from NHS login's ID token and userinfo. Server-side only. */
export interface SessionPatient {
  /** NHS login `sub`: the stable local user id. */
  sub: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  registeredOds: string;
  /**
   * The mobile number NHS login holds for the patient (`phone_number`, scope `phone`), when it released one: offered
   * as the number to call for a telephone appointment, which the patient can change.
   */
  phone?: string | undefined;
}

export interface SessionRecord {
  patient: SessionPatient;
  csrfToken: string;
  /** Epoch milliseconds. */
  createdAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  /** The patient's logical id at each practice's GP system, filled in as the consumer resolves them. */
  patientIds: Record<string, string>;
}

/** What the browser carries between /auth/login and /auth/callback. Single use. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * Each session leaves a trace: a marker under its key that holds nothing but says "a session was started under
 * this key and not ended by sign-out". It outlives the record (which goes at expiry, patient data and all) until
 * the cookie itself has expired in the browser, so that a browser presenting the cookie of an expired session can
 * be told `session_expired`, and any other id (random, forged, signed out, replaced at a new sign-in) is unknown.
 */
export interface SessionStore {
  /**
   * Stores a new session and its trace. `ttlMs` lets the store forget the record once it can no longer be used;
   * `traceTtlMs` (at least `ttlMs`) the trace once no browser can present the id any more.
   */
  create(key: string, record: SessionRecord, ttlMs: number, traceTtlMs: number): Promise<void>;
  get(key: string): Promise<SessionRecord | undefined>;
  /** Whether the session under `key` left a trace still kept: it was started, and not destroyed. */
  hasTrace(key: string): Promise<boolean>;
  /** Moves the idle expiry (sliding); a session already gone stays gone. */
  touch(key: string, idleExpiresAt: number, ttlMs: number): Promise<void>;
  getPatientIds(key: string): Promise<Record<string, string>>;
  /** Records the patient's logical id at one practice without disturbing any other field. */
  setPatientId(key: string, odsCode: string, logicalId: string): Promise<void>;
  /** Drops an expired session's record, keeping its trace. */
  expire(key: string): Promise<void>;
  /** Ends the session for good (sign-out, or replaced at a new sign-in): its record and its trace. */
  destroy(key: string): Promise<void>;

  savePendingSignIn(key: string, pending: PendingSignIn, ttlMs: number): Promise<void>;
  /** Returns and deletes in one step, so a sign-in response can be used once only. */
  takePendingSignIn(key: string): Promise<PendingSignIn | undefined>;

  close(): Promise<void>;
}
