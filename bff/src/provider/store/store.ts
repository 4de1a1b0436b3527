import Database from 'better-sqlite3';
import type { DeliveryChannelCode, OrgTypeCode } from '../../gpconnect/constants.js';
import type { PatientConfig, ProviderConfig } from '../config/schema.js';
import type { GeneratedSlot, SessionTerms } from '../slots/generate.js';
import { migrate } from './migrations.js';

/**
 * A generated slot as stored, with its id and whether it is free. Its times and schedule never change once
 * written, and ids are never reused (AUTOINCREMENT); its status moves free ↔ busy, and a rules change (issue 14)
 * rewrites the terms of free future slots (bookable, access profiles, delivery channel): the slot search makes
 * each free slot's JSON once per channel.
 */
export interface SlotRecord extends Omit<GeneratedSlot, 'sessionIndex'> {
  id: string;
  status: 'free' | 'busy';
}

/** A practice's rules as stored when its staff have changed them: the JSON and the version If-Match names. */
export interface StoredRules {
  version: number;
  rules: string;
}

/** One session's terms under the current rules, as written with a rules change. */
export interface StoredSessionTerms extends SessionTerms {
  scheduleId: string;
  sessionIndex: number;
}

/** One entry of the rules audit trail (the rules as JSON text). */
export interface RulesAuditRecord {
  atMs: number;
  sub: string;
  staffRole: string;
  traceId: string;
  summary: string;
  before: string;
  after: string;
}

/** The booking organisation as the consumer sent it (contained Organization), kept to return on every read. */
export interface BookingOrganisation {
  containedId: string;
  odsCode: string;
  name: string;
  telecom: Array<{ system: string; value: string; use?: string }>;
  orgType?: OrgTypeCode | undefined;
  /** A type code outside the GP Connect value set, kept verbatim. */
  otherType?: { system: string; code: string } | undefined;
}

export interface AppointmentRecord {
  id: string;
  practice: string;
  patientId: string;
  version: number;
  status: 'booked' | 'cancelled';
  scheduleId: string;
  startMs: number;
  endMs: number;
  startText: string;
  endText: string;
  slotType: string;
  deliveryChannel: DeliveryChannelCode;
  description: string;
  comment: string | undefined;
  createdText: string;
  bookingOrganisation: BookingOrganisation;
  /** The access profile the slots were booked under; undefined for unrestricted slots. */
  accessProfile: string | undefined;
  slotIds: string[];
  cancellationReason: string | undefined;
  lastModifiedMs: number;
}

export type NewAppointment = Omit<
  AppointmentRecord,
  'id' | 'version' | 'status' | 'cancellationReason' | 'lastModifiedMs'
>;

type FreeSlotRow = [
  id: number,
  scheduleId: string,
  startMs: number,
  endMs: number,
  startText: string,
  endText: string,
  slotType: string,
  deliveryChannel: string,
  bookable: number,
  accessProfiles: string,
];

interface SlotRow {
  id: number;
  practice: string;
  schedule_id: string;
  start_ms: number;
  end_ms: number;
  start_text: string;
  end_text: string;
  slot_type: string;
  delivery_channel: string;
  bookable: number;
  access_profiles: string;
  status: string;
}

interface AppointmentRow {
  id: number;
  practice: string;
  patient_id: string;
  version: number;
  status: string;
  schedule_id: string;
  start_ms: number;
  end_ms: number;
  start_text: string;
  end_text: string;
  slot_type: string;
  delivery_channel: string;
  description: string;
  comment: string | null;
  created_text: string;
  booking_organisation: string;
  access_profile: string | null;
  slot_count: number;
  cancellation_reason: string | null;
  last_modified_ms: number;
  slot_ids: string | null;
}

const SLOT_COLUMNS = `id, practice, schedule_id, start_ms, end_ms, start_text, end_text, slot_type, delivery_channel,
  bookable, access_profiles, status`;
const APPOINTMENT_SELECT = `SELECT a.*, (SELECT group_concat(slot_id) FROM appointment_slots s WHERE s.appointment_id = a.id)
  AS slot_ids FROM appointments a`;

function toSlot(row: SlotRow): SlotRecord {
  return {
    id: String(row.id),
    practice: row.practice,
    scheduleId: row.schedule_id,
    startMs: row.start_ms,
    endMs: row.end_ms,
    startText: row.start_text,
    endText: row.end_text,
    slotType: row.slot_type,
    deliveryChannel: row.delivery_channel as DeliveryChannelCode,
    bookable: row.bookable === 1,
    accessProfiles: JSON.parse(row.access_profiles) as string[],
    status: row.status === 'busy' ? 'busy' : 'free',
  };
}

function toAppointment(row: AppointmentRow): AppointmentRecord {
  return {
    id: String(row.id),
    practice: row.practice,
    patientId: row.patient_id,
    version: row.version,
    status: row.status === 'cancelled' ? 'cancelled' : 'booked',
    scheduleId: row.schedule_id,
    startMs: row.start_ms,
    endMs: row.end_ms,
    startText: row.start_text,
    endText: row.end_text,
    slotType: row.slot_type,
    deliveryChannel: row.delivery_channel as DeliveryChannelCode,
    description: row.description,
    comment: row.comment ?? undefined,
    createdText: row.created_text,
    bookingOrganisation: JSON.parse(row.booking_organisation) as BookingOrganisation,
    accessProfile: row.access_profile ?? undefined,
    slotIds: (row.slot_ids ?? '')
      .split(',')
      .filter((id) => id.length > 0)
      .sort((a, b) => Number(a) - Number(b)),
    cancellationReason: row.cancellation_reason ?? undefined,
    lastModifiedMs: row.last_modified_ms,
  };
}

/** Slot ids are the store's integer keys; anything else cannot name a slot. */
function slotKey(id: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : undefined;
}

/**
 * The provider's appointment book in SQLite (better-sqlite3, a file or `:memory:`): generated slots, the
 * appointments booked against them, the seed's patients and the temporary registrations made over GP Connect.
 * All calls are synchronous, so a transaction opened with {@link ProviderStore.immediate} cannot interleave with
 * another request's.
 */
export class ProviderStore {
  private readonly freeSlotsQuery: Database.Statement<[string, number, number, number]>;
  private readonly versionQuery: Database.Statement<[]>;
  private readonly rulesVersionQuery: Database.Statement<[string]>;

  private constructor(private readonly db: Database.Database) {
    this.versionQuery = db.prepare<[]>('SELECT n FROM store_version WHERE id = 1').pluck(true);
    this.rulesVersionQuery = db
      .prepare<[string]>('SELECT version FROM practice_rules WHERE practice = ?')
      .pluck(true);
    // start_ms < toMs bounds the index range scan; end_ms <= toMs keeps only slots wholly inside the range.
    this.freeSlotsQuery = db
      .prepare<[string, number, number, number]>(
        `SELECT id, schedule_id, start_ms, end_ms, start_text, end_text, slot_type, delivery_channel, bookable,
           access_profiles FROM slots
         WHERE practice = ? AND status = 'free' AND start_ms >= ? AND start_ms < ? AND end_ms <= ?
         ORDER BY start_ms, id`,
      )
      .raw(true);
  }

  static open(path: string): ProviderStore {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new ProviderStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `work` in a `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is read. */
  immediate<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /**
   * Runs `work` in one read transaction (`BEGIN DEFERRED`): every read in it sees the same state of the file,
   * whatever another process writes meanwhile (WAL), and {@link version} read in it names that state.
   */
  snapshot<T>(work: () => T): T {
    return this.db.transaction(work).deferred();
  }

  /**
   * The store's version: a counter every write to the appointment book bumps in its own transaction (triggers,
   * migration 3), whichever process or connection makes it. Equal versions mean equal contents.
   */
  version(): number {
    return this.versionQuery.get() as number;
  }

  // ---- patients ------------------------------------------------------------------------------------------

  /** Makes the stored patients those of the configuration (the seed is the PDS of this demo world). */
  syncPatients(config: ProviderConfig): void {
    const clear = this.db.prepare('DELETE FROM patients');
    const insert = this.db.prepare(
      'INSERT INTO patients (practice, id, nhs_number, record) VALUES (?, ?, ?, ?)',
    );
    this.immediate(() => {
      clear.run();
      for (const practice of config.practices) {
        for (const patient of practice.patients) {
          insert.run(practice.odsCode, patient.id, patient.nhsNumber, JSON.stringify(patient));
        }
      }
    });
  }

  /**
   * The practice's patient with this logical id. A registration made over GP Connect takes precedence over the
   * seed: re-activating a patient who had left keeps their seed id.
   */
  patient(practice: string, id: string): PatientConfig | undefined {
    return (
      this.record('SELECT record FROM registrations WHERE practice = ? AND id = ?', practice, id) ??
      this.record('SELECT record FROM patients WHERE practice = ? AND id = ?', practice, id)
    );
  }

  /** The practice's patient with this NHS number, registrations first (see {@link patient}). */
  patientByNhsNumber(practice: string, nhsNumber: string): PatientConfig | undefined {
    return (
      this.record(
        'SELECT record FROM registrations WHERE practice = ? AND nhs_number = ?',
        practice,
        nhsNumber,
      ) ??
      this.record('SELECT record FROM patients WHERE practice = ? AND nhs_number = ?', practice, nhsNumber)
    );
  }

  /**
   * Records a temporary registration made over GP Connect (Register a patient). Call inside {@link immediate}
   * after checking the patient is not already registered here; the unique keys refuse a second one regardless.
   */
  insertRegistration(practice: string, patient: PatientConfig, registeredAt: Date): void {
    this.db
      .prepare(
        'INSERT INTO registrations (practice, id, nhs_number, record, registered_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(practice, patient.id, patient.nhsNumber, JSON.stringify(patient), registeredAt.toISOString());
  }

  private record(sql: string, practice: string, key: string): PatientConfig | undefined {
    const row = this.db.prepare<[string, string], { record: string }>(sql).get(practice, key);
    return row ? (JSON.parse(row.record) as PatientConfig) : undefined;
  }

  // ---- slots ---------------------------------------------------------------------------------------------

  /**
   * Brings the stored slots from `fromMs` onward in line with freshly generated ones. Existing slots keep their
   * id and status (so a restart never duplicates a slot or loses a booking), and a busy slot keeps the terms it
   * was booked under; free slots the templates no longer produce are removed unless an appointment (e.g. a
   * cancelled one) refers to them.
   */
  replaceFutureSlots(generated: GeneratedSlot[], fromMs: number): { inserted: number; removed: number } {
    const insert = this.db
      .prepare(`INSERT INTO slots (practice, schedule_id, start_ms, end_ms, start_text, end_text,
        slot_type, delivery_channel, bookable, access_profiles, status, session_index)
      VALUES (@practice, @scheduleId, @startMs, @endMs, @startText, @endText, @slotType, @deliveryChannel, @bookable,
        @accessProfiles, 'free', @sessionIndex)
      ON CONFLICT (practice, schedule_id, start_ms) DO UPDATE SET session_index = excluded.session_index,
        end_ms = iif(status = 'free', excluded.end_ms, end_ms),
        start_text = iif(status = 'free', excluded.start_text, start_text),
        end_text = iif(status = 'free', excluded.end_text, end_text),
        slot_type = iif(status = 'free', excluded.slot_type, slot_type),
        delivery_channel = iif(status = 'free', excluded.delivery_channel, delivery_channel),
        bookable = iif(status = 'free', excluded.bookable, bookable),
        access_profiles = iif(status = 'free', excluded.access_profiles, access_profiles)`);
    const existing = this.db.prepare<
      [number],
      { id: number; practice: string; schedule_id: string; start_ms: number }
    >("SELECT id, practice, schedule_id, start_ms FROM slots WHERE start_ms >= ? AND status = 'free'");
    const remove = this.db.prepare(
      'DELETE FROM slots WHERE id = ? AND NOT EXISTS (SELECT 1 FROM appointment_slots WHERE slot_id = ?)',
    );
    const total = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM slots');
    return this.immediate(() => {
      const before = total.get()?.n ?? 0;
      for (const slot of generated) {
        insert.run({
          ...slot,
          bookable: slot.bookable ? 1 : 0,
          accessProfiles: JSON.stringify(slot.accessProfiles),
        });
      }
      const inserted = (total.get()?.n ?? 0) - before;
      const wanted = new Set(generated.map((slot) => `${slot.practice}|${slot.scheduleId}|${slot.startMs}`));
      let removed = 0;
      for (const row of existing.all(fromMs)) {
        if (!wanted.has(`${row.practice}|${row.schedule_id}|${row.start_ms}`))
          removed += remove.run(row.id, row.id).changes;
      }
      return { inserted, removed };
    });
  }

  /** Free slots of a practice lying fully inside [fromMs, toMs]. */
  freeSlotsWithin(practice: string, fromMs: number, toMs: number): SlotRecord[] {
    // The hot path of every slot search: rows come back as arrays (no per-row key objects), and the columns the
    // WHERE clause already fixes (practice, status) are not read back.
    const rows = this.freeSlotsQuery.all(practice, fromMs, toMs, toMs) as FreeSlotRow[];
    const parsedProfiles = new Map<string, string[]>();
    return rows.map(
      ([id, scheduleId, startMs, endMs, startText, endText, slotType, channel, bookable, profiles]) => {
        let accessProfiles = parsedProfiles.get(profiles);
        if (!accessProfiles) {
          accessProfiles = JSON.parse(profiles) as string[];
          parsedProfiles.set(profiles, accessProfiles);
        }
        return {
          id: String(id),
          practice,
          scheduleId,
          startMs,
          endMs,
          startText,
          endText,
          slotType,
          deliveryChannel: channel as DeliveryChannelCode,
          bookable: bookable === 1,
          accessProfiles,
          status: 'free' as const,
        };
      },
    );
  }

  /** Every slot of a practice lying fully inside [fromMs, toMs], free or busy, by start then id. */
  slotsWithin(practice: string, fromMs: number, toMs: number): SlotRecord[] {
    return this.db
      .prepare<[string, number, number, number], SlotRow>(
        `SELECT ${SLOT_COLUMNS} FROM slots
         WHERE practice = ? AND start_ms >= ? AND start_ms < ? AND end_ms <= ? ORDER BY start_ms, id`,
      )
      .all(practice, fromMs, toMs, toMs)
      .map(toSlot);
  }

  /** The slots with these ids at a practice, in the order asked; undefined for ids that name no slot there. */
  slots(practice: string, ids: string[]): Array<SlotRecord | undefined> {
    const get = this.db.prepare<[number, string], SlotRow>(
      `SELECT ${SLOT_COLUMNS} FROM slots WHERE id = ? AND practice = ?`,
    );
    return ids.map((id) => {
      const key = slotKey(id);
      const row = key === undefined ? undefined : get.get(key, practice);
      return row ? toSlot(row) : undefined;
    });
  }

  countSlots(practice: string): number {
    return (
      this.db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM slots WHERE practice = ?')
        .get(practice)?.n ?? 0
    );
  }

  // ---- appointments --------------------------------------------------------------------------------------

  /** Slots held by future booked appointments, per access profile they were booked under. */
  futureBookedSlotsByProfile(practice: string, nowMs: number): Map<string, number> {
    const rows = this.db
      .prepare<[string, number], { profile: string; n: number }>(
        `SELECT access_profile AS profile, sum(slot_count) AS n FROM appointments
         WHERE practice = ? AND status = 'booked' AND start_ms > ? AND access_profile IS NOT NULL GROUP BY access_profile`,
      )
      .all(practice, nowMs);
    return new Map(rows.map((row) => [row.profile, row.n]));
  }

  /**
   * The earliest start after `nowMs` of a booked appointment held under an access profile: the next instant at
   * which {@link futureBookedSlotsByProfile} gives a different answer (with the store unchanged).
   */
  nextProfileBookingStart(practice: string, nowMs: number): number | undefined {
    const next = this.db
      .prepare<[string, number], { next: number | null }>(
        `SELECT min(start_ms) AS next FROM appointments
         WHERE practice = ? AND status = 'booked' AND start_ms > ? AND access_profile IS NOT NULL`,
      )
      .get(practice, nowMs)?.next;
    return next ?? undefined;
  }

  /** Inserts a booked appointment and marks its slots busy. Call inside {@link immediate} after re-checking. */
  insertAppointment(appointment: NewAppointment, nowMs: number): AppointmentRecord {
    const info = this.db
      .prepare(
        `INSERT INTO appointments (practice, patient_id, version, status, schedule_id, start_ms, end_ms, start_text,
          end_text, slot_type, delivery_channel, description, comment, created_text, booking_organisation,
          access_profile, slot_count, last_modified_ms)
         VALUES (?, ?, 1, 'booked', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        appointment.practice,
        appointment.patientId,
        appointment.scheduleId,
        appointment.startMs,
        appointment.endMs,
        appointment.startText,
        appointment.endText,
        appointment.slotType,
        appointment.deliveryChannel,
        appointment.description,
        appointment.comment ?? null,
        appointment.createdText,
        JSON.stringify(appointment.bookingOrganisation),
        appointment.accessProfile ?? null,
        appointment.slotIds.length,
        nowMs,
      );
    const id = Number(info.lastInsertRowid);
    const link = this.db.prepare('INSERT INTO appointment_slots (appointment_id, slot_id) VALUES (?, ?)');
    const busy = this.db.prepare("UPDATE slots SET status = 'busy' WHERE id = ? AND status = 'free'");
    for (const slotId of appointment.slotIds) {
      link.run(id, Number(slotId));
      // The caller re-checked the slots are free in this transaction; a zero count means it did not.
      if (busy.run(Number(slotId)).changes !== 1) throw new Error('slot was not free at insert');
    }
    const stored = this.appointment(appointment.practice, String(id));
    if (!stored) throw new Error('appointment vanished after insert');
    return stored;
  }

  appointment(practice: string, id: string): AppointmentRecord | undefined {
    if (!/^[1-9]\d{0,15}$/.test(id)) return undefined;
    const row = this.db
      .prepare<[number, string], AppointmentRow>(`${APPOINTMENT_SELECT} WHERE a.id = ? AND a.practice = ?`)
      .get(Number(id), practice);
    return row ? toAppointment(row) : undefined;
  }

  /** A patient's appointments (booked and cancelled) starting in [fromMs, toMs), earliest first. */
  appointmentsOfPatient(
    practice: string,
    patientId: string,
    fromMs: number,
    toMs: number,
  ): AppointmentRecord[] {
    return this.db
      .prepare<[string, string, number, number], AppointmentRow>(
        `${APPOINTMENT_SELECT} WHERE a.practice = ? AND a.patient_id = ? AND a.start_ms >= ? AND a.start_ms < ?
         ORDER BY a.start_ms, a.id`,
      )
      .all(practice, patientId, fromMs, toMs)
      .map(toAppointment);
  }

  /**
   * Changes description and comment if the stored version is still `expectedVersion`. Returns the new record,
   * or undefined when another change got there first.
   */
  amendAppointment(
    practice: string,
    id: string,
    expectedVersion: number,
    change: { description: string; comment: string | undefined },
    nowMs: number,
  ): AppointmentRecord | undefined {
    return this.immediate(() => {
      const info = this.db
        .prepare(
          `UPDATE appointments SET description = ?, comment = ?, version = version + 1, last_modified_ms = ?
           WHERE id = ? AND practice = ? AND version = ? AND status = 'booked'`,
        )
        .run(change.description, change.comment ?? null, nowMs, Number(id), practice, expectedVersion);
      return info.changes === 1 ? this.appointment(practice, id) : undefined;
    });
  }

  /** Cancels the appointment if still at `expectedVersion` and frees its slots, in one transaction. */
  cancelAppointment(
    practice: string,
    id: string,
    expectedVersion: number,
    reason: string,
    nowMs: number,
  ): AppointmentRecord | undefined {
    return this.immediate(() => {
      const info = this.db
        .prepare(
          `UPDATE appointments SET status = 'cancelled', cancellation_reason = ?, version = version + 1,
             last_modified_ms = ?
           WHERE id = ? AND practice = ? AND version = ? AND status = 'booked'`,
        )
        .run(reason, nowMs, Number(id), practice, expectedVersion);
      if (info.changes !== 1) return undefined;
      this.db
        .prepare(
          "UPDATE slots SET status = 'free' WHERE id IN (SELECT slot_id FROM appointment_slots WHERE appointment_id = ?)",
        )
        .run(Number(id));
      // A freed slot takes the terms its session has now, if the rules changed since it was booked.
      this.db
        .prepare(
          `UPDATE slots SET bookable = t.bookable, access_profiles = t.access_profiles,
             delivery_channel = t.delivery_channel
           FROM session_terms t
           WHERE t.practice = slots.practice AND t.schedule_id = slots.schedule_id
             AND t.session_index = slots.session_index
             AND slots.id IN (SELECT slot_id FROM appointment_slots WHERE appointment_id = ?)`,
        )
        .run(Number(id));
      return this.appointment(practice, id);
    });
  }

  // ---- practice rules (issue 14) -------------------------------------------------------------------------

  /** The version of a practice's stored rules: 0 while it has none (its rules are the seed's). */
  rulesVersion(practice: string): number {
    return (this.rulesVersionQuery.get(practice) as number | undefined) ?? 0;
  }

  /** A practice's stored rules, if its staff have ever changed them. */
  storedRules(practice: string): StoredRules | undefined {
    return this.db
      .prepare<[string], StoredRules>('SELECT version, rules FROM practice_rules WHERE practice = ?')
      .get(practice);
  }

  /**
   * Writes a practice's new rules as `version`, and the terms of each of its sessions under them; rewrites
   * those terms onto the practice's free slots starting after `nowMs` (a busy slot keeps the terms it was booked
   * under; a cancellation later gives it the current ones). Call inside {@link immediate}, after checking the
   * version the change was made against: the triggers bump the store version in the same transaction, so the
   * next slot search cannot be served an answer made before it.
   */
  writeRules(
    practice: string,
    version: number,
    rules: string,
    terms: readonly StoredSessionTerms[],
    nowMs: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO practice_rules (practice, version, rules, updated_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (practice) DO UPDATE SET version = excluded.version, rules = excluded.rules,
           updated_ms = excluded.updated_ms`,
      )
      .run(practice, version, rules, nowMs);
    this.db.prepare('DELETE FROM session_terms WHERE practice = ?').run(practice);
    const insertTerms = this.db.prepare(
      `INSERT INTO session_terms (practice, schedule_id, session_index, bookable, access_profiles, delivery_channel)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const restamp = this.db.prepare(
      `UPDATE slots SET bookable = ?, access_profiles = ?, delivery_channel = ?
       WHERE practice = ? AND schedule_id = ? AND session_index = ? AND status = 'free' AND start_ms > ?
         AND (bookable <> ? OR access_profiles <> ? OR delivery_channel <> ?)`,
    );
    for (const term of terms) {
      const bookable = term.bookable ? 1 : 0;
      const profiles = JSON.stringify(term.accessProfiles);
      insertTerms.run(practice, term.scheduleId, term.sessionIndex, bookable, profiles, term.deliveryChannel);
      restamp.run(
        bookable,
        profiles,
        term.deliveryChannel,
        practice,
        term.scheduleId,
        term.sessionIndex,
        nowMs,
        bookable,
        profiles,
        term.deliveryChannel,
      );
    }
  }

  /** Adds an entry to a practice's rules audit trail. Call inside the {@link immediate} of the change. */
  insertRulesAudit(practice: string, entry: RulesAuditRecord): void {
    this.db
      .prepare(
        `INSERT INTO rules_audit (practice, at_ms, sub, staff_role, trace_id, summary, before, after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        practice,
        entry.atMs,
        entry.sub,
        entry.staffRole,
        entry.traceId,
        entry.summary,
        entry.before,
        entry.after,
      );
  }

  /** A practice's rules changes, newest first. */
  rulesAudit(practice: string, limit: number): RulesAuditRecord[] {
    return this.db
      .prepare<[string, number], RulesAuditRecord>(
        `SELECT at_ms AS atMs, sub, staff_role AS staffRole, trace_id AS traceId, summary, before, after
         FROM rules_audit WHERE practice = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(practice, limit);
  }
}
