import { createRequire } from 'node:module';
import { dirname } from 'node:path';
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

/** Whether an expression is a call chain on `z` (`z.string().regex(…)`, `z.object({…}).refine(…)`). */
function isZodChain(node: Node | null | undefined): node is Node {
  let current = node;
  while (current?.type === 'CallExpression' || current?.type === 'MemberExpression')
    current = (current.type === 'CallExpression' ? current['callee'] : current['object']) as Node;
  return current?.type === 'Identifier' && current['name'] === 'z';
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

/** NHS.UK frontend's CSS points at its icons as `/assets/images/…`: bundle them from the package instead. */
const nhsukImages = `${dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json'))}/dist/nhsuk/assets/images`;

export default defineConfig({
  plugins: [
    react(),
    pureSharedSchemas(),
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
  css: { postcss: { plugins: [stripRemoteFontFaces, stripInternetExplorerMediaHacks] } },
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
    // The four libraries in one chunk, which every page loads first: gzip compresses them together better than in
    // the pieces the automatic split makes of them (shared by the first page and the lazy ones), and it changes
    // only when they do.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'libs',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
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
});
