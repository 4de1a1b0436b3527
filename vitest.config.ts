import { defineConfig } from 'vitest/config';

/** One Vitest run for every workspace's unit and integration tests (the e2e suite is Playwright's). */
export default defineConfig({
  test: {
    projects: ['shared', 'bff', 'web'],
  },
});
