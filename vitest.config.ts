import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // both cores: the default leaves one idle on a 2-core machine (CI), and the suite is CPU-bound
    maxWorkers: 2,
  },
});
