/**
 * # `tradeoff compile`, `tradeoff verify`, `tradeoff run`: transformers on the command line
 *
 * The logic behind the three transformer commands of `src/cli/main.ts` (which only parses the
 * options and calls them).
 *
 * ## Main definitions
 * - {@link loadModelFile}: read and decode a model file (`parallelism-tradeoff/transformer`);
 *   errors name the JSON path.
 * - {@link parseTokens} / {@link showTokens}: a token string ↔ token indices (one character per
 *   symbol when every symbol is one character, else comma-separated).
 * - {@link compileModel}: the arithmetic route, or the paper route (`asGeneral`, then
 *   `compilePaper`).
 * - {@link verificationInputs}, {@link verifyCompiled}: the circuit against `runTransformer`,
 *   exhaustively when |Σ|^n ≤ 4096, else on seeded random inputs; with the float64 agreement.
 * - {@link compileCommand}, {@link verifyCommand}, {@link runCommand}: the commands, returning
 *   their exit code (0 ok, 1 a failed verification); bad input throws {@link UsageError} (2).
 *
 * ## Implementation notes
 * - The circuit's inputs and outputs follow the export contract of
 *   `src/reductions/compile/types.ts` (`docs/formats.md`, "Compiled transformers"): tokens via
 *   `encodeTokens`; outputs the verdict bit, or every final state float in the kernel layout.
 * - A state output agrees when every float decodes to the same ⟨m, e⟩ as the transformer's
 *   (`decodeFloat` reads a negative zero component as zero, nothing else is identified).
 * - The circuit is evaluated 256 inputs at a time by the bit-parallel evaluator (8 words per gate).
 * - Progress bars (cli-progress) only when stderr is a TTY, as `tradeoff check` does.
 *
 * @module
 */
import { readInputFile, writeOutputFile } from './io.js';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { Presets, SingleBar } from 'cli-progress';
import { metrics, type CircuitMetrics } from '../core/metrics.js';
import { evaluateBatch } from '../core/evaluateBitParallel.js';
import { decodeFloat, floatParams, floatToNumber, type Float, type FloatParams } from '../core/float.js';
import { runTransformer, runTransformer64, type TransformerModel, type TransformerRun, type TransformerRun64 } from '../core/transformer.js';
import { checkModelAt, decodeModelText, formatModelErrors } from '../core/modelCodec.js';
import { seededInts } from '../reductions/random.js';
import { bitsPerToken, encodeTokens, type CompileRoute, type CompiledTransformer } from '../reductions/compile/types.js';
import { compileArithmetic, type ArithmeticCompiled } from '../reductions/compile/arithmeticRoute.js';
import { compilePaper, type PaperCompiled } from '../reductions/compile/paperRoute.js';
import { asGeneral } from '../reductions/transformerAsGeneral.js';
import { renderCircuit, type CircuitFormat } from './circuitOutput.js';
import { UsageError } from './errors.js';
import { bold, dim, green, red, table } from './format.js';

/** Largest model file read. */
const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/** Verify exhaustively when there are at most this many inputs of length n. */
export const EXHAUSTIVE_LIMIT = 4096;

// -------------------------------------------------------------------------------------------
// input
// -------------------------------------------------------------------------------------------

/** Read and decode a model file; a bad file is a {@link UsageError} naming the JSON paths. */
export const loadModelFile = (file: string): TransformerModel => {
  const text = readInputFile(file, MAX_MODEL_BYTES, 'model file');
  const r = decodeModelText(text);
  if (isLeft(r)) throw new UsageError(`${file}: invalid model\n${formatModelErrors(r.left)}`);
  return r.right;
};

const singleCharAlphabet = (alphabet: readonly string[]): boolean => alphabet.every((s) => [...s].length === 1);

const showAlphabet = (alphabet: readonly string[]): string => `{${alphabet.map((s) => JSON.stringify(s)).join(', ')}}`;

/**
 * Token indices of a token string: one character per token when every symbol of the alphabet
 * is one character, else comma-separated symbols (spaces around a symbol ignored). An unknown
 * symbol is a Left naming its position (1-based, as the transformer's positions).
 */
export const parseTokens = (alphabet: readonly string[], text: string): Either<string, number[]> => {
  const symbols = singleCharAlphabet(alphabet) ? [...text] : text.split(',').map((s) => s.trim());
  if (text.length === 0 || symbols.length === 0) return left('the input must have at least one token');
  const index = new Map(alphabet.map((s, i) => [s, i]));
  const tokens: number[] = [];
  for (const [i, s] of symbols.entries()) {
    const t = index.get(s);
    if (t === undefined) return left(`position ${i + 1}: ${JSON.stringify(s)} is not a symbol of the alphabet ${showAlphabet(alphabet)}`);
    tokens.push(t);
  }
  return right(tokens);
};

/** The inverse of {@link parseTokens}: token indices as the token string. */
export const showTokens = (alphabet: readonly string[], tokens: readonly number[]): string =>
  tokens.map((t) => alphabet[t] ?? `#${t}`).join(singleCharAlphabet(alphabet) ? '' : ',');

// -------------------------------------------------------------------------------------------
// compiling
// -------------------------------------------------------------------------------------------

/** Progress of a compilation: done of total steps, and the current stage. */
export type CompileProgress = (done: number, total: number, stage: string) => void;

/**
 * Compile a model at length n by a route: `arithmetic` (explicit float circuits), or `paper`
 * (P1's proof: the model as a general transformer, then lookup tables), which only takes the
 * models `asGeneral` accepts. A Left says why it cannot be done.
 */
export const compileModel = (
  model: TransformerModel,
  n: number,
  route: CompileRoute,
  onProgress?: CompileProgress,
): Either<string, CompiledTransformer> => {
  if (route === 'arithmetic') {
    const r = compileArithmetic(model, n, onProgress === undefined ? {} : { onProgress });
    return isLeft(r) ? left(`the arithmetic route cannot compile this model at n = ${n}: ${r.left}`) : r;
  }
  const general = asGeneral(model);
  if (isLeft(general)) return left(`the paper route cannot compile this model: ${general.left}`);
  const r = compilePaper(general.right, n);
  return isLeft(r) ? left(`the paper route cannot compile this model at n = ${n}: ${r.left}`) : r;
};

/** The figures `tradeoff compile` prints. */
export interface CompileSummary {
  readonly route: CompileRoute;
  readonly n: number;
  readonly p: number;
  readonly bitsPerToken: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly size: number;
  readonly depth: number;
  readonly wires: number;
  readonly sizeP1: number;
  readonly depthP1: number;
  readonly wiresP1: number;
  readonly maxFanIn: number;
  readonly breakdown: readonly { readonly component: string; readonly gates: number; readonly share: number; readonly depth: number }[];
  /** The component with the most gates (null without a breakdown). */
  readonly dominant: string | null;
  /** The route's own depth claim, when it makes one. */
  readonly claimedDepth: { readonly depth: number; readonly formula: string } | null;
}

/** The depth a route claims for its circuit (the arithmetic route's formula, the paper route's 3 + (9 + 2d_⊕)·d). */
const claimedDepthOf = (compiled: CompiledTransformer): CompileSummary['claimedDepth'] => {
  const c = compiled as unknown as Partial<Pick<ArithmeticCompiled, 'depthClaim'> & Pick<PaperCompiled, 'claimedDepth' | 'dPlus'>>;
  if (c.depthClaim !== undefined) return { depth: c.depthClaim.depth, formula: c.depthClaim.formula };
  if (c.claimedDepth !== undefined) return { depth: c.claimedDepth, formula: `P1: 3 + (9 + 2·d_⊕)·d, d_⊕ = ${c.dPlus ?? '–'}` };
  return null;
};

/** The summary of a compiled transformer (measures the circuit). */
export const summarize = (compiled: CompiledTransformer, m: CircuitMetrics = metrics(compiled.circuit)): CompileSummary => {
  const breakdown = compiled.breakdown.map((b) => ({ component: b.component, gates: b.gates, share: m.size === 0 ? 0 : b.gates / m.size, depth: b.depth }));
  const dominant = breakdown.reduce<(typeof breakdown)[number] | null>((best, b) => (best === null || b.gates > best.gates ? b : best), null);
  return {
    route: compiled.route,
    n: compiled.n,
    p: compiled.p,
    bitsPerToken: compiled.bitsPerToken,
    inputs: m.inputs,
    outputs: m.outputs,
    size: m.size,
    depth: m.depth,
    wires: m.wires,
    sizeP1: m.sizeP1,
    depthP1: m.depthP1,
    wiresP1: m.wiresP1,
    maxFanIn: m.maxFanIn,
    breakdown,
    dominant: dominant?.component ?? null,
    claimedDepth: claimedDepthOf(compiled),
  };
};

const int = (x: number): string => x.toLocaleString('en-US');

/** The human-readable summary: figures in both bases, then the per-component table. */
export const formatSummary = (s: CompileSummary): string[] => {
  const lines = [
    `${bold(`${s.route} route`)}: n = ${s.n}, p = ${s.p}, ${s.bitsPerToken} bit${s.bitsPerToken === 1 ? '' : 's'} per token; ${int(s.inputs)} input${s.inputs === 1 ? '' : 's'}, ${int(s.outputs)} output${s.outputs === 1 ? '' : 's'}`,
    `  size   ${int(s.size).padStart(14)}   ${dim(`P1 basis: ${int(s.sizeP1)}`)}`,
    `  depth  ${int(s.depth).padStart(14)}   ${dim(`P1 basis: ${int(s.depthP1)}`)}`,
    `  wires  ${int(s.wires).padStart(14)}   ${dim(`P1 basis: ${int(s.wiresP1)}; max fan-in ${int(s.maxFanIn)}`)}`,
  ];
  if (s.claimedDepth !== null) lines.push(`  ${dim(`the ${s.route} route claims depth ≤ ${s.claimedDepth.depth} (the formula: --json)`)}`);
  if (s.breakdown.length > 0) {
    const total = s.breakdown.reduce((a, b) => a + b.gates, 0);
    const width = Math.max(...s.breakdown.map((b) => b.component.length), 'component'.length);
    lines.push(
      '',
      ...table(
        ['component'.padEnd(width), 'gates', 'share', 'depth'],
        [
          ...s.breakdown.map((b) => [b.component.padEnd(width), int(b.gates), `${(100 * b.share).toFixed(1)} %`, String(b.depth)]),
          ['total'.padEnd(width), int(total), `${(100 * (s.size === 0 ? 0 : total / s.size)).toFixed(1)} %`, ''],
        ],
        '  ',
      ),
    );
  }
  return lines;
};

// -------------------------------------------------------------------------------------------
// verifying
// -------------------------------------------------------------------------------------------

/** The inputs a verification runs on. */
export interface VerificationInputs {
  readonly mode: 'exhaustive' | 'random';
  readonly inputs: readonly (readonly number[])[];
}

/**
 * Every token sequence of length n when |Σ|^n ≤ {@link EXHAUSTIVE_LIMIT} (in increasing order,
 * position 1 most significant), else `samples` seeded uniform ones.
 */
export const verificationInputs = (alphabetSize: number, n: number, samples: number, seed: number): VerificationInputs => {
  if (alphabetSize ** n <= EXHAUSTIVE_LIMIT) {
    const total = alphabetSize ** n;
    const inputs = Array.from({ length: total }, (_, a) => {
      const t = new Array<number>(n);
      for (let i = n - 1, x = a; i >= 0; i--, x = Math.floor(x / alphabetSize)) t[i] = x % alphabetSize;
      return t;
    });
    return { mode: 'exhaustive', inputs };
  }
  const draw = seededInts(seed);
  return { mode: 'random', inputs: Array.from({ length: samples }, () => Array.from({ length: n }, () => draw(0, alphabetSize - 1))) };
};

/** An output of the circuit or of the transformer: a verdict, or the final states. */
export type Outcome = { readonly kind: 'accept'; readonly accept: boolean } | { readonly kind: 'state'; readonly states: readonly (readonly Float[])[] };

/** An input on which the circuit and the transformer differ. */
export interface Counterexample {
  readonly tokens: readonly number[];
  readonly circuit: Outcome;
  readonly transformer: Outcome;
}

/**
 * How far float64 moves the outputs: for an `accept` model the fraction of inputs with the
 * same verdict; for a `state` model the fraction of final-state coordinates with the same sign
 * (−, 0, +) and the largest absolute difference.
 */
export type Float64Agreement =
  | { readonly kind: 'accept'; readonly inputs: number; readonly agree: number }
  | { readonly kind: 'state'; readonly coordinates: number; readonly signAgree: number; readonly maxAbsDiff: number };

/** What {@link verifyCompiled} found. */
export interface VerifyReport {
  readonly cases: number;
  /** A shape problem of the circuit (inputs, outputs, precision), which ends the check. */
  readonly problem: string | null;
  readonly counterexample: Counterexample | null;
  readonly float64: Float64Agreement;
}

const outcomeOfRun = (run: TransformerRun): Outcome =>
  run.accept !== null ? { kind: 'accept', accept: run.accept } : { kind: 'state', states: run.states[run.states.length - 1] ?? [] };

const decodeOutcome = (model: TransformerModel, params: FloatParams, n: number, bits: Uint8Array): Outcome => {
  if (model.output.kind === 'accept') return { kind: 'accept', accept: bits[0] === 1 };
  const d = model.dModel;
  const states = Array.from({ length: n }, (_, i) =>
    Array.from({ length: d }, (_, k) => {
      const off = (i * d + k) * params.p;
      const f = decodeFloat(params, bits.subarray(off, off + params.p));
      return isLeft(f) ? { m: 0n, e: 0n } : f.right; // p bits always decode
    }),
  );
  return { kind: 'state', states };
};

const sameOutcome = (a: Outcome, b: Outcome): boolean => {
  if (a.kind === 'accept' || b.kind === 'accept') return a.kind === 'accept' && b.kind === 'accept' && a.accept === b.accept;
  return a.states.length === b.states.length && a.states.every((s, i) => s.length === b.states[i]!.length && s.every((f, k) => f.m === b.states[i]![k]!.m && f.e === b.states[i]![k]!.e));
};

const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Accumulates {@link Float64Agreement} over runs. */
const agreementCounter = (model: TransformerModel) => {
  let inputs = 0;
  let agree = 0;
  let coordinates = 0;
  let signAgree = 0;
  let maxAbsDiff = 0;
  return {
    add(exact: TransformerRun, approx: TransformerRun64): void {
      inputs++;
      if (exact.accept === approx.accept) agree++;
      const fs = exact.states[exact.states.length - 1] ?? [];
      const xs = approx.states[approx.states.length - 1] ?? [];
      fs.forEach((s, i) =>
        s.forEach((f, k) => {
          const v = floatToNumber(f);
          const x = xs[i]?.[k] ?? NaN;
          coordinates++;
          if (sign(v) === sign(x)) signAgree++;
          const diff = Math.abs(v - x);
          maxAbsDiff = Number.isNaN(diff) || diff > maxAbsDiff ? diff : maxAbsDiff;
        }),
      );
    },
    result(): Float64Agreement {
      return model.output.kind === 'accept' ? { kind: 'accept', inputs, agree } : { kind: 'state', coordinates, signAgree, maxAbsDiff };
    },
  };
};

/** Progress of a verification: inputs done of total. */
export type VerifyProgress = (done: number, total: number) => void;

/**
 * Compare a compiled transformer with `runTransformer` on the inputs (256 at a time through
 * the bit-parallel evaluator), stopping at the first difference; and measure the float64
 * agreement (`runTransformer64` against `runTransformer`) on the inputs compared.
 */
export const verifyCompiled = (
  model: TransformerModel,
  compiled: CompiledTransformer,
  inputs: readonly (readonly number[])[],
  onProgress?: VerifyProgress,
): VerifyReport => {
  const c = compiled.circuit;
  const n = compiled.n;
  const agreement = agreementCounter(model);
  const done = (cases: number, problem: string | null, counterexample: Counterexample | null = null): VerifyReport => ({ cases, problem, counterexample, float64: agreement.result() });
  const pe = floatParams(compiled.p);
  if (isLeft(pe)) return done(0, `the compiled precision p = ${compiled.p} is not a precision: ${pe.left}`);
  const params = pe.right;
  const b = bitsPerToken(model.alphabet.length);
  if (compiled.bitsPerToken !== b) return done(0, `the circuit claims ${compiled.bitsPerToken} bits per token, the contract says ${b}`);
  if (c.numInputs !== n * b) return done(0, `the circuit has ${c.numInputs} inputs, the contract says n·b = ${n * b}`);
  const wantOutputs = model.output.kind === 'accept' ? 1 : n * model.dModel * params.p;
  if (c.outputs.length !== wantOutputs) return done(0, `the circuit has ${c.outputs.length} outputs, the contract says ${wantOutputs}`);
  let cases = 0;
  for (let base = 0; base < inputs.length; base += 256) {
    const chunk = inputs.slice(base, base + 256);
    const outs = evaluateBatch(
      c,
      chunk.map((t) => encodeTokens(model.alphabet.length, t)),
    );
    for (const [j, tokens] of chunk.entries()) {
      const run = runTransformer(model, tokens);
      if (isLeft(run)) return done(cases, `the transformer refuses the input ${tokens.join(',')}: ${run.left}`);
      if (run.right.p !== compiled.p) return done(cases, `the circuit is for p = ${compiled.p}, the transformer runs at p = ${run.right.p}`);
      const run64 = runTransformer64(model, tokens);
      if (!isLeft(run64)) agreement.add(run.right, run64.right);
      cases++;
      const want = outcomeOfRun(run.right);
      const got = decodeOutcome(model, params, n, outs[j]!);
      if (!sameOutcome(got, want)) return done(cases, null, { tokens, circuit: got, transformer: want });
    }
    onProgress?.(Math.min(base + 256, inputs.length), inputs.length);
  }
  return done(cases, null, null);
};

// -------------------------------------------------------------------------------------------
// printing values
// -------------------------------------------------------------------------------------------

/** A number for a table: integers as they are, else 6 significant digits. */
export const fmtValue = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e9)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
};

const floatJson = (f: Float): { value: number | string; m: string; e: string } => {
  const v = floatToNumber(f);
  return { value: Number.isFinite(v) ? v : String(v), m: f.m.toString(), e: f.e.toString() };
};

const num64Json = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

/** One stage of a trace as a table: one row per position, one column per coordinate. */
const stageTable = (
  alphabet: readonly string[],
  tokens: readonly number[],
  exact: readonly (readonly Float[])[],
  approx: readonly (readonly number[])[] | null,
): string[] => {
  const d = exact[0]?.length ?? 0;
  const header = ['i', 'token', ...Array.from({ length: d }, (_, k) => (approx === null ? [`x[${k}]`] : [`x[${k}]`, `f64[${k}]`])).flat()];
  const rows = exact.map((s, i) => [
    String(i + 1),
    alphabet[tokens[i]!] ?? '?',
    ...s.flatMap((f, k) => (approx === null ? [fmtValue(floatToNumber(f))] : [fmtValue(floatToNumber(f)), fmtValue(approx[i]?.[k] ?? NaN)])),
  ]);
  return table(header, rows, '  ');
};

const stageName = (l: number): string => (l === 0 ? 'embedding' : `after layer ${l}`);

const describeOutcome = (o: Outcome): string[] =>
  o.kind === 'accept' ? [o.accept ? 'accept' : 'reject'] : o.states.map((s, i) => `position ${i + 1}: ${s.map((f) => `${fmtValue(floatToNumber(f))} ⟨${f.m}, ${f.e}⟩`).join('  ')}`);

/** The lines of a counterexample: the input, then the circuit's and the transformer's outputs. */
export const formatCounterexample = (model: TransformerModel, cx: Counterexample): string[] => {
  const lines = [`counterexample: input ${JSON.stringify(showTokens(model.alphabet, cx.tokens))} (n = ${cx.tokens.length})`];
  if (cx.circuit.kind === 'state' && cx.transformer.kind === 'state') {
    const diffs: string[] = [];
    const want = cx.transformer.states;
    cx.circuit.states.forEach((s, i) =>
      s.forEach((f, k) => {
        const g = want[i]?.[k];
        if (g !== undefined && (g.m !== f.m || g.e !== f.e)) {
          diffs.push(`  position ${i + 1}, coordinate ${k}: circuit ${fmtValue(floatToNumber(f))} ⟨${f.m}, ${f.e}⟩, transformer ${fmtValue(floatToNumber(g))} ⟨${g.m}, ${g.e}⟩`);
        }
      }),
    );
    lines.push(`${diffs.length} coordinate${diffs.length === 1 ? '' : 's'} differ:`, ...diffs.slice(0, 16));
    if (diffs.length > 16) lines.push(`  … and ${diffs.length - 16} more`);
    return lines;
  }
  lines.push(`  circuit:     ${describeOutcome(cx.circuit).join('; ')}`, `  transformer: ${describeOutcome(cx.transformer).join('; ')}`);
  return lines;
};

/** The float64 agreement as one line. */
export const formatAgreement = (a: Float64Agreement): string =>
  a.kind === 'accept'
    ? `float64 vs p-precision: same verdict on ${a.agree} of ${a.inputs} inputs (${a.inputs === 0 ? '–' : ((100 * a.agree) / a.inputs).toFixed(1)} %)`
    : `float64 vs p-precision: same sign on ${a.signAgree} of ${a.coordinates} final-state coordinates (${a.coordinates === 0 ? '–' : ((100 * a.signAgree) / a.coordinates).toFixed(1)} %), max |difference| ${fmtValue(a.maxAbsDiff)}`;

// -------------------------------------------------------------------------------------------
// the commands
// -------------------------------------------------------------------------------------------

/** Where a command writes. */
export interface CommandIO {
  readonly out: (s: string) => void;
  /** Whether to draw progress bars (on stderr). */
  readonly progress: boolean;
}

/** The process's stdout, with progress bars when stderr is a TTY. */
export const processIO = (json = false): CommandIO => ({
  out: (s) => process.stdout.write(s),
  progress: !json && process.stderr.isTTY === true,
});

interface Progress {
  readonly update: (done: number, total: number, stage?: string) => void;
  readonly stop: () => void;
}

/** A progress bar on stderr, or nothing. */
const progressBar = (enabled: boolean, label: string): Progress => {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: ` {bar} {percentage}% | ${label} | {stage}`, stream: process.stderr, clearOnComplete: true, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done: number, total: number, stage = ''): void {
      if (!started) {
        bar.start(Math.max(1, total), 0, { stage });
        started = true;
      }
      bar.setTotal(Math.max(1, total));
      bar.update(done, { stage });
    },
    stop(): void {
      if (started) bar.stop();
    },
  };
};

/** Check the precision at n (a {@link UsageError} when the model has none there). */
const precisionOrThrow = (model: TransformerModel, n: number): FloatParams => {
  const pe = checkModelAt(model, n);
  if (isLeft(pe)) throw new UsageError(pe.left);
  return pe.right;
};

const compileOrThrow = (model: TransformerModel, n: number, route: CompileRoute, io: CommandIO): CompiledTransformer => {
  precisionOrThrow(model, n);
  const bar = progressBar(io.progress, `compiling (${route} route, n = ${n})`);
  let r: Either<string, CompiledTransformer>;
  try {
    r = compileModel(model, n, route, io.progress ? (done, total, stage) => bar.update(done, total, stage) : undefined);
  } finally {
    bar.stop();
  }
  if (isLeft(r)) throw new UsageError(r.left);
  return r.right;
};

/** Options of `tradeoff compile`. */
export interface CompileOptions {
  readonly n: number;
  readonly route: CompileRoute;
  readonly format: CircuitFormat;
  readonly out?: string;
  readonly json: boolean;
}

/** `tradeoff compile MODEL --n N`: compile, print the summary, write the circuit with --out. */
export const compileCommand = (file: string, opts: CompileOptions, io: CommandIO = processIO(opts.json)): number => {
  const model = loadModelFile(file);
  const compiled = compileOrThrow(model, opts.n, opts.route, io);
  const summary = summarize(compiled);
  if (opts.out !== undefined) {
    const text = renderCircuit(compiled.circuit, opts.format);
    if (isLeft(text)) throw new UsageError(text.left);
    writeOutputFile(opts.out, text.right);
  }
  if (opts.json) io.out(`${JSON.stringify({ model: file, ...summary, ...(opts.out === undefined ? {} : { out: opts.out, format: opts.format }) }, null, 2)}\n`);
  else {
    io.out(`${formatSummary(summary).join('\n')}\n`);
    if (opts.out !== undefined) io.out(`wrote ${opts.out} (${opts.format})\n`);
  }
  return 0;
};

/** Options of `tradeoff verify`. */
export interface VerifyOptions {
  readonly n: number;
  readonly route: CompileRoute;
  readonly samples: number;
  readonly seed: number;
  readonly json: boolean;
}

/** `tradeoff verify MODEL --n N`: compile, then compare with `runTransformer`; 1 on a difference. */
export const verifyCommand = (file: string, opts: VerifyOptions, io: CommandIO = processIO(opts.json)): number => {
  const model = loadModelFile(file);
  const compiled = compileOrThrow(model, opts.n, opts.route, io);
  const { mode, inputs } = verificationInputs(model.alphabet.length, opts.n, opts.samples, opts.seed);
  const bar = progressBar(io.progress, `verifying (${mode})`);
  let report: VerifyReport;
  try {
    report = verifyCompiled(model, compiled, inputs, (d, t) => bar.update(d, t, `${d}/${t} inputs`));
  } finally {
    bar.stop();
  }
  const ok = report.problem === null && report.counterexample === null;
  if (opts.json) {
    const cx = report.counterexample;
    const outcomeJson = (o: Outcome) => (o.kind === 'accept' ? { accept: o.accept } : { states: o.states.map((s) => s.map(floatJson)) });
    io.out(
      `${JSON.stringify(
        {
          model: file,
          route: opts.route,
          n: opts.n,
          p: compiled.p,
          mode,
          ...(mode === 'random' ? { seed: opts.seed } : {}),
          inputs: inputs.length,
          checked: report.cases,
          verdict: ok ? 'agrees' : 'differs',
          problem: report.problem,
          counterexample: cx === null ? null : { input: showTokens(model.alphabet, cx.tokens), circuit: outcomeJson(cx.circuit), transformer: outcomeJson(cx.transformer) },
          float64: report.float64,
        },
        null,
        2,
      )}\n`,
    );
    return ok ? 0 : 1;
  }
  const s = summarize(compiled);
  io.out(`${bold(`${opts.route} route`)}: n = ${opts.n}, p = ${compiled.p}; size ${int(s.size)} (P1 basis ${int(s.sizeP1)}), depth ${s.depth} (P1 basis ${s.depthP1})\n`);
  const what = mode === 'exhaustive' ? `all ${inputs.length} inputs of length ${opts.n}` : `${inputs.length} random inputs of length ${opts.n} (seed ${opts.seed})`;
  if (report.problem !== null) io.out(`${red(`✘ the circuit breaks the export contract: ${report.problem}`)}\n`);
  else if (report.counterexample !== null) {
    io.out(`${red(`✘ the circuit and runTransformer differ (input ${report.cases} of ${what})`)}\n`);
    io.out(`${formatCounterexample(model, report.counterexample).join('\n')}\n`);
  } else io.out(`${green(`✔ the circuit agrees with runTransformer on ${what}`)}\n`);
  io.out(`${formatAgreement(report.float64)}${report.cases < inputs.length ? dim(` (on the ${report.cases} inputs compared)`) : ''}\n`);
  return ok ? 0 : 1;
};

/** Options of `tradeoff run`. */
export interface RunOptions {
  readonly input: string;
  readonly trace: boolean;
  readonly float64: boolean;
  readonly json: boolean;
}

/** `tradeoff run MODEL --input TOKENS`: the transformer on one input. */
export const runCommand = (file: string, opts: RunOptions, io: CommandIO = processIO(opts.json)): number => {
  const model = loadModelFile(file);
  const tokens = parseTokens(model.alphabet, opts.input);
  if (isLeft(tokens)) throw new UsageError(`--input: ${tokens.left}`);
  const n = tokens.right.length;
  precisionOrThrow(model, n);
  const run = runTransformer(model, tokens.right);
  if (isLeft(run)) throw new UsageError(run.left);
  let run64: TransformerRun64 | null = null;
  if (opts.float64) {
    const r = runTransformer64(model, tokens.right);
    if (isLeft(r)) throw new UsageError(r.left);
    run64 = r.right;
  }
  const exact = run.right;
  const last = exact.states[exact.states.length - 1] ?? [];
  const last64 = run64?.states[run64.states.length - 1] ?? null;
  if (opts.json) {
    io.out(
      `${JSON.stringify(
        {
          model: file,
          input: showTokens(model.alphabet, tokens.right),
          n,
          p: exact.p,
          accept: exact.accept,
          final: last.map((s) => s.map(floatJson)),
          ...(opts.trace ? { trace: exact.states.map((st, l) => ({ stage: stageName(l), states: st.map((s) => s.map(floatJson)) })) } : {}),
          ...(run64 === null
            ? {}
            : {
                float64: {
                  accept: run64.accept,
                  final: (last64 ?? []).map((s) => s.map(num64Json)),
                  ...(opts.trace ? { trace: run64.states.map((st, l) => ({ stage: stageName(l), states: st.map((s) => s.map(num64Json)) })) } : {}),
                },
              }),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const lines = [`n = ${n}, p = ${exact.p}, input ${JSON.stringify(showTokens(model.alphabet, tokens.right))}`];
  if (opts.trace) {
    exact.states.forEach((st, l) => {
      lines.push('', `${bold(stageName(l))}:`, ...stageTable(model.alphabet, tokens.right, st, run64?.states[l] ?? null));
    });
    lines.push('');
  }
  if (exact.accept !== null) {
    const coord = model.output.kind === 'accept' ? model.output.coordinate : 0;
    const v = last[n - 1]?.[coord];
    lines.push(`${exact.accept ? green('accept') : red('reject')}  ${dim(`(x_${n}[${coord}] = ${v === undefined ? '?' : `${fmtValue(floatToNumber(v))} ⟨${v.m}, ${v.e}⟩`})`)}`);
    if (run64 !== null) lines.push(`float64: ${run64.accept === true ? 'accept' : 'reject'}  ${dim(`(x_${n}[${coord}] = ${fmtValue(last64?.[n - 1]?.[coord] ?? NaN)})`)}${run64.accept === exact.accept ? '' : red('  (differs)')}`);
  } else if (!opts.trace) {
    lines.push('final state:', ...stageTable(model.alphabet, tokens.right, last, last64));
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
};
