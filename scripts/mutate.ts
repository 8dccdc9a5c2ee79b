/**
 * `npm run mutate [-- group …]`: mutation testing of the trusted kernel, one StrykerJS run per
 * group of kernel files, each with only the tests that exercise those files (a run over the
 * whole suite would spend most of its time in unrelated slow tests), one after another; then
 * the per-file scores (scripts/mutationScore.ts, which exits 1 when a file is below 90 %).
 * Runs are incremental: a re-run tests only the mutants whose code or tests changed.
 *
 *   npm run mutate                 # every group (about 90 minutes on 2 cores from scratch)
 *   npm run mutate -- check float  # some groups
 */
import { spawnSync } from 'node:child_process';

const groups: Readonly<Record<string, { readonly files: readonly string[]; readonly tests: readonly string[] }>> = {
  check: {
    files: ['src/core/check.ts', 'src/core/verdict.ts'],
    tests: ['test/check.test.ts', 'test/verdict.test.ts', 'test/mutation.check.test.ts'],
  },
  circuit: { files: ['src/core/circuit.ts'], tests: ['test/validateCircuit.test.ts', 'test/evaluate.test.ts', 'test/metrics.test.ts'] },
  metrics: { files: ['src/core/metrics.ts'], tests: ['test/metrics.test.ts', 'test/validateCircuit.test.ts', 'test/evaluate.test.ts'] },
  evaluate: { files: ['src/core/evaluate.ts'], tests: ['test/evaluate.test.ts', 'test/metrics.test.ts', 'test/validateCircuit.test.ts'] },
  bitparallel: {
    files: ['src/core/evaluateBitParallel.ts'],
    tests: ['test/evaluateBitParallel.test.ts', 'test/mutation.evaluateBitParallel.test.ts', 'test/evaluate.test.ts'],
  },
  serialize: {
    files: ['src/core/serialize.ts'],
    tests: ['test/serialize.test.ts', 'test/mutation.serialize.test.ts', 'test/serializationRoundtrip.test.ts', 'test/codec.test.ts'],
  },
  codec: { files: ['src/core/codec.ts'], tests: ['test/codec.test.ts', 'test/mutation.codec.test.ts', 'test/mutation.codec.load.test.ts'] },
  dot: { files: ['src/core/dot.ts'], tests: ['test/dot.test.ts', 'test/mutation.dot.test.ts'] },
  float: { files: ['src/core/float.ts'], tests: ['test/float.test.ts', 'test/mutation.float.test.ts', 'test/floatTruncation.test.ts'] },
  smt: { files: ['src/core/smt.ts'], tests: ['test/mutation.smt.test.ts', 'test/mutation.smtInit.test.ts'] },
  transformer: {
    files: ['src/core/transformer.ts'],
    tests: [
      'test/transformer.test.ts',
      'test/mutation.transformer.test.ts',
      'test/transformerAsGeneral.test.ts',
      'test/majorityByAttention.test.ts',
      'test/exampleModels.test.ts',
      'test/transformer.extensions.test.ts',
    ],
  },
  floatExp: { files: ['src/core/floatExp.ts'], tests: ['test/mutation.floatExp.test.ts', 'test/transformer.test.ts'] },
  logspace: {
    files: ['src/core/logspace/machine.ts'],
    tests: ['test/logspace.test.ts', 'test/logspace.property.test.ts', 'test/uniform.lookupTable.test.ts', 'test/mutation.logspace.test.ts'],
  },
  modelCodec: {
    files: ['src/core/modelCodec.ts'],
    tests: ['test/modelCodec.test.ts', 'test/mutation.modelCodec.test.ts', 'test/exampleModels.test.ts', 'test/transformer.extensions.test.ts'],
  },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((g) => !(g in groups));
if (unknown.length > 0) {
  process.stderr.write(`mutate: unknown group(s) ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}\n`);
  process.exit(2);
}
for (const name of asked.length > 0 ? asked : Object.keys(groups)) {
  const g = groups[name]!;
  process.stdout.write(`\n== mutation testing ${g.files.join(', ')} (tests: ${g.tests.join(', ')})\n`);
  const r = spawnSync('npx', ['stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_NAME: name, MUTATE_FILES: g.files.join(','), MUTATE_TESTS: g.tests.join(',') },
  });
  if (r.status !== 0) {
    process.stderr.write(`mutate: the run of group ${name} failed (exit ${String(r.status)})\n`);
    process.exit(1);
  }
}
const score = spawnSync('npx', ['tsx', 'scripts/mutationScore.ts'], { stdio: 'inherit' });
process.exit(score.status ?? 1);
