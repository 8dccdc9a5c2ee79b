/**
 * # Lemma `float-iterated-sum-shallow` (P1 Lemma 5 in depth 6)
 *
 * ## Main results
 * The p-precision iterated sum ⊕ of k floats (P1 Def 15), bit-exact with the kernel's
 * `iteratedSum`, by a threshold circuit of depth 6 — d_⊕ = 6 against the 9 of
 * `float-iterated-sum` (kept) — and polynomial size: alignment selectors, the depth-3 block-save
 * adder for z and −z, and the truncation of `float-iterated-sum`
 * (`src/reductions/arithmetic/floatIteratedSumShallow.ts`).
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`). With q = p/2, M = 2^(q−1) − 1,
 * W′ = 2M + bitLength(k·M) + 1, ℓ the least ℓ ≥ 1 with k ≤ 2^(ℓ−1), Q = ⌈W′/ℓ⌉ and
 * A = Q(6k + 1) + W′(4k + 2) + (ℓ + 1)(Q − 1)(Q − 2)/2 + 2:
 * - depth ≤ 6;
 * - size ≤ 2k(2M + 1)(q − 1) + 2A + 2(2M(q − 1) + (q − 1) + max(0, W′ − 2M − q)) + 2(q − 1) + 5,
 *   stage by stage as argued in the construction's header;
 * - depth·P1 ≤ 7 (= depth + 1: `expandWeights` serves the complement of a gate by its dual
 *   threshold, of the gate's own depth; only the input bits the selectors negate cost a NOT level);
 * - size·P1 by the derived bound 2S + I, I = k·p (`familyClaims.ts`).
 * The verifier's report adds, per sweep point, the figures of `float-iterated-sum` beside these.
 *
 * ## Implementation notes
 * The specification is `float-iterated-sum`'s, and so is the sat tier's formula
 * (`floatIteratedSumSmtSpec`, written from Defs 13–15 independently of the kernel's BigInt
 * code): a z3 miter at (k, p) = (2, 4) and (4, 4), about 1.5 s each (measured: (3, 4) and (1, 6)
 * as fast, (1, 8) 5.4 s; at (2, 6) the z3-solver WebAssembly build aborted the process with a
 * corrupted-heap error, so the points stay at p = 4).
 * The wires are many (each floor gate of the adder reads a whole window of selectors): the
 * sweep stops at k = 16 (p = 8) by default, 32 (p = 10) with `--full`.
 *
 * ## References
 * P1 Lemma 5 and App. A Defs 13–15; Siu & Roychowdhury, SIAM J. Discrete Math. 7(2), 1994.
 *
 * @module
 */
import { floatIteratedSum } from '../../reductions/arithmetic/floatIteratedSum.js';
import { floatIteratedSumShallow } from '../../reductions/arithmetic/floatIteratedSumShallow.js';
import { arithmeticLemma, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import { BY_CONSTRUCTION, bitLength, familyClaims, p1SizeBound, p1SizeFormula, param, type BoundsFormula, type CircuitBounds } from './familyClaims.js';
import { floatIteratedSumSmtSpec, floatIteratedSumSpec } from './floatIteratedSum.js';
import { withSideBySide } from './shallowFamilies.js';

const kOf = (p: Params): number => param(p, 'n');
const pOf = (p: Params): number => param(p, 'p');

/** The claimed figures of the depth-6 ⊕ of k floats of precision p. @category claims */
export const floatIteratedSumShallowBounds = (k: number, p: number): CircuitBounds => {
  const q = p / 2;
  const M = 2 ** (q - 1) - 1;
  const Wp = 2 * M + bitLength(k * M) + 1;
  let ell = 1;
  while (k > 2 ** (ell - 1)) ell++;
  const Q = Math.ceil(Wp / ell);
  const A = Q * (6 * k + 1) + Wp * (4 * k + 2) + ((ell + 1) * (Q - 1) * (Q - 2)) / 2 + 2;
  const size =
    2 * k * (2 * M + 1) * (q - 1) + 2 * A + 2 * (2 * M * (q - 1) + (q - 1) + Math.max(0, Wp - 2 * M - q)) + 2 * (q - 1) + 5;
  return { depth: 6, size, depthP1: 7, sizeP1: p1SizeBound(size, k * p) };
};

/** The claims as text. @category claims */
export const floatIteratedSumShallowFormula: BoundsFormula = {
  depth: '6',
  size: '2k(2M + 1)(q − 1) + 2A + 2(2M(q − 1) + (q − 1) + max(0, W′ − 2M − q)) + 2(q − 1) + 5',
  depthP1: '7',
  sizeP1: p1SizeFormula('the size claim', 'k·p'),
  where:
    'k floats of precision p, q = p/2, M = 2^(q−1) − 1, W′ = 2M + bitLength(k·M) + 1, ℓ = least ℓ ≥ 1 with k ≤ 2^(ℓ−1), Q = ⌈W′/ℓ⌉, A = Q(6k + 1) + W′(4k + 2) + (ℓ + 1)(Q − 1)(Q − 2)/2 + 2',
};

/** The lemma's claims. @category claims */
export const floatIteratedSumShallowClaims = familyClaims(
  (p) => floatIteratedSumShallowBounds(kOf(p), pOf(p)),
  floatIteratedSumShallowFormula,
  BY_CONSTRUCTION,
);

const sweep = {
  default: [2, 4, 8, 16].map((n) => ({ n, p: Math.max(4, 2 * Math.ceil(Math.log2(n))) })),
  full: [2, 4, 8, 16, 32].map((n) => ({ n, p: Math.max(4, 2 * Math.ceil(Math.log2(n))) })),
};

/** The family, its spec and its claims. @category families */
export const floatIteratedSumShallowFamily: ArithmeticFamily = {
  id: 'float-iterated-sum-shallow',
  modules: {
    construction: ['src/reductions/arithmetic/floatIteratedSumShallow.ts'],
    proof: 'src/proofs/arithmetic/floatIteratedSumShallow.ts',
  },
  title: 'The p-precision iterated sum ⊕ in depth 6',
  statement: `The iterated sum ⊕ of k p-bit floats (Def 15: f_p(Σ g_p(φ_i)), exact sum, one truncation, saturating) by a threshold circuit of depth ${floatIteratedSumShallowFormula.depth} (d_⊕ = 6 in the kernel's basis), polynomially bounded weights, and size ≤ ${floatIteratedSumShallowFormula.size} (${floatIteratedSumShallowFormula.where}).`,
  reference: 'P1 Lemma 5 (App. A, Defs 13–15); Siu–Roychowdhury 1994 (block-save)',
  dependsOn: ['float-iterated-sum', 'iterated-addition-shallow'],
  build: (p) => floatIteratedSumShallow(kOf(p), pOf(p)).circuit,
  inputs: (p) => kOf(p) * pOf(p),
  outputs: (p) => pOf(p),
  spec: (p) => floatIteratedSumSpec(kOf(p), pOf(p)),
  claimed: floatIteratedSumShallowClaims,
  exhaustive: [
    { n: 1, p: 4 },
    { n: 2, p: 4 },
    { n: 3, p: 4 },
    { n: 4, p: 4 },
    { n: 1, p: 6 },
    { n: 2, p: 6 },
    { n: 1, p: 8 },
  ],
  property: [
    { n: 4, p: 8 },
    { n: 6, p: 8 },
  ],
  propertyRuns: { default: 100, full: 1000 },
  sweep,
  sweepKey: 'n',
  sweepRuns: { default: 20, full: 100 },
  smt: {
    spec: (p) => floatIteratedSumSmtSpec(kOf(p), pOf(p)),
    points: [
      { n: 2, p: 4 },
      { n: 4, p: 4 },
    ],
  },
  exportOptions: [
    { name: 'n', description: 'how many floats K (≤ 256)' },
    { name: 'p', description: 'precision P (even, 4 ≤ P ≤ 16)' },
  ],
  exportCheck: (p) => (pOf(p) > 12 || kOf(p) > 64 ? 'k ≤ 64 and p ≤ 12 on export (the wires grow fast)' : null),
};

/** The lemma (its report adds `float-iterated-sum`'s figures at each sweep point). @category lemmas */
export const floatIteratedSumShallowLemma = withSideBySide(
  arithmeticLemma(floatIteratedSumShallowFamily),
  'float-iterated-sum',
  (full) => (full ? sweep.full : sweep.default),
  floatIteratedSumShallowFamily.build,
  (p) => floatIteratedSum(kOf(p), pOf(p)).circuit,
);
