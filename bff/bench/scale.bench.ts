/**
 * `npm run bench:scale`: how cost grows (issue 12 item 6). Each server in a process of its own, load from this one.
 *
 * 1. Provider slot search time against clinicians (1, 10, 30) and range (1, 7, 14 days from a Monday): seeds built
 *    here in the provider's configuration format, one connection, the first (cold) search and then 2 s of repeats.
 * 2. BFF memory (RSS and heap after a full GC) before and after 10,000 signed-in sessions in the memory session
 *    store, each started through the SessionManager and holding its patient's id at the practice.
 * 3. Request throughput of two BFF instances sharing Redis against one (10 connections in all, split between the
 *    instances), for `GET /api/session` (session and rate limit in Redis only) and `GET /api/slots` (the provider
 *    behind it). Runs alternate one, two, two, one. Skipped when Redis does not answer (BENCH_REDIS_URL, default
 *    redis://127.0.0.1:6379); its keys live under a prefix of their own and are deleted at the end.
 *
 * Ends with `value` and `ratio` lines; asserts nothing on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDaysToLondonDate, todayInLondon, type LondonDate } from '@gpbook/shared/time';
import { Redis } from 'ioredis';
import { slotSearchQuery } from '../src/gpconnect/slots.js';
import { spineHeaders } from '../src/provider/test-support/spine-request.js';
import type { BffInfo } from './lib/bff-process.js';
import { startChild, type Child, type Memory } from './lib/ipc.js';
import { measure, together, type Target } from './lib/load.js';
import type { ProviderInfo } from './lib/provider-process.js';
import { Figures, table } from './lib/report.js';
import { writeSeed } from './lib/seed.js';
import { BROWSER_HEADERS, startBenchStack } from './lib/stack.js';

const CLINICIANS = [1, 10, 30];
const DAYS = [1, 7, 14];
const SESSIONS = 10_000;
const SEARCH_SECONDS = 1.5;
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const figures = new Figures();
const dir = mkdtempSync(join(tmpdir(), 'gpbook-bench-scale-'));

try {
  await providerGrowth();
  await bffScale();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
figures.print();

/** The next Monday after today (UK date), so every range starts on the same weekday. */
function nextMonday(): LondonDate {
  let day = addDaysToLondonDate(todayInLondon(), 1);
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = addDaysToLondonDate(day, 1);
  return day;
}

async function providerGrowth(): Promise<void> {
  const practices = CLINICIANS.map((clinicians, i) => ({
    odsCode: `B1000${i + 1}`,
    asid: `90000000000${i + 1}`,
    clinicians,
  }));
  const { path, config } = writeSeed(dir, practices);
  const provider = await startChild<ProviderInfo>(
    'provider',
    new URL('./lib/provider-process.ts', import.meta.url),
    {
      env: { BENCH_SEED: path },
    },
  );
  try {
    const from = nextMonday();
    const timeRows: Array<Array<string | number>> = [];
    const sizeRows: Array<Array<string | number>> = [];
    const ms = new Map<string, number>();
    for (const [i, practice] of config.practices.entries()) {
      const clinicians = CLINICIANS[i] ?? 0;
      const { 'content-type': _unused, ...headers } = spineHeaders(practice, 'slotSearch');
      const name = `${clinicians} clinician${clinicians === 1 ? '' : 's'}`;
      const timeRow: Array<string | number> = [name];
      const sizeRow: Array<string | number> = [name];
      for (const days of DAYS) {
        const query = new URLSearchParams(
          slotSearchQuery({
            start: from,
            end: addDaysToLondonDate(from, days - 1),
            consumerOds: 'GPA001',
            consumerOrgType: 'gp-practice',
          }),
        );
        const url = `${provider.info.url}/${practice.odsCode}/STU3/1/gpconnect/Slot?${query.toString()}`;
        const started = performance.now();
        const first = await fetch(url, { headers: { ...headers, 'accept-encoding': 'identity' } });
        const text = await first.text();
        const coldMs = performance.now() - started;
        if (first.status !== 200)
          throw new Error(`slot search answered ${first.status}: ${text.slice(0, 300)}`);
        const entries =
          (JSON.parse(text) as { entry?: Array<{ resource: { resourceType: string } }> }).entry ?? [];
        const slots = entries.filter((entry) => entry.resource.resourceType === 'Slot').length;
        const run = await measure(
          { name: 'search', url, headers, servers: [provider] },
          { connections: 1, seconds: SEARCH_SECONDS, warmupSeconds: 0 },
        );
        figures.check(`provider search ${clinicians} clinicians ${days} days`, run);
        ms.set(`${clinicians}/${days}`, run.msPerRequest);
        timeRow.push(`${run.msPerRequest.toFixed(1)} (cpu ${(run.cpuMsPerRequest[0] ?? 0).toFixed(1)})`);
        sizeRow.push(`${slots} slots, ${(text.length / 1024).toFixed(0)} KiB, first ${coldMs.toFixed(0)} ms`);
        figures.value(`provider-search-c${clinicians}-d${days}`, run.msPerRequest, 'ms');
      }
      timeRows.push(timeRow);
      sizeRows.push(sizeRow);
    }
    const header = ['', ...DAYS.map((days) => `${days} day${days === 1 ? '' : 's'}`)];
    console.log(
      `\nProvider slot search, from ${from} (a Monday), as our BFF sends it, no compression, one connection: mean ms ` +
        `per search over ${SEARCH_SECONDS} s of repeats (provider CPU ms per search)`,
    );
    console.log(table(header, timeRows));
    console.log('\nWhat each answers (and the first, cold search of each)');
    console.log(table(header, sizeRows));
    const growth = (a: string, b: string) => (ms.get(a) ?? NaN) / (ms.get(b) ?? NaN);
    figures.ratio('provider-search-30/1-clinicians@14d', growth('30/14', '1/14'));
    figures.ratio('provider-search-30/10-clinicians@14d', growth('30/14', '10/14'));
    figures.ratio('provider-search-14/1-days@10c', growth('10/14', '10/1'));
  } finally {
    await provider.close();
  }
}

async function bffScale(): Promise<void> {
  const stack = await startBenchStack(dir);
  try {
    await sessionMemory(stack.startBff.bind(stack));
    await redisThroughput(stack.startBff.bind(stack));
  } finally {
    await stack.provider.close();
  }
}

type StartBff = (name: string, env?: Record<string, string>, execArgv?: string[]) => Promise<Child<BffInfo>>;

function slotsUrl(bff: Child<BffInfo>): string {
  const from = addDaysToLondonDate(todayInLondon(), 1);
  return `${bff.info.url}/api/slots?practice=Y90001&from=${from}&to=${addDaysToLondonDate(from, 13)}`;
}

async function sessionMemory(startBff: StartBff): Promise<void> {
  const bff = await startBff('bff (memory sessions)', {}, ['--expose-gc']);
  try {
    const started = await bff.memory();
    // Warm: a few slot lists and session reads, so what follows is the sessions' cost, not first-use allocations.
    for (let i = 0; i < 5; i++) {
      for (const path of [slotsUrl(bff), `${bff.info.url}/api/session`]) {
        const response = await fetch(path, { headers: { ...bff.info.headers, ...BROWSER_HEADERS } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      }
    }
    const before = await bff.memory();
    const made = await bff.call<{ ms: number; headers: Record<string, string> }>('sessions', {
      count: SESSIONS,
    });
    const after = await bff.memory();
    const check = await fetch(`${bff.info.url}/api/session`, { headers: made.headers });
    await check.arrayBuffer();
    if (check.status !== 200) figures.problem(`the ${SESSIONS}th session answered ${check.status}`);

    const row = (name: string, memory: Memory) => [
      name,
      memory.rssMiB.toFixed(1),
      memory.heapUsedMiB.toFixed(1),
      memory.heapTotalMiB.toFixed(1),
      memory.externalMiB.toFixed(1),
    ];
    const perSession = ((after.heapUsedMiB - before.heapUsedMiB) * 1024 * 1024) / SESSIONS;
    console.log(
      `\nBFF memory (after a full GC; the BFF runs under the tsx loader), memory session store; ` +
        `${SESSIONS.toLocaleString('en-GB')} sessions started through the SessionManager in ${(made.ms / 1000).toFixed(1)} s:`,
    );
    console.log(
      table(
        ['', 'RSS MiB', 'heap used MiB', 'heap total MiB', 'external MiB'],
        [
          row('just started, 1 session', started),
          row('warm (10 API calls), 1 session', before),
          row(`warm, ${(SESSIONS + 1).toLocaleString('en-GB')} sessions`, after),
          [
            `${SESSIONS.toLocaleString('en-GB')} sessions' cost`,
            (after.rssMiB - before.rssMiB).toFixed(1),
            (after.heapUsedMiB - before.heapUsedMiB).toFixed(1),
            (after.heapTotalMiB - before.heapTotalMiB).toFixed(1),
            (after.externalMiB - before.externalMiB).toFixed(1),
          ],
        ],
      ),
    );
    console.log(`heap per session: ${(perSession / 1024).toFixed(2)} KiB`);
    figures.value('bff-rss-started', started.rssMiB, 'MiB');
    figures.value('bff-rss-1-session', before.rssMiB, 'MiB');
    figures.value('bff-heap-1-session', before.heapUsedMiB, 'MiB');
    figures.value(`bff-rss-${SESSIONS}-sessions`, after.rssMiB, 'MiB');
    figures.value(`bff-heap-${SESSIONS}-sessions`, after.heapUsedMiB, 'MiB');
    figures.value('bff-heap-per-session', perSession / 1024, 'KiB', 2);
  } finally {
    await bff.close();
  }
}

async function redisThroughput(startBff: StartBff): Promise<void> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    console.log(
      `\nRedis at ${REDIS_URL} does not answer (${(error as Error).message}): two instances not measured.`,
    );
    redis.disconnect();
    return;
  }
  const prefix = `gpbook-bench-${process.pid}-${Date.now()}:`;
  const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
  const a = await startBff('bff A (Redis)', env);
  const b = await startBff('bff B (Redis)', env);
  try {
    // A's session is in Redis: B serves it as well.
    const headers = { ...a.info.headers, ...BROWSER_HEADERS };
    const endpoints: Array<[string, (bff: Child<BffInfo>) => string]> = [
      ['session', (bff) => `${bff.info.url}/api/session`],
      ['slots', slotsUrl],
    ];
    const rows: Array<Array<string | number>> = [];
    for (const [name, urlOf] of endpoints) {
      const target = (bff: Child<BffInfo>): Target => ({ name, url: urlOf(bff), headers });
      const one = [target(a)];
      const two = [target(a), target(b)];
      await together(two, { connections: 10, seconds: 1 });
      const runs: Record<'one' | 'two', Array<Awaited<ReturnType<typeof together>>>> = { one: [], two: [] };
      for (const which of ['one', 'two', 'two', 'one'] as const) {
        runs[which].push(
          await together(which === 'one' ? one : two, { connections: 10, seconds: 3, servers: [a, b] }),
        );
      }
      const mean = (list: Array<{ rps: number }>) => list.reduce((t, r) => t + r.rps, 0) / list.length;
      const p50 = (list: Array<{ p50: number }>) => list.reduce((t, r) => t + r.p50, 0) / list.length;
      const cpu = (list: Array<{ cpuMsPerRequest: number }>) =>
        list.reduce((t, r) => t + r.cpuMsPerRequest, 0) / list.length;
      for (const [which, list] of Object.entries(runs)) {
        for (const run of list) figures.check(`${name}, ${which} instance(s)`, run);
      }
      const oneRps = mean(runs.one);
      const twoRps = mean(runs.two);
      rows.push([
        `GET /api/${name}`,
        oneRps.toFixed(1),
        p50(runs.one).toFixed(0),
        cpu(runs.one).toFixed(2),
        twoRps.toFixed(1),
        p50(runs.two).toFixed(0),
        cpu(runs.two).toFixed(2),
        `${(twoRps / oneRps).toFixed(2)}×`,
      ]);
      figures.value(`bff-redis-1-instance-${name}`, oneRps, 'req/s');
      figures.value(`bff-redis-2-instances-${name}`, twoRps, 'req/s');
      figures.ratio(`bff-redis-2-instances/1-instance-${name}`, twoRps / oneRps);
    }
    console.log(
      `\nBFF throughput sharing Redis (${REDIS_URL}), 10 connections in all, 2 × 3 s each alternating; ` +
        `one provider process behind both:`,
    );
    console.log(
      table(
        [
          '',
          '1 instance req/s',
          'p50 ms',
          'BFF CPU ms/req',
          '2 instances req/s',
          'p50 ms',
          'BFF CPU ms/req',
          '2 / 1',
        ],
        rows,
      ),
    );
    console.log(
      'Here the load generator, both BFFs, the provider and Redis share two cores, so the 2 / 1 ratio is what a second\n' +
        'instance gives on this machine; BFF CPU ms/req (both instances together) is what a request costs an instance.',
    );
  } finally {
    await a.close();
    await b.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
