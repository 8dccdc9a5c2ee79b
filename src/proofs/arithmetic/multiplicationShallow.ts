/**
 * # Lemma `multiplication-shallow`
 *
 * ## Main results
 * The 2w-bit product of two w-bit numbers in depth 4 with polynomially bounded weights: one AND
 * layer for the partial products, then the depth-3 block-save column sum
 * (`src/reductions/arithmetic/multiplicationShallow.ts`), beside the depth-9 `multiplication`.
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`). With column height h = w, W = 2w, ℓ the
 * least ℓ ≥ 1 with w ≤ 2^ℓ + 1 and Q = ⌈2w/ℓ⌉:
 * - depth ≤ 4;
 * - size ≤ w² + Q(3w − 2) + 4w² + (ℓ + 1)(Q − 1)(Q − 2)/2 + 1 (the w² AND gates, then
 *   `shallowFamilies.ts`'s bound at h = w, W = 2w);
 * - depth·P1 ≤ 4 (= depth: the negated arguments are gates, served by their duals, `shallowFamilies.ts`);
 * - size·P1 by the derived bound 2S + I, I = 2w (`familyClaims.ts`).
 * The verifier's report adds, per sweep point, the figures of `multiplication` beside these.
 *
 * ## References
 * Hofmeister, Hohberg & Köhling, IPL 39(4), 1991 (multiplication in depth 4); Siu &
 * Roychowdhury, SIAM J. Discrete Math. 7(2), 1994 (depth 3).
 *
 * @module
 */
import { multiplication } from '../../reductions/arithmetic/multiplication.js';
import { multiplicationShallow } from '../../reductions/arithmetic/multiplicationShallow.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import {
  BY_CONSTRUCTION,
  exactWidth,
  familyClaims,
  p1SizeBound,
  p1SizeFormula,
  param,
  type BoundsFormula,
  type CircuitBounds,
} from './familyClaims.js';
import { SHALLOW_SUM_SIZE, shallowSumSize, withSideBySide } from './shallowFamilies.js';

const w = (p: Params): number => param(p, 'w');

/** The claimed figures of the depth-4 multiplication at width w. @category claims */
export const multiplicationShallowBounds = (w: number): CircuitBounds => {
  const size = w * w + shallowSumSize(w, 2 * w);
  return { depth: 4, size, depthP1: 4, sizeP1: p1SizeBound(size, 2 * w) };
};

/** The claims as text. @category claims */
export const multiplicationShallowFormula: BoundsFormula = {
  depth: '4',
  size: `w² + ${SHALLOW_SUM_SIZE}`,
  depthP1: '4',
  sizeP1: p1SizeFormula('the size claim', '2w'),
  where: 'w = operand width, h = w, W = 2w, ℓ = least ℓ ≥ 1 with w ≤ 2^ℓ + 1, Q = ⌈2w/ℓ⌉',
};

/** The lemma's claims. @category claims */
export const multiplicationShallowClaims = familyClaims((p) => multiplicationShallowBounds(w(p)), multiplicationShallowFormula, BY_CONSTRUCTION);

const sweep = {
  default: [4, 8, 16, 32].map((x) => ({ w: x })),
  full: [4, 8, 16, 32, 64, 128].map((x) => ({ w: x })),
};

/** The family, its spec and its claims. @category families */
export const multiplicationShallowFamily: ArithmeticFamily = {
  id: 'multiplication-shallow',
  modules: {
    construction: ['src/reductions/arithmetic/multiplicationShallow.ts', 'src/reductions/arithmetic/iteratedAdditionShallow.ts'],
    proof: 'src/proofs/arithmetic/multiplicationShallow.ts',
  },
  title: 'Multiplication in depth 4',
  statement: `x · y for w-bit unsigned x, y (a 2w-bit product) by a threshold circuit of depth ${multiplicationShallowFormula.depth}, polynomially bounded weights, and size ≤ ${multiplicationShallowFormula.size} (${multiplicationShallowFormula.where}).`,
  reference: 'Hofmeister–Hohberg–Köhling 1991; Siu–Roychowdhury 1994',
  dependsOn: ['iterated-addition-shallow', 'multiplication'],
  build: (p) => multiplicationShallow(w(p)).circuit,
  inputs: (p) => 2 * w(p),
  outputs: (p) => 2 * w(p),
  spec: (p) => (bits) => {
    exactWidth('multiplication-shallow', 2 * w(p), bits);
    return bigIntToBits(bitsToBigInt(bits, 0, w(p)) * bitsToBigInt(bits, w(p), w(p)), 2 * w(p));
  },
  claimed: multiplicationShallowClaims,
  exhaustive: [1, 2, 3, 4, 5, 6].map((x) => ({ w: x })),
  property: [{ w: 12 }, { w: 24 }, { w: 32 }],
  propertyRuns: { default: 100, full: 1000 },
  sweep,
  sweepKey: 'w',
  exportOptions: [{ name: 'w', description: 'operand width w (≤ 128)' }],
  exportCheck: (p) => (w(p) > 128 ? '--w must be ≤ 128' : null),
};

/** The lemma (its report adds `multiplication`'s figures at each sweep point). @category lemmas */
export const multiplicationShallowLemma = withSideBySide(
  arithmeticLemma(multiplicationShallowFamily),
  'multiplication',
  (full) => (full ? sweep.full : sweep.default),
  multiplicationShallowFamily.build,
  (p) => multiplication(w(p)).circuit,
);
