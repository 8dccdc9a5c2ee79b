/**
 * # Lemma `uniform-tc0-in-l` (log-space-uniform TC0 ⊆ L)
 *
 * ## Main results
 * A circuit family printed by a log-space generator is evaluated in space O(depth · log n)
 * without being materialized: the evaluator of `src/reductions/uniform/evaluate.ts` re-runs the
 * generator to learn each gate's arguments, recursing once per level of depth. For a
 * constant-depth (TC0) family this is O(log n): log-space-uniform TC0 ⊆ L (P1 §2).
 *
 * ## Implementation notes
 * Three uniform families are evaluated: the lookup-table circuit of P1 Lemma 1 (depth 3; its
 * printer is the one `lookup-table-uniform` checks), iterated addition (depth up to 8, the TC0
 * workhorse; printer checked by `iterated-addition-uniform`) and layered majorities (any depth
 * d, a family whose depth is a parameter, to see the depth factor), and *compiled
 * transformers*: the paper route's circuit of a product model (`transformer-to-tc0-uniform`'s
 * printer), so that a transformer's output is computed end to end in measured logarithmic
 * space. Only attention-free models are run (d = 0 layers, or layers without heads; circuit
 * depth 2–9): depth-first evaluation re-runs the printer once per *path* of the circuit, and
 * counting paths on the compiled circuits (a dynamic program over the gates) gives 90 gate
 * visits for one head-free layer at n = 2, but 7.2·10^15 for one layer with one head at n = 1
 * (2.6·10^17 at n = 2), each a run of the printer: far beyond any run, though the space would
 * be the same O(depth·log n). At each point:
 * - *exhaustive* tier: on seeded random inputs, the evaluator's outputs equal the kernel's
 *   `evaluate` on the circuit the non-uniform construction builds, whose printed stream is
 *   also compared record for record with the generator's;
 * - *property* tier: fast-check draws a point and an input (shrinking towards 0-bits);
 * - the machine's meter: peak work bits against (d + 2)·(a·log₂ n + b) (claims below: the
 *   top frame pair plus d + 1 levels of one evaluator frame and one generator frame each), and
 *   the peak number of frames against (2 + e)(d + 1) + 1 + g (g = depth of the printer's own
 *   calls, e = printer frames live while it prints a record).
 *
 * ## References
 * P1 §2 (L-uniform TC0 ⊆ L); Vollmer 1999 §2.7 (depth-first evaluation of uniform circuits);
 * constructions in `src/reductions/uniform/`.
 *
 * @module
 */
import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import type { Circuit } from '../../core/circuit.js';
import { evaluate } from '../../core/evaluate.js';
import { add, collectingSink, max, min, mul, n as nExpr, param, pow2, registerWidth, runProgram, streamComparer, type Program, type RunInput } from '../../core/logspace/index.js';
import { checkBound, tierRun } from '../../core/verdict.js';
import { lookupTableCircuit, randomTruthTable, type TruthTable } from '../../reductions/lookupTable.js';
import { seededInts } from '../../reductions/random.js';
import { uniformEvaluator, type UniformCircuitBounds } from '../../reductions/uniform/evaluate.js';
import { layeredMajorityCircuit, layeredMajorityGenerator } from '../../reductions/uniform/layeredMajority.js';
import { lookupTableGenerator } from '../../reductions/uniform/lookupTable.js';
import { iteratedAdditionCircuitBounds, iteratedAdditionGenerator } from '../../reductions/uniform/iteratedAddition.js';
import { iteratedAddition } from '../../reductions/arithmetic/iteratedAddition.js';
import { metrics } from '../../core/metrics.js';
import { MAX_TABLE_INPUTS } from '../../reductions/lookupTable.js';
import { compilePaper, paperPlan } from '../../reductions/compile/paperRoute.js';
import { paperRoutePrinter, paperRoutePrinterInput, productModel, tableSlots } from '../../reductions/uniform/transformerToTc0.js';
import { defaultSumPrinter, transformerToTc0UniformClaims } from './transformerToTc0Uniform.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Measurement, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, key: string): number => p[key] ?? Number.NaN;
const w = registerWidth;

/** The claimed work space and stack height of the evaluator, as data. @category claims */
export const uniformTc0InLClaims: readonly ClaimedBound[] = [
  {
    metric: 'space·lookup',
    formula: '(d + 2)·(8k + 2⌈log₂ m⌉ + 3⌈log₂(k + 1)⌉ + 40) bits, d = 3, k = log₂ n table inputs (a = 8(d + 2) per log₂ n)',
    at: (p) => (num(p, 'd') + 2) * (8 * num(p, 'k') + 2 * w(num(p, 'm')) + 3 * w(num(p, 'k') + 1) + 40),
    source: 'construction',
  },
  {
    metric: 'space·layered',
    formula: '(d + 2)·(5⌈log₂(n + 1)⌉ + 3⌈log₂(d + 1)⌉ + 34) bits for depth d',
    at: (p) => (num(p, 'd') + 2) * (5 * w(num(p, 'n') + 1) + 3 * w(num(p, 'd') + 1) + 34),
    source: 'construction',
  },
  {
    metric: 'space·iterated-addition',
    formula: '(d + 2)·(36⌈log₂ n⌉ + 300 + 60⌈log₂(w + 1)⌉) bits: d + 2 times the claimed space of its printer (iterated-addition-uniform)',
    at: (p) => (num(p, 'd') + 2) * (36 * w(num(p, 'n')) + 300 + 60 * w(num(p, 'w') + 1)),
    source: 'construction',
  },
  {
    metric: 'space·compiled-transformer',
    formula: '(d + 2)·(S + 6⌈log₂ G⌉ + 3·min(ks·p, 20) + 40) bits, S the claimed space of the printer (transformer-to-tc0-uniform) at the point',
    at: (p) =>
      (num(p, 'd') + 2) *
      ((transformerToTc0UniformClaims[0]?.at({ ...p, d: num(p, 'L') }) ?? Number.NaN) + 6 * num(p, 'gBits') + 3 * Math.min(num(p, 'ks') * num(p, 'p'), 20) + 40),
    source: 'construction',
  },
  {
    metric: 'frames',
    formula: '(2 + e)(d + 1) + 1 + g frames, e the printer frames live while it prints a record (0 when it prints from its main frame), g the depth of the printer’s own calls (the top frame, one evaluator and 1 + e printer frames per level 0 … d, the last printer’s calls)',
    at: (p) => (2 + (p['e'] ?? 0)) * (num(p, 'd') + 1) + 1 + num(p, 'g'),
    source: 'construction',
  },
];

/** A uniform family the lemma evaluates: its generator, bounds and non-uniform construction. @category model */
export interface UniformFamily {
  readonly name: string;
  /** The claim its space is measured against. */
  readonly spaceMetric: string;
  readonly generator: Program;
  readonly bounds: UniformCircuitBounds;
  readonly points: (full: boolean) => readonly Params[];
  /** The non-uniform circuit, the generator's run input, at a point (random choices from `draw`). */
  readonly instance: (p: Params, draw: (min: number, max: number) => number) => { readonly circuit: Circuit; readonly input: RunInput };
}

const kP = param('k');
/** The lookup-table family (m = 2, c = 1: k = log₂ n). @category model */
export const lookupTableUniformFamily: UniformFamily = {
  name: 'lookup-table',
  spaceMetric: 'space·lookup',
  generator: lookupTableGenerator(),
  bounds: { gates: add(add(pow2(kP), mul(2, kP)), param('m')), fanIn: max(pow2(kP), kP), param: kP, weight: 1 },
  points: (full) => (full ? [2, 4, 8, 16, 32, 64] : [2, 4, 8, 16, 32]).map((n) => ({ n, k: Math.log2(n), m: 2, d: 3, g: 1 })),
  instance: (p, draw) => {
    const f: TruthTable = randomTruthTable(num(p, 'k'), num(p, 'm'), draw);
    return { circuit: lookupTableCircuit(f), input: { n: num(p, 'n'), params: { k: f.k, m: f.m }, tapes: { f: f.bits } } };
  },
};

/** The layered-majority family (depth d a parameter). @category model */
export const layeredMajorityFamily: UniformFamily = {
  name: 'layered-majority',
  spaceMetric: 'space·layered',
  generator: layeredMajorityGenerator(),
  bounds: { gates: mul(nExpr, add(param('d'), 1)), fanIn: 3, param: max(nExpr, 2), weight: 1 },
  points: (full) =>
    [
      [4, 1],
      [16, 1],
      [64, 1],
      [8, 2],
      [8, 3],
      [8, 4],
      ...(full ? [[128, 1], [256, 1], [16, 2], [16, 3], [16, 4], [16, 5], [8, 6]] : []),
    ].map(([n, d]) => ({ n: n!, d: d!, g: 1 })),
  instance: (p) => ({ circuit: layeredMajorityCircuit(num(p, 'n'), num(p, 'd')), input: { n: num(p, 'n'), params: { d: num(p, 'd') } } }),
};

/**
 * The iterated-addition family (n numbers of w bits): d is the circuit's depth at (n, w) as the
 * kernel measures it on the non-uniform circuit (≤ 8 by `iterated-addition`), g = 9 the depth of
 * the printer's calls (main → sumInfo → carry → start → iter → pres → entry → blkBase → blk).
 * @category model
 */
export const iteratedAdditionUniformFamily: UniformFamily = {
  name: 'iterated-addition',
  spaceMetric: 'space·iterated-addition',
  generator: iteratedAdditionGenerator(),
  bounds: iteratedAdditionCircuitBounds,
  points: (full) =>
    [
      [1, 2],
      [2, 1],
      [2, 2],
      [4, 2],
      ...(full ? [[3, 2], [5, 2], [2, 3], [4, 3]] : []),
    ].map(([n, w]) => ({ n: n!, w: w!, d: metrics(iteratedAddition(n!, w!).circuit).depth, g: 9 })),
  instance: (p) => ({ circuit: iteratedAddition(num(p, 'n'), num(p, 'w')).circuit, input: { n: num(p, 'n'), params: { w: num(p, 'w') } } }),
};

/**
 * A compiled transformer (P1 Theorem 1's circuit, paper route) of a product model
 * (`src/reductions/uniform/transformerToTc0.ts`), printed by the printer of
 * `transformer-to-tc0-uniform` and evaluated by the uniform evaluator: the transformer's
 * output computed in measured logarithmic space. d is the circuit's depth, L the layers; the
 * printer prints from a table or ⊕ subprogram (e = 1) whose deepest calls (the update's
 * accept readout → update bit → floatMul → truncScaled) add g = 5 frames.
 * Only attention-free models are run: depth-first evaluation re-runs the printer once per path
 * of the circuit, and a layer with a head puts two ⊕ copies (depth 8–9 each) and three tables
 * on every path (see the module header for the count).
 * @category model
 */
export const compiledTransformerFamily = (heads: readonly number[], output: 'accept' | 'state', c: number, ns: readonly number[], fullNs: readonly number[]): UniformFamily => {
  const mm = productModel(heads, output, c);
  const k = min(mul(param('ks'), param('p')), MAX_TABLE_INPUTS);
  return {
    name: `compiled transformer (${mm.name})`,
    spaceMetric: 'space·compiled-transformer',
    generator: paperRoutePrinter(mm, defaultSumPrinter()),
    bounds: { gates: param('G'), fanIn: add(pow2(k), k), param: param('G'), weight: 1 },
    points: (full) =>
      [...ns, ...(full ? fullNs : [])].map((n) => {
        const plan = paperPlan(mm.model, n);
        const compiled = compilePaper(mm.model, n);
        if (isLeft(plan) || isLeft(compiled)) throw new RangeError(`compiledTransformerFamily: ${mm.name} cannot be compiled at n = ${n}`);
        const H = heads.reduce((a, b) => a + b, 0);
        return { n, L: heads.length, H, p: plan.right.p, ks: tableSlots(mm.model), gBits: w(plan.right.gatesBound + 1), d: metrics(compiled.right.circuit).depth, e: 1, g: 5 };
      }),
    instance: (p) => {
      const n = num(p, 'n');
      const plan = paperPlan(mm.model, n);
      const compiled = compilePaper(mm.model, n);
      if (isLeft(plan) || isLeft(compiled)) throw new RangeError(`compiledTransformerFamily: ${mm.name} cannot be compiled at n = ${n}`);
      return { circuit: compiled.right.circuit, input: paperRoutePrinterInput(mm, n, plan.right) };
    },
  };
};

/** The compiled transformers the lemma evaluates end to end. @category model */
export const compiledTransformerFamilies = (): UniformFamily[] => [
  compiledTransformerFamily([], 'accept', 0.6, [4, 16], [64]),
  compiledTransformerFamily([0], 'accept', 0.5, [2, 4], [8]),
  compiledTransformerFamily([0], 'state', 0.5, [], [2]),
  compiledTransformerFamily([0, 0], 'accept', 0.5, [], [2]),
];

/** Injection points for honesty tests. @category model */
export interface UniformTc0InLOptions {
  readonly families?: readonly UniformFamily[];
  /** Replace the evaluator (default {@link uniformEvaluator}). */
  readonly evaluator?: (generator: Program, bounds: UniformCircuitBounds) => Program;
  readonly claims?: readonly ClaimedBound[];
  readonly numRuns?: number;
}

interface Point {
  readonly family: UniformFamily;
  readonly params: Params;
  readonly circuit: Circuit;
  readonly input: RunInput;
  readonly evaluator: Program;
}

const describeRun = (pt: Point, x: readonly number[]): { outputs: number[] | null; problem?: string; meter?: { peakBits: number; peakFrames: number } } => {
  const s = collectingSink();
  const run = runProgram(pt.evaluator, { ...pt.input, tapes: { ...pt.input.tapes, x }, sink: s.sink });
  if (isLeft(run)) return { outputs: null, problem: `the evaluator stops: ${run.left.message}` };
  return { outputs: s.records().map((rec) => rec.fields[0] ?? -1), meter: run.right };
};

const compareOn = (pt: Point, x: readonly number[]): true | Record<string, unknown> => {
  const got = describeRun(pt, x);
  const want = Array.from(evaluate(pt.circuit, x));
  if (got.outputs !== null && got.outputs.length === want.length && got.outputs.every((v, i) => v === want[i])) return true;
  return { family: pt.family.name, ...pt.params, x: x.join(''), evaluate: want.join(''), uniformEvaluator: got.outputs?.join('') ?? null, ...(got.problem === undefined ? {} : { problem: got.problem }) };
};

/**
 * Verify that the uniform evaluator computes the circuits' outputs, in the claimed space.
 * @category verifiers
 */
export const verifyUniformTc0InL = async (ctx: VerifyContext, opts: UniformTc0InLOptions = {}): Promise<LemmaReport> => {
  const families = opts.families ?? [lookupTableUniformFamily, layeredMajorityFamily, iteratedAdditionUniformFamily, ...compiledTransformerFamilies()];
  const makeEvaluator = opts.evaluator ?? uniformEvaluator;
  const claims = opts.claims ?? uniformTc0InLClaims;
  const draw = seededInts(ctx.seed);
  const points: Point[] = families.flatMap((family) => {
    const evaluator = makeEvaluator(family.generator, family.bounds);
    return family.points(ctx.full).map((params) => ({ family, params, evaluator, ...family.instance(params, draw) }));
  });
  const measurements: Measurement[] = [];
  const claimOf = (metric: string): ClaimedBound | undefined => claims.find((c) => c.metric === metric);
  const inputsPerPoint = ctx.full ? 3 : 2;
  const cases = points.flatMap((pt) => Array.from({ length: inputsPerPoint }, (_, i) => ({ pt, first: i === 0, x: Array.from({ length: pt.circuit.numInputs }, () => draw(0, 1)) })));
  let done = 0;
  const exStatement = 'the uniform evaluator equals evaluate() on the non-uniform circuit, whose printed stream equals it';
  const ex = checkCasesExhaustive(
    cases,
    ({ pt, first, x }) => {
      ctx.progress(++done, cases.length + 1);
      if (first) {
        const cmp = streamComparer(pt.circuit);
        const gen = runProgram(pt.family.generator, { ...pt.input, sink: cmp.sink });
        const same = cmp.result();
        if (isLeft(gen) || isLeft(same)) return { family: pt.family.name, ...pt.params, problem: isLeft(gen) ? gen.left.message : isLeft(same) ? same.left.message : '' };
      }
      const r = compareOn(pt, x);
      if (r !== true) return r;
      if (first) {
        const m = describeRun(pt, x).meter;
        const space = claimOf(pt.family.spaceMetric);
        const frames = claimOf('frames');
        if (m !== undefined && space !== undefined) measurements.push(checkBound(space.metric, space.at(pt.params), m.peakBits, pt.params));
        if (m !== undefined && frames !== undefined) measurements.push(checkBound(frames.metric, frames.at(pt.params), m.peakFrames, pt.params));
      }
      return true;
    },
    { lemma: 'uniform-tc0-in-l' },
    exStatement,
  );
  await Promise.resolve();
  const small = points.filter((pt) => pt.params['n']! <= 16 && (pt.params['d'] ?? 0) <= 3 && pt.family.name !== 'iterated-addition');
  const propStatement = 'on random points and inputs, the uniform evaluator equals evaluate()';
  const prop = checkProperty(
    fc.integer({ min: 0, max: Math.max(0, small.length - 1) }).chain((i) => {
      const pt = small[i]!;
      return fc.array(fc.integer({ min: 0, max: 1 }), { minLength: pt.circuit.numInputs, maxLength: pt.circuit.numInputs }).map((x) => ({ pt, x }));
    }),
    ({ pt, x }) => compareOn(pt, x),
    { lemma: 'uniform-tc0-in-l' },
    propStatement,
    { seed: ctx.seed, numRuns: opts.numRuns ?? (ctx.full ? 200 : 30) },
  );
  ctx.progress(cases.length + 1, cases.length + 1);
  return report(
    requirementsOf({ tiers: ['exhaustive', 'property'], claimed: claims }),
    [tierRun(ex, 'exhaustive', exStatement), tierRun(prop, 'property', propStatement)],
    measurements,
    [
      `families: ${families.map((f) => f.name).join(', ')}; inputs and tables drawn with seed ${ctx.seed}`,
      'space = peak work bits of the machine of src/core/logspace (Σ register widths + control bits over the live frames); the circuit is never stored',
    ],
  );
};

/** Log-space-uniform TC0 ⊆ L, as a value. @category lemmas */
export const uniformTc0InLLemma: Lemma = {
  id: 'uniform-tc0-in-l',
  modules: {
    construction: [
      'src/reductions/uniform/evaluate.ts',
      'src/reductions/uniform/layeredMajority.ts',
      'src/reductions/uniform/lookupTable.ts',
      'src/reductions/uniform/iteratedAddition.ts',
      'src/reductions/uniform/transformerToTc0.ts',
    ],
    proof: 'src/proofs/uniform/uniformTc0InL.ts',
  },
  title: 'Log-space-uniform TC0 is in L',
  statement:
    'A circuit family printed by a log-space generator is evaluated in O(depth · log n) work space without materializing the circuit (re-running the generator to find each gate’s arguments, one recursion level per level of depth); for constant depth this is O(log n): log-space-uniform TC0 ⊆ L. Run end to end on compiled transformers (attention-free ones: with attention, depth-first evaluation takes too long to run).',
  reference: 'P1 §2 (L-uniform TC0 ⊆ L)',
  dependsOn: ['lookup-table-uniform', 'iterated-addition-uniform', 'transformer-to-tc0-uniform'],
  claimed: uniformTc0InLClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyUniformTc0InL(ctx),
};
