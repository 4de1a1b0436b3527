/**
 * `npm run bench:bff`: `GET /api/slots` through the BFF (session, validation, GP Connect call with a fresh RS512
 * Spine JWT, FHIR parsing and joining, answer check, JSON, compression) against the GP Connect slot search it wraps,
 * sent straight to the provider: the very request the BFF sent (URL and headers, JWT included, recorded by the
 * provider during a warm-up call). The reference provider runs in a process of its own (a real one is on another
 * machine), the BFF in another, the load in this one. Demo seed's busiest practice, 14 days; at 1 and at 10
 * connections, subject and floor alternating (2 runs of 4 s each). Then the BFF against a bare pass-through
 * (lib/pass-through-process.ts: that request forwarded untouched, in a process of its own): what the extra hop
 * alone costs. Ends with `value` and `ratio` lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDaysToLondonDate, todayInLondon } from '@gpbook/shared/time';
import { compare, type Comparison, type Target } from './lib/load.js';
import { startChild } from './lib/ipc.js';
import type { PassThroughInfo } from './lib/pass-through-process.js';
import type { RecordedRequest } from './lib/provider-process.js';
import { Figures, RUN_HEADER, runRow, table } from './lib/report.js';
import { BROWSER_HEADERS, startBenchStack } from './lib/stack.js';

const PRACTICE = 'Y90001';
const ROUNDS = 2;
const SECONDS = 4;
/** Load before each comparison, so the BFF's code is compiled (JIT) before it is measured. */
const WARMUP_SECONDS = 3;
/**
 * Hop-by-hop and per-connection headers autocannon sets itself; and the BFF's `If-None-Match`, which names the answer
 * it holds (docs/decisions/0041): the floor is the full search, answered in full every time.
 */
const NOT_REPLAYED = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'if-none-match',
]);

const dir = mkdtempSync(join(tmpdir(), 'gpbook-bench-bff-'));
const stack = await startBenchStack(dir);
const figures = new Figures();
try {
  // BENCH_CPU_PROF=<dir>: the BFF writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_CPU_PROF;
  const bff = await stack.startBff(
    'bff',
    {},
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  try {
    const from = addDaysToLondonDate(todayInLondon(), 1);
    const to = addDaysToLondonDate(from, 13);
    const bffUrl = `${bff.info.url}/api/slots?practice=${PRACTICE}&from=${from}&to=${to}`;
    const bffHeaders = { ...bff.info.headers, ...BROWSER_HEADERS };

    // The session's first call also looks the patient up at the practice (kept in the session after). Then one
    // more call, recording what reaches the provider: the request to replay straight to it.
    await stack.provider.call('record', { on: true });
    await (await fetch(bffUrl, { headers: bffHeaders })).arrayBuffer();
    const firstCalls = await stack.provider.call<RecordedRequest[]>('record', { on: true });
    const sample = await fetch(bffUrl, { headers: bffHeaders });
    const sampleText = await sample.text();
    const calls = await stack.provider.call<RecordedRequest[]>('record', { on: false });
    if (sample.status !== 200)
      throw new Error(`GET /api/slots answered ${sample.status}: ${sampleText.slice(0, 300)}`);
    const sampleBody = JSON.parse(sampleText) as { days: Array<{ slots: unknown[] }> };
    const slotCount = sampleBody.days.reduce((total, day) => total + day.slots.length, 0);
    const search = calls.find((call) => call.method === 'GET' && /\/Slot\?/.test(call.url));
    if (!search) throw new Error(`the BFF made no slot search: ${calls.map((call) => call.url).join(', ')}`);
    const providerHeaders = Object.fromEntries(
      Object.entries(search.headers).filter(([name]) => !NOT_REPLAYED.has(name)),
    );
    const providerUrl = `${stack.provider.info.url}${search.url}`;
    const direct = await fetch(providerUrl, { headers: providerHeaders });
    await direct.arrayBuffer();
    if (direct.status !== 200) throw new Error(`the replayed slot search answered ${direct.status}`);

    const subject: Target = { name: 'BFF', url: bffUrl, headers: bffHeaders, servers: [bff, stack.provider] };
    const floor: Target = {
      name: 'provider',
      url: providerUrl,
      headers: providerHeaders,
      servers: [bff, stack.provider],
    };
    const runs: Array<[number, Comparison]> = [];
    for (const connections of [1, 10]) {
      runs.push([
        connections,
        await compare(subject, floor, {
          connections,
          seconds: SECONDS,
          rounds: ROUNDS,
          warmupSeconds: WARMUP_SECONDS,
        }),
      ]);
    }
    // The extra hop alone: a bare pass-through in its own process, forwarding that same request untouched.
    const passThrough = await startChild<PassThroughInfo>(
      'pass-through',
      new URL('./lib/pass-through-process.ts', import.meta.url),
    );
    const hops: Array<[number, Comparison]> = [];
    try {
      await passThrough.call('target', { url: providerUrl, headers: providerHeaders });
      const hop: Target = {
        name: 'pass-through',
        url: passThrough.info.url,
        servers: [passThrough, stack.provider],
      };
      for (const connections of [1, 10]) {
        hops.push([
          connections,
          await compare(subject, hop, {
            connections,
            seconds: SECONDS,
            rounds: ROUNDS,
            warmupSeconds: WARMUP_SECONDS,
          }),
        ]);
      }
    } finally {
      await passThrough.close();
    }

    console.log(
      `\nGET /api/slots at ${PRACTICE}, ${from}..${to}: ${slotCount} free slots. Provider requests per call: ` +
        `${describe(calls)} (the session's first call: ${describe(firstCalls)}). ` +
        `The BFF's search names the answer it holds: If-None-Match ${search.headers['if-none-match'] ?? 'not sent'}.`,
    );
    console.log(
      `Floor: that slot search replayed straight to the provider (Accept-Encoding: ${providerHeaders['accept-encoding'] ?? 'none'}); ` +
        `the BFF is called as a browser calls it (Accept-Encoding: ${BROWSER_HEADERS['accept-encoding']}).`,
    );
    console.log(`Provider, BFF and load in three processes; ${ROUNDS} × ${SECONDS} s each, alternating.\n`);
    const cpu = ['bff', 'provider'];
    console.log(
      table(
        RUN_HEADER,
        runs.flatMap(([connections, run]) => [
          runRow(`BFF GET /api/slots @${connections}`, run.subject, cpu),
          runRow(`provider slot search @${connections}`, run.floor, cpu),
        ]),
      ),
    );
    console.log(
      table(
        RUN_HEADER,
        hops.flatMap(([connections, run]) => [
          runRow(`BFF GET /api/slots @${connections}`, run.subject, cpu),
          runRow(`bare pass-through @${connections}`, run.floor, ['pass-through', 'provider']),
        ]),
      ),
    );
    for (const [connections, run] of runs) {
      console.log(
        `@${connections}: BFF / provider ${run.ratio.toFixed(2)}× the time per request, p50 +${(run.subject.p50 - run.floor.p50).toFixed(0)} ms`,
      );
    }
    for (const [connections, run] of hops) {
      console.log(
        `@${connections}: BFF / bare pass-through ${run.ratio.toFixed(2)}× the time per request, p50 +${(run.subject.p50 - run.floor.p50).toFixed(0)} ms`,
      );
    }

    figures.value('bff-slots-count', slotCount, 'slots', 0);
    for (const [connections, run] of runs) {
      figures.check(`BFF @${connections}`, run.subject);
      figures.check(`provider @${connections}`, run.floor);
      figures.value(`bff-slots@${connections}`, run.subject.rps, 'req/s');
      figures.value(`bff-slots-p50@${connections}`, run.subject.p50, 'ms', 0);
      figures.value(`bff-slots-bff-cpu@${connections}`, run.subject.cpuMsPerRequest[0] ?? 0, 'ms/req');
      figures.value(`provider-search@${connections}`, run.floor.rps, 'req/s');
      figures.value(`provider-search-p50@${connections}`, run.floor.p50, 'ms', 0);
      figures.value(`provider-search-cpu@${connections}`, run.floor.cpuMsPerRequest[1] ?? 0, 'ms/req');
    }
    for (const [connections, run] of hops) {
      figures.check(`pass-through @${connections}`, run.floor);
      figures.value(`pass-through@${connections}`, run.floor.rps, 'req/s');
      figures.value(`pass-through-p50@${connections}`, run.floor.p50, 'ms', 0);
    }
    for (const [connections, run] of runs)
      figures.ratio(`bff-slots/provider-search@${connections}`, run.ratio);
    for (const [connections, run] of hops) figures.ratio(`bff-slots/pass-through@${connections}`, run.ratio);
  } finally {
    await bff.close();
  }
} finally {
  await stack.provider.close();
  rmSync(dir, { recursive: true, force: true });
}
figures.print();

function describe(calls: RecordedRequest[]): string {
  return calls.map((call) => `${call.method} ${call.url.split('?')[0]}`).join(', ') || 'none';
}
