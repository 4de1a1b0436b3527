import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
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

/** NHS.UK frontend's CSS points at its icons as `/assets/images/…`: bundle them from the package instead. */
const nhsukImages = `${dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json'))}/dist/nhsuk/assets/images`;

export default defineConfig({
  plugins: [
    react(),
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
  },
  test: {
    name: 'web',
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
  },
});
