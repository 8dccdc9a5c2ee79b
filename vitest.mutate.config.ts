// The vitest configuration of mutation runs (stryker.config.mjs): MUTATE_TESTS narrows the test
// files, so that a run on one kernel file only runs the tests that can kill its mutants.
import { defineConfig } from 'vitest/config';

const only = process.env['MUTATE_TESTS']?.split(',').map((s) => s.trim()).filter((s) => s !== '');

export default defineConfig({
  test: {
    include: only !== undefined && only.length > 0 ? only : ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
