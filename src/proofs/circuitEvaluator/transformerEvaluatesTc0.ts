/**
 * # Lemma `transformer-evaluates-tc0` (P1 Lemma 3, Theorem 3)
 *
 * ## Main results
 * For every d, the transformer `circuitEvaluatorTransformer(d)` (2d + 4 layers, width 42 + 5d,
 * saturated and hard heads, `src/reductions/circuitEvaluator/`) reads any threshold circuit of
 * depth ≤ d serialized in P1 §3 prefix form followed by its input bits, one symbol per position,
 * and accepts iff the circuit outputs 1 — in the kernel's p-precision semantics with
 * p = 2⌈c·log₂ N⌉ for N symbols. So attention solves the circuit value problem for TC0.
 *
 * ## Implementation notes
 * - exhaustive: every circuit with one gate (NOT, AND, OR, θ≤k, θ≥k for every k) over one or
 *   two inputs with fan-in ≤ 2, on every input, read by the depth-1 evaluator; and P1's §3
 *   examples (the first, and both repairs of the second, `docs/errata.md`) by the depth-2
 *   evaluator, on every input.
 * - property (seeded, shrinking to a smallest circuit and input): a depth bound d = 1 … 4 and a
 *   random circuit of depth ≤ d (`arbBoundedDepthCircuit`: ≤ 6 gates, fan-in ≤ 3, ≤ 3 inputs;
 *   `--full`: ≤ 16 gates, fan-in ≤ 8, ≤ 6 inputs, 120 runs, and the issue's range, ≤ 40 gates
 *   with fan-in ≤ 8, 12 runs — hundreds to thousands of symbols), and a random input, against
 *   the kernel's circuit evaluator.
 * - claims: `layers` = 2d + 4 (construction) and `layers·levels` = 2d (P1 Lemma 3: two per
 *   level; the other four are three that compute counts and pointers, and one that reads the
 *   output gate at the last position), `width` = 42 + 5d, and the precision: `c·min`, the
 *   smallest c on the grid 1.5, 1.75, … that gets every precision case right, ≤ the c the
 *   model is built with (2.5). The note shows the case that fails one grid step below.
 * - `--full` also compiles the depth-1 evaluator back to a threshold circuit (the main
 *   theorem's arithmetic route) at N = 4 and checks circuit → transformer → circuit against the
 *   original circuit on every input, as a run of the exhaustive tier (`roundTrip.ts`).
 * The evaluator and the precision are injectable ({@link verifyTransformerEvaluatesTc0}) so that
 * honesty tests can feed a broken construction and see the shrunk counterexample.
 *
 * ## References
 * P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, §3, §7, Lemma 3, Theorem 3.
 *
 * @module
 */
import * as fc from 'fast-check';
import { createBuilder, type Circuit } from '../../core/circuit.js';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import { evaluate } from '../../core/evaluate.js';
import { P1_SERIAL_EXAMPLES, parseSerialOrThrow } from '../../core/serialize.js';
import { runTransformer } from '../../core/transformer.js';
import { checkBound, combineRuns, tierRun, type Measurement, type TierRun } from '../../core/verdict.js';
import { arbBoundedDepthCircuit, evaluatorSymbols, evaluatorTokens } from '../../reductions/circuitEvaluator/evaluatorInput.js';
import {
  circuitEvaluatorTransformer,
  EVALUATOR_C,
  evaluatorLayers,
  evaluatorWidth,
  type CircuitEvaluator,
} from '../../reductions/circuitEvaluator/evaluatorTransformer.js';
import { compileRoundTrips, roundTripAgrees } from './roundTrip.js';
import { metrics } from '../../core/metrics.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type VerifyContext } from '../lemma.js';

/** The claims (module header). @category claims */
export const transformerEvaluatesTc0Claims: readonly ClaimedBound[] = [
  { metric: 'layers', formula: '2d + 4 (d = the depth bound)', at: (p) => evaluatorLayers(p['d'] ?? Number.NaN), source: 'construction' },
  { metric: 'layers·levels', formula: '2d: two layers per circuit level', at: (p) => 2 * (p['d'] ?? Number.NaN), source: 'paper', ref: 'P1 Lemma 3' },
  { metric: 'width', formula: '42 + 5d', at: (p) => evaluatorWidth(p['d'] ?? Number.NaN), source: 'construction' },
  { metric: 'c·min', formula: `${EVALUATOR_C} (the c the evaluator is built with; p = 2⌈c·log₂ N⌉)`, at: () => EVALUATOR_C, source: 'construction' },
];

const STATEMENT = 'the evaluator transformer accepts (serialized C, x) iff C(x) = 1';

/** One case: a depth bound, a circuit of depth ≤ it, an input. @category model */
export interface EvaluatorCase {
  readonly d: number;
  readonly circuit: Circuit;
  readonly bits: readonly number[];
}

/** Builds the evaluator for a depth bound at a precision constant (injectable for honesty tests). @category model */
export type EvaluatorConstruction = (d: number, c: number) => CircuitEvaluator;

/** The text of a case, for counterexamples. */
const describeCase = (k: EvaluatorCase): string => {
  const s = evaluatorSymbols(k.circuit);
  return `d = ${k.d}, circuit ${s._tag === 'Right' ? s.right.join(' ') : '(unprintable)'}, x = ${k.bits.join('') || 'ε'}`;
};

/**
 * Run one case: true, or the counterexample (circuit, input, what each side says).
 * @category verifiers
 */
export const evaluatorAgrees = (ev: CircuitEvaluator, k: EvaluatorCase): true | { readonly case: string; readonly reason: string } => {
  const tokens = evaluatorTokens(k.circuit, k.bits);
  if (tokens._tag === 'Left') return { case: describeCase(k), reason: tokens.left };
  const r = runTransformer(ev.model, tokens.right);
  if (r._tag === 'Left') return { case: describeCase(k), reason: r.left };
  const want = evaluate(k.circuit, k.bits)[0] === 1;
  return r.right.accept === want
    ? true
    : { case: describeCase(k), reason: `N = ${tokens.right.length}, p = ${r.right.p}: the transformer says ${r.right.accept === true ? 'accept' : 'reject'}, C(x) = ${want ? 1 : 0}` };
};

const allInputs = (n: number): number[][] => Array.from({ length: 2 ** n }, (_, a) => Array.from({ length: n }, (_, i) => (a >> i) & 1));

/** Every one-gate circuit over 1–2 inputs with fan-in ≤ 2 (every kind and k). @category model */
export const oneGateCircuits = (): Circuit[] => {
  const out: Circuit[] = [];
  for (const inputs of [1, 2]) {
    const lists: number[][] = [];
    for (let a = 0; a < inputs; a++) {
      lists.push([a]);
      for (let b = 0; b < inputs; b++) lists.push([a, b]);
    }
    const make = (gate: (b: ReturnType<typeof createBuilder>, args: number[]) => number, args: number[]): Circuit => {
      const b = createBuilder();
      b.inputs(inputs);
      return b.build([gate(b, args)]);
    };
    for (let a = 0; a < inputs; a++) out.push(make((b, args) => b.not(args[0]!), [a]));
    for (const args of lists) {
      out.push(make((b, xs) => b.and(xs), args), make((b, xs) => b.or(xs), args));
      for (let k = 0; k <= args.length; k++) out.push(make((b, xs) => b.ge(xs, k), args), make((b, xs) => b.le(xs, k), args));
    }
  }
  return out;
};

/** The exhaustive cases: one-gate circuits (d = 1) and P1's examples (d = 2), every input. @category model */
export const exhaustiveEvaluatorCases = (): EvaluatorCase[] => [
  ...oneGateCircuits().flatMap((circuit) => allInputs(circuit.numInputs).map((bits) => ({ d: 1, circuit, bits }))),
  ...[P1_SERIAL_EXAMPLES.orNot, P1_SERIAL_EXAMPLES.thresholdFixedOneArg, P1_SERIAL_EXAMPLES.thresholdFixedTwoArgs].flatMap((text) => {
    const circuit = parseSerialOrThrow(text);
    return allInputs(circuit.numInputs).map((bits) => ({ d: 2, circuit, bits }));
  }),
];

/** Random cases: d, a circuit of depth ≤ d, an input. @category arbitraries */
export const arbEvaluatorCase = (o: { readonly maxGates: number; readonly maxFanIn: number; readonly maxInputs: number }): fc.Arbitrary<EvaluatorCase> =>
  fc.integer({ min: 1, max: 4 }).chain((d) =>
    arbBoundedDepthCircuit({ depth: d, ...o }).chain((circuit) =>
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: circuit.numInputs, maxLength: circuit.numInputs }).map((bits) => ({ d, circuit, bits })),
    ),
  );

/** The precision grid searched for the smallest c. @category model */
export const PRECISION_GRID: readonly number[] = [1.5, 1.75, 2, 2.25, 2.5];

/** Options for honesty tests and sweeps. @category model */
export interface EvaluatorVerifyOptions {
  readonly construct?: EvaluatorConstruction;
  readonly numRuns?: number;
  readonly roundTrip?: boolean;
}

/**
 * Verify `transformer-evaluates-tc0` (module header).
 * @category verifiers
 */
export const verifyTransformerEvaluatesTc0 = async (ctx: VerifyContext, opts: EvaluatorVerifyOptions = {}): Promise<LemmaReport> => {
  const construct = opts.construct ?? circuitEvaluatorTransformer;
  const built = new Map<string, CircuitEvaluator>();
  const evaluator = (d: number, c: number): CircuitEvaluator => {
    const key = `${d}/${c}`;
    let ev = built.get(key);
    if (ev === undefined) {
      ev = construct(d, c);
      built.set(key, ev);
    }
    return ev;
  };
  const steps = 4;
  const cases = exhaustiveEvaluatorCases();
  const exhaustive = checkCasesExhaustive(cases, (k) => evaluatorAgrees(evaluator(k.d, EVALUATOR_C), k), { c: EVALUATOR_C }, `${STATEMENT}, every one-gate circuit over ≤ 2 inputs and P1's examples`);
  ctx.progress(1, steps);
  await Promise.resolve();
  const range = ctx.full ? { maxGates: 16, maxFanIn: 8, maxInputs: 6 } : { maxGates: 6, maxFanIn: 3, maxInputs: 3 };
  const numRuns = opts.numRuns ?? (ctx.full ? 120 : 8);
  const arb = arbEvaluatorCase(range);
  const property = checkProperty(arb, (k) => evaluatorAgrees(evaluator(k.d, EVALUATOR_C), k), { c: EVALUATOR_C, ...range }, `${STATEMENT}, random circuits of depth ≤ d ≤ 4 (≤ ${range.maxGates} gates, fan-in ≤ ${range.maxFanIn})`, {
    seed: ctx.seed,
    numRuns,
  });
  // --full: the issue's range, up to 40 gates with fan-in up to 8 (N in the hundreds to thousands)
  const large = { maxGates: 40, maxFanIn: 8, maxInputs: 6 };
  const propertyLarge = ctx.full
    ? checkProperty(arbEvaluatorCase(large), (k) => evaluatorAgrees(evaluator(k.d, EVALUATOR_C), k), { c: EVALUATOR_C, ...large }, `${STATEMENT}, random circuits of depth ≤ d ≤ 4 (≤ 40 gates, fan-in ≤ 8)`, {
        seed: ctx.seed + 1,
        numRuns: opts.numRuns ?? 12,
      })
    : null;
  ctx.progress(2, steps);
  await Promise.resolve();
  // precision: the smallest grid c that gets every precision case right
  const precisionCases = [...cases.filter((k) => k.d === 2), ...fc.sample(arb, { seed: ctx.seed, numRuns: ctx.full ? 40 : 4 })];
  let cMin = Number.NaN;
  let below: string | null = null;
  for (const c of PRECISION_GRID.filter((g) => g <= EVALUATOR_C)) {
    let failure: string | null = null;
    for (const k of precisionCases) {
      const r = evaluatorAgrees(evaluator(k.d, c), k);
      if (r !== true) {
        failure = `${r.case}: ${r.reason}`;
        break;
      }
    }
    if (failure === null) {
      cMin = c;
      break;
    }
    below = `at c = ${c}: ${failure}`;
  }
  ctx.progress(3, steps);
  const tiers: TierRun[] = [
    combineRuns('exhaustive', `${STATEMENT} (one-gate circuits; P1's examples)`, [{ where: 'one-gate circuits and P1 §3 examples', run: tierRun(exhaustive, 'exhaustive', STATEMENT) }]),
    combineRuns(
      'property',
      `${STATEMENT} (random circuits, d ≤ 4)`,
      [
        { where: `≤ ${range.maxGates} gates, fan-in ≤ ${range.maxFanIn}`, run: tierRun(property, 'property', STATEMENT) },
        ...(propertyLarge === null ? [] : [{ where: '≤ 40 gates, fan-in ≤ 8', run: tierRun(propertyLarge, 'property', STATEMENT) }]),
      ],
      ctx.seed,
    ),
  ];
  const measurements: Measurement[] = [];
  for (let d = 1; d <= 4; d++) {
    const ev = evaluator(d, EVALUATOR_C);
    measurements.push(
      checkBound('layers', evaluatorLayers(d), ev.model.layers.length, { d }),
      checkBound('layers·levels', 2 * d, ev.model.layers.length - 4, { d }),
      checkBound('width', evaluatorWidth(d), ev.model.dModel, { d }),
    );
  }
  measurements.push(checkBound('c·min', EVALUATOR_C, cMin, { cases: precisionCases.length }));
  const notes = [
    `precision: every one of ${precisionCases.length} cases holds at c = ${Number.isNaN(cMin) ? '—' : cMin} (grid ${PRECISION_GRID.join(', ')}); ${below === null ? 'the smallest grid value already holds' : `one step below fails — ${below}`}`,
    'layers: 2 per level as in P1 Lemma 3, plus 3 that compute counts, pointers and threshold fractions (P1 reads them off i/n with an arbitrary update f; a ReLU block needs a ReGLU product) and 1 that reads the output gate at the last position',
  ];
  if (opts.roundTrip ?? ctx.full) {
    // circuit → transformer → circuit: the compiled evaluator against the original, every input
    const { built, refused } = compileRoundTrips();
    const cases = built.flatMap((rt) => allInputs(rt.circuit.numInputs).map((bits) => ({ rt, bits })));
    const rtRun = checkCasesExhaustive(cases, (k) => roundTripAgrees(k.rt, k.bits), { N: 4 }, 'the compiled evaluator computes the circuit it reads');
    tiers[0] = combineRuns('exhaustive', `${STATEMENT} (one-gate circuits; P1's examples; the compiled round trip)`, [
      { where: 'one-gate circuits and P1 §3 examples', run: tierRun(exhaustive, 'exhaustive', STATEMENT) },
      { where: 'circuit → transformer → circuit', run: tierRun(rtRun, 'exhaustive', 'the compiled evaluator computes the circuit it reads') },
    ]);
    notes.push(
      `round trip (--full), every input compared: ${built.map((rt) => `${rt.text} (N = ${rt.N}, p = ${rt.p}): ${rt.compiled.numGates} gates, depth ${metrics(rt.compiled).depth}`).join('; ')}${refused.length > 0 ? `; refused: ${refused.join('; ')}` : ''}`,
    );
  }
  ctx.progress(4, steps);
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: transformerEvaluatesTc0Claims }), tiers, measurements, notes);
};

/** The lemma as a value. @category lemmas */
export const transformerEvaluatesTc0Lemma: Lemma = {
  id: 'transformer-evaluates-tc0',
  modules: {
    construction: ['src/reductions/circuitEvaluator/evaluatorTransformer.ts', 'src/reductions/circuitEvaluator/modelBuilder.ts', 'src/reductions/circuitEvaluator/evaluatorInput.ts'],
    proof: 'src/proofs/circuitEvaluator/transformerEvaluatesTc0.ts',
  },
  title: 'A depth-(2d + 4) transformer evaluates every depth-d threshold circuit',
  statement:
    'For every d there is one transformer (saturated and hard attention, 2d + 4 layers, width 42 + 5d) that, given a threshold circuit of depth ≤ d serialized in P1 §3 prefix form followed by its input x, one symbol per position, accepts iff C(x) = 1, in p-precision with p = 2⌈c·log₂ N⌉ for N symbols.',
  reference: 'P1 Lemma 3, Theorem 3',
  dependsOn: ['serialization-roundtrip', 'majority-by-attention'],
  claimed: transformerEvaluatesTc0Claims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyTransformerEvaluatesTc0(ctx),
};
