import { defineConfig } from 'vitest/config';

// Each test file runs in its own process: the embedded ClickHouse engine allows one
// data directory per process, and a native crash must not take other files down.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
