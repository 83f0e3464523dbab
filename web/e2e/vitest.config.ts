import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser journeys: `npm run test:e2e` builds web/dist, then each test file starts the real
// server on a free port with a fresh database and drives Debian's Chromium through playwright-core.
// The web's few pure tests (web/src/**/*.test.ts) run here too: this is the web's test run.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['web/e2e/**/*.test.ts', 'web/src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
