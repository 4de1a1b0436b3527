/**
 * Bench practices in the provider's own configuration format (see bff/seeds/demo.json and
 * bff/src/provider/config/schema.ts): N clinicians, each with a morning in-person and an afternoon telephone
 * session of 10-minute slots on weekdays, so 45 slots per clinician per weekday (ten clinicians: 4,500 slots in
 * 14 days). No access profiles, booking windows or embargoes: every generated slot is offered.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProviderConfig, type ProviderConfig } from '../../src/provider/config/schema.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** The role mix of a ten-clinician practice: GPs, a nurse practitioner, nurses, an HCA, pharmacist, physio... */
const ROLES = ['R0260', 'R0260', 'R0270', 'R6200', 'R0620', 'R0620', 'R0600', 'R1290', 'R1480', 'R1590'];

export interface BenchPractice {
  odsCode: string;
  asid: string;
  clinicians: number;
}

/** One practice, as it would be written in a seed file. */
export function practiceSeed(practice: BenchPractice): Record<string, unknown> {
  const address = { lines: ['1 Bench Road'], city: 'Leeds', postcode: 'LS1 1AA' };
  const clinicians = Array.from({ length: practice.clinicians }, (_, i) => i);
  return {
    odsCode: practice.odsCode,
    asid: practice.asid,
    name: `Bench Practice ${practice.clinicians}`,
    address,
    phone: '0113 000 0000',
    locations: [{ id: 'main', name: 'Main surgery', address }],
    practitioners: clinicians.map((i) => ({
      id: `c${i}`,
      sdsUserId: `G${1000 + i}`,
      given: ['Clin'],
      family: `Ician${i}`,
      gender: i % 2 === 0 ? 'female' : 'male',
    })),
    schedules: clinicians.map((i) => ({
      id: `s${i}`,
      locationId: 'main',
      practitionerId: `c${i}`,
      role: ROLES[i % ROLES.length],
      scheduleType: 'Clinic',
      sessions: [
        {
          days: WEEKDAYS,
          start: '08:30',
          end: '12:30',
          slotMinutes: 10,
          slotType: 'Appointment',
          deliveryChannel: 'In-person',
        },
        {
          days: WEEKDAYS,
          start: '14:00',
          end: '17:30',
          slotMinutes: 10,
          slotType: 'Appointment',
          deliveryChannel: 'Telephone',
        },
      ],
    })),
    patients: [
      {
        id: '1',
        nhsNumber: '9990000018',
        given: ['Jane'],
        family: 'Smith',
        gender: 'female',
        birthDate: '1970-01-01',
      },
    ],
  };
}

/** A seed file hosting `practices`, written to `dir` and checked against the provider's schema. */
export function writeSeed(dir: string, practices: BenchPractice[]): { path: string; config: ProviderConfig } {
  const seed = {
    supplierServiceFiltering: 'on',
    horizonDays: 28,
    practices: practices.map(practiceSeed),
  };
  const path = join(dir, 'bench-seed.json');
  const config = parseProviderConfig(seed, path);
  writeFileSync(path, JSON.stringify(seed, null, 2));
  return { path, config };
}
