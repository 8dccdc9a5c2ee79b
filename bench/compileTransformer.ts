/**
 * # Benchmark: compiling transformers to threshold circuits (arithmetic route)
 *
 * For each model, n = 4, 8, 16, 32, 64 (up to `--max`) until a point takes more than the time
 * limit (default 5 min) or the memory budget (default 8 GiB): compiles the model with
 * `compileArithmetic`, then evaluates the circuit on 1,024 seeded random inputs with the
 * bit-parallel evaluator. Records gates, wires, depth (kernel and P1 basis), build time, eval
 * time, peak RSS and the component that dominates the size; writes
 * `bench/results/compile-transformer.json`, the figure `docs/figures/compile-transformer.svg`
 * (with its input, `.json`: depth and size against n) and `compile-transformer-cost.svg`
 * (build time, evaluation time per input, peak RSS against n).
 *
 * ## Main definitions
 * - {@link runCompileTransformerBench}: the sweep, each point in a child process of its own.
 * - {@link measurePoint}: one point, in this process (what the child runs).
 * - {@link compileTransformerFigure}: the figure from the results.
 *
 * ## Implementation notes
 * - Models: `examples/majority.json` (one layer, one saturated head, d_model = 2),
 *   `examples/softmax-2layer.json` (two layers of two softmax heads, d_model = 4) and
 *   `bench/models/softmax-dense-2layer.json` (the same shape with d_head = 2 and non-zero
 *   W_Q, W_K: both examples attend uniformly, so their scores, exp_p and normalizers fold to
 *   constants and cost nothing; this fixture makes them real circuits).
 * - n = 4, 8, 16, 32, 64, and 128, 256 with `--max`.
 * - Each point runs in a child process (`node --import tsx bench/compileTransformer.ts --point
 *   MODEL N`) with a timeout (SIGKILL) and `--max-old-space-size` at the budget; the child also
 *   checks its own RSS on every progress report of the compiler and gives up (exit 3) past the
 *   budget. A point that fails ends that model's sweep: the larger n are recorded as skipped.
 *   Peak memory is the child's `resourceUsage().maxRSS`, so it is the point's own.
 * - Timing with tinybench: one build iteration (builds take seconds to minutes), and the
 *   1,024 evaluations (32 bit-parallel passes) as one task of 3 iterations, median.
 * - The first 32 of the 1,024 inputs are also checked against `runTransformer` (the
 *   transformer's exact semantics), so that a timed circuit is known to be the right one.
 *
 * Run: `npm run bench -- compile-transformer [--max N] [--timeout S] [--mem MiB] [--models …]`
 * (the committed results: `--max 256`).
 * Not part of the default `npm run bench` (it takes many minutes).
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { Circuit } from '../src/core/circuit.js';
import { metrics } from '../src/core/metrics.js';
import { evaluateWords, inputWordsOf, LANES } from '../src/core/evaluateBitParallel.js';
import { decodeModelText } from '../src/core/modelCodec.js';
import { compileArithmetic } from '../src/reductions/compile/arithmeticRoute.js';
import { encodeTokens } from '../src/reductions/compile/types.js';
import { seededInts } from '../src/reductions/random.js';
import { verifyCompiled } from '../src/cli/transformerCommands.js';
import { FIGURES_DIR, writeSweepFigure, type FigurePaths } from '../scripts/figures.js';
import type { SweepPlotInput } from '../scripts/plotSweep.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The models of the sweep, relative to the repository root. */
export const DEFAULT_MODELS = ['examples/majority.json', 'bench/models/saturated-dense-1layer.json', 'examples/softmax-2layer.json', 'bench/models/softmax-dense-2layer.json'] as const;

/** The lengths of the sweep. */
export const DEFAULT_NS = [4, 8, 16, 32, 64] as const;

/** Random inputs evaluated per point. */
export const EVAL_INPUTS = 1024;

/** Of those, checked against runTransformer. */
export const CHECKED_INPUTS = 32;

/** Options of {@link runCompileTransformerBench}. */
export interface CompileTransformerBenchOptions {
  /** Model files (default {@link DEFAULT_MODELS}). */
  readonly models?: readonly string[];
  /** Largest n (default 64). */
  readonly maxN?: number;
  /** Time limit per point, ms (default 5 min). */
  readonly timeoutMs?: number;
  /** Memory budget per point, MiB (default 8192). */
  readonly memoryMiB?: number;
}

/** One measured point. */
export interface CompileTransformerPoint {
  readonly model: string;
  readonly n: number;
  readonly status: 'ok';
  readonly p: number;
  readonly gates: number;
  readonly wires: number;
  readonly depth: number;
  readonly sizeP1: number;
  readonly depthP1: number;
  readonly buildMs: number;
  /** Median time of evaluating all {@link EVAL_INPUTS} inputs. */
  readonly evalMs: number;
  readonly evalInputs: number;
  readonly evalNsPerInput: number;
  /** The child's peak resident memory. */
  readonly peakRssMiB: number;
  readonly circuitBytes: number;
  readonly dominant: { readonly component: string; readonly gates: number; readonly share: number } | null;
  readonly breakdown: readonly { readonly component: string; readonly gates: number; readonly depth: number }[];
  /** Inputs checked against runTransformer, and whether all agreed. */
  readonly checked: number;
  readonly agrees: boolean;
}

/** A point that did not complete. */
export interface CompileTransformerFailure {
  readonly model: string;
  readonly n: number;
  readonly status: 'timeout' | 'memory' | 'refused' | 'error' | 'skipped';
  readonly message: string;
  readonly elapsedMs?: number;
}

/** One row of the results. */
export type CompileTransformerRow = CompileTransformerPoint | CompileTransformerFailure;

/** What the benchmark writes to `bench/results/compile-transformer.json`. */
export interface CompileTransformerResult {
  readonly benchmark: 'compile-transformer';
  readonly route: 'arithmetic';
  readonly timestamp: string;
  readonly node: string;
  readonly timeoutMs: number;
  readonly memoryMiB: number;
  readonly rows: readonly CompileTransformerRow[];
}

/** Exit code of a child that stopped at the memory budget. */
const EXIT_MEMORY = 3;
/** Exit code of a child whose model the compiler refuses. */
const EXIT_REFUSED = 4;

const circuitBytes = (c: Circuit): number =>
  c.kind.byteLength + c.param.byteLength + c.faninStart.byteLength + c.fanin.byteLength + (c.weight?.byteLength ?? 0) + c.outputs.byteLength;

const mib = (bytes: number): number => bytes / (1024 * 1024);

/** Time `fn` for a fixed number of iterations with tinybench; the median latency in ms. */
const timed = async (name: string, iterations: number, fn: () => void): Promise<number> => {
  const bench = new Bench({ name, time: 0, iterations, warmup: false, throws: true });
  // async: false, or tinybench calls fn once more to find out (a second build of minutes)
  bench.add(name, fn, { async: false });
  await bench.run();
  const r = bench.tasks[0]?.result;
  if (r === undefined || r.state !== 'completed') throw new Error(`compile-transformer: task ${name} did not complete`);
  return r.latency.p50 ?? r.latency.mean;
};

/**
 * Measure one point in this process: compile, evaluate {@link EVAL_INPUTS} random inputs,
 * check the first {@link CHECKED_INPUTS} against runTransformer. `memoryMiB` is the RSS budget
 * checked during compilation (exit {@link EXIT_MEMORY} past it).
 */
export async function measurePoint(modelFile: string, n: number, memoryMiB = Infinity): Promise<CompileTransformerPoint> {
  const decoded = decodeModelText(readFileSync(resolve(ROOT, modelFile), 'utf8'));
  if (isLeft(decoded)) throw new Error(`${modelFile}: invalid model`);
  const model = decoded.right;
  let built: ReturnType<typeof compileArithmetic> | undefined;
  let lastStage = '';
  const buildMs = await timed(`compile ${basename(modelFile)} n=${n}`, 1, () => {
    built = compileArithmetic(model, n, {
      onProgress: (done, total, stage) => {
        if (stage !== lastStage) {
          lastStage = stage;
          console.error(`  [${basename(modelFile)} n=${n}] ${stage} (${done}/${total}), rss ${mib(process.memoryUsage.rss()).toFixed(0)} MiB`);
        }
        if (mib(process.memoryUsage.rss()) > memoryMiB) {
          console.error(`  [${basename(modelFile)} n=${n}] over the memory budget of ${memoryMiB} MiB at ${stage}`);
          process.exit(EXIT_MEMORY);
        }
      },
    });
  });
  if (built === undefined) throw new Error('compile did not run');
  if (isLeft(built)) {
    // the reason goes to the parent on stdout, as the one line a point prints
    process.stdout.write(`${JSON.stringify({ refused: built.left })}\n`, () => process.exit(EXIT_REFUSED));
    return await new Promise<never>(() => undefined);
  }
  const compiled = built.right;
  const c = compiled.circuit;
  const m = metrics(c);
  const draw = seededInts(n);
  const inputs = Array.from({ length: EVAL_INPUTS }, () => Array.from({ length: n }, () => draw(0, model.alphabet.length - 1)));
  const words = Array.from({ length: EVAL_INPUTS / LANES }, (_, k) =>
    inputWordsOf(
      c.numInputs,
      inputs.slice(k * LANES, (k + 1) * LANES).map((t) => encodeTokens(model.alphabet.length, t)),
    ),
  );
  const scratch = new Uint32Array(c.numGates);
  const evalMs = await timed(`eval ${basename(modelFile)} n=${n}`, 3, () => {
    for (const w of words) evaluateWords(c, w, scratch);
  });
  const report = verifyCompiled(model, compiled, inputs.slice(0, CHECKED_INPUTS));
  const dominant = compiled.breakdown.reduce<(typeof compiled.breakdown)[number] | null>((best, b) => (best === null || b.gates > best.gates ? b : best), null);
  return {
    model: modelFile,
    n,
    status: 'ok',
    p: compiled.p,
    gates: m.size,
    wires: m.wires,
    depth: m.depth,
    sizeP1: m.sizeP1,
    depthP1: m.depthP1,
    buildMs,
    evalMs,
    evalInputs: EVAL_INPUTS,
    evalNsPerInput: (evalMs * 1e6) / EVAL_INPUTS,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    circuitBytes: circuitBytes(c),
    dominant: dominant === null ? null : { component: dominant.component, gates: dominant.gates, share: dominant.gates / m.size },
    breakdown: compiled.breakdown.map((b) => ({ component: b.component, gates: b.gates, depth: b.depth })),
    checked: report.cases,
    agrees: report.problem === null && report.counterexample === null && report.cases === CHECKED_INPUTS,
  };
}

const thisFile = fileURLToPath(import.meta.url);

/** Run one point in a child process with a timeout and a memory budget. */
const runChild = (model: string, n: number, timeoutMs: number, memoryMiB: number): CompileTransformerRow => {
  const t0 = Date.now();
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const r = spawnSync(process.execPath, [`--max-old-space-size=${memoryMiB}`, ...execArgv, thisFile, '--point', model, String(n), String(memoryMiB)], {
    cwd: ROOT,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  const elapsedMs = Date.now() - t0;
  const fail = (status: CompileTransformerFailure['status'], message: string): CompileTransformerFailure => ({ model, n, status, message, elapsedMs });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && elapsedMs >= timeoutMs);
  if (timedOut) return fail('timeout', `killed after ${(timeoutMs / 1000).toFixed(0)} s`);
  if (r.status === EXIT_MEMORY) return fail('memory', `over the memory budget of ${memoryMiB} MiB`);
  if (r.status === EXIT_REFUSED) {
    const why = (JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { refused?: string }).refused;
    return fail('refused', `compileArithmetic: ${why ?? 'refused the model'}`);
  }
  if (r.status !== 0) {
    // V8's heap limit (exit 134 / SIGABRT) or the kernel's OOM killer (SIGKILL before the timeout)
    const oom = r.signal === 'SIGKILL' || r.signal === 'SIGABRT' || r.status === 134;
    return fail(oom ? 'memory' : 'error', `child exited with ${r.status ?? r.signal}`);
  }
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as CompileTransformerPoint;
};

/** The sweep: every model at every n until a point fails. */
export async function runCompileTransformerBench(opts: CompileTransformerBenchOptions = {}): Promise<CompileTransformerResult> {
  const models = opts.models ?? DEFAULT_MODELS;
  const maxN = opts.maxN ?? 64;
  const timeoutMs = opts.timeoutMs ?? 5 * 60 * 1000;
  const memoryMiB = opts.memoryMiB ?? 8192;
  const ns = [...DEFAULT_NS, 128, 256].filter((n) => n <= maxN);
  const rows: CompileTransformerRow[] = [];
  for (const model of models) {
    let stopped: string | null = null;
    for (const n of ns) {
      if (stopped !== null) {
        rows.push({ model, n, status: 'skipped', message: `a smaller n ${stopped}` });
        continue;
      }
      console.error(`${model}, n = ${n} …`);
      const row = runChild(model, n, timeoutMs, memoryMiB);
      rows.push(row);
      if (row.status === 'ok') {
        console.error(
          `${model}, n = ${n}: ${row.gates} gates, ${row.wires} wires, depth ${row.depth}; build ${(row.buildMs / 1000).toFixed(1)} s, eval ${row.evalMs.toFixed(1)} ms / ${row.evalInputs}, peak ${row.peakRssMiB.toFixed(0)} MiB; ${row.dominant?.component ?? '?'} dominates`,
        );
      } else {
        console.error(`${model}, n = ${n}: ${row.status}: ${row.message}`);
        stopped = row.status === 'timeout' ? 'timed out' : row.status === 'memory' ? 'exceeded the memory budget' : `failed (${row.status})`;
      }
    }
  }
  return { benchmark: 'compile-transformer', route: 'arithmetic', timestamp: new Date().toISOString(), node: process.version, timeoutMs, memoryMiB, rows };
}

const familyName = (model: string): string =>
  basename(model) === 'majority.json'
    ? 'majority (1 saturated head)'
    : basename(model) === 'softmax-2layer.json'
      ? 'softmax-2layer (uniform)'
      : basename(model) === 'softmax-dense-2layer.json'
        ? 'softmax-dense-2layer'
        : basename(model, '.json');

/** The figure's input: depth and size against n, one series per model (completed points only). */
export const compileTransformerFigureInput = (result: CompileTransformerResult): SweepPlotInput => {
  const ok = result.rows.filter((r): r is CompileTransformerPoint => r.status === 'ok');
  const models = [...new Set(ok.map((r) => r.model))];
  return {
    title: 'Transformers compiled to threshold circuits (arithmetic route)',
    subtitle: 'majority.json: 1 saturated head, d = 2, uniform; saturated-dense-1layer: the same shape with real scores; softmax-2layer.json: 2 layers × 2 softmax heads, d = 4, uniform; softmax-dense-2layer: with real scores',
    series: models.map((model) => ({ family: familyName(model), points: ok.filter((r) => r.model === model).map((r) => ({ n: r.n, depth: r.depth, size: r.gates })) })),
  };
};

/** One value of the cost figure. */
interface CostRow {
  readonly family: string;
  readonly n: number;
  readonly metric: string;
  readonly value: number;
}

const COST_METRICS = ['build time (s)', 'evaluation (µs per input, bit-parallel)', 'peak RSS (MiB)'] as const;

/**
 * The vega-lite spec of the cost figure: build time, evaluation time per input and peak RSS
 * against n, one panel each, log axes, one colour per model.
 */
export const costSpec = (result: CompileTransformerResult): TopLevelSpec => {
  const ok = result.rows.filter((r): r is CompileTransformerPoint => r.status === 'ok');
  const values: CostRow[] = ok.flatMap((r) => [
    { family: familyName(r.model), n: r.n, metric: COST_METRICS[0], value: r.buildMs / 1000 },
    { family: familyName(r.model), n: r.n, metric: COST_METRICS[1], value: r.evalNsPerInput / 1000 },
    { family: familyName(r.model), n: r.n, metric: COST_METRICS[2], value: r.peakRssMiB },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Cost of compiling transformers (arithmetic route)', subtitle: 'each point in a process of its own; n on a log₂ axis', anchor: 'start', fontSize: 17, subtitleFontSize: 12, offset: 12 },
    background: 'white',
    padding: 12,
    data: { values },
    hconcat: COST_METRICS.map((metric) => ({
      width: 220,
      height: 200,
      title: { text: metric, fontSize: 13 },
      transform: [{ filter: { field: 'metric', equal: metric } }],
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'n', type: 'quantitative', scale: { type: 'log', base: 2 }, axis: { values: DEFAULT_NS.filter((n) => values.some((v) => v.n === n)), title: 'n' } },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: null },
        color: { field: 'family', type: 'nominal', title: 'model', legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 } },
      },
    })),
    spacing: 30,
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ccc' }, axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' } },
  } as TopLevelSpec;
};

/** The cost figure as SVG (vega's headless `toSVG`, no canvas). */
export const renderCostSvg = async (result: CompileTransformerResult): Promise<string> => {
  const view = new vega.View(vega.parse(compile(costSpec(result)).spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return svg.endsWith('\n') ? svg : `${svg}\n`;
  } finally {
    view.finalize();
  }
};

/**
 * Write `docs/figures/compile-transformer.{svg,json}` (depth and size against n) and
 * `docs/figures/compile-transformer-cost.svg` (build time, evaluation time, peak RSS) from the
 * results.
 */
export const compileTransformerFigure = async (result: CompileTransformerResult, dir: string = FIGURES_DIR): Promise<FigurePaths & { cost: string }> => {
  const paths = await writeSweepFigure(compileTransformerFigureInput(result), dir, 'compile-transformer');
  const cost = join(dir, 'compile-transformer-cost.svg');
  writeFileSync(cost, await renderCostSvg(result));
  return { ...paths, cost };
};

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  if (args[0] === '--point') {
    const point = await measurePoint(args[1] ?? '', Number(args[2]), args[3] === undefined ? Infinity : Number(args[3]));
    process.stdout.write(`${JSON.stringify(point)}\n`);
  } else if (args[0] === '--figure') {
    const result = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'compile-transformer.json'), 'utf8')) as CompileTransformerResult;
    const paths = await compileTransformerFigure(result);
    console.log(paths.svg);
    console.log(paths.cost);
  } else {
    console.error('usage: npm run bench -- compile-transformer (this file: --point MODEL N [MiB] | --figure)');
    process.exitCode = 2;
  }
}
