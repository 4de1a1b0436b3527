/**
 * `npm run bench:web:tasks -- TRACE [--dist=web/dist] [--min=12.5] [--leaves]`: the main-thread tasks of one page
 * load, read from a trace that `bench:web --save-traces` kept (bench-results/lighthouse/PAGE-N-0.trace.json). It prints:
 * - how many tasks ran after the first contentful paint and their time, and the part of each task over 12.5 ms,
 *   which is what Lighthouse's TBT counts at its 4× CPU slowdown (its own figure comes from a simulation, so the
 *   two differ);
 * - each task of at least `--min` ms after the first paint, with the trace events under it (script evaluation,
 *   layout, timers…), and where the trace has JavaScript samples (`--save-traces=samples`), the functions the
 *   samples fell in, mapped through the build's source maps to our sources and packages (`--leaves`: also the
 *   innermost functions, wherever they are, for the cost inside a package).
 * This is how decision 0082's findings were made. Times are the browser's own, without Lighthouse's slowdown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CallFrame {
  functionName: string;
  /** Absent for the profiler's own nodes ((root), (program), (idle), (garbage collector)). */
  url?: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: CallFrame;
}

/** A sampled profile of one thread, put together from its `Profile` and `ProfileChunk` events. */
interface Profile {
  startTime: number;
  nodes: Map<number, ProfileNode>;
  samples: number[];
  timeDeltas: number[];
}

/** One JavaScript sample: when, and the functions on the stack from the innermost out. */
interface Sample {
  ts: number;
  stack: string[];
}

/** Lighthouse's TBT counts a task's time beyond 50 ms at 4× slowdown: beyond 12.5 ms here. */
const BLOCKING_MS = 12.5;

function option(name: string, fallback: string): string {
  const arg = process.argv.find((candidate) => candidate.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

function isTask(event: TraceEvent): boolean {
  return event.ph === 'X' && (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask');
}

/** The page's main thread: the renderer main thread with the most complete events. */
function mainThread(events: readonly TraceEvent[]): string {
  const names = new Map<string, string>();
  for (const event of events)
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name)
      names.set(`${event.pid}:${event.tid}`, event.args.name);
  const counts = new Map<string, number>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (event.ph === 'X' && names.get(key) === 'CrRendererMain') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best) throw new Error('the trace has no renderer main thread');
  return best[0];
}

/** The thread's sampled profiles (profile ids are per process, so keyed with it). */
function profiles(events: readonly TraceEvent[], thread: string): Profile[] {
  const byId = new Map<string, Profile>();
  for (const event of events) {
    const key = `${event.pid}:${event.id ?? ''}`;
    const data = event.args?.data;
    if (event.name === 'Profile' && `${event.pid}:${event.tid}` === thread && data)
      byId.set(key, { startTime: Number(data['startTime']), nodes: new Map(), samples: [], timeDeltas: [] });
    const profile = byId.get(key);
    if (event.name !== 'ProfileChunk' || !profile || !data) continue;
    const cpuProfile = data['cpuProfile'] as { nodes?: ProfileNode[]; samples?: number[] } | undefined;
    for (const node of cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    profile.samples.push(...(cpuProfile?.samples ?? []));
    profile.timeDeltas.push(...((data['timeDeltas'] as number[] | undefined) ?? []));
  }
  return [...byId.values()];
}

/** Names a call frame by where it is in our sources or packages, through the build's source maps. */
function frameNamer(dist: string): (frame: CallFrame) => string {
  const maps = new Map<string, SourceMapConsumer | undefined>();
  const consumer = (url: string) => {
    const file = url.slice(url.lastIndexOf('/assets/') + '/assets/'.length);
    if (!maps.has(file)) {
      const path = join(dist, 'assets', `${file}.map`);
      maps.set(file, existsSync(path) ? new SourceMapConsumer(readFileSync(path, 'utf8')) : undefined);
    }
    return maps.get(file);
  };
  return (frame) => {
    const url = frame.url ?? '';
    const map = url.includes('/assets/') ? consumer(url) : undefined;
    const at = map?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    if (!at?.source) return frame.functionName || (url ? url.replace(/^.*\//, '') : '(native)');
    const source = at.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
    return `${at.name ?? (frame.functionName || 'anonymous')} ${source}`;
  };
}

function samplesOf(profile: Profile, name: (frame: CallFrame) => string): Sample[] {
  const parents = new Map<number, number>();
  for (const node of profile.nodes.values()) {
    if (node.parent !== undefined) parents.set(node.id, node.parent);
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const samples: Sample[] = [];
  let ts = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    ts += profile.timeDeltas[index] ?? 0;
    const stack: string[] = [];
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const node = profile.nodes.get(id);
      if (node) stack.push(name(node.callFrame));
    }
    if (stack[0] !== '(idle)') samples.push({ ts, stack });
  });
  return samples;
}

/** Where a named frame is: our code, a package (by its name), or the builtin or profiler node itself. */
function whereIs(frame: string): string {
  const source = frame.split(' ')[1];
  if (source === undefined) return frame;
  if (/^(src|shared\/src|bench)\//.test(source)) return 'our code';
  const parts = source.split('/');
  return (source.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** What a sample is counted as: the innermost frame of our own code, and where the innermost frame was. */
function sampleLabel(stack: readonly string[]): string {
  const ours = stack.find((frame) => whereIs(frame) === 'our code');
  const where = whereIs(stack[0] ?? '');
  return ours ? `${ours} > ${where}` : where;
}

/** How many of `items` fall under each key. */
function tally<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function top<K>(counts: Map<K, number>, count: number): Array<[K, number]> {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const tracePath = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!tracePath || !existsSync(tracePath)) {
  console.error(
    tracePath
      ? `no such trace: ${tracePath}`
      : 'usage: npm run bench:web:tasks -- TRACE.json [--dist=web/dist] [--min=12.5] [--leaves]',
  );
  process.exit(2);
}
const dist = option('dist', 'web/dist');
const minimum = Number(option('min', String(BLOCKING_MS)));
const leaves = process.argv.includes('--leaves');
const raw = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
const thread = mainThread(events);
const navigation = events.find(
  (event) => event.name === 'navigationStart' && event.args?.data?.['isLoadingMainFrame'],
);
const paint = events.find((event) => event.name === 'firstContentfulPaint');
if (!navigation || !paint) throw new Error('the trace has no navigation start or first contentful paint');
const ms = (ts: number) => ((ts - navigation.ts) / 1000).toFixed(0);
const onThread = events
  .filter((event) => `${event.pid}:${event.tid}` === thread && event.ph === 'X' && event.dur !== undefined)
  .sort((a, b) => a.ts - b.ts);
const tasks = onThread.filter((event) => isTask(event) && event.ts >= paint.ts);
const name = frameNamer(dist);
const samples = profiles(events, thread)
  .flatMap((profile) => samplesOf(profile, name))
  .sort((a, b) => a.ts - b.ts);

const total = tasks.reduce((sum, task) => sum + (task.dur ?? 0) / 1000, 0);
const blocking = tasks.reduce((sum, task) => sum + Math.max(0, (task.dur ?? 0) / 1000 - BLOCKING_MS), 0);
console.log(`first contentful paint at ${ms(paint.ts)} ms`);
console.log(
  `after it: ${tasks.length} tasks, ${total.toFixed(0)} ms; beyond ${BLOCKING_MS} ms each: ${blocking.toFixed(0)} ms`,
);
console.log(samples.length ? `${samples.length} JavaScript samples` : 'no JavaScript samples in this trace');
for (const task of tasks) {
  const duration = (task.dur ?? 0) / 1000;
  if (duration < minimum) continue;
  const end = task.ts + (task.dur ?? 0);
  console.log(`\ntask at ${ms(task.ts)} ms: ${duration.toFixed(1)} ms`);
  const inside = new Map<string, number>();
  for (const event of onThread) {
    if (event === task || event.ts < task.ts || event.ts >= end || (event.dur ?? 0) < 1000) continue;
    const url = event.args?.data?.['url'];
    const label = `${event.name}${typeof url === 'string' && url ? ` ${url.replace(/^.*\//, '')}` : ''}`;
    inside.set(label, Math.max(inside.get(label) ?? 0, (event.dur ?? 0) / 1000));
  }
  for (const [label, longest] of top(inside, 8))
    console.log(`  ${longest.toFixed(1).padStart(6)} ms  ${label}`);
  const within = samples.filter((sample) => sample.ts >= task.ts && sample.ts < end);
  if (!within.length) continue;
  const by = tally(within, (sample) => sampleLabel(sample.stack));
  for (const [label, count] of top(by, 8)) console.log(`  ${String(count).padStart(6)} samples  ${label}`);
  if (!leaves) continue;
  const byLeaf = tally(within, (sample) => sample.stack[0] ?? '');
  console.log('    innermost functions:');
  for (const [leaf, count] of top(byLeaf, 10)) console.log(`  ${String(count).padStart(6)} samples  ${leaf}`);
}
