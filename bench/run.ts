/**
 * # `npm run bench`
 *
 * Runs the benchmarks and writes each result to `bench/results/<name>.json`:
 * - `eval`: reference vs bit-parallel evaluator on a seeded random 1,000,000-gate circuit
 *   (`bench/eval.bench.ts`);
 * - `arithmetic`: build time, size, wires and memory of `float-iterated-sum`
 *   (`bench/arithmetic.bench.ts`).
 *
 * `npm run bench` runs all; `npm run bench -- eval --gates 100000` one, with options.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { runEvalBench } from './eval.bench.js';
import { runArithmeticBench } from './arithmetic.bench.js';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

const write = (name: string, result: unknown): void => {
  mkdirSync(resultsDir, { recursive: true });
  const out = join(resultsDir, `${name}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.log(`wrote ${out}`);
};

const int = (v: string): number => {
  const x = Number(v);
  if (!Number.isSafeInteger(x) || x < 1) throw new InvalidArgumentError(`expected a positive integer, got '${v}'`);
  return x;
};

const evalBench = async (o: { gates?: number; assignments?: number; ref?: number; rounds?: number }): Promise<void> => {
  write(
    'eval',
    await runEvalBench({
      ...(o.gates === undefined ? {} : { gates: o.gates }),
      ...(o.assignments === undefined ? {} : { assignments: o.assignments }),
      ...(o.ref === undefined ? {} : { refAssignments: o.ref }),
      ...(o.rounds === undefined ? {} : { rounds: o.rounds }),
    }),
  );
};

const arithmeticBench = async (o: { max?: number }): Promise<void> => {
  write('arithmetic', await runArithmeticBench(o.max === undefined ? {} : { maxK: o.max }));
};

const program = new Command().name('bench').description('run the benchmarks; results go to bench/results/*.json');
program
  .command('eval')
  .description('reference vs bit-parallel evaluator')
  .option('--gates <n>', 'gates in the random circuit (default 1,000,000)', int)
  .option('--assignments <n>', 'assignments for the bit-parallel evaluator (default 4,096)', int)
  .option('--ref <n>', 'assignments for the reference evaluator (default 64)', int)
  .option('--rounds <n>', 'interleaved timing rounds (default 4)', int)
  .action(evalBench);
program
  .command('arithmetic')
  .description('build cost of float-iterated-sum over k = 16 … 256 (and more with --max)')
  .option('--max <k>', 'largest k to build (default 256; 512 and 1024 take GBs)', int)
  .action(arithmeticBench);
program
  .command('all', { isDefault: true })
  .description('every benchmark, with defaults')
  .action(() => {
    // each benchmark in a process of its own, so that peak-memory figures are its own
    for (const name of ['eval', 'arithmetic']) {
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
      if (r.status !== 0) {
        process.exitCode = r.status ?? 1;
        return;
      }
    }
  });

await program.parseAsync(process.argv);
