import { defineConfig } from 'vitest/config';

// `npm test`: domain and server tests on the embedded engine, or on the PostgreSQL server in
// DATABASE_URL (each test file then gets its own fresh database). Browser tests: npm run test:e2e.
export default defineConfig({
  test: {
    include: ['domain/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
