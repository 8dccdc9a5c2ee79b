/**
 * # Lemma `float-iterated-sum-uniform`
 *
 * ## Main results
 * The circuits of the p-precision iterated float sum ⊕ (n summands, `float-iterated-sum`, P1
 * Lemma 5) form a log-space uniform family: a program of the space-metered machine prints,
 * record for record, the circuit `floatIteratedSum(n, p)` builds, with at most
 * {@link FIS_SPACE_A}·⌈log₂(n + 1)⌉ + {@link FIS_SPACE_B0} + {@link FIS_SPACE_BP}·p bits of work
 * space, in at most {@link FIS_FRAMES} frames; and its `fisSize` / `fisOutputId` procs (what an
 * embedding printer calls to place the sum's gates) return the circuit's gate count and output ids.
 *
 * ## Implementation notes
 * - *exhaustive* tier, at every point (n, p) of the sweep: the non-uniform circuit is built, the
 *   generator's records are compared with it one by one as they are printed (nothing stored),
 *   the meter's peak work bits and peak frames are compared with the claims, and a second small
 *   program (the printer's procs and a main that calls `fisSize` and `fisOutputId` for t < p)
 *   is compared with the circuit's size and outputs. Default sweep: p = 4 at
 *   n = 1, 2, 4, …, 2^6 and n = 3, 5, p = 6 at n = 1; `--full`: p = 4 to 2^9, p = 6 to 2^5,
 *   p = 8 at n = 1, 2.
 * - *property* tier: fast-check draws (n, p) off the sweep (p = 4, 1 ≤ n ≤ 12, or p = 6,
 *   n ≤ 3) and checks the same stream equality.
 * - The claim is the construction's own (P1 states only O(log n)); p enters through the
 *   widths of the gate ids (the circuit has Θ(n·2^(p/2)·p) gates) and of the block sums. The
 *   printer's deepest call chain is about 14 frames of a few dozen registers each; registers
 *   that grow with n are gate ids, float indices and the layer-1 weight sums (about one bit each
 *   per doubling of n), and the block width ℓ ≤ 14 of the adders (whose bound saturates at
 *   n ≥ 16). The constants were set above the values measured on the `--full` sweep with a
 *   margin, then checked at every point. The printer is slow (every gate id is recounted, P1's
 *   log-space machines trade time for space): p = 8 costs about 10^7–10^8 steps per point.
 *
 *   Measured (`--full`): p = 4: 1784 bits at n = 1, 2551 at n = 128 (where the deepest,
 *   14-frame call chain occurs; 11 frames at n = 64, 256), 2044 at n = 512; p = 6: 2097 (n = 1)
 *   to 2522 (n = 32), the least margin 27 bits at n = 4; p = 8: 2174, 2310 (n = 1, 2). Off the
 *   sweep, by hand: p = 6, n = 64: 2618 ≤ 2890 and p = 8, n = 4: 2460 ≤ 2610, streams equal.
 *   Figure: `docs/figures/space-float-iterated-sum-uniform.svg` (the `--full` sweep, drawn by
 *   `scripts/spaceFigureFloatIteratedSum.ts`).
 *
 * ## References
 * P1 Lemma 2 and Def 5 (uniformity), Lemma 5 (⊕ in TC0); construction in
 * `src/reductions/uniform/floatIteratedSum.ts`.
 *
 * @module
 */
import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import type { Circuit } from '../../core/circuit.js';
import { GATE_STREAM_TAGS, add, call, collectingSink, emit, loop, param, proc, program, r, registerWidth, runProgram, streamComparer, type Program } from '../../core/logspace/index.js';
import { checkBound, tierRun } from '../../core/verdict.js';
import { floatIteratedSum } from '../../reductions/arithmetic/floatIteratedSum.js';
import { FIS_OUTPUT_ID, FIS_SIZE, floatIteratedSumGenerator, floatIteratedSumProcs } from '../../reductions/uniform/floatIteratedSum.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Measurement, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, key: string): number => p[key] ?? Number.NaN;

/** a of the space claim (bits per doubling of n). @category claims */
export const FIS_SPACE_A = 120;
/** b = b₀ + b_p·p of the space claim. @category claims */
export const FIS_SPACE_B0 = 1450;
/** @category claims */
export const FIS_SPACE_BP = 100;
/** The claimed peak number of frames (a constant). @category claims */
export const FIS_FRAMES = 16;

/** The claimed work space of the printer (bits) and its frame depth. @category claims */
export const floatIteratedSumUniformClaims: readonly ClaimedBound[] = [
  {
    metric: 'space',
    formula: `a·⌈log₂(n + 1)⌉ + b bits with a = ${FIS_SPACE_A}, b = ${FIS_SPACE_B0} + ${FIS_SPACE_BP}·p`,
    at: (p) => FIS_SPACE_A * registerWidth(num(p, 'n') + 1) + FIS_SPACE_B0 + FIS_SPACE_BP * num(p, 'p'),
    source: 'construction',
  },
  {
    metric: 'frames',
    formula: `${FIS_FRAMES} frames (a constant: the printer's call depth, independent of n and p)`,
    at: () => FIS_FRAMES,
    source: 'construction',
  },
];

/** The (n, p) points checked by default and with `--full`. @category claims */
export const floatIteratedSumUniformSweep = (full: boolean): readonly Params[] => {
  const pow = (p: number, top: number): Params[] => [{ n: 1, p }, ...Array.from({ length: top }, (_, i) => ({ n: 2 ** (i + 1), p }))];
  return [...pow(4, full ? 9 : 6), { n: 3, p: 4 }, { n: 5, p: 4 }, ...pow(6, full ? 5 : 0), ...(full ? pow(8, 1) : [])];
};

/** Injection points for honesty tests. @category model */
export interface FloatIteratedSumUniformOptions {
  readonly generator?: Program;
  readonly construct?: (n: number, p: number) => Circuit;
  readonly claims?: readonly ClaimedBound[];
  /** Only the points with n ≤ maxN (and p ≤ maxP). */
  readonly maxN?: number;
  readonly maxP?: number;
  readonly numRuns?: number;
}

/** A program that prints `fisSize` then `fisOutputId(t)` for t < p. */
const sizeProgram = (): Program =>
  program({ main: 'fisCheckMain', tags: [...GATE_STREAM_TAGS, 'size', 'output'], params: ['p'] }, [
    ...floatIteratedSumProcs(),
    proc('fisCheckMain', { s: 2 ** 40, t: add(param('p'), 1), g: 2 ** 40 }, [], [], [
      call(FIS_SIZE, [], ['s']),
      emit('size', r('s')),
      loop('t', 0, param('p'), [call(FIS_OUTPUT_ID, [r('t')], ['g']), emit('output', r('g'))]),
    ]),
  ]);

/** The printed stream against the circuit: true, or the first difference. */
const compareStream = (generator: Program, c: Circuit, params: Params): { problem: string } | { peakBits: number; peakFrames: number } => {
  const cmp = streamComparer(c);
  const run = runProgram(generator, { n: num(params, 'n'), params: { p: num(params, 'p') }, sink: cmp.sink });
  if (isLeft(run)) return { problem: `the generator stops: ${run.left.message}` };
  const same = cmp.result();
  if (isLeft(same)) return { problem: same.left.message };
  return run.right;
};

/** fisSize and fisOutputId against the circuit: null, or what differs. */
const compareSize = (sizer: Program, c: Circuit, params: Params): string | null => {
  const s = collectingSink();
  const run = runProgram(sizer, { n: num(params, 'n'), params: { p: num(params, 'p') }, sink: s.sink });
  if (isLeft(run)) return `fisSize/fisOutputId stop: ${run.left.message}`;
  const recs = s.records();
  const size = recs[0]?.fields[0];
  if (size !== c.numGates) return `fisSize = ${String(size)}, the circuit has ${c.numGates} gates`;
  const outs = recs.slice(1).map((x) => x.fields[0]);
  const bad = Array.from(c.outputs).findIndex((o, i) => outs[i] !== o);
  return bad >= 0 || outs.length !== c.outputs.length ? `fisOutputId(${bad}) = ${String(outs[bad])}, the circuit's output ${bad} is gate ${String(c.outputs[bad])}` : null;
};

/** Verify that the printer prints the ⊕ circuits in the claimed space. @category verifiers */
export const verifyFloatIteratedSumUniform = async (ctx: VerifyContext, opts: FloatIteratedSumUniformOptions = {}): Promise<LemmaReport> => {
  const generator = opts.generator ?? floatIteratedSumGenerator();
  const sizer = sizeProgram();
  const construct = opts.construct ?? ((n: number, p: number) => floatIteratedSum(n, p).circuit);
  const claims = opts.claims ?? floatIteratedSumUniformClaims;
  const sweep = floatIteratedSumUniformSweep(ctx.full).filter((p) => num(p, 'n') <= (opts.maxN ?? Infinity) && num(p, 'p') <= (opts.maxP ?? Infinity));
  const measurements: Measurement[] = [];
  const statement = 'the generator prints, record for record, the circuit floatIteratedSum(n, p); fisSize and fisOutputId give its size and output ids';
  let done = 0;
  const ex = checkCasesExhaustive(
    sweep,
    (params) => {
      ctx.progress(++done, sweep.length + 1);
      const c = construct(num(params, 'n'), num(params, 'p'));
      const got = compareStream(generator, c, params);
      if ('problem' in got) return { ...params, problem: got.problem };
      const bad = compareSize(sizer, c, params);
      if (bad !== null) return { ...params, problem: bad };
      for (const cl of claims) measurements.push(checkBound(cl.metric, cl.at(params), cl.metric === 'frames' ? got.peakFrames : got.peakBits, params));
      return true;
    },
    { lemma: 'float-iterated-sum-uniform' },
    statement,
  );
  const propStatement = 'the generator prints floatIteratedSum(n, p) record for record at points drawn off the sweep';
  const prop = checkProperty(
    fc.oneof(
      fc.record({ n: fc.integer({ min: 1, max: 12 }), p: fc.constant(4) }),
      fc.record({ n: fc.integer({ min: 1, max: 3 }), p: fc.constant(6) }),
    ),
    (params) => {
      const got = compareStream(generator, construct(params.n, params.p), params);
      return 'problem' in got ? { ...params, problem: got.problem } : true;
    },
    { lemma: 'float-iterated-sum-uniform' },
    propStatement,
    { seed: ctx.seed, numRuns: opts.numRuns ?? (ctx.full ? 12 : 3) },
  );
  ctx.progress(sweep.length + 1, sweep.length + 1);
  await Promise.resolve();
  return report(
    requirementsOf({ tiers: ['exhaustive', 'property'], claimed: claims }),
    [tierRun(ex, 'exhaustive', statement), tierRun(prop, 'property', propStatement)],
    measurements,
    [
      'each printed stream compared with the circuit as it was printed (not stored); space = peak work bits of the machine of src/core/logspace',
      `property tier: seed ${ctx.seed}`,
    ],
  );
};

/** ⊕ is log-space uniform, as a value. @category lemmas */
export const floatIteratedSumUniformLemma: Lemma = {
  id: 'float-iterated-sum-uniform',
  modules: { construction: ['src/reductions/uniform/floatIteratedSum.ts', 'src/core/logspace/machine.ts'], proof: 'src/proofs/uniform/floatIteratedSumUniform.ts' },
  title: 'The iterated float sum circuits are printed in logarithmic space',
  statement: `A machine with O(log n) bits of work space prints the circuit of the p-precision iterated sum ⊕ of n floats (P1 Lemma 5); here a metered program prints exactly the circuit of float-iterated-sum, gate for gate, in at most ${FIS_SPACE_A}·⌈log₂(n + 1)⌉ + ${FIS_SPACE_B0} + ${FIS_SPACE_BP}·p bits and ${FIS_FRAMES} frames.`,
  reference: 'P1 Lemma 2, Def 5 (uniformity) and Lemma 5',
  dependsOn: ['float-iterated-sum'],
  claimed: floatIteratedSumUniformClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyFloatIteratedSumUniform(ctx),
};
