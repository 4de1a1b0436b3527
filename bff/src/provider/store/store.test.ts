import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../config/load.js';
import { parseProviderConfig } from '../config/schema.js';
import { makeConfig, makePractice, makeSchedule, makeSession } from '../test-support/builders.js';
import { bookingBody } from '../test-support/appointment-body.js';
import { startTestProvider } from '../test-support/provider.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { openProviderStore } from './open.js';

const NOW = new Date('2026-03-23T10:00:00Z');
const directories: string[] = [];
afterEach(() =>
  directories.splice(0).forEach((directory) => rmSync(directory, { recursive: true, force: true })),
);
function databaseFile() {
  const directory = mkdtempSync(join(tmpdir(), 'gpc-store-'));
  directories.push(directory);
  return join(directory, 'provider.db');
}

describe('provider store', () => {
  it('records numbered migrations and applies each once', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('lays out slots from the session templates for horizonDays, in UK local time across the clock change', () => {
    const config = makeConfig(
      [
        makePractice({
          schedules: [
            makeSchedule({ sessions: [makeSession({ days: ['mon'], start: '09:00', end: '09:30' })] }),
          ],
        }),
      ],
      { horizonDays: 14 },
    );
    const store = openProviderStore(config, ':memory:', NOW);
    const slots = store.freeSlotsWithin('A11111', 0, Number.MAX_SAFE_INTEGER);
    expect(slots.map((slot) => slot.startText)).toEqual([
      '2026-03-23T09:00:00+00:00',
      '2026-03-23T09:10:00+00:00',
      '2026-03-23T09:20:00+00:00',
      '2026-03-30T09:00:00+01:00',
      '2026-03-30T09:10:00+01:00',
      '2026-03-30T09:20:00+01:00',
    ]);
    store.close();
  });

  it('restarting on a file neither duplicates slots nor loses bookings', async () => {
    const database = databaseFile();
    const config = makeConfig();
    const first = await startTestProvider(config, { now: NOW, database });
    const count = first.store.countSlots('A11111');
    const slot = first.store.freeSlotsWithin('A11111', NOW.getTime() + 1, Number.MAX_SAFE_INTEGER)[0];
    if (!slot) throw new Error('no slot');
    const made = await first.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({ slots: [{ id: slot.id, start: slot.startText, end: slot.endText }] }),
    });
    expect(made.status).toBe(201);
    await first.close();

    const second = await startTestProvider(config, { now: NOW, database });
    expect(second.store.countSlots('A11111')).toBe(count);
    expect(second.store.slots('A11111', [slot.id])[0]?.status).toBe('busy');
    const read = await second.send('appointmentRead', 'GET', `/Appointment/${String(made.json()['id'])}`);
    expect(read.status).toBe(200);
    await second.close();
  });

  it('drops free slots a changed template no longer produces, but keeps booked ones', async () => {
    const database = databaseFile();
    const first = await startTestProvider(makeConfig(), { now: NOW, database });
    const slot = first.store.freeSlotsWithin('A11111', NOW.getTime() + 1, Number.MAX_SAFE_INTEGER)[0];
    if (!slot) throw new Error('no slot');
    await first.send('appointmentCreate', 'POST', '/Appointment', {
      body: bookingBody({ slots: [{ id: slot.id, start: slot.startText, end: slot.endText }] }),
    });
    await first.close();
    const shorter = makeConfig([
      makePractice({
        schedules: [makeSchedule({ sessions: [makeSession({ start: '15:00', end: '15:30' })] })],
      }),
    ]);
    const store = openProviderStore(shorter, database, NOW);
    const remaining = store.freeSlotsWithin('A11111', 0, Number.MAX_SAFE_INTEGER);
    expect(remaining.every((s) => s.startText.includes('T15:'))).toBe(true);
    expect(store.slots('A11111', [slot.id])[0]?.status).toBe('busy');
    store.close();
  });
});

describe('provider configuration', () => {
  it('loads both bundled seeds', () => {
    const demo = loadProviderConfig('demo');
    expect(demo.practices.map((practice) => practice.odsCode)).toEqual(['Y90001', 'Y90002', 'Y90003']);
    const assurance = loadProviderConfig('assurance');
    expect(assurance.practices[0]?.odsCode).toBe('A20047');
  });

  it('refuses a bad file naming the offending field', () => {
    const practice = makePractice({
      patients: [
        {
          id: '1',
          nhsNumber: '9990000019',
          given: ['A'],
          family: 'B',
          gender: 'female',
          birthDate: '2000-01-01',
        },
      ],
    });
    expect(() =>
      parseProviderConfig({ supplierServiceFiltering: 'on', practices: [practice] }, 'bad.json'),
    ).toThrow(/practices\.0\.patients\.0\.nhsNumber: not a valid NHS number/);
    const badRole = makePractice({ schedules: [makeSchedule({ role: 'R9999' as 'R0260' })] });
    expect(() =>
      parseProviderConfig({ supplierServiceFiltering: 'on', practices: [badRole] }, 'bad.json'),
    ).toThrow(/practices\.0\.schedules\.0\.role/);
  });
});
