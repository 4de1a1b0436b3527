import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYS } from '../../gpconnect/constants.js';
import { bookingBody } from '../test-support/appointment-body.js';
import { makeConfig, makePractice, makeSchedule, makeSession } from '../test-support/builders.js';
import { startTestProvider, type TestProvider } from '../test-support/provider.js';
import { MIGRATIONS } from './migrations.js';

// Monday 23 March 2026, 07:00 GMT.
const NOW = new Date('2026-03-23T07:00:00Z');

const dirs: string[] = [];
let providers: TestProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  providers = [];
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): string {
  const dir = mkdtempSync(join(tmpdir(), 'provider-store-'));
  dirs.push(dir);
  return join(dir, 'provider.db');
}

describe('slots and rules in the store', () => {
  it('a restart under changed rules rewrites free slots and leaves a booked one as it was booked', async () => {
    const path = database();
    const seed = (bookable: boolean, channel: 'In-person' | 'Video') =>
      makeConfig([
        makePractice({
          schedules: [makeSchedule({ bookable, sessions: [makeSession({ deliveryChannel: channel })] })],
        }),
      ]);
    const first = await startTestProvider(seed(true, 'In-person'), { now: NOW, database: path });
    providers.push(first);
    const found = await first.send(
      'slotSearch',
      'GET',
      `/Slot?status=free&start=ge2026-03-23&end=le2026-03-23&_include=Slot:schedule&searchFilter=${SYS.orgType}|gp-practice`,
    );
    const slot = (found.json().entry ?? [])
      .map((entry) => entry.resource)
      .find((r) => r.resourceType === 'Slot');
    if (!slot) throw new Error('no slot');
    const booked = await first.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({
        slots: [{ id: String(slot.id), start: String(slot['start']), end: String(slot['end']) }],
      }),
    });
    expect(booked.status).toBe(201);
    await first.close();
    providers = [];

    const second = await startTestProvider(seed(false, 'Video'), { now: NOW, database: path });
    providers.push(second);
    const [kept] = second.store.slots(second.practice.odsCode, [String(slot.id)]);
    expect(kept).toMatchObject({ status: 'busy', bookable: true, deliveryChannel: 'In-person' });
    const others = second.store.freeSlotsWithin(
      second.practice.odsCode,
      NOW.getTime(),
      NOW.getTime() + 86_400_000,
    );
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other).toMatchObject({ bookable: false, deliveryChannel: 'Video' });
  });

  it('migrates a store made before migration 4 and gives its slots their session at the next start', async () => {
    const path = database();
    const db = new Database(path);
    db.exec(
      'CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const migration of MIGRATIONS.filter((candidate) => candidate.version < 4)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO migrations VALUES (?, ?, ?)').run(migration.version, migration.name, 'then');
    }
    // A slot written before sessions were recorded (the builders' 09:00 session, 10-minute slots).
    db.prepare(
      `INSERT INTO slots (practice, schedule_id, start_ms, end_ms, start_text, end_text, slot_type, delivery_channel,
         bookable, access_profiles, status)
       VALUES ('A11111', 'gp', ?, ?, '2026-03-23T09:00:00+00:00', '2026-03-23T09:10:00+00:00', 'GP appointment',
         'In-person', 1, '[]', 'busy')`,
    ).run(Date.parse('2026-03-23T09:00:00Z'), Date.parse('2026-03-23T09:10:00Z'));
    db.close();
    const provider = await startTestProvider(makeConfig(), { now: NOW, database: path });
    providers.push(provider);
    const reader = new Database(path, { readonly: true });
    const count = (sql: string) => reader.prepare(sql).pluck().get();
    const versions = reader.prepare('SELECT version FROM migrations ORDER BY version').pluck().all();
    expect(count('SELECT count(*) FROM slots')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM slots WHERE session_index IS NULL')).toBe(0);
    expect(count("SELECT count(*) FROM slots WHERE status = 'busy' AND session_index = 0")).toBe(1);
    reader.close();
    expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
  });
});
