import type { Logger } from 'pino';

/**
 * The audit trail of the practice view's searches (issue 14): who ran a "what would they see?" search, for which
 * practice, as which consumer, when, under which trace id. Never a name: the opaque staff user id only. See
 * docs/decisions/0071-practice-view-audit-trail.md for why it is a dedicated log stream.
 */

/** One simulated search: one consumer at one practice over one range. */
export interface VisibilitySearchAudit {
  /** ISO instant. */
  at: string;
  /** The opaque staff user id (StaffIdentity `userId`). */
  staffUserId: string;
  staffRole: string;
  practice: string;
  /** The consumer key simulated (`app`, `org:urgent-care`, `ods:B82005`…). */
  consumer: string;
  start: string;
  end: string;
  traceId: string;
  outcome: 'ok' | 'failed';
  /** Free slots the consumer would see (when `ok`). */
  slots?: number | undefined;
}

export interface AuditTrail {
  record(entry: VisibilitySearchAudit): Promise<void>;
}

/**
 * Each entry as one line on a dedicated logger (`stream: 'audit'`, `audit: 'practice-view'`): append-only, shipped
 * with the BFF's other logs to wherever they are kept, by every instance alike, with no store of our own to run.
 */
export class LogAuditTrail implements AuditTrail {
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger.child({ stream: 'audit', audit: 'practice-view' });
  }

  async record(entry: VisibilitySearchAudit): Promise<void> {
    this.#logger.info({ ...entry, event: 'visibility-search' }, 'practice view search');
  }
}

/** Entries kept in memory, newest last (tests, and a demo that wants to show them). */
export class MemoryAuditTrail implements AuditTrail {
  readonly entries: VisibilitySearchAudit[] = [];

  async record(entry: VisibilitySearchAudit): Promise<void> {
    this.entries.push(structuredClone(entry));
  }
}

/** Every entry to each trail (e.g. the log, and memory for a test). */
export class FanOutAuditTrail implements AuditTrail {
  constructor(private readonly trails: readonly AuditTrail[]) {}

  async record(entry: VisibilitySearchAudit): Promise<void> {
    await Promise.all(this.trails.map((trail) => trail.record(entry)));
  }
}
