import { defineConfig } from 'vitest/config';

/** The fault-injection suite (`npm run test:faults`): spawns processes and restarts Redis, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
