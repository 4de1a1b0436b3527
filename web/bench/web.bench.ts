/**
 * `npm run bench:web` (tsx web/bench/web.bench.ts): our web app against its floor, a blank app with the same four
 * libraries (react, react-dom, React Router's data router, TanStack Query) built with Vite from web/bench/floor/.
 *
 * 1. Builds the app (`npm run build`, skipped with --skip-build) and the floor (into bench-results/web-floor/,
 *    precompressed as web/scripts/precompress.mjs does), and reports the initial route's JavaScript (entry chunk and
 *    its static imports, gzip) of each, and ours as a ratio to the floor's.
 * 2. Unless --no-lighthouse: serves each the same way (bff/dist/main.js, the floor through WEB_DIST), signs in with
 *    Playwright, and runs Lighthouse's mobile audit (the e2e workspace's devDependency, Chromium at CHROME_PATH or
 *    /usr/bin/chromium) on the floor page, our start, home and slot pages, and the floor page again, in that order;
 *    the floor's figures are the median of its runs. Each page's main-thread work over the whole load is reported
 *    beside TBT, as a ratio to the floor's too: it does not depend on where the first paint falls. --runs=N repeats
 *    the round (floor, start, home, slots) N times and takes each page's median (default 1: about a minute and a
 *    half). Each run gets a fresh Chromium (launched with Lighthouse's chrome-launcher) holding the signed-in pages'
 *    cookies as real cookies, and a run that ends on another address (sent to sign in) is not scored. Reports go to
 *    bench-results/lighthouse/, with each page's trace beside its report under --save-traces (with JavaScript
 *    samples under --save-traces=samples). --pages=home,slots scores only those of our pages.
 *
 * Ends with `value` and `ratio` lines, one per figure. A script, not a test: it asserts nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type * as Vite from 'vite';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface LighthouseJson {
  finalDisplayedUrl: string;
  categories: Record<
    string,
    { score: number | null; auditRefs: Array<{ id: string; weight: number }> } | undefined
  >;
  audits: Record<string, { numericValue?: number; score: number | null } | undefined>;
}

interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Main-thread work over the whole load (Lighthouse's breakdown, at its CPU slowdown), before the first paint too. */
  mainThread: number;
  /** Weighted audits that did not pass, in the categories other than performance. */
  failing: string[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = join(root, 'bench-results');
const appDist = join(root, 'web/dist');
const floorSource = join(root, 'web/bench/floor');
const floorDist = join(results, 'web-floor');
const args = new Set(process.argv.slice(2));
/** Lighthouse runs per page (--runs=N); the figures are each page's median. */
const RUNS = Math.max(
  1,
  Number(/^--runs=(\d+)$/.exec([...args].find((arg) => arg.startsWith('--runs=')) ?? '')?.[1] ?? 1),
);
// A script run by hand, not the BFF: it reads and passes on the environment of the processes it starts.
/* eslint-disable no-restricted-properties */
const CHROME = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const lines: string[] = [];
const value = (name: string, figure: number, unit: string, digits = 1) =>
  lines.push(`value ${name} ${figure.toFixed(digits)} ${unit}`);
const ratios: string[] = [];
const ratio = (name: string, figure: number) =>
  ratios.push(`ratio ${name} ${Number.isFinite(figure) ? figure.toFixed(3) : 'NaN'}`);

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
}

// KiB (1024 bytes); Vite's build log prints kB of 1000 bytes, so its figures read about 2.4% higher.
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Builds the blank-app floor with Vite (same plugin as the app: @vitejs/plugin-react) and precompresses it. */
async function buildFloor(): Promise<void> {
  const requireFromWeb = createRequire(join(root, 'web/package.json'));
  const vite = (await import(requireFromWeb.resolve('vite'))) as typeof Vite;
  const react = ((await import(requireFromWeb.resolve('@vitejs/plugin-react'))) as { default: () => unknown })
    .default;
  await vite.build({
    configFile: false,
    root: floorSource,
    logLevel: 'warn',
    plugins: [react() as never],
    build: { outDir: floorDist, emptyOutDir: true, manifest: true, cssMinify: 'esbuild' },
  });
  precompress(floorDist);
}

/** As web/scripts/precompress.mjs does for the app: .br and .gz beside every text file of 1 KiB or more. */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
      continue;
    }
    if (!/\.(js|css|html|svg|json|webmanifest|txt)$/.test(name)) continue;
    const source = readFileSync(path);
    if (source.length < 1024) continue;
    const brotli = brotliCompressSync(source, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
    });
    writeFileSync(`${path}.br`, brotli);
    writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
  }
}

/** The chunks `key` loads: itself and its static imports, recursively (what the browser must fetch before it runs). */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

interface Bundle {
  manifest: Manifest;
  initial: Set<string>;
  js: string[];
  css: string[];
  /** gzip at its default level (6), as Vite's build output and most servers compress; brotli for comparison. */
  jsGzip: number;
  jsBrotli: number;
  cssGzip: number;
}

function bundleOf(dist: string): Bundle {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry === true);
  if (!entryKey) throw new Error(`No entry in ${dist}/.vite/manifest.json`);
  const initial = staticClosure(manifest, entryKey);
  const chunks = [...initial].map((key) => manifest[key]).filter((chunk) => chunk !== undefined);
  const js = chunks.map((chunk) => chunk.file).filter((file) => file.endsWith('.js'));
  const css = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))];
  const gzip = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const brotli = (file: string) => brotliCompressSync(readFileSync(join(dist, file))).length;
  return {
    manifest,
    initial,
    js,
    css,
    jsGzip: js.reduce((total, file) => total + gzip(file), 0),
    jsBrotli: js.reduce((total, file) => total + brotli(file), 0),
    cssGzip: css.reduce((total, file) => total + gzip(file), 0),
  };
}

function bundleReport(): void {
  const app = bundleOf(appDist);
  const floor = bundleOf(floorDist);
  const gzipOf = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file))).length;

  console.log('\nInitial route (/: entry chunk and its static imports), gzip');
  for (const file of app.js) console.log(`  ${file.padEnd(48)} ${kb(gzipOf(appDist, file)).padStart(9)}`);
  console.log(
    `  app JavaScript:   ${kb(app.jsGzip)} gzip, ${kb(app.jsBrotli)} brotli; CSS ${kb(app.cssGzip)} gzip`,
  );
  for (const file of floor.js)
    console.log(`  floor ${file.padEnd(42)} ${kb(gzipOf(floorDist, file)).padStart(9)}`);
  console.log(
    `  floor JavaScript: ${kb(floor.jsGzip)} gzip, ${kb(floor.jsBrotli)} brotli (blank app, same four libraries)`,
  );
  console.log(`  app / floor:      ${(app.jsGzip / floor.jsGzip).toFixed(3)}×`);

  // Each lazily loaded route: what it adds on top of the initial chunks.
  const lazy = Object.keys(app.manifest).filter(
    (key) => app.manifest[key]?.isDynamicEntry === true && key.includes('src/routes/'),
  );
  console.log('\nLazy routes (JavaScript added on first visit, gzip)');
  for (const key of lazy.sort()) {
    const bytes = [...staticClosure(app.manifest, key)]
      .filter((name) => !app.initial.has(name))
      .map((name) => app.manifest[name]?.file ?? '')
      .filter((file) => file.endsWith('.js'))
      .reduce((total, file) => total + gzipOf(appDist, file), 0);
    console.log(`  ${key.replace('src/routes/', '').padEnd(36)} ${kb(bytes).padStart(9)}`);
  }

  value('web-initial-js', app.jsGzip / 1024, 'KiB');
  value('web-initial-js-floor', floor.jsGzip / 1024, 'KiB');
  value('web-initial-css', app.cssGzip / 1024, 'KiB');
  ratio('web-initial-js/floor', app.jsGzip / floor.jsGzip);
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((wake) => setTimeout(wake, 300));
  }
  throw new Error(`${url} did not answer`);
}

/** bff/dist/main.js, as `npm start` runs it, on free ports; `webDist` swaps the app it serves. */
async function startServer(name: string, webDist?: string): Promise<{ base: string; process: ChildProcess }> {
  const [port, providerPort, idpPort] = [await freePort(), await freePort(), await freePort()];
  const base = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['bff/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: base,
      PROVIDER_PORT: String(providerPort),
      DEMO_IDP_PORT: String(idpPort),
      DATA_DIR: join(results, 'data'),
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      ...(webDist ? { WEB_DIST: webDist } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(`${base}/api/health`, 60_000).catch((error: unknown) => {
    child.kill('SIGTERM');
    throw new Error(`${name}: ${(error as Error).message}`);
  });
  return { base, process: child };
}

/** A cookie as the browser holds it (Playwright's and the DevTools protocol's shape alike). */
interface BrowserCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

/** Signs in at the demo IdP with Playwright (the e2e workspace's) and returns the browser's cookies for `base`. */
async function signedInCookies(base: string): Promise<BrowserCookie[]> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: CHROME_FLAGS.filter((flag) => flag !== '--headless=new'),
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Continue with NHS login' }).click();
    await page.getByRole('button', { name: 'Sign in as Jane Smith' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your appointments' }).waitFor();
    return await page.context().cookies(base);
  } finally {
    await browser.close();
  }
}

/**
 * Puts cookies in the browser listening for the DevTools protocol on `port` (Storage.setCookies on the browser
 * target). Real cookies, not a Cookie header: the web reads its readable signed-in hint cookie from
 * document.cookie, and a header alone leaves the page signed out (the start page measured in the home's place).
 */
async function setCookies(port: number, cookies: readonly BrowserCookie[]): Promise<void> {
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const socket = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise<void>((resolveSet, reject) => {
    socket.addEventListener('error', () => reject(new Error('DevTools protocol: no connection')));
    socket.addEventListener('open', () =>
      socket.send(
        JSON.stringify({
          id: 1,
          method: 'Storage.setCookies',
          params: {
            cookies: cookies.map(({ expires, ...cookie }) => (expires > 0 ? { ...cookie, expires } : cookie)),
          },
        }),
      ),
    );
    socket.addEventListener('message', (event) => {
      const answer = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
      if (answer.id !== 1) return;
      if (answer.error) reject(new Error(`Storage.setCookies: ${answer.error.message}`));
      else resolveSet();
    });
  }).finally(() => socket.close());
}

interface ChromeLauncher {
  launch(options: { chromePath: string; chromeFlags: string[] }): Promise<{ port: number; kill(): void }>;
}

/**
 * One Lighthouse run on a fresh Chromium (its own new profile), with `cookies` set first. The run must end on `url`
 * itself: a page that sent the browser elsewhere (to sign in) is not the page asked for, and is not scored.
 */
async function lighthouse(
  binary: string,
  launcher: ChromeLauncher,
  name: string,
  url: string,
  cookies: readonly BrowserCookie[] | undefined,
): Promise<Scores | undefined> {
  const out = join(results, 'lighthouse');
  mkdirSync(out, { recursive: true });
  const report = join(out, `${name}.json`);
  rmSync(report, { force: true });
  const chrome = await launcher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
  let status: number | null;
  try {
    if (cookies) await setCookies(chrome.port, cookies);
    status = spawnSync(
      process.execPath,
      [
        binary,
        url,
        '--quiet',
        `--port=${chrome.port}`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--output=json',
        `--output-path=${report}`,
        // The page's trace and network log beside the report (`<name>-0.trace.json`), to see its long tasks; with
        // JavaScript samples under --save-traces=samples, to see what they do (sampling slows the page itself).
        ...([...args].some((arg) => arg.startsWith('--save-traces')) ? ['--save-assets'] : []),
        ...(args.has('--save-traces=samples')
          ? ['--additional-trace-categories=disabled-by-default-v8.cpu_profiler']
          : []),
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    ).status;
  } finally {
    chrome.kill();
  }
  if (status !== 0 || !existsSync(report)) return undefined;
  const json = JSON.parse(readFileSync(report, 'utf8')) as LighthouseJson;
  if (json.finalDisplayedUrl !== url) {
    console.log(`  ${name}: ended on ${json.finalDisplayedUrl}, not ${url}; not scored`);
    return undefined;
  }
  const score = (id: string): number => Math.round((json.categories[id]?.score ?? 0) * 100);
  const metric = (id: string): number => json.audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    mainThread: metric('mainthread-work-breakdown'),
    failing: ['accessibility', 'best-practices', 'seo'].flatMap((category) =>
      (json.categories[category]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (json.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${category}:${ref.id}`),
    ),
  };
}

async function lighthouseReport(): Promise<void> {
  let binary: string;
  try {
    binary = createRequire(join(root, 'e2e/package.json')).resolve('lighthouse/cli/index.js');
  } catch {
    console.log('\nLighthouse: not installed (the e2e workspace devDependency; npm install); skipped.');
    return;
  }
  if (!existsSync(join(root, 'bff/dist/main.js'))) {
    console.log('\nLighthouse: bff/dist is not built (npm run build); skipped.');
    return;
  }
  const version = (
    JSON.parse(readFileSync(join(binary, '../../package.json'), 'utf8')) as { version: string }
  ).version;
  const app = await startServer('app');
  const floor = await startServer('floor', floorDist).catch((error: unknown) => {
    app.process.kill('SIGTERM');
    throw error;
  });
  try {
    const cookies = await signedInCookies(app.base);
    const launcher = (await import(
      createRequire(join(root, 'e2e/package.json')).resolve('chrome-launcher')
    )) as ChromeLauncher;
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const signedIn = cookies;
    const slotsUrl = `${app.base}/book/slots?practice=Y90001&role=gp&channel=in-person&from=${from}`;
    const only = [...args]
      .find((arg) => arg.startsWith('--pages='))
      ?.slice('--pages='.length)
      .split(',');
    const ours: Array<[string, string, string, readonly BrowserCookie[] | undefined]> = [
      ['start', 'Start page (signed out)', `${app.base}/`, undefined],
      ['home', 'Home (signed in)', `${app.base}/`, signedIn],
      ['slots', 'Slot page (signed in)', slotsUrl, signedIn],
    ];
    const pages = ours.filter(([id]) => !only || only.includes(id));
    const floorPage: [string, string, string, undefined] = [
      'floor',
      'Floor: blank app',
      `${floor.base}/`,
      undefined,
    ];
    // Each round: the floor, then our pages; the floor once more at the end. Load on the machine that drifts during
    // the run so falls on both sides.
    const order = [
      ...Array.from({ length: RUNS }, (_, round) =>
        [floorPage, ...pages].map((page) => [round + 1, ...page] as const),
      ),
      [[RUNS + 1, ...floorPage] as const],
    ].flat();
    const scores = new Map<string, Scores[]>();
    console.log(`\nLighthouse ${version}, mobile (default emulation and throttling), headless Chromium`);
    console.log(
      '  page                            perf  a11y  best  seo   FCP ms  LCP ms  TBT ms    CLS  main ms',
    );
    for (const [round, id, name, url, pageCookies] of order) {
      // Lighthouse sometimes fails to record a trace (NO_NAVSTART) on a cold browser: one more try.
      const report = `${id}-${round}`;
      const scored =
        (await lighthouse(binary, launcher, report, url, pageCookies)) ??
        (await lighthouse(binary, launcher, report, url, pageCookies));
      const label = `${name} (${round})`;
      if (!scored) {
        console.log(`  ${label.padEnd(30)}  failed`);
        continue;
      }
      scores.set(id, [...(scores.get(id) ?? []), scored]);
      console.log(
        `  ${label.padEnd(30)}  ${String(scored.performance).padStart(4)}  ${String(scored.accessibility).padStart(4)}  ` +
          `${String(scored.bestPractices).padStart(4)}  ${String(scored.seo).padStart(3)}  ${scored.fcp.toFixed(0).padStart(7)} ` +
          `${scored.lcp.toFixed(0).padStart(7)} ${scored.tbt.toFixed(0).padStart(7)}  ${scored.cls.toFixed(3).padStart(5)}` +
          `  ${scored.mainThread.toFixed(0).padStart(7)}`,
      );
      if (scored.failing.length > 0) console.log(`    not passed: ${scored.failing.join(', ')}`);
    }

    const median = (id: string, pick: (s: Scores) => number): number => {
      const sorted = (scores.get(id) ?? []).map(pick).sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      if (sorted.length === 0) return NaN;
      return sorted.length % 2 === 1
        ? (sorted[middle] ?? NaN)
        : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
    };
    const floorPerf = median('floor', (s) => s.performance);
    const floorTbt = median('floor', (s) => s.tbt);
    console.log(
      `  Figures below: the median of each page's runs (floor: ${scores.get('floor')?.length ?? 0} runs, ` +
        `performance ${floorPerf.toFixed(1)}, TBT ${floorTbt.toFixed(0)} ms). More runs: --runs=N.`,
    );
    const floorMain = median('floor', (s) => s.mainThread);
    value('lighthouse-perf-floor', floorPerf, 'score');
    value('lighthouse-tbt-floor', floorTbt, 'ms', 0);
    value('lighthouse-mainthread-floor', floorMain, 'ms', 0);
    for (const [id] of pages) {
      const perf = median(id, (s) => s.performance);
      const tbt = median(id, (s) => s.tbt);
      const main = median(id, (s) => s.mainThread);
      if (Number.isFinite(perf)) {
        value(`lighthouse-perf-${id}`, perf, 'score', 0);
        value(
          `lighthouse-a11y-${id}`,
          median(id, (s) => s.accessibility),
          'score',
          0,
        );
        value(`lighthouse-tbt-${id}`, tbt, 'ms', 0);
        value(`lighthouse-tbt-${id}-over-floor`, tbt - floorTbt, 'ms', 0);
        value(
          `lighthouse-lcp-${id}`,
          median(id, (s) => s.lcp),
          'ms',
          0,
        );
        value(`lighthouse-mainthread-${id}`, main, 'ms', 0);
      }
      ratio(`lighthouse-perf-${id}/floor`, perf / floorPerf);
      // The blank app's TBT is often 0 ms on a quiet machine (no task over 50 ms): the ratio is then taken against
      // 1 ms, Lighthouse's resolution, rather than printed as infinity; the excess in ms is a value line above.
      ratio(`lighthouse-tbt-${id}/floor`, tbt / Math.max(floorTbt, 1));
      // For comparison, not the aim: all the work on the main thread, wherever the first paint falls.
      ratio(`lighthouse-mainthread-${id}/floor`, main / floorMain);
    }
  } finally {
    app.process.kill('SIGTERM');
    floor.process.kill('SIGTERM');
  }
}

if (!args.has('--skip-build')) run('npm', ['run', 'build']);
await buildFloor();
bundleReport();
if (!args.has('--no-lighthouse')) await lighthouseReport();
console.log('');
for (const line of [...lines, ...ratios]) console.log(line);
