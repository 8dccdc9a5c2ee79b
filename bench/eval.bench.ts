/**
 * # Benchmark: bit-parallel vs reference evaluator
 *
 * A seeded random circuit of 1,000,000 gates evaluated on 4,096 random assignments by the
 * bit-parallel evaluator (32 assignments per pass), and on a subsample of them by the reference
 * evaluator (one assignment per pass; the yardstick). Reports time per assignment for both, the
 * speedup, lane-wire evaluations per second and the circuit's bytes per gate and per wire.
 *
 * ## Main definitions
 * - {@link runEvalBench}: build the circuit, time both evaluators with tinybench, return figures.
 * - {@link randomBenchCircuit}: the benchmark circuit.
 *
 * ## The circuit (choices)
 * - 64 input gates first; then `gates − 64` gates, each independently a third AND, a third OR,
 *   a third threshold (θ≥k or θ≤k with equal probability, unweighted); fan-in uniform in 2..64;
 *   each argument uniform among all earlier gates (inputs included; repeats allowed); threshold
 *   k uniform in 0..fan-in (the kernel's range). Outputs: the last 16 gates. RNG: pure-rand's xoroshiro128+ (`seededInts`).
 * - Uniform arguments give no locality: every wire is a random read of the gate-value array,
 *   which is the reference evaluator's working set (1 byte/gate) and the bit-parallel one's
 *   (4 bytes/gate for 32 assignments).
 *
 * ## Measurement
 * - Reference: `evaluate(c, bits, scratch)` from src/core/evaluate.ts, one tinybench iteration
 *   per assignment, on the first `refAssignments` (default 64) assignments.
 * - Bit-parallel: pack 32 assignments into input words, `evaluateWords`, unpack the outputs;
 *   one tinybench iteration per chunk of 32, over all `assignments` (default 4,096).
 * - Both warmed up first (a few untimed iterations), then timed with tinybench (`time: 0`, a
 *   fixed iteration count, samples retained) in `rounds` interleaved rounds (reference, then
 *   bit-parallel), so that load from other processes on the machine falls on both alike. The
 *   headline times are medians of the pooled iteration latencies; means and minima are reported
 *   too. The outputs of both are compared on the reference subsample.
 *
 * Run: `npm run bench -- eval [--gates N] [--assignments N] [--ref N] [--rounds N]` (see
 * `bench/run.ts`) writes `bench/results/eval.json`.
 *
 * @module
 */
import { cpus, totalmem } from 'node:os';
import { Bench } from 'tinybench';
import { createBuilder, GateKind, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { seededInts } from '../src/reductions/random.js';
import { evaluateWords, inputWordsOf, LANES, outputWords } from '../src/core/evaluateBitParallel.js';

/** Options of {@link runEvalBench}. @category model */
export interface EvalBenchOptions {
  /** Gates in the circuit, inputs included (default 1,000,000). */
  readonly gates?: number;
  /** Assignments for the bit-parallel evaluator (default 4,096; rounded up to a multiple of 32). */
  readonly assignments?: number;
  /** Assignments for the reference evaluator (default 64; at most `assignments`). */
  readonly refAssignments?: number;
  /** RNG seed (default 42). */
  readonly seed?: number;
  /** Interleaved rounds (reference, then bit-parallel, per round; default 4). */
  readonly rounds?: number;
}

/** Timing of one evaluator, pooled over all rounds. @category model */
export interface EvaluatorTiming {
  readonly assignments: number;
  /** tinybench iterations (one per assignment for the reference, one per 32 for bit-parallel). */
  readonly samples: number;
  /** Median iteration latency, per assignment (the headline figure: robust to other load). */
  readonly msPerAssignment: number;
  readonly meanMsPerAssignment: number;
  /** Fastest iteration, per assignment. */
  readonly minMsPerAssignment: number;
  /** 95% margin of error of the mean, in percent of the mean. */
  readonly rmePercent: number;
  /** wires × assignments / seconds, at the median. */
  readonly laneWireEvalsPerSecond: number;
}

/** The figures {@link runEvalBench} reports. @category model */
export interface EvalBenchResult {
  readonly benchmark: 'eval';
  readonly timestamp: string;
  readonly node: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly totalMemGiB: number;
  readonly seed: number;
  readonly circuit: {
    readonly gates: number;
    readonly inputs: number;
    readonly wires: number;
    readonly kinds: Readonly<Record<'input' | 'and' | 'or' | 'ge' | 'le', number>>;
    readonly buildMs: number;
    /** Sum of the byteLengths of the circuit's typed arrays. */
    readonly bytes: number;
    /** kind + param + faninStart bytes, per gate. */
    readonly gateArrayBytesPerGate: number;
    /** fanin (+ weight) bytes, per wire. */
    readonly wireArrayBytesPerWire: number;
    /** All bytes / gates and all bytes / wires (each charging everything to one unit). */
    readonly totalBytesPerGate: number;
    readonly totalBytesPerWire: number;
    /** The budget: 32 bytes/gate + 4 bytes/wire. */
    readonly budgetBytes: number;
  };
  readonly reference: EvaluatorTiming;
  readonly bitParallel: EvaluatorTiming;
  /** reference msPerAssignment / bitParallel msPerAssignment (medians). */
  readonly speedup: number;
  /** The same ratio of means and of fastest iterations, for comparison. */
  readonly speedupOfMeans: number;
  readonly speedupOfMins: number;
  /** Both evaluators gave the same outputs on the reference subsample. */
  readonly agree: boolean;
  readonly pass: {
    readonly speedupAtLeast15: boolean;
    readonly speedupAtLeast30: boolean;
    readonly memoryWithinBudget: boolean;
    readonly agree: boolean;
  };
}

/** Number of input gates of the benchmark circuit. @category model */
export const BENCH_INPUTS = 64;

/**
 * The benchmark circuit: {@link BENCH_INPUTS} inputs, then AND / OR / threshold gates (a third
 * each), fan-in uniform in 2..64, arguments uniform among earlier gates, k uniform in 0..fan-in.
 * @category constructors
 */
export const randomBenchCircuit = (gates: number, seed: number): Circuit => {
  if (gates <= BENCH_INPUTS) throw new RangeError(`randomBenchCircuit: need more than ${BENCH_INPUTS} gates, got ${gates}`);
  const draw = seededInts(seed);
  const b = createBuilder();
  b.inputs(BENCH_INPUTS);
  // One reusable argument array per fan-in (the builder copies the arguments).
  const argBufs = Array.from({ length: 65 }, (_, f) => new Array<number>(f).fill(0));
  for (let i = BENCH_INPUTS; i < gates; i++) {
    const f = draw(2, 64);
    const args = argBufs[f]!;
    for (let j = 0; j < f; j++) args[j] = draw(0, i - 1);
    const kind = draw(0, 2);
    if (kind === 0) b.and(args);
    else if (kind === 1) b.or(args);
    else {
      const k = draw(0, f);
      if (draw(0, 1) === 0) b.ge(args, k);
      else b.le(args, k);
    }
  }
  return b.build(Array.from({ length: 16 }, (_, j) => gates - 16 + j));
};

const circuitBytes = (c: Circuit): { gateBytes: number; wireBytes: number; bytes: number } => {
  const gateBytes = c.kind.byteLength + c.param.byteLength + c.faninStart.byteLength;
  const wireBytes = c.fanin.byteLength + (c.weight === null ? 0 : c.weight.byteLength);
  return { gateBytes, wireBytes, bytes: gateBytes + wireBytes + c.outputs.byteLength };
};

/** Time `step` for `iterations` calls with tinybench and return the raw latencies (ms). */
const sampleLatencies = async (name: string, step: () => void, iterations: number): Promise<number[]> => {
  const bench = new Bench({ name, time: 0, iterations, warmup: false, throws: true, retainSamples: true });
  bench.add(name, step, { async: false });
  await bench.run();
  const r = bench.tasks[0]?.result;
  if (r === undefined || r.state !== 'completed' || r.latency.samples === undefined) {
    throw new Error(`runEvalBench: task ${name} did not complete`);
  }
  return [...r.latency.samples];
};

const timingOf = (samples: readonly number[], assignments: number, perIteration: number, wires: number): EvaluatorTiming => {
  const sorted = [...samples].sort((x, y) => x - y);
  const n = sorted.length;
  const mean = sorted.reduce((t, x) => t + x, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((t, x) => t + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const msPerAssignment = median / perIteration;
  return {
    assignments,
    samples: n,
    msPerAssignment,
    meanMsPerAssignment: mean / perIteration,
    minMsPerAssignment: sorted[0]! / perIteration,
    rmePercent: (100 * 1.96 * sd) / Math.sqrt(n) / mean,
    laneWireEvalsPerSecond: (wires * 1000) / msPerAssignment,
  };
};

/**
 * Build the benchmark circuit and time the reference and bit-parallel evaluators on it.
 * @category destructors
 */
export async function runEvalBench(opts: EvalBenchOptions = {}): Promise<EvalBenchResult> {
  const gates = opts.gates ?? 1_000_000;
  const seed = opts.seed ?? 42;
  const nChunks = Math.max(1, Math.ceil((opts.assignments ?? 4096) / LANES));
  const assignments = nChunks * LANES;
  const refAssignments = Math.max(1, Math.min(opts.refAssignments ?? 64, assignments));
  const rounds = Math.max(1, Math.min(opts.rounds ?? 4, refAssignments, nChunks));

  const t0 = performance.now();
  const c = randomBenchCircuit(gates, seed);
  const buildMs = performance.now() - t0;
  const wires = c.fanin.length;
  const kinds = { input: 0, and: 0, or: 0, ge: 0, le: 0 };
  for (let i = 0; i < c.numGates; i++) {
    const k = c.kind[i];
    if (k === GateKind.Input) kinds.input++;
    else if (k === GateKind.And) kinds.and++;
    else if (k === GateKind.Or) kinds.or++;
    else if (k === GateKind.Ge) kinds.ge++;
    else if (k === GateKind.Le) kinds.le++;
  }

  const bit = seededInts(seed ^ 0x9e3779b9);
  const inputs = Array.from({ length: assignments }, () => Uint8Array.from({ length: c.numInputs }, () => bit(0, 1)));

  // Reference: one assignment per iteration, scratch reused.
  const refScratch = new Uint8Array(c.numGates);
  const refOut: Uint8Array[] = [];
  let refNext = 0;
  const refStep = (): void => {
    const a = refNext % refAssignments;
    refNext++;
    refOut[a] = evaluate(c, inputs[a]!, refScratch);
  };
  // Bit-parallel: 32 assignments per iteration, all buffers reused.
  const gateWords = new Uint32Array(c.numGates);
  const inWords = new Uint32Array(c.numInputs);
  const outWords = new Uint32Array(c.outputs.length);
  const bpOut: Uint8Array[] = [];
  let bpNext = 0;
  const bpStep = (): void => {
    const chunk = bpNext % nChunks;
    bpNext++;
    const base = chunk * LANES;
    inputWordsOf(c.numInputs, inputs.slice(base, base + LANES), inWords);
    outputWords(c, evaluateWords(c, inWords, gateWords), outWords);
    for (let b = 0; b < LANES; b++) {
      const bits = new Uint8Array(outWords.length);
      for (let j = 0; j < outWords.length; j++) bits[j] = (outWords[j]! >>> b) & 1;
      bpOut[base + b] = bits;
    }
  };

  // Untimed warmup (JIT), then timed runs with a fixed number of iterations.
  for (let i = 0; i < 3; i++) refStep();
  for (let i = 0; i < 3; i++) bpStep();
  refNext = 0;
  bpNext = 0;
  // Interleaved rounds, so that other load on the machine hits both evaluators alike.
  const refSamples: number[] = [];
  const bpSamples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const refIters = Math.floor(((r + 1) * refAssignments) / rounds) - Math.floor((r * refAssignments) / rounds);
    const bpIters = Math.floor(((r + 1) * nChunks) / rounds) - Math.floor((r * nChunks) / rounds);
    refSamples.push(...(await sampleLatencies('reference evaluate, 1 assignment', refStep, refIters)));
    bpSamples.push(...(await sampleLatencies('bit-parallel evaluateWords, 32 assignments', bpStep, bpIters)));
  }
  const reference = timingOf(refSamples, refAssignments, 1, wires);
  const bitParallel = timingOf(bpSamples, assignments, LANES, wires);
  let agree = true;
  for (let a = 0; a < refAssignments; a++) {
    const x = refOut[a];
    const y = bpOut[a];
    if (x === undefined || y === undefined || x.length !== y.length || x.some((v, j) => v !== y[j])) agree = false;
  }
  const { gateBytes, wireBytes, bytes } = circuitBytes(c);
  const budgetBytes = 32 * c.numGates + 4 * wires;
  const speedup = reference.msPerAssignment / bitParallel.msPerAssignment;
  return {
    benchmark: 'eval',
    timestamp: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    seed,
    circuit: {
      gates: c.numGates,
      inputs: c.numInputs,
      wires,
      kinds,
      buildMs,
      bytes,
      gateArrayBytesPerGate: gateBytes / c.numGates,
      wireArrayBytesPerWire: wireBytes / wires,
      totalBytesPerGate: bytes / c.numGates,
      totalBytesPerWire: bytes / wires,
      budgetBytes,
    },
    reference,
    bitParallel,
    speedup,
    speedupOfMeans: reference.meanMsPerAssignment / bitParallel.meanMsPerAssignment,
    speedupOfMins: reference.minMsPerAssignment / bitParallel.minMsPerAssignment,
    agree,
    pass: {
      speedupAtLeast15: speedup >= 15,
      speedupAtLeast30: speedup >= 30,
      memoryWithinBudget: bytes <= budgetBytes,
      agree,
    },
  };
}
