/**
 * Reference provider benchmark: a 14-day slot search for a ten-clinician practice against a static route
 * serving the same bytes (the floor: Fastify + HTTP + JSON transfer with no work), then booking throughput.
 * Bounded: three 8-second runs. Run with `npm run bench:provider`.
 */
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import { pino } from 'pino';
import { SYS } from '../src/gpconnect/constants.js';
import { buildProviderApp } from '../src/provider/app.js';
import { parseProviderConfig } from '../src/provider/config/schema.js';
import { allHandlers } from '../src/provider/handlers/index.js';
import { openProviderStore } from '../src/provider/store/open.js';
import { bookingBody } from '../src/provider/test-support/appointment-body.js';
import { spineHeaders } from '../src/provider/test-support/spine-request.js';

interface CannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  statusCodeStats: Record<string, { count: number }>;
  non2xx: number;
}
interface CannonRequest {
  method: string;
  path: string;
  setupRequest?: (request: { body?: string; headers?: Record<string, string> }) => {
    body?: string;
    headers?: Record<string, string>;
  };
}
type Cannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
  amount?: number;
}) => Promise<CannonResult>;

// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const DURATION = 8;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const ROLES = [
  'R0260',
  'R0260',
  'R0270',
  'R6200',
  'R0620',
  'R0620',
  'R0600',
  'R1290',
  'R1480',
  'R1590',
] as const;

const config = parseProviderConfig(
  {
    supplierServiceFiltering: 'on',
    horizonDays: 28,
    practices: [
      {
        odsCode: 'B10001',
        asid: '900000000001',
        name: 'Bench Practice',
        address: { lines: ['1 Bench Road'], city: 'Leeds', postcode: 'LS1 1AA' },
        phone: '0113 000 0000',
        locations: [
          {
            id: 'main',
            name: 'Main surgery',
            address: { lines: ['1 Bench Road'], city: 'Leeds', postcode: 'LS1 1AA' },
          },
        ],
        practitioners: ROLES.map((_, i) => ({
          id: `c${i}`,
          sdsUserId: `G${1000 + i}`,
          given: ['Clin'],
          family: `Ician${i}`,
          gender: 'female',
        })),
        schedules: ROLES.map((role, i) => ({
          id: `s${i}`,
          locationId: 'main',
          practitionerId: `c${i}`,
          role,
          scheduleType: 'Clinic',
          sessions: [
            {
              days: [...WEEKDAYS],
              start: '08:30',
              end: '12:30',
              slotMinutes: 10,
              slotType: 'Appointment',
              deliveryChannel: 'In-person',
            },
            {
              days: [...WEEKDAYS],
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
      },
    ],
  },
  'bench',
);
const practice = config.practices[0];
if (!practice) throw new Error('no practice');

const store = openProviderStore(config, ':memory:');
const provider = buildProviderApp({
  config,
  handlers: allHandlers(store),
  jwt: {},
  logger: pino({ level: 'silent' }),
});
await provider.listen({ host: '127.0.0.1', port: 0 });
const address = provider.server.address();
if (address === null || typeof address === 'string') throw new Error('not listening');
const base = `http://127.0.0.1:${address.port}`;
const root = `/${practice.odsCode}/STU3/1/gpconnect`;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const searchPath =
  `${root}/Slot?status=free&start=ge${day(1)}&end=le${day(14)}&_include=Slot:schedule` +
  `&_include:recurse=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location` +
  `&searchFilter=${SYS.odsOrg}|GPA001&searchFilter=${SYS.orgType}|gp-practice`;
const searchHeaders = spineHeaders(practice, 'slotSearch');
const sample = await fetch(`${base}${searchPath}`, { headers: searchHeaders });
const bytes = await sample.text();
const bundle = JSON.parse(bytes) as {
  entry: Array<{ resource: { resourceType: string; id: string; start: string; end: string } }>;
};
const slots = bundle.entry
  .map((entry) => entry.resource)
  .filter((resource) => resource.resourceType === 'Slot');

const floor = Fastify();
floor.get('/static', (_request, reply) =>
  reply.header('content-type', 'application/fhir+json;charset=utf-8').send(bytes),
);
await floor.listen({ host: '127.0.0.1', port: 0 });
const floorAddress = floor.server.address();
if (floorAddress === null || typeof floorAddress === 'string') throw new Error('not listening');

const searchRun = await autocannon({
  url: `${base}${searchPath}`,
  connections: 10,
  duration: DURATION,
  headers: searchHeaders,
});
const floorRun = await autocannon({
  url: `http://127.0.0.1:${floorAddress.port}/static`,
  connections: 10,
  duration: DURATION,
});

let next = 0;
const bookHeaders = spineHeaders(practice, 'appointmentCreate');
const bookRun = await autocannon({
  url: base,
  connections: 10,
  duration: DURATION,
  headers: bookHeaders,
  requests: [
    {
      method: 'POST',
      path: `${root}/Appointment`,
      setupRequest: (request) => {
        const slot = slots[next++ % slots.length];
        if (!slot) return request;
        return { ...request, body: JSON.stringify(bookingBody({ slots: [slot] })) };
      },
    },
  ],
});

const row = (name: string, run: CannonResult) =>
  `${name.padEnd(26)} p50 ${String(run.latency.p50).padStart(5)} ms  p99 ${String(run.latency.p99).padStart(5)} ms  ${run.requests.average.toFixed(0).padStart(6)} req/s`;
console.log(
  `Slot search: ${slots.length} slots, ${(bytes.length / 1024).toFixed(0)} KiB per response, 10 connections, ${DURATION} s each`,
);
console.log(row('14-day slot search', searchRun));
console.log(row('static same bytes (floor)', floorRun));
console.log(
  `search / floor: ${(floorRun.requests.average / searchRun.requests.average).toFixed(2)}× slower, p50 +${(searchRun.latency.p50 - floorRun.latency.p50).toFixed(1)} ms`,
);
const created = bookRun.statusCodeStats['201']?.count ?? 0;
const duplicates = bookRun.statusCodeStats['409']?.count ?? 0;
console.log(row('book (one slot each)', bookRun));
console.log(
  `bookings: ${created} × 201 over ${DURATION} s (${(created / DURATION).toFixed(0)}/s); ${duplicates} × 409 once the ${slots.length} slots ran out`,
);

await provider.close();
await floor.close();
store.close();
