import { defineConfig } from 'vitest/config';

/** The fault campaign (npm run test:reliability): slow, one file at a time, outside the default run. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
