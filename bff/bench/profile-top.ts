/**
 * `npm run bench:profile -- PROFILE_OR_DIR [--top=20] [--from=SECONDS]`: the top entries of a V8 CPU profile, such
 * as the one `BENCH_CPU_PROF=<dir> npm run bench:bff` has the BFF write (the newest `.cpuprofile` in a directory).
 * It prints where the process's busy time went: by area (our sources, each package, Node's own JavaScript, native
 * code and the garbage collector), then the functions with the most self time, each with its file and line. Idle
 * time is left out of the shares; `--from=` leaves out the first seconds (the process's start, whose module loading
 * is no request's cost). This is how the profile figures in decision 0041 and the issue notes are made.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The profile file: the path itself, or the newest `.cpuprofile` in that directory. */
function profileFile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const [newest] = readdirSync(path)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => ({ file: join(path, name), mtimeMs: statSync(join(path, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  if (newest === undefined) throw new Error(`no .cpuprofile in ${path}`);
  return newest.file;
}

/** Which part of the process a frame belongs to: ours, a package, Node's own JavaScript, or the VM's. */
function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)' || functionName === '(idle)' || functionName === '(program)')
      return functionName;
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node (its own JavaScript)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch?.[1] !== undefined) return packageMatch[1];
  const workspace = /\/(bff|shared|web)\/(src|dist|bench)\//.exec(url);
  if (workspace) return `ours: ${workspace[1]}/${workspace[2]}`;
  return url;
}

interface SelfTime {
  key: string;
  area: string;
  ms: number;
}

/**
 * Self time per function (name, file and line), in milliseconds, idle included, for the samples from `fromMs` into
 * the profile on (to leave out the process's start: loading modules is not what a request costs).
 */
function selfTimes(
  profile: CpuProfile,
  fromMs: number,
  root = process.cwd(),
): { functions: SelfTime[]; total: number } {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
  const byKey = new Map<string, SelfTime>();
  let total = 0;
  let at = 0;
  profile.samples.forEach((id, index) => {
    const node = byNode.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    at += ms;
    if (!node || at < fromMs) return;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.startsWith('file://') ? relative(root, new URL(url).pathname) : url;
    const key = url === '' ? functionName : `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    const entry = byKey.get(key) ?? { key, area: areaOf(node.callFrame), ms: 0 };
    entry.ms += ms;
    byKey.set(key, entry);
  });
  return { functions: [...byKey.values()].sort((a, b) => b.ms - a.ms), total };
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1).padStart(5)}%`;
}

function main(): void {
  const args = process.argv.slice(2);
  const path = args.find((arg) => !arg.startsWith('--'));
  const option = (name: string, fallback: number) =>
    Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
  const top = option('top', 20);
  const fromSeconds = option('from', 0);
  if (path === undefined || !Number.isInteger(top) || top < 1 || !(fromSeconds >= 0)) {
    console.error('usage: npm run bench:profile -- PROFILE_OR_DIR [--top=20] [--from=SECONDS]');
    process.exit(2);
  }
  const file = profileFile(path);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { functions, total } = selfTimes(profile, fromSeconds * 1000);
  const idle = functions.filter((entry) => entry.area === '(idle)').reduce((sum, entry) => sum + entry.ms, 0);
  const busy = total - idle;
  if (busy <= 0) throw new Error(`${file} holds no busy samples`);
  console.log(
    `${file}: ${total.toFixed(0)} ms sampled from ${fromSeconds} s on, ${busy.toFixed(0)} ms busy (shares below are of busy time)\n`,
  );

  const areas = new Map<string, number>();
  for (const entry of functions) {
    if (entry.area !== '(idle)') areas.set(entry.area, (areas.get(entry.area) ?? 0) + entry.ms);
  }
  console.log('By area');
  for (const [area, ms] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${percent(ms, busy)}  ${ms.toFixed(0).padStart(6)} ms  ${area}`);

  console.log(`\nTop ${top} functions by self time`);
  for (const entry of functions.filter((candidate) => candidate.area !== '(idle)').slice(0, top))
    console.log(
      `  ${percent(entry.ms, busy)}  ${entry.ms.toFixed(0).padStart(6)} ms  ${entry.key}  [${entry.area}]`,
    );
}

main();
