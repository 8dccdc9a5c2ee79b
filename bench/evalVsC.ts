/**
 * # Benchmark: the bit-parallel evaluator against a plain C loop
 *
 * Times `evaluateWordsWide` (src/core/evaluateBitParallel.ts), the WebAssembly SIMD evaluator
 * (src/core/evaluateWasm.ts, the path the package takes where the runtime has it) and a plain C bit-parallel
 * evaluator (`bench/c/evaluate.c`, built here with `cc -O3 -march=native`) on the very same
 * circuit — the seeded random 1,000,000-gate circuit of the `eval` benchmark
 * ({@link randomBenchCircuit}) — and the very same assignments, in the same run, and reports
 * the ratio of their speeds (assignments per second, JS / C).
 *
 * ## Main definitions
 * - {@link runEvalVsCBench}: build the circuit, write it to a temp file, build and run the C
 *   program, time the JS evaluator, compare outputs, return the figures.
 * - {@link writeCsr}: the circuit and input words in the binary CSR form `evaluate.c` reads.
 *
 * ## Measurement
 * - C: W₆₄ ∈ {1, 2, 4, 8} 64-bit words per gate per pass (64 … 512 assignments per pass; W₆₄ = 8,
 *   512 lanes with AVX-512 where the CPU has it, was added once the faster C loop made it the fastest),
 *   each a separate build (`-DW=…`). JS: W₃₂ ∈ {1, 2, 4, 8} 32-bit words per gate per pass
 *   (32 … 256 assignments). WebAssembly: one v128 per gate (128 assignments per pass), the
 *   circuit copied into the instance before timing (as C reads its file before timing). All run the same `assignments` (default 4,096) in passes; the
 *   CPU time of each pass is taken (`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)` in C,
 *   `process.cpuUsage()` in JS; inputs packed outside the timed region in both) and the headline
 *   is the median pass time per assignment. CPU time rather than wall time because the machine
 *   may be shared: wall time would count the turns of other processes (on the 2-core machine
 *   of the committed results, at load 6–14, wall times were 2–3× the CPU times and spread
 *   by 50–90% between rounds).
 * - `rounds` interleaved rounds (default 3: every C build, then every JS width, per round), so
 *   that load from other processes falls on both alike; the spread of the per-round medians is
 *   reported as the noise figure.
 * - Pairs: after the rounds, best C (its fastest width in the rounds) and the package's fastest
 *   path run back to back `pairs` times (default 7; C first, then the path, then the other way
 *   round, alternately), each over all assignments; each pair gives one ratio. The rounds put up
 *   to a minute of JS timing between C and the path, and the machine's load moves over that
 *   time (per-round medians spread by 20–100 %); a pair's two runs are seconds apart.
 * - The headline ratio is the fastest path the package runs (WebAssembly or the best JS width)
 *   against best C: the median of the pairs' ratios (their range is reported), or, with no
 *   pairs, the ratio of the rounds' pooled medians (reported too as `ratioRounds`). The pure-JS
 *   ratio and the ratios at equal lanes per pass are reported too.
 * - Equal vector width: the C program is also built with `-mno-avx` (SSE only: 128-bit vectors,
 *   the width of a WebAssembly `v128`; W₆₄ ∈ {2, 4, 8} by default, its outputs required equal to
 *   the native build's) and timed in the rounds; `ratioVsC128` is its best against the fastest
 *   path. On the AMD EPYC here `-march=native` gives the native builds AVX-512 (512-bit vectors
 *   and `vpternlog`, a three-input logic op that makes a carry-save adder 2 instructions
 *   instead of 5); WebAssembly SIMD has 128-bit vectors and two-input ops only.
 * - Agreement: every JS width's and the WebAssembly path's output words equal the C program's
 *   on all assignments, and the first `refAssignments` (default 8) equal the reference
 *   evaluator's (src/core/evaluate.ts).
 * - Memory: the evaluator's memory on the fastest path, per gate and per wire, against the budget
 *   32 B/gate + 4 B/wire: for WebAssembly its linear memory (its own copy of the circuit and
 *   16 B of values per gate); for JS the circuit's typed arrays plus the gate-word array.
 * - No C compiler (`cc` not found or failing): the C figures are skipped and said so.
 *
 * Run: `npm run bench -- eval-vs-c [--gates N] [--assignments N] [--rounds N]` (see
 * `bench/run.ts`) writes `bench/results/eval-vs-c.json`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { evaluateWordsWide } from '../src/core/evaluateBitParallel.js';
import { prepareWasmEvaluator, WASM_LANES, WASM_WORDS_PER_GATE } from '../src/core/evaluateWasm.js';
import { seededInts } from '../src/reductions/random.js';
import { randomBenchCircuit } from './eval.bench.js';

const cSource = join(dirname(fileURLToPath(import.meta.url)), 'c', 'evaluate.c');

/** Options of {@link runEvalVsCBench}. */
export interface EvalVsCOptions {
  /** Gates in the circuit, inputs included (default 1,000,000). */
  readonly gates?: number;
  /** Assignments (default 4,096; rounded up to a multiple of 256). */
  readonly assignments?: number;
  /** Interleaved rounds (default 3). */
  readonly rounds?: number;
  /** Assignments also checked against the reference evaluator (default 8). */
  readonly refAssignments?: number;
  /** RNG seed (default 42, as the `eval` benchmark). */
  readonly seed?: number;
  /** JS words per gate to time (default 1, 2, 4, 8). */
  readonly jsWidths?: readonly number[];
  /** C words per gate to time (default 1, 2, 4, 8). */
  readonly cWidths?: readonly number[];
  /** Time the WebAssembly SIMD path too (default true; skipped where the runtime lacks it). */
  readonly wasm?: boolean;
  /** Paired runs of best C against the fastest path after the rounds (default 7; 0 for none). */
  readonly pairs?: number;
  /**
   * C words per gate to time also with 128-bit vectors only (`-mno-avx`: SSE, the width of a
   * WebAssembly `v128`; default 2, 4, 8; empty for none).
   */
  readonly c128Widths?: readonly number[];
}

/**
 * The paired measurement: after the rounds, the best C width and the package's fastest path
 * run back to back `pairs` times (in alternating order), each over all assignments; each pair
 * gives one ratio (C ms per assignment ÷ the path's, medians of the pair's passes), so that a
 * change of the machine's load between rounds falls on both sides of a ratio alike.
 */
export interface PairedRatios {
  readonly cWordsPerGate: number;
  readonly path: 'wasm' | 'js';
  /** One ratio per pair, in run order. */
  readonly ratios: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The timing of one evaluator at one width. */
export interface WidthTiming {
  readonly wordsPerGate: number;
  readonly lanesPerPass: number;
  /** Median over all timed passes of all rounds, per assignment. */
  readonly msPerAssignment: number;
  /** The median of each round, per assignment (the noise figure is their spread). */
  readonly roundMsPerAssignment: readonly number[];
  /** (max − min) / median of the round medians, in percent. */
  readonly spreadPercent: number;
  readonly minMsPerAssignment: number;
  /** Bytes of the gate-word array per gate (4·W for JS, 8·W for C). */
  readonly valueBytesPerGate: number;
}

/** The figures {@link runEvalVsCBench} reports. */
export interface EvalVsCResult {
  readonly benchmark: 'eval-vs-c';
  readonly timestamp: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly seed: number;
  readonly assignments: number;
  readonly rounds: number;
  readonly circuit: { readonly gates: number; readonly wires: number; readonly circuitBytes: number };
  readonly compiler: { readonly available: boolean; readonly command: string; readonly version: string; readonly note: string };
  /** The JS evaluator `evaluateWordsWide` at each width. */
  readonly js: readonly WidthTiming[];
  /** The WebAssembly SIMD evaluator (src/core/evaluateWasm.ts: one v128 per gate), or null if not run. */
  readonly wasm: WidthTiming | null;
  readonly c: readonly WidthTiming[];
  /** The C program built with `-O3 -march=native -mno-avx` (128-bit SSE vectors only), per width. */
  readonly c128: readonly WidthTiming[];
  readonly best: {
    /** The fastest path the package runs ('wasm' or 'js') — the one `ratio` is for. */
    readonly path: 'wasm' | 'js';
    /** Fastest JS width (words per gate). */
    readonly js: number;
    readonly c: number | null;
    /**
     * The headline: C ms/assignment ÷ ms/assignment of the fastest path (its speed as a fraction
     * of C's), best against best — the median of the paired ratios ({@link PairedRatios}) when
     * pairs were run, else {@link ratioRounds}.
     */
    readonly ratio: number | null;
    /** The same from the rounds' pooled medians (C and the path timed up to a minute apart). */
    readonly ratioRounds: number | null;
    /** The same for the fastest pure-JS width. */
    readonly ratioJsOnly: number | null;
    /** Best C with 128-bit vectors only (`c128`) ÷ the fastest path: the ratio at equal vector width. */
    readonly ratioVsC128: number | null;
  };
  /** The same ratio at equal lanes per pass (JS W₃₂ = 2·C W₆₄). */
  readonly ratioAtEqualLanes: readonly { readonly lanesPerPass: number; readonly ratio: number }[];
  /** The WebAssembly path against C at 128 lanes per pass (C W₆₄ = 2), or null. */
  readonly wasmRatioAtEqualLanes: number | null;
  /** The paired measurement, or null (no C compiler, or `pairs` = 0). */
  readonly paired: PairedRatios | null;
  /**
   * Evaluator memory of the fastest path: for 'wasm' the instance's linear memory (its own copy
   * of the circuit, pre-scaled, plus one v128 per gate; the caller's `Circuit` is not used by it),
   * for 'js' the circuit's typed arrays plus the gate words. Per gate after 4 B/wire.
   */
  readonly memory: {
    readonly path: 'wasm' | 'js';
    readonly jsWordsPerGate: number;
    readonly bytesPerGate: number;
    readonly bytesPerWire: number;
    readonly totalBytes: number;
    readonly budgetBytes: number;
    /** The pure-JS path's figure (circuit arrays + gate words of the fastest JS width). */
    readonly jsOnlyTotalBytes: number;
  };
  readonly agree: { readonly jsVsC: boolean | null; readonly jsVsReference: boolean; readonly wasmVsC: boolean | null; readonly wasmVsReference: boolean | null };
  readonly pass: { readonly ratioAtLeast06: boolean | null; readonly memoryWithinBudget: boolean; readonly agree: boolean };
}

/**
 * The circuit and the input words in the CSR form `bench/c/evaluate.c` reads (little endian):
 * "PTC1", u32 numGates, numInputs, numWires, numOutputs, hasWeights, numChunks; u8 kind
 * (padded to 4 bytes); i32 param; u32 faninStart (numGates + 1); u32 fanin; i32 weight (if
 * weighted); u32 outputs; then numChunks × numInputs u64 input words (64 assignments each).
 * `in32[ch][j]` is input `j` of the 32 assignments `32·ch … 32·ch + 31`.
 */
export const writeCsr = (c: Circuit, in32: readonly Uint32Array[]): Uint8Array => {
  const n = c.numGates;
  const m = c.fanin.length;
  const chunks = Math.ceil(in32.length / 2);
  const kindBytes = Math.ceil(n / 4) * 4;
  const words = 7 + kindBytes / 4 + n + (n + 1) + m + (c.weight === null ? 0 : m) + c.outputs.length + 2 * chunks * c.numInputs;
  const buf = new Uint8Array(words * 4);
  const dv = new DataView(buf.buffer);
  buf.set([0x50, 0x54, 0x43, 0x31], 0); // "PTC1"
  let off = 4;
  const u32 = (x: number): void => {
    dv.setUint32(off, x >>> 0, true);
    off += 4;
  };
  for (const x of [n, c.numInputs, m, c.outputs.length, c.weight === null ? 0 : 1, chunks]) u32(x);
  buf.set(c.kind as Uint8Array, off);
  off += kindBytes;
  for (let i = 0; i < n; i++) u32(c.param[i]!);
  for (let i = 0; i <= n; i++) u32(c.faninStart[i]!);
  for (let w = 0; w < m; w++) u32(c.fanin[w]!);
  if (c.weight !== null) for (let w = 0; w < m; w++) u32(c.weight[w]!);
  for (let j = 0; j < c.outputs.length; j++) u32(c.outputs[j]!);
  for (let ch = 0; ch < chunks; ch++) {
    for (let j = 0; j < c.numInputs; j++) {
      u32(in32[2 * ch]?.[j] ?? 0);
      u32(in32[2 * ch + 1]?.[j] ?? 0);
    }
  }
  return buf;
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length;
  return k % 2 ? s[(k - 1) / 2]! : (s[k / 2 - 1]! + s[k / 2]!) / 2;
};

const timingOf = (W: number, lanes: number, bytes: number, rounds: readonly (readonly number[])[]): WidthTiming => {
  const all = rounds.flat();
  const roundMs = rounds.map((r) => median(r) / lanes);
  const med = median(all) / lanes;
  return {
    wordsPerGate: W,
    lanesPerPass: lanes,
    msPerAssignment: med,
    roundMsPerAssignment: roundMs,
    spreadPercent: (100 * (Math.max(...roundMs) - Math.min(...roundMs))) / med,
    minMsPerAssignment: Math.min(...all) / lanes,
    valueBytesPerGate: bytes,
  };
};

interface CRun {
  readonly passMs: number[];
  readonly out: Uint8Array;
}

/** Run one C build on the circuit file; null (with a reason) on failure. */
const runC = (exe: string, circuitFile: string, outFile: string): CRun | string => {
  const timesFile = `${outFile}.times`;
  const r = spawnSync(exe, [circuitFile, outFile, '1', timesFile], { encoding: 'utf8' });
  if (r.status !== 0) return `${exe} exited with ${r.status ?? r.signal}: ${r.stderr}`;
  const passMs = readFileSync(timesFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => Number(l));
  return { passMs, out: readFileSync(outFile) };
};

/**
 * Build the benchmark circuit, then time the C program and the JS evaluator on it, side by side.
 */
export async function runEvalVsCBench(opts: EvalVsCOptions = {}): Promise<EvalVsCResult> {
  const gates = opts.gates ?? 1_000_000;
  const seed = opts.seed ?? 42;
  const assignments = Math.max(1, Math.ceil((opts.assignments ?? 4096) / 256)) * 256;
  const rounds = Math.max(1, opts.rounds ?? 3);
  const jsWidths = opts.jsWidths ?? [1, 2, 4, 8];
  const cWidths = opts.cWidths ?? [1, 2, 4, 8];
  const c128Widths = opts.c128Widths ?? [2, 4, 8];
  const refAssignments = Math.min(assignments, opts.refAssignments ?? 8);
  const runWasm = opts.wasm ?? true;
  const pairs = Math.max(0, opts.pairs ?? 7);

  const c = randomBenchCircuit(gates, seed);
  const n = c.numGates;
  const wires = c.fanin.length;
  const circuitBytes = c.kind.byteLength + c.param.byteLength + c.faninStart.byteLength + c.fanin.byteLength + (c.weight?.byteLength ?? 0) + c.outputs.byteLength;
  const ni = c.numInputs;
  const no = c.outputs.length;

  // Input words: in32[ch][j] = input j of assignments 32·ch … 32·ch + 31.
  const draw = seededInts(seed ^ 0x5bd1e995);
  const chunks32 = assignments / 32;
  const in32 = Array.from({ length: chunks32 }, () => Uint32Array.from({ length: ni }, () => draw(0, 0xffff) * 0x10000 + draw(0, 0xffff)));

  // --- C: write the circuit, build each width.
  const dir = mkdtempSync(join(tmpdir(), 'eval-vs-c-'));
  const compiler = { available: false, command: 'cc -O3 -march=native', version: '', note: '' };
  const cExes = new Map<number, string>();
  const cTimes = new Map<number, number[][]>();
  const c128Exes = new Map<number, string>();
  const c128Times = new Map<number, number[][]>();
  let cOut: Uint8Array | null = null;
  try {
    const circuitFile = join(dir, 'circuit.bin');
    writeFileSync(circuitFile, writeCsr(c, in32));
    const v = spawnSync('cc', ['--version'], { encoding: 'utf8' });
    if (v.status === 0) {
      compiler.version = v.stdout.split('\n')[0] ?? '';
      compiler.available = true;
      for (const W of cWidths) {
        const exe = join(dir, `evaluate-w${W}`);
        const b = spawnSync('cc', ['-O3', '-march=native', `-DW=${W}`, '-o', exe, cSource], { encoding: 'utf8' });
        if (b.status !== 0) {
          compiler.available = false;
          compiler.note = `cc failed: ${b.stderr}`;
          break;
        }
        cExes.set(W, exe);
        cTimes.set(W, []);
      }
      for (const W of compiler.available ? c128Widths : []) {
        const exe = join(dir, `evaluate-sse-w${W}`);
        const b = spawnSync('cc', ['-O3', '-march=native', '-mno-avx', `-DW=${W}`, '-o', exe, cSource], { encoding: 'utf8' });
        if (b.status !== 0) {
          compiler.note = `cc -mno-avx failed (the 128-bit figures are skipped): ${b.stderr}`;
          c128Exes.clear();
          break;
        }
        c128Exes.set(W, exe);
        c128Times.set(W, []);
      }
    } else compiler.note = 'no C compiler (cc) found: the C figures are skipped';

    // --- JS: buffers per width, allocated once.
    const jsTimes = new Map<number, number[][]>(jsWidths.map((W) => [W, []]));
    const jsOut = new Map<number, Uint32Array>(jsWidths.map((W) => [W, new Uint32Array(chunks32 * no)]));
    const jsPass = (W: number, times: number[] | null): void => {
      const gateWords = new Uint32Array(n * W);
      const inWords = new Uint32Array(ni * W);
      const out = jsOut.get(W)!;
      for (let base = 0; base < chunks32; base += W) {
        for (let j = 0; j < ni; j++) for (let q = 0; q < W; q++) inWords[j * W + q] = in32[base + q]?.[j] ?? 0;
        const t0 = process.cpuUsage();
        evaluateWordsWide(c, inWords, W, gateWords);
        const dt = process.cpuUsage(t0);
        times?.push((dt.user + dt.system) / 1000);
        for (let o = 0; o < no; o++) for (let q = 0; q < W && base + q < chunks32; q++) out[(base + q) * no + o] = gateWords[c.outputs[o]! * W + q]!;
        if (times === null) return; // warmup: one pass
      }
    };
    for (const W of jsWidths) jsPass(W, null);

    // --- WebAssembly: the circuit copied into the instance once, outside the timed region (as C reads its file).
    const wasmEv = runWasm ? prepareWasmEvaluator(c) : null;
    const wasmTimes: number[][] = [];
    const wasmOut = new Uint32Array(chunks32 * no);
    const wasmPass = (times: number[] | null): void => {
      if (wasmEv === null) return;
      const W = WASM_WORDS_PER_GATE;
      const inWords = new Uint32Array(ni * W);
      for (let base = 0; base < chunks32; base += W) {
        for (let j = 0; j < ni; j++) for (let q = 0; q < W; q++) inWords[j * W + q] = in32[base + q]?.[j] ?? 0;
        const t0 = process.cpuUsage();
        const gateWords = wasmEv.evaluate(inWords);
        const dt = process.cpuUsage(t0);
        times?.push((dt.user + dt.system) / 1000);
        for (let o = 0; o < no; o++) for (let q = 0; q < W && base + q < chunks32; q++) wasmOut[(base + q) * no + o] = gateWords[c.outputs[o]! * W + q]!;
        if (times === null) return; // warmup: one pass
      }
    };
    wasmPass(null);

    for (let r = 0; r < rounds; r++) {
      if (compiler.available) {
        for (const W of cWidths) {
          const res = runC(cExes.get(W)!, circuitFile, join(dir, `out-w${W}.bin`));
          if (typeof res === 'string') throw new Error(res);
          cTimes.get(W)!.push(res.passMs);
          cOut ??= res.out;
        }
        for (const [W, exe] of c128Exes) {
          const res = runC(exe, circuitFile, join(dir, `out-sse-w${W}.bin`));
          if (typeof res === 'string') throw new Error(res);
          if (cOut !== null && !Buffer.from(res.out).equals(Buffer.from(cOut))) throw new Error(`the -mno-avx C build at W = ${W} disagrees with the native one`);
          c128Times.get(W)!.push(res.passMs);
        }
      }
      for (const W of jsWidths) {
        const t: number[] = [];
        jsPass(W, t);
        jsTimes.get(W)!.push(t);
      }
      if (wasmEv !== null) {
        const t: number[] = [];
        wasmPass(t);
        wasmTimes.push(t);
      }
      console.error(`round ${r + 1}/${rounds} done`);
    }

    // --- figures (of the rounds)
    const js = jsWidths.map((W) => timingOf(W, 32 * W, 4 * W, jsTimes.get(W)!));
    const cs = compiler.available ? cWidths.map((W) => timingOf(W, 64 * W, 8 * W, cTimes.get(W)!)) : [];
    const c128 = [...c128Times].map(([W, t]) => timingOf(W, 64 * W, 8 * W, t));
    const wasm = wasmEv === null ? null : timingOf(WASM_WORDS_PER_GATE, WASM_LANES, 16, wasmTimes);
    const bestJs = js.reduce((a, b) => (b.msPerAssignment < a.msPerAssignment ? b : a));
    const bestC = cs.length === 0 ? null : cs.reduce((a, b) => (b.msPerAssignment < a.msPerAssignment ? b : a));
    const path = wasm !== null && wasm.msPerAssignment < bestJs.msPerAssignment ? 'wasm' : 'js';

    // --- pairs: best C and the fastest path (both from the rounds' figures) back to back
    let paired: PairedRatios | null = null;
    if (bestC !== null && pairs > 0) {
      const cW = bestC.wordsPerGate;
      const ratios: number[] = [];
      const timeC = (): number => {
        const res = runC(cExes.get(cW)!, circuitFile, join(dir, `out-w${cW}.bin`));
        if (typeof res === 'string') throw new Error(res);
        return median(res.passMs) / bestC.lanesPerPass;
      };
      const timePath = (): number => {
        const t: number[] = [];
        if (path === 'wasm') wasmPass(t);
        else jsPass(bestJs.wordsPerGate, t);
        return median(t) / (path === 'wasm' ? WASM_LANES : bestJs.lanesPerPass);
      };
      for (let q = 0; q < pairs; q++) {
        // alternate the order, so that a trend in the machine's load does not favour one side
        let cMs: number;
        let pathMs: number;
        if (q % 2 === 0) {
          cMs = timeC();
          pathMs = timePath();
        } else {
          pathMs = timePath();
          cMs = timeC();
        }
        ratios.push(cMs / pathMs);
      }
      paired = { cWordsPerGate: cW, path, ratios, median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
      console.error(`pairs: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
    }

    // --- agreement
    let jsVsC: boolean | null = null;
    let wasmVsC: boolean | null = null;
    if (cOut !== null) {
      const c32 = new Uint32Array(cOut.buffer, cOut.byteOffset, cOut.byteLength / 4);
      const sameAsC = (out: Uint32Array): boolean => {
        for (let ch = 0; ch < chunks32; ch++) {
          for (let o = 0; o < no; o++) {
            // C: u64 [chunk64][o], lanes 0…31 in the low word
            const cw = c32[2 * (Math.floor(ch / 2) * no + o) + (ch % 2)]!;
            if (cw !== out[ch * no + o]) return false;
          }
        }
        return true;
      };
      jsVsC = jsWidths.every((W) => sameAsC(jsOut.get(W)!));
      if (wasmEv !== null) wasmVsC = sameAsC(wasmOut);
    }
    let jsVsReference = true;
    const first = jsOut.get(jsWidths[0]!)!;
    for (let a = 0; a < refAssignments; a++) {
      const ch = Math.floor(a / 32);
      const bits = Uint8Array.from({ length: ni }, (_, j) => (in32[ch]![j]! >>> a % 32) & 1);
      const ref = evaluate(c, bits);
      for (let o = 0; o < no; o++) if (ref[o] !== ((first[ch * no + o]! >>> a % 32) & 1)) jsVsReference = false;
    }
    for (const W of jsWidths) {
      const a = jsOut.get(W)!;
      if (a.some((x, i) => x !== first[i])) jsVsReference = false;
    }
    // the WebAssembly outputs: equal to the first JS width's (itself checked against the reference above)
    const wasmVsReference = wasmEv === null ? null : jsVsReference && wasmOut.every((x, i) => x === first[i]);

    const bestMs = path === 'wasm' ? wasm!.msPerAssignment : bestJs.msPerAssignment;
    const ratioRounds = bestC === null ? null : bestC.msPerAssignment / bestMs;
    const ratio = paired !== null ? paired.median : ratioRounds;
    const ratioJsOnly = bestC === null ? null : bestC.msPerAssignment / bestJs.msPerAssignment;
    const bestC128 = c128.length === 0 ? null : c128.reduce((a, b) => (b.msPerAssignment < a.msPerAssignment ? b : a));
    const ratioVsC128 = bestC128 === null ? null : bestC128.msPerAssignment / bestMs;
    // at equal lanes per pass: JS W₃₂ = 2·C W₆₄; the WebAssembly path (128 lanes) against C W₆₄ = 2
    const ratioAtEqualLanes = cs.flatMap((ct) => {
      const jt = js.find((t) => t.lanesPerPass === ct.lanesPerPass);
      return jt === undefined ? [] : [{ lanesPerPass: ct.lanesPerPass, ratio: ct.msPerAssignment / jt.msPerAssignment }];
    });
    const cAt128 = cs.find((t) => t.lanesPerPass === WASM_LANES);
    const wasmAtEqualLanes = wasm === null || cAt128 === undefined ? null : cAt128.msPerAssignment / wasm.msPerAssignment;
    const jsOnlyTotalBytes = circuitBytes + 4 * bestJs.wordsPerGate * n;
    const totalBytes = path === 'wasm' ? wasmEv!.memoryBytes : jsOnlyTotalBytes;
    const budgetBytes = 32 * n + 4 * wires;
    const agree = jsVsReference && jsVsC !== false && wasmVsReference !== false && wasmVsC !== false;
    return {
      benchmark: 'eval-vs-c',
      timestamp: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      seed,
      assignments,
      rounds,
      circuit: { gates: n, wires, circuitBytes },
      compiler,
      js,
      wasm,
      c: cs,
      c128,
      best: { path, js: bestJs.wordsPerGate, c: bestC?.wordsPerGate ?? null, ratio, ratioRounds, ratioJsOnly, ratioVsC128 },
      ratioAtEqualLanes,
      wasmRatioAtEqualLanes: wasmAtEqualLanes,
      paired,
      memory: {
        path,
        jsWordsPerGate: bestJs.wordsPerGate,
        bytesPerGate: (totalBytes - 4 * wires) / n,
        bytesPerWire: 4,
        totalBytes,
        budgetBytes,
        jsOnlyTotalBytes,
      },
      agree: { jsVsC, jsVsReference, wasmVsC, wasmVsReference },
      pass: { ratioAtLeast06: ratio === null ? null : ratio >= 0.6, memoryWithinBudget: totalBytes <= budgetBytes, agree },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
