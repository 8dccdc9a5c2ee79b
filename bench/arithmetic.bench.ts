/**
 * # Benchmark: building `float-iterated-sum` (P1 Lemma 5)
 *
 * For k = 16, 32, 64, 128, 256 floats (512 and 1024 with `--max`) at p = 2⌈log₂ k⌉ (so the
 * exact aligned integers are about 2k bits wide), builds the circuit and reports build time
 * (tinybench, median of the iterations), size, wires, bytes of the circuit's typed arrays, the
 * process's peak resident memory (`maxRSS`, monotone over the sweep: run in a process of its
 * own, as `npm run bench` does), where the gates go (decode, alignment, column sums, final
 * addition, sign, truncation, encode), the fitted size exponent in k, and whether building is
 * linear in the output: time per gate (and per wire) may not grow by more than 2× across the
 * sweep.
 *
 * Run: `npm run bench -- arithmetic [--max K]`; results in `bench/results/arithmetic.json`.
 *
 * @module
 */
import { Bench } from 'tinybench';
import { metrics } from '../src/core/metrics.js';
import { floatIteratedSum } from '../src/reductions/arithmetic/floatIteratedSum.js';
import { fittedExponent } from '../src/proofs/lemma.js';

/** Options of {@link runArithmeticBench}. */
export interface ArithmeticBenchOptions {
  /** Largest k (default 256). */
  readonly maxK?: number;
}

/** One row of the sweep. */
export interface ArithmeticBenchRow {
  readonly k: number;
  readonly p: number;
  readonly buildMs: number;
  readonly iterations: number;
  readonly size: number;
  readonly wires: number;
  readonly depth: number;
  readonly circuitBytes: number;
  readonly peakRssMiB: number;
  readonly nsPerGate: number;
  readonly nsPerWire: number;
  readonly stages: readonly { readonly stage: string; readonly gates: number; readonly share: number }[];
}

const bytesOf = (c: ReturnType<typeof floatIteratedSum>['circuit']): number =>
  c.kind.byteLength + c.param.byteLength + c.faninStart.byteLength + c.fanin.byteLength + (c.weight?.byteLength ?? 0) + c.outputs.byteLength;

/** Build the sweep and measure it. */
export async function runArithmeticBench(opts: ArithmeticBenchOptions = {}) {
  const maxK = opts.maxK ?? 256;
  const ks = [16, 32, 64, 128, 256, 512, 1024].filter((k) => k <= maxK);
  const rows: ArithmeticBenchRow[] = [];
  for (const k of ks) {
    const p = 2 * Math.ceil(Math.log2(k));
    const iterations = k <= 64 ? 5 : k <= 256 ? 3 : 1;
    const bench = new Bench({ name: `float-iterated-sum k=${k}`, time: 0, iterations, warmup: false, throws: true });
    let built: ReturnType<typeof floatIteratedSum> | undefined;
    bench.add(`k=${k}`, () => {
      built = floatIteratedSum(k, p);
    });
    await bench.run();
    const lat = bench.tasks[0]?.result;
    if (built === undefined || lat === undefined || lat.state !== 'completed') throw new Error(`runArithmeticBench: k = ${k} did not complete`);
    const m = metrics(built.circuit);
    const buildMs = lat.latency.p50 ?? lat.latency.mean;
    rows.push({
      k,
      p,
      buildMs,
      iterations,
      size: m.size,
      wires: m.wires,
      depth: m.depth,
      circuitBytes: bytesOf(built.circuit),
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      nsPerGate: (buildMs * 1e6) / m.size,
      nsPerWire: (buildMs * 1e6) / m.wires,
      stages: built.layout.stages.map((s) => ({ stage: s.stage, gates: s.gates, share: s.gates / m.size })),
    });
    built = undefined;
    console.error(`k = ${k}, p = ${p}: ${m.size} gates, ${m.wires} wires, depth ${m.depth}, ${buildMs.toFixed(1)} ms`);
  }
  const perGate = rows.map((r) => r.nsPerGate);
  const perWire = rows.map((r) => r.nsPerWire);
  // the largest factor by which a later point exceeds an earlier one (1 when it never grows)
  const growth = (xs: number[]): number => Math.max(1, ...xs.flatMap((x, i) => xs.slice(i + 1).map((y) => y / x)));
  return {
    benchmark: 'arithmetic' as const,
    family: 'float-iterated-sum',
    timestamp: new Date().toISOString(),
    node: process.version,
    rows,
    sizeExponentInK: fittedExponent(rows.map((r) => ({ n: r.k, size: r.size }))),
    wireExponentInK: fittedExponent(rows.map((r) => ({ n: r.k, size: r.wires }))),
    timePerGateGrowth: growth(perGate),
    timePerWireGrowth: growth(perWire),
    depths: [...new Set(rows.map((r) => r.depth))],
    pass: {
      constantDepth: new Set(rows.map((r) => r.depth)).size === 1,
      buildLinearInOutput: growth(perGate) <= 2 || growth(perWire) <= 2,
    },
  };
}
