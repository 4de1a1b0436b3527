import type Database from 'better-sqlite3';

/**
 * The provider's schema, as numbered migrations applied in order and recorded in `migrations`. Never edit a
 * released migration: add the next number. Times are kept twice: epoch milliseconds for range queries and the
 * UK-local text GP Connect puts on the wire (booking requires a lexical match with the slot's start/end).
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'slots, appointments, patients',
    sql: `
      CREATE TABLE slots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        practice TEXT NOT NULL,
        schedule_id TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        start_text TEXT NOT NULL,
        end_text TEXT NOT NULL,
        slot_type TEXT NOT NULL,
        delivery_channel TEXT NOT NULL,
        bookable INTEGER NOT NULL,
        access_profiles TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('free', 'busy')),
        UNIQUE (practice, schedule_id, start_ms)
      );
      CREATE INDEX slots_by_time ON slots (practice, status, start_ms);

      CREATE TABLE appointments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        practice TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
        schedule_id TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        start_text TEXT NOT NULL,
        end_text TEXT NOT NULL,
        slot_type TEXT NOT NULL,
        delivery_channel TEXT NOT NULL,
        description TEXT NOT NULL,
        comment TEXT,
        created_text TEXT NOT NULL,
        booking_organisation TEXT NOT NULL,
        access_profile TEXT,
        slot_count INTEGER NOT NULL,
        cancellation_reason TEXT,
        last_modified_ms INTEGER NOT NULL
      );
      CREATE INDEX appointments_by_patient ON appointments (practice, patient_id, start_ms);
      CREATE INDEX appointments_by_profile ON appointments (practice, status, access_profile, start_ms);

      CREATE TABLE appointment_slots (
        appointment_id INTEGER NOT NULL REFERENCES appointments (id),
        slot_id INTEGER NOT NULL REFERENCES slots (id),
        PRIMARY KEY (appointment_id, slot_id)
      );
      CREATE INDEX appointment_slots_by_slot ON appointment_slots (slot_id);

      CREATE TABLE patients (
        practice TEXT NOT NULL,
        id TEXT NOT NULL,
        nhs_number TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (practice, id)
      );
      CREATE INDEX patients_by_nhs_number ON patients (practice, nhs_number);
    `,
  },
  {
    version: 2,
    name: 'temporary registrations',
    // Kept apart from `patients`, which is rebuilt from the seed at every start: a registration made over GP
    // Connect must outlive a restart. One per patient per practice; `record` is the PatientConfig served.
    sql: `
      CREATE TABLE registrations (
        practice TEXT NOT NULL,
        id TEXT NOT NULL,
        nhs_number TEXT NOT NULL,
        record TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (practice, id),
        UNIQUE (practice, nhs_number)
      );
    `,
  },
  {
    version: 3,
    name: 'store version',
    // One counter that every write to the appointment book bumps, in the writing statement's own transaction:
    // triggers, so no write path can forget it and writes by another process on the same file (or by hand in
    // the sqlite3 shell) count too. The slot search keys its answer cache on it (docs/decisions/0050); a table
    // added later whose rows can change any answer needs the same three triggers (store.test.ts checks).
    sql: `
      CREATE TABLE store_version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL
      );
      INSERT INTO store_version (id, n) VALUES (1, 0);
${['slots', 'appointments', 'appointment_slots', 'patients', 'registrations']
  .flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (event) =>
        `      CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE store_version SET n = n + 1; END;`,
    ),
  )
  .join('\n')}
    `,
  },
  {
    version: 4,
    name: 'practice rules edited at run time',
    // Issue 14 (docs/decisions/0060). `practice_rules` holds a practice's rules when its staff have changed them
    // (they then override the seed's at every start), with the version If-Match names; `session_terms` the terms
    // each session's free slots carry under them, so a slot freed by a cancellation takes the current ones;
    // `rules_audit` who changed what, before and after. A slot's `session_index` names the session of its
    // schedule that made it (rows from before this migration get it at the next start). All three tables bump the
    // store version like the others: a rules change is a change to every answer.
    sql: `
      ALTER TABLE slots ADD COLUMN session_index INTEGER;

      CREATE TABLE practice_rules (
        practice TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        rules TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
      );

      CREATE TABLE session_terms (
        practice TEXT NOT NULL,
        schedule_id TEXT NOT NULL,
        session_index INTEGER NOT NULL,
        bookable INTEGER NOT NULL,
        access_profiles TEXT NOT NULL,
        delivery_channel TEXT NOT NULL,
        PRIMARY KEY (practice, schedule_id, session_index)
      );

      CREATE TABLE rules_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        practice TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        sub TEXT NOT NULL,
        staff_role TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        summary TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL
      );
      CREATE INDEX rules_audit_by_practice ON rules_audit (practice, id);
${['practice_rules', 'session_terms', 'rules_audit']
  .flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (event) =>
        `      CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE store_version SET n = n + 1; END;`,
    ),
  )
  .join('\n')}
    `,
  },
];

/** Applies every migration not yet recorded, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM migrations')
      .all()
      .map((row) => row.version),
  );
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}
