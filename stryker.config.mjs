// Mutation testing of the trusted kernel (`npm run mutate`; docs/trust.md says how to read it).
// StrykerJS 9.6 with the vitest runner (10 needs Node 22). Not part of `npm test`.
//
// Scope a run with environment variables, so several runs can go side by side:
//   MUTATE_FILES=src/core/float.ts MUTATE_TESTS=test/float.test.ts,test/floatTruncation.test.ts \
//   MUTATE_NAME=float npm run mutate
// MUTATE_FILES: the files to mutate (default: every kernel file);
// MUTATE_TESTS: the test files vitest runs (default: all, see vitest.mutate.config.ts);
// MUTATE_NAME: names the incremental file, report and sandbox of the run (default: kernel).
const kernel = [
  'src/core/check.ts',
  'src/core/verdict.ts',
  'src/core/circuit.ts',
  'src/core/metrics.ts',
  'src/core/evaluate.ts',
  'src/core/evaluateBitParallel.ts',
  'src/core/serialize.ts',
  'src/core/codec.ts',
  'src/core/dot.ts',
  'src/core/float.ts',
  'src/core/smt.ts',
  'src/core/transformer.ts',
  'src/core/floatExp.ts',
  'src/core/modelCodec.ts',
];
const list = (v) => (v === undefined || v.trim() === '' ? undefined : v.split(',').map((s) => s.trim()).filter((s) => s !== ''));
const name = process.env.MUTATE_NAME ?? 'kernel';

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: list(process.env.MUTATE_FILES) ?? kernel,
  // perTest runs only the tests that reach a mutant; MUTATE_COVERAGE=all runs every selected test
  // for every mutant (slower; needed for mutants in code that runs when a module loads)
  coverageAnalysis: process.env.MUTATE_COVERAGE ?? 'perTest',
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: `.stryker-tmp-${name}`,
  // side-by-side runs: never copy another run's sandbox (or build output) into this one
  ignorePatterns: ['.stryker-tmp*', '.consumer-*', 'dist', 'docs/api', 'reports'],
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  timeoutMS: 60_000,
  thresholds: { high: 95, low: 90, break: null },
};
