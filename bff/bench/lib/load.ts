/**
 * Load from the bench process with autocannon, against servers running in other processes. A comparison runs the
 * subject and its floor in alternation (subject, floor, floor, subject, ...), so that load from anything else on
 * the machine falls on both about equally: on a shared 2-core machine absolute figures swing, the ratio holds.
 */
import { createRequire } from 'node:module';
import type { Child } from './ipc.js';

interface CannonResult {
  duration: number;
  latency: { p50: number; p99: number; average: number };
  requests: { total: number; average: number };
  throughput: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  method?: string;
}
// autocannon ships no type declarations; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: CannonOptions,
) => Promise<CannonResult>;

export interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Server processes whose CPU time is charged to this target's requests (for CPU ms per request). */
  servers?: Array<Child<unknown>>;
}

export interface Run {
  requests: number;
  seconds: number;
  /** Requests per second over all rounds. */
  rps: number;
  /** Mean time per request at this concurrency (connections ÷ rps), in ms. */
  msPerRequest: number;
  /** Mean over rounds of autocannon's p50 and p99, in ms. */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Response bytes per request (as sent, so compressed when compressed). */
  bytesPerRequest: number;
  /** CPU ms per request of each server process named in the target, in the order given. */
  cpuMsPerRequest: number[];
}

async function once(
  target: Target,
  connections: number,
  seconds: number,
): Promise<CannonResult & { cpu: number[] }> {
  const servers = target.servers ?? [];
  const before = await Promise.all(servers.map((server) => server.cpuMs()));
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    ...(target.headers ? { headers: target.headers } : {}),
  });
  const after = await Promise.all(servers.map((server) => server.cpuMs()));
  return { ...result, cpu: after.map((ms, i) => ms - (before[i] ?? 0)) };
}

function combine(results: Array<CannonResult & { cpu: number[] }>, connections: number): Run {
  const requests = results.reduce((total, r) => total + r.requests.total, 0);
  const seconds = results.reduce((total, r) => total + r.duration, 0);
  const mean = (pick: (r: CannonResult) => number) =>
    results.reduce((t, r) => t + pick(r), 0) / results.length;
  const rps = requests / seconds;
  const cpuTotals = results[0]?.cpu.map((_, i) => results.reduce((t, r) => t + (r.cpu[i] ?? 0), 0)) ?? [];
  return {
    requests,
    seconds,
    rps,
    msPerRequest: (connections * 1000) / rps,
    p50: mean((r) => r.latency.p50),
    p99: mean((r) => r.latency.p99),
    non2xx: results.reduce((t, r) => t + r.non2xx, 0),
    errors: results.reduce((t, r) => t + r.errors + r.timeouts, 0),
    bytesPerRequest: results.reduce((t, r) => t + r.throughput.total, 0) / Math.max(requests, 1),
    cpuMsPerRequest: cpuTotals.map((ms) => ms / Math.max(requests, 1)),
  };
}

/** One target alone: a short warm-up, then `rounds` runs of `seconds`. */
export async function measure(
  target: Target,
  options: { connections: number; seconds: number; rounds?: number; warmupSeconds?: number },
): Promise<Run> {
  if ((options.warmupSeconds ?? 1) > 0) await once(target, options.connections, options.warmupSeconds ?? 1);
  const results = [];
  for (let round = 0; round < (options.rounds ?? 1); round++) {
    results.push(await once(target, options.connections, options.seconds));
  }
  return combine(results, options.connections);
}

export interface Comparison {
  subject: Run;
  floor: Run;
  /** How many times the floor's time per request the subject takes (floor rps ÷ subject rps). */
  ratio: number;
}

/**
 * The subject against its floor at `connections`: both warmed up, then `rounds` runs each in the order
 * S F F S S F... (ABBA), and the ratio of the requests each served per second over all its runs.
 */
export async function compare(
  subject: Target,
  floor: Target,
  options: { connections: number; seconds: number; rounds: number; warmupSeconds?: number },
): Promise<Comparison> {
  const warmup = options.warmupSeconds ?? 1;
  if (warmup > 0) {
    await once(subject, options.connections, warmup);
    await once(floor, options.connections, warmup);
  }
  const subjectRuns: Array<CannonResult & { cpu: number[] }> = [];
  const floorRuns: Array<CannonResult & { cpu: number[] }> = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? [subject, floor] : [floor, subject];
    for (const target of order) {
      const result = await once(target, options.connections, options.seconds);
      (target === subject ? subjectRuns : floorRuns).push(result);
    }
  }
  const s = combine(subjectRuns, options.connections);
  const f = combine(floorRuns, options.connections);
  return { subject: s, floor: f, ratio: f.rps / s.rps };
}

/**
 * Requests per second of several targets loaded at the same time (connections split between them), and the CPU
 * time of `servers` per request served.
 */
export async function together(
  targets: Target[],
  options: { connections: number; seconds: number; servers?: Array<Child<unknown>> },
): Promise<{ rps: number; p50: number; non2xx: number; errors: number; cpuMsPerRequest: number }> {
  const share = Math.max(1, Math.round(options.connections / targets.length));
  const servers = options.servers ?? [];
  const before = await Promise.all(servers.map((server) => server.cpuMs()));
  const results = await Promise.all(
    targets.map((target) => once({ ...target, servers: [] }, share, options.seconds)),
  );
  const after = await Promise.all(servers.map((server) => server.cpuMs()));
  const cpu = after.reduce((t, ms, i) => t + ms - (before[i] ?? 0), 0);
  const requests = results.reduce((t, r) => t + r.requests.total, 0);
  return {
    rps: results.reduce((t, r) => t + r.requests.total / r.duration, 0),
    p50: results.reduce((t, r) => t + r.latency.p50, 0) / results.length,
    non2xx: results.reduce((t, r) => t + r.non2xx, 0),
    errors: results.reduce((t, r) => t + r.errors + r.timeouts, 0),
    cpuMsPerRequest: cpu / Math.max(requests, 1),
  };
}
