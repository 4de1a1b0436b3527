import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { parseAst, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

const BFF = process.env['BFF_URL'] ?? 'http://127.0.0.1:3000';

/**
 * Drops NHS.UK frontend's @font-face rules for the Frutiger files on assets.nhs.uk: our CSP allows fonts from our
 * own origin only, the app must work offline, and patients' devices should not call a third party. The design
 * system's font stack then falls back to Arial, as it allows.
 */
const stripRemoteFontFaces = {
  postcssPlugin: 'strip-remote-font-faces',
  AtRule: {
    'font-face': (rule: { toString(): string; remove(): void }) => {
      if (rule.toString().includes('assets.nhs.uk')) rule.remove();
    },
  },
};

/**
 * Drops NHS.UK frontend's `@media screen\0 …` blocks: a hack that only Internet Explorer 8–10 ever matched. No
 * browser we support applies them, and CSS minifiers rightly reject the syntax (esbuild warns on every build).
 */
const stripInternetExplorerMediaHacks = {
  postcssPlugin: 'strip-ie-media-hacks',
  AtRule: {
    media: (rule: { params: string; remove(): void }) => {
      if (rule.params.includes('\\0')) rule.remove();
    },
  },
};

type Node = { type: string; start: number; end: number } & Record<string, unknown>;

/**
 * Whether an expression builds a schema: a call chain on `z` (`z.string().regex(…)`, `z.object({…}).refine(…)`) or
 * on another schema (`slotCountsSchema.extend({…})`: the contract names every schema `…Schema`).
 */
function isZodChain(node: Node | null | undefined): node is Node {
  let current = node;
  let calls = 0;
  while (current?.type === 'CallExpression' || current?.type === 'MemberExpression') {
    if (current.type === 'CallExpression') calls += 1;
    current = (current.type === 'CallExpression' ? current['callee'] : current['object']) as Node;
  }
  const root = current?.type === 'Identifier' ? String(current['name']) : '';
  return calls > 0 && (root === 'z' || root.endsWith('Schema'));
}

/**
 * The shared contract builds its zod schemas at the top level of the modules that also hold what the first page
 * needs (London time formatting, code lists, constants). A call is kept by the bundler whether its result is used
 * or not, so each of those modules brought all of zod into the first download. For the web build only, each
 * top-level schema is wrapped as a pure call: still built where used (the booking forms' checks), and dropped
 * where not. Building a schema has no effect outside it, so this changes nothing else (decision 0080).
 */
function pureSharedSchemas(): Plugin {
  const shared = fileURLToPath(new URL('../shared/src/', import.meta.url));
  return {
    name: 'gpbook:pure-shared-schemas',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(shared) || id.endsWith('.test.ts')) return null;
      const wraps: Node[] = [];
      for (const statement of parseAst(code, { lang: 'js' }).body as unknown as Node[]) {
        const declaration = (
          statement.type === 'ExportNamedDeclaration' ? statement['declaration'] : statement
        ) as Node | null;
        if (declaration?.type !== 'VariableDeclaration') continue;
        for (const declarator of declaration['declarations'] as Node[]) {
          const init = declarator['init'] as Node | null;
          if (isZodChain(init)) wraps.push(init);
        }
      }
      if (wraps.length === 0) return null;
      let out = code;
      for (const init of wraps.reverse())
        out = `${out.slice(0, init.start)}/* @__PURE__ */ (() => ${out.slice(init.start, init.end)})()${out.slice(init.end)}`;
      return { code: out, map: null };
    },
  };
}

/**
 * The NHS.UK frontend classes our markup uses: every `nhsuk-…` word in index.html and src/ (a word ending in `-`,
 * from a class built with a template, stands for every class it begins).
 */
function usedNhsukClasses(): { has(name: string): boolean } {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const files = [
    'index.html',
    ...readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).map((file) => join('src', file)),
  ].filter((file) => /\.(html|tsx?)$/.test(file) && !/\.test\.tsx?$/.test(file));
  const words = new Set(
    files.flatMap((file) => readFileSync(join(root, file), 'utf8').match(/nhsuk-[\w-]+/g) ?? []),
  );
  const prefixes = [...words].filter((word) => word.endsWith('-'));
  return { has: (name) => words.has(name) || prefixes.some((prefix) => name.startsWith(prefix)) };
}

/**
 * Drops NHS.UK frontend's rules for components we never show (its CSS is ~270 KB minified, most of it for
 * components this service does not use): a selector goes when it names an `nhsuk-` class that our markup never
 * uses, outside `:not(…)`; a rule goes when none of its selectors is left. Selectors with an `nhsuk-` class inside
 * `:is()`, `:where()` or `:has()` are kept whole. The stylesheet blocks the first paint, and the browser matches
 * every rule against the page, so what is left is what the pages can use (decision 0080).
 */
function pruneUnusedNhsukRules() {
  const used = usedNhsukClasses();
  const unused = (selector: string): boolean => {
    const outsideNot = selector.replace(/:not\([^)]*\)/g, '');
    if (/\([^)]*nhsuk-/.test(outsideNot)) return false;
    return (outsideNot.match(/\.nhsuk-[\w-]+/g) ?? []).some((name) => !used.has(name.slice(1)));
  };
  interface Rule {
    selectors: string[];
    source?: { input: { file?: string | undefined } } | undefined;
    remove(): void;
  }
  return {
    postcssPlugin: 'prune-unused-nhsuk-rules',
    Rule(rule: Rule) {
      if (!rule.source?.input.file?.includes('nhsuk-frontend')) return;
      const kept = rule.selectors.filter((selector) => !unused(selector));
      if (kept.length === 0) rule.remove();
      else if (kept.length < rule.selectors.length) rule.selectors = kept;
    },
    AtRuleExit: {
      media: (rule: { nodes?: unknown[] | undefined; remove(): void }) => {
        if (rule.nodes?.length === 0) rule.remove();
      },
    },
  };
}

/**
 * Fails the build if zod is in the first download (the entry chunk and the chunks it imports): the first page
 * checks answers without it (src/lib/answers.ts), and one schema built at the top level of a module the first page
 * uses would bring it back unnoticed (decision 0080).
 */
function zodNotInFirstDownload(): Plugin {
  return {
    name: 'gpbook:zod-not-in-first-download',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || chunk?.type !== 'chunk') return;
        seen.add(fileName);
        const zod = chunk.moduleIds.find((id) => /node_modules[\\/]zod[\\/]/.test(id));
        if (zod) this.error(`zod is in the first download: ${chunk.fileName} holds ${zod}`);
        chunk.imports.forEach(visit);
      };
      if (entry) visit(entry.fileName);
    },
  };
}

/**
 * Modules (or folders, ending in `/`) that the lazily loaded pages share, small and without zod: the chunk `common`.
 * Anything they import stays where it was (a module the first page uses, zod, the contract's schemas).
 */
const SHARED_BY_LATER_PAGES = [
  'app/signed-in-route',
  'features/session/components/require-session',
  'components/back-link',
  'components/error-summary',
  'components/summary-row',
  'components/form/',
  'lib/describe-details',
  'features/appointments/api/get-appointment',
  'routes/book/use-practice',
];

/** NHS.UK frontend's CSS points at its icons as `/assets/images/…`: bundle them from the package instead. */
const nhsukImages = `${dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json'))}/dist/nhsuk/assets/images`;

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    pureSharedSchemas(),
    zodNotInFirstDownload(),
    VitePWA({
      // The patient decides when to reload into a new version ("update available" prompt).
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'robots.txt', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Book a GP appointment',
        short_name: 'GP appointments',
        description: 'Book, check and cancel appointments at your GP surgery.',
        lang: 'en-GB',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#005eb8',
        background_color: '#f0f4f5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Precache the app shell only. Patient data never goes into the service worker's caches, and the worker
        // never answers anything under /api or /auth (decision D6): those always go to the network.
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // The practice view is for practice staff, online: patients' devices do not download it in the background.
        globIgnores: ['**/practice-app-*'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/auth\//, /^\/\.well-known\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: {
    conditions: ['source'],
    // `zod` with its eval-based JIT off before any schema is built (see src/zod-jitless.ts).
    alias: [
      { find: /^zod$/, replacement: fileURLToPath(new URL('./src/zod-jitless.ts', import.meta.url)) },
      { find: /^\/assets\/images\/(nhsuk-icon-[\w-]+\.svg)$/, replacement: `${nhsukImages}/$1` },
    ],
  },
  css: {
    postcss: {
      plugins: [
        stripRemoteFontFaces,
        stripInternetExplorerMediaHacks,
        // Built pages only: the development server serves the whole stylesheet, so a new class works at once.
        ...(command === 'build' ? [pruneUnusedNhsukRules()] : []),
      ],
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': BFF, '/auth': BFF, '/.well-known': BFF },
  },
  build: {
    // esbuild minifies CSS (Vite 8's default, lightningcss, stops at nhsuk-frontend's IE hacks if one slips through).
    cssMinify: 'esbuild',
    sourcemap: true,
    // .vite/manifest.json: which chunks each entry and lazy route loads (read by bench/web.bench.mjs).
    manifest: true,
    // No modulepreload polyfill: a browser without modulepreload (Safari before 17) loads the same modules, only
    // without the head start; the polyfill would be bytes in the first download of every other browser.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The first download in one file, the libraries and ours together: gzip compresses one file better than
            // the pieces the automatic split makes (the libraries compress our React code too), and it saves the
            // browser the requests (decision 0080).
            { name: 'initial', tags: ['$initial'], priority: 2 },
            // What the lazy pages use of the four libraries, in one chunk of its own.
            {
              name: 'libs',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
              priority: 1,
            },
            // zod (for the forms' checks and the practice view) in a chunk of its own: left to the automatic split
            // it shares a chunk with the contract's modules the first page uses, and comes with them.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // The small modules of ours that booking's pages and an appointment's pages share, in one chunk: each
            // would otherwise be a chunk of its own, named (hash and all) in the first download's preload lists of
            // every page that needs it (decision 0080).
            {
              name: 'common',
              test: (id) => {
                const path = id.replaceAll('\\', '/');
                return SHARED_BY_LATER_PAGES.some((module) => path.includes(`/web/src/${module}`));
              },
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  test: {
    name: 'web',
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
  },
}));
