import { defineConfig } from 'vitest/config';

/**
 * test/package packs the kit and installs it into new projects with npm: minutes of CPU and network. It runs
 * after the main suite (`npm test` runs both), not beside it, so it does not slow the others into timeouts.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 8 * 60_000,
    pool: 'forks',
  },
});
