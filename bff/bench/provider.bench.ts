/**
 * `npm run bench:provider`: the reference provider's 14-day slot search on a ten-clinician practice (4,500 free
 * slots), as our BFF sends it, against its floor: a bare Fastify route in the same process serving the same bytes
 * (HTTP + transfer with no work). Without `Accept-Encoding` (floor: the plain bytes) and with `Accept-Encoding: gzip`
 * (floor: the same bytes gzipped once, served as they are). The provider runs in a process of its own; load comes
 * from this one. 10 connections; subject and floor alternate (2 runs of 4 s each). Then booking throughput.
 * A script, not a test: it prints figures and ends with `value` and `ratio` lines; it asserts nothing on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import { slotSearchQuery } from '../src/gpconnect/slots.js';
import { bookingBody } from '../src/provider/test-support/appointment-body.js';
import { spineHeaders } from '../src/provider/test-support/spine-request.js';
import { startChild } from './lib/ipc.js';
import { compare, type Target } from './lib/load.js';
import type { ProviderInfo } from './lib/provider-process.js';
import { Figures, RUN_HEADER, runRow, table } from './lib/report.js';
import { writeSeed } from './lib/seed.js';

const CONNECTIONS = 10;
const ROUNDS = 2;
const SECONDS = 4;
const BOOK_SECONDS = 3;

const dir = mkdtempSync(join(tmpdir(), 'gpbook-bench-provider-'));
const { path: seedPath, config } = writeSeed(dir, [
  { odsCode: 'B10001', asid: '900000000001', clinicians: 10 },
]);
const practice = config.practices[0];
if (!practice) throw new Error('no practice in the bench seed');
const provider = await startChild<ProviderInfo>(
  'provider',
  new URL('./lib/provider-process.ts', import.meta.url),
  {
    env: { BENCH_SEED: seedPath },
  },
);
const figures = new Figures();

try {
  const root = `${provider.info.url}/${practice.odsCode}/STU3/1/gpconnect`;
  const from = addDaysToLondonDate(todayInLondon(), 1);
  const to = addDaysToLondonDate(from, 13);
  const query = new URLSearchParams(
    slotSearchQuery({ start: from, end: to, consumerOds: 'GPA001', consumerOrgType: 'gp-practice' }),
  );
  const searchUrl = `${root}/Slot?${query.toString()}`;
  const { 'content-type': _unused, ...headers } = spineHeaders(practice, 'slotSearch');

  // The answer as it goes on the wire without compression (fetch would ask for gzip and inflate it unseen).
  const sample = await fetch(searchUrl, { headers: { ...headers, 'accept-encoding': 'identity' } });
  const bytes = await sample.text();
  if (sample.status !== 200) throw new Error(`slot search answered ${sample.status}: ${bytes.slice(0, 300)}`);
  const bundle = JSON.parse(bytes) as {
    entry?: Array<{ resource: { resourceType: string; id: string; start: string; end: string } }>;
  };
  const slots = (bundle.entry ?? []).map((entry) => entry.resource).filter((r) => r.resourceType === 'Slot');
  const floor = await provider.call<{ url: string; bytes: number; gzipBytes: number }>('floor', {
    body: bytes,
    contentType: sample.headers.get('content-type') ?? 'application/fhir+json',
  });

  const gzip = { 'accept-encoding': 'gzip' };
  const servers = [provider];
  const search: Target = { name: 'slot search', url: searchUrl, headers, servers };
  const floorPlain: Target = { name: 'static same bytes', url: `${floor.url}/plain`, servers };
  const searchGzip: Target = {
    name: 'slot search, gzip',
    url: searchUrl,
    headers: { ...headers, ...gzip },
    servers,
  };
  const floorGzip: Target = {
    name: 'static same bytes, gzip',
    url: `${floor.url}/gzip`,
    headers: gzip,
    servers,
  };
  const options = { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS };
  const plain = await compare(search, floorPlain, options);
  const gzipped = await compare(searchGzip, floorGzip, options);

  // Booking throughput: each request books the next free slot of the search (409 once they run out).
  const bookRun = await bookAll(
    provider.info.url,
    `/${practice.odsCode}/STU3/1/gpconnect/Appointment`,
    spineHeaders(practice, 'appointmentCreate'),
    slots,
  );

  console.log(
    `\nProvider 14-day slot search at ${practice.odsCode} (10 clinicians), ${from}..${to}: ${slots.length} slots, ` +
      `${(floor.bytes / 1024).toFixed(0)} KiB per answer (${(floor.gzipBytes / 1024).toFixed(0)} KiB gzipped); ` +
      `${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, alternating. Provider in its own process.`,
  );
  console.log(
    table(RUN_HEADER, [
      runRow('slot search', plain.subject, ['provider']),
      runRow('floor: static same bytes', plain.floor, ['provider']),
      runRow('slot search, gzip', gzipped.subject, ['provider']),
      runRow('floor: static gzipped bytes', gzipped.floor, ['provider']),
    ]),
  );
  console.log(
    `search / floor: ${plain.ratio.toFixed(2)}× the time per request; with gzip ${gzipped.ratio.toFixed(2)}×`,
  );
  console.log(
    `booking: ${bookRun.created} × 201 in ${BOOK_SECONDS} s (${(bookRun.created / BOOK_SECONDS).toFixed(0)}/s), ` +
      `p50 ${bookRun.p50} ms; ${bookRun.conflicts} × 409 once the ${slots.length} slots ran out`,
  );

  figures.check('slot search', plain.subject);
  figures.check('slot search floor', plain.floor);
  figures.check('slot search gzip', gzipped.subject);
  figures.check('slot search gzip floor', gzipped.floor);
  figures.value('provider-search-slots', slots.length, 'slots', 0);
  figures.value('provider-search', plain.subject.rps, 'req/s');
  figures.value('provider-search-p50', plain.subject.p50, 'ms', 0);
  figures.value('provider-search-cpu', plain.subject.cpuMsPerRequest[0] ?? 0, 'ms/req');
  figures.value('provider-search-floor', plain.floor.rps, 'req/s');
  figures.value('provider-search-floor-p50', plain.floor.p50, 'ms', 0);
  figures.value('provider-search-gzip', gzipped.subject.rps, 'req/s');
  figures.value('provider-search-gzip-p50', gzipped.subject.p50, 'ms', 0);
  figures.value('provider-search-gzip-cpu', gzipped.subject.cpuMsPerRequest[0] ?? 0, 'ms/req');
  figures.value('provider-search-gzip-floor', gzipped.floor.rps, 'req/s');
  figures.value('provider-search-gzip-floor-p50', gzipped.floor.p50, 'ms', 0);
  figures.value('provider-book', bookRun.created / BOOK_SECONDS, 'req/s', 0);
  figures.ratio('provider-search/floor', plain.ratio);
  figures.ratio('provider-search-gzip/floor', gzipped.ratio);
} finally {
  await provider.close();
  rmSync(dir, { recursive: true, force: true });
}
figures.print();

async function bookAll(
  url: string,
  path: string,
  headers: Record<string, string>,
  slots: Array<{ id: string; start: string; end: string }>,
): Promise<{ created: number; conflicts: number; p50: number }> {
  interface BookResult {
    latency: { p50: number };
    statusCodeStats: Record<string, { count: number } | undefined>;
  }
  type Request = { body?: string; headers?: Record<string, string> };
  const cannon = createRequire(import.meta.url)('autocannon') as (options: {
    url: string;
    connections: number;
    duration: number;
    headers: Record<string, string>;
    requests: Array<{ method: string; path: string; setupRequest: (request: Request) => Request }>;
  }) => Promise<BookResult>;
  let next = 0;
  const result = await cannon({
    url,
    connections: CONNECTIONS,
    duration: BOOK_SECONDS,
    headers,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (request) => {
          const slot = slots[next++ % slots.length];
          return slot ? { ...request, body: JSON.stringify(bookingBody({ slots: [slot] })) } : request;
        },
      },
    ],
  });
  return {
    created: result.statusCodeStats['201']?.count ?? 0,
    conflicts: result.statusCodeStats['409']?.count ?? 0,
    p50: result.latency.p50,
  };
}
