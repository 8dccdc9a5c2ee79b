/**
 * # `npm run bench`
 *
 * Runs the benchmarks and writes each result to `bench/results/<name>.json`:
 * - `eval`: reference vs bit-parallel evaluator on a seeded random 1,000,000-gate circuit
 *   (`bench/eval.bench.ts`);
 * - `eval-vs-c`: the bit-parallel evaluator against a plain C loop (`bench/c/evaluate.c`, built
 *   with `cc -O3 -march=native` when a C compiler is present) on the same circuit, side by side
 *   (`bench/evalVsC.ts`);
 * - `arithmetic`: build time, size, wires and memory of `float-iterated-sum`
 *   (`bench/arithmetic.bench.ts`);
 * - `compile-transformer`: compiling the example transformers at n = 4 … 64
 *   (`bench/compileTransformer.ts`; also writes `docs/figures/compile-transformer.svg`). It
 *   takes many minutes, so the default run leaves it out: run it by name.
 *
 * `npm run bench` runs `eval`, `eval-vs-c` and `arithmetic`; `npm run bench -- eval --gates 100000` one,
 * with options.
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
import { runEvalVsCBench } from './evalVsC.js';
import { compileTransformerFigure, runCompileTransformerBench } from './compileTransformer.js';

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

const evalVsCBench = async (o: { gates?: number; assignments?: number; rounds?: number; pairs?: number }): Promise<void> => {
  const r = await runEvalVsCBench({
    ...(o.gates === undefined ? {} : { gates: o.gates }),
    ...(o.assignments === undefined ? {} : { assignments: o.assignments }),
    ...(o.rounds === undefined ? {} : { rounds: o.rounds }),
    ...(o.pairs === undefined ? {} : { pairs: o.pairs }),
  });
  write('eval-vs-c', r);
  const fmt = (ms: number): string => `${(ms * 1000).toFixed(2)} µs/assignment`;
  for (const t of r.js) console.log(`JS  ${t.wordsPerGate} × 32-bit words/gate (${t.lanesPerPass} lanes): ${fmt(t.msPerAssignment)} (round spread ${t.spreadPercent.toFixed(1)}%)`);
  if (r.wasm !== null) console.log(`Wasm 1 × v128/gate (${r.wasm.lanesPerPass} lanes): ${fmt(r.wasm.msPerAssignment)} (round spread ${r.wasm.spreadPercent.toFixed(1)}%)`);
  if (r.c.length === 0) console.log(`C   skipped: ${r.compiler.note}`);
  for (const t of r.c) console.log(`C   ${t.wordsPerGate} × 64-bit words/gate (${t.lanesPerPass} lanes): ${fmt(t.msPerAssignment)} (round spread ${t.spreadPercent.toFixed(1)}%)`);
  for (const t of r.c128) console.log(`C, 128-bit vectors only (-mno-avx), ${t.wordsPerGate} × 64-bit words/gate (${t.lanesPerPass} lanes): ${fmt(t.msPerAssignment)} (round spread ${t.spreadPercent.toFixed(1)}%)`);
  for (const e of r.ratioAtEqualLanes) console.log(`JS/C speed at ${e.lanesPerPass} lanes per pass: ${e.ratio.toFixed(3)}`);
  if (r.wasmRatioAtEqualLanes !== null) console.log(`Wasm/C speed at 128 lanes per pass: ${r.wasmRatioAtEqualLanes.toFixed(3)}`);
  if (r.paired !== null) {
    const p = r.paired;
    console.log(`paired runs (${p.path} against C W = ${p.cWordsPerGate}, back to back): ${p.ratios.map((x) => x.toFixed(3)).join(', ')} (median ${p.median.toFixed(3)}, ${p.min.toFixed(3)}–${p.max.toFixed(3)})`);
  }
  if (r.best.ratio !== null) {
    console.log(
      `JS/C speed, best against best (path ${r.best.path}${r.paired === null ? ', rounds' : ', median of the pairs'}): ${r.best.ratio.toFixed(3)} (target ≥ 0.6: ${r.pass.ratioAtLeast06 ? 'met' : 'NOT met'}); from the rounds: ${r.best.ratioRounds?.toFixed(3)}; pure JS: ${r.best.ratioJsOnly?.toFixed(3)}; against C with 128-bit vectors only: ${r.best.ratioVsC128?.toFixed(3)}`,
    );
  }
  console.log(
    `memory (${r.memory.path}): ${r.memory.bytesPerGate.toFixed(1)} B/gate + ${r.memory.bytesPerWire} B/wire (budget 32 + 4); agree: JS = C ${r.agree.jsVsC}, JS = reference ${r.agree.jsVsReference}, Wasm = C ${r.agree.wasmVsC}, Wasm = reference ${r.agree.wasmVsReference}`,
  );
};

const arithmeticBench = async (o: { max?: number }): Promise<void> => {
  write('arithmetic', await runArithmeticBench(o.max === undefined ? {} : { maxK: o.max }));
};

const compileTransformerBench = async (o: { max?: number; timeout?: number; mem?: number; models?: string }): Promise<void> => {
  const result = await runCompileTransformerBench({
    ...(o.max === undefined ? {} : { maxN: o.max }),
    ...(o.timeout === undefined ? {} : { timeoutMs: o.timeout * 1000 }),
    ...(o.mem === undefined ? {} : { memoryMiB: o.mem }),
    ...(o.models === undefined ? {} : { models: o.models.split(',').filter((s) => s !== '') }),
  });
  write('compile-transformer', result);
  const { svg, cost } = await compileTransformerFigure(result);
  console.log(`wrote ${svg} and ${cost}`);
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
  .command('eval-vs-c')
  .description('bit-parallel evaluator vs a plain C loop (cc -O3 -march=native) on the eval benchmark circuit')
  .option('--gates <n>', 'gates in the random circuit (default 1,000,000)', int)
  .option('--assignments <n>', 'assignments (default 4,096)', int)
  .option('--rounds <n>', 'interleaved rounds (default 3)', int)
  .option('--pairs <n>', 'paired runs of best C and the fastest path after the rounds (default 7)', int)
  .action(evalVsCBench);
program
  .command('arithmetic')
  .description('build cost of float-iterated-sum over k = 16 … 256 (and more with --max)')
  .option('--max <k>', 'largest k to build (default 256; 512 and 1024 take GBs)', int)
  .action(arithmeticBench);
program
  .command('compile-transformer')
  .description('compile the example transformers (arithmetic route) at n = 4 … 64, each point in a child process; not in the default run')
  .option('--max <n>', 'largest n: 4, 8, … (default 64; 128 and 256 if asked)', int)
  .option('--timeout <s>', 'time limit per point in seconds (default 300)', int)
  .option('--mem <MiB>', 'memory budget per point in MiB (default 8192)', int)
  .option('--models <files>', 'comma-separated model files (default examples/majority.json,examples/softmax-2layer.json,bench/models/softmax-dense-2layer.json)')
  .action(compileTransformerBench);
program
  .command('all', { isDefault: true })
  .description('eval, eval-vs-c and arithmetic, with defaults (compile-transformer only by name)')
  .action(() => {
    // each benchmark in a process of its own, so that peak-memory figures are its own
    for (const name of ['eval', 'eval-vs-c', 'arithmetic']) {
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
      if (r.status !== 0) {
        process.exitCode = r.status ?? 1;
        return;
      }
    }
  });

await program.parseAsync(process.argv);
