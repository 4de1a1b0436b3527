import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * The e2e suite runs the full demo stack (BFF serving the built PWA, reference provider, demo identity
 * provider) on its own ports, so it never collides with a demo left running on 3000/4000/4001.
 */
const PORTS = { bff: 3100, provider: 4100, idp: 4101 };
export const BASE_URL = `http://localhost:${PORTS.bff}`;

const systemChromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// On a laptop without Debian's Chromium, Playwright's own browser (`npx playwright install chromium`) is used.
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node bff/dist/main.js',
    cwd: '..',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORTS.bff),
      PUBLIC_URL: BASE_URL,
      PROVIDER_PORT: String(PORTS.provider),
      DEMO_IDP_PORT: String(PORTS.idp),
      DATA_DIR: '.data/e2e',
      LOG_LEVEL: 'warn',
    },
  },
});
