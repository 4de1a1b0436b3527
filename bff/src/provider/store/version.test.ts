import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeConfig, makePatient, makePractice } from '../test-support/builders.js';
import { openProviderStore } from './open.js';
import { ProviderStore } from './store.js';

// Monday 23 March 2026, 10:00 GMT.
const NOW = new Date('2026-03-23T10:00:00Z');

/**
 * The store version the slot search's answer cache is keyed on (docs/decisions/0050): every write bumps it, in
 * the writing transaction, whoever writes.
 */
describe('store version', () => {
  it('every table but the bookkeeping ones bumps it on insert, update and delete', () => {
    const store = openProviderStore(makeConfig(), ':memory:', NOW);
    const db = (store as unknown as { db: Database.Database }).db;
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'store_version') AND name NOT LIKE 'sqlite_%'",
      )
      .all()
      .map((row) => row.name);
    expect(tables.length).toBeGreaterThanOrEqual(5);
    const triggers = db
      .prepare<[], { tbl_name: string; sql: string }>(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'",
      )
      .all();
    for (const table of tables) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        expect(
          triggers.some(
            (trigger) =>
              trigger.tbl_name === table &&
              trigger.sql.includes(`AFTER ${event} ON ${table}`) &&
              trigger.sql.includes('UPDATE store_version SET n = n + 1'),
          ),
          `${event} on ${table}`,
        ).toBe(true);
      }
    }
    store.close();
  });

  it('moves with each write and only then; a rolled-back write leaves it as it was', () => {
    const config = makeConfig([makePractice({ patients: [makePatient()] })]);
    const store = openProviderStore(config, ':memory:', NOW);
    const patient = config.practices[0]?.patients[0];
    if (!patient) throw new Error('no patient');
    let last = store.version();
    const moved = () => {
      const now = store.version();
      const changed = now !== last;
      last = now;
      return changed;
    };
    store.freeSlotsWithin('A11111', NOW.getTime(), NOW.getTime() + 86_400_000);
    store.futureBookedSlotsByProfile('A11111', NOW.getTime());
    store.patient('A11111', '1');
    expect(moved()).toBe(false);

    const [slot] = store.freeSlotsWithin('A11111', NOW.getTime(), NOW.getTime() + 86_400_000);
    if (!slot) throw new Error('no slot');
    const appointment = store.immediate(() =>
      store.insertAppointment(
        {
          practice: 'A11111',
          patientId: '1',
          scheduleId: slot.scheduleId,
          startMs: slot.startMs,
          endMs: slot.endMs,
          startText: slot.startText,
          endText: slot.endText,
          slotType: slot.slotType,
          deliveryChannel: slot.deliveryChannel,
          description: 'x',
          comment: undefined,
          createdText: '2026-03-23T10:00:00+00:00',
          bookingOrganisation: { containedId: '1', odsCode: 'GPA001', name: 'Booking', telecom: [] },
          accessProfile: undefined,
          slotIds: [slot.id],
        },
        NOW.getTime(),
      ),
    );
    expect(moved()).toBe(true);
    store.amendAppointment(
      'A11111',
      appointment.id,
      1,
      { description: 'y', comment: undefined },
      NOW.getTime(),
    );
    expect(moved()).toBe(true);
    store.cancelAppointment('A11111', appointment.id, 2, 'z', NOW.getTime());
    expect(moved()).toBe(true);
    store.insertRegistration('A11111', { ...patient, id: 'reg-1', nhsNumber: '9990000026' }, NOW);
    expect(moved()).toBe(true);
    store.replaceFutureSlots([], NOW.getTime());
    expect(moved()).toBe(true);
    store.syncPatients(config);
    expect(moved()).toBe(true);

    expect(() =>
      store.immediate(() => {
        store.insertRegistration('A11111', { ...patient, id: 'reg-2', nhsNumber: '9990000034' }, NOW);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(moved()).toBe(false);
    store.close();
  });

  it('sees writes made by another connection to the same file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'gpbook-store-version-'));
    try {
      const path = join(directory, 'provider.db');
      const config = makeConfig();
      const one = openProviderStore(config, path, NOW);
      const other = ProviderStore.open(path);
      const before = one.version();
      other.replaceFutureSlots([], NOW.getTime() + 7 * 86_400_000);
      expect(one.version()).toBeGreaterThan(before);
      one.close();
      other.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
