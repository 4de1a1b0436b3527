/**
 * `npm run bench:web` (tsx web/bench/web.bench.ts): builds the app, reports how much JavaScript the first page needs (gzip), and, when
 * Lighthouse is installed (e2e devDependency), runs Lighthouse's mobile audit on home and on the slot page against
 * the full demo stack. Flags: --skip-build, --no-lighthouse. A script, not a test: it prints figures, it asserts nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface LighthouseJson {
  categories: Record<
    string,
    { score: number | null; auditRefs: Array<{ id: string; weight: number }> } | undefined
  >;
  audits: Record<string, { displayValue?: string; score: number | null } | undefined>;
}

interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcp: string;
  lcp: string;
  tbt: string;
  cls: string;
  /** Weighted audits that did not pass, in the categories other than performance. */
  failing: string[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'web/dist');
const args = new Set(process.argv.slice(2));
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
const PORTS = { bff: 3300, provider: 4300, idp: 4301 };
const BASE = `http://localhost:${PORTS.bff}`;

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
}

// KiB (1024 bytes); Vite's build log prints kB of 1000 bytes, so its figures read about 2.4% higher.
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
// gzip at its default level (6), as Vite's build output and most servers compress; brotli for comparison.
const gzipOf = (file: string): number => gzipSync(readFileSync(join(dist, file))).length;
const brotliOf = (file: string): number => brotliCompressSync(readFileSync(join(dist, file))).length;

/** The chunks `key` loads: itself and its static imports, recursively (what the browser must fetch before it runs). */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

function bundleReport(): void {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry === true);
  if (!entryKey) throw new Error('No entry in the Vite manifest');
  const initial = staticClosure(manifest, entryKey);
  const chunk = (key: string): ManifestChunk => {
    const found = manifest[key];
    if (!found) throw new Error(`${key} is not in the manifest`);
    return found;
  };
  const initialJs = [...initial].map((key) => chunk(key).file).filter((file) => file.endsWith('.js'));
  const initialCss = [...initial].flatMap((key) => chunk(key).css ?? []);
  const jsGzip = initialJs.reduce((total, file) => total + gzipOf(file), 0);
  const jsBrotli = initialJs.reduce((total, file) => total + brotliOf(file), 0);
  const cssGzip = [...new Set(initialCss)].reduce((total, file) => total + gzipOf(file), 0);

  console.log('\nInitial route (/: entry chunk and its static imports)');
  for (const file of initialJs) console.log(`  ${file.padEnd(48)} ${kb(gzipOf(file)).padStart(9)} gzip`);
  console.log(`  JavaScript total: ${kb(jsGzip)} gzip (aim: ≤ 150 kB = 146.5 KiB), ${kb(jsBrotli)} brotli`);
  console.log(`  CSS total:        ${kb(cssGzip)} gzip`);

  // Each lazily loaded route: what it adds on top of the initial chunks.
  const lazy = Object.keys(manifest).filter(
    (key) => manifest[key]?.isDynamicEntry === true && key.includes('src/routes/'),
  );
  console.log('\nLazy routes (JavaScript added on first visit, gzip)');
  for (const key of lazy.sort()) {
    const added = [...staticClosure(manifest, key)]
      .filter((name) => !initial.has(name))
      .map((name) => chunk(name).file);
    const bytes = added
      .filter((file) => file.endsWith('.js'))
      .reduce((total, file) => total + gzipOf(file), 0);
    console.log(`  ${key.replace('src/routes/', '').padEnd(36)} ${kb(bytes).padStart(9)}`);
  }
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

/** Signs in at the demo IdP with Playwright (the e2e workspace's) and returns the session cookie header. */
async function signedInCookie(): Promise<string> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: CHROME_FLAGS.filter((flag) => flag !== '--headless=new'),
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${BASE}/`);
    await page.getByRole('link', { name: 'Continue with NHS login' }).click();
    await page.getByRole('button', { name: 'Sign in as Jane Smith' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your appointments' }).waitFor();
    const cookies = await page.context().cookies(BASE);
    return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  } finally {
    await browser.close();
  }
}

function lighthouse(
  binary: string,
  url: string,
  extraHeaders: Record<string, string> | undefined,
): Scores | undefined {
  // Reports are kept for reading, in this checkout's ignored bench-results/ folder.
  const out = join(root, 'bench-results', 'lighthouse');
  mkdirSync(out, { recursive: true });
  const report = join(
    out,
    `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'start'}.json`,
  );
  const result = spawnSync(
    process.execPath,
    [
      binary,
      url,
      '--quiet',
      `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--output=json',
      `--output-path=${report}`,
      ...(extraHeaders ? [`--extra-headers=${JSON.stringify(extraHeaders)}`] : []),
    ],
    { cwd: root, env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0 || !existsSync(report)) return undefined;
  const json = JSON.parse(readFileSync(report, 'utf8')) as LighthouseJson;
  const score = (id: string): number => Math.round((json.categories[id]?.score ?? 0) * 100);
  const metric = (id: string): string => json.audits[id]?.displayValue ?? '-';
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
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
    console.log(
      '\nLighthouse: not installed (npm install --save-exact -D -w @gpbook/e2e lighthouse@12.8.2); skipped.',
    );
    return;
  }
  if (!existsSync(join(root, 'bff/dist/main.js'))) {
    console.log('\nLighthouse: bff/dist is not built (npm run build); skipped.');
    return;
  }
  const stack = spawn(process.execPath, ['bff/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORTS.bff),
      PUBLIC_URL: BASE,
      PROVIDER_PORT: String(PORTS.provider),
      DEMO_IDP_PORT: String(PORTS.idp),
      DATA_DIR: '.data/bench-web',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(`${BASE}/api/health`, 60_000);
    const cookie = await signedInCookie();
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const pages: Array<[string, string, Record<string, string> | undefined]> = [
      ['Start page (signed out)', `${BASE}/`, undefined],
      ['Home (signed in)', `${BASE}/`, { Cookie: cookie }],
      [
        'Slot page (signed in)',
        `${BASE}/book/slots?practice=Y90001&role=gp&channel=in-person&from=${from}`,
        { Cookie: cookie },
      ],
    ];
    console.log('\nLighthouse 12.8.2, mobile (default emulation and throttling), headless Chromium');
    console.log('  page                        perf  a11y  best  seo   FCP      LCP      TBT     CLS');
    for (const [name, url, headers] of pages) {
      // Lighthouse sometimes fails to record a trace (NO_NAVSTART) on a cold browser: one more try.
      const scores = lighthouse(binary, url, headers) ?? lighthouse(binary, url, headers);
      if (!scores) {
        console.log(`  ${name.padEnd(26)}  failed`);
        continue;
      }
      console.log(
        `  ${name.padEnd(26)}  ${String(scores.performance).padStart(4)}  ${String(scores.accessibility).padStart(4)}  ${String(scores.bestPractices).padStart(4)}  ${String(scores.seo).padStart(3)}   ${scores.fcp.padEnd(8)} ${scores.lcp.padEnd(8)} ${scores.tbt.padEnd(7)} ${scores.cls}`,
      );
      if (scores.failing.length > 0) console.log(`    not passed: ${scores.failing.join(', ')}`);
    }
  } finally {
    stack.kill('SIGTERM');
  }
}

if (!args.has('--skip-build')) run('npm', ['run', 'build']);
bundleReport();
if (!args.has('--no-lighthouse')) await lighthouseReport();
