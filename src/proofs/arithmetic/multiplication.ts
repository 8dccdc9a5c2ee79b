/**
 * # Lemma `multiplication`
 *
 * ## Main results
 * The 2w-bit product of two w-bit numbers by iterated addition of the w partial products, in
 * depth 9 (one AND layer, then the iterated-addition engine); in P1's basis, depth 12.
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`). With μ = ⌊log₂ w⌋ + 1, ℓ = ⌈log₂ μ⌉:
 * - depth 9;
 * - size ≤ w² + ⌊w²/2⌋ + (2w − 1)(μ − 1) + [μ ≥ 3]·⌈2w/ℓ⌉·(⌊μ(2^ℓ − 1)/2⌋ + 2ℓ − 1) + w(2w+1) + 6w − 1,
 *   stage by stage as argued in the header of `src/reductions/arithmetic/multiplication.ts`;
 * - depth·P1 = 9, measured (the AND layer, then iterated addition's 8: negated gates are served
 *   by their dual thresholds, no NOT layers; it was 12 with them);
 * - size·P1 by the derived bound 2S + I, I = 2w (`familyClaims.ts`).
 * {@link multiplicationBounds} is also the `mult(r)` of `float-mul`'s size claim.
 *
 * ## References
 * Vollmer 1999 ch. 1; used for float products (P1 Def 8). Construction in
 * `src/reductions/arithmetic/multiplication.ts`.
 *
 * @module
 */
import { multiplication } from '../../reductions/arithmetic/multiplication.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import {
  BY_CONSTRUCTION,
  bitLength,
  ceilLog2,
  exactWidth,
  familyClaims,
  p1SizeBound,
  p1SizeFormula,
  param,
  type BoundsFormula,
  type CircuitBounds,
} from './familyClaims.js';

const w = (p: Params): number => param(p, 'w');

/**
 * The claimed figures of multiplication at width w: depth 9, size ≤
 * w² + ⌊w²/2⌋ + (2w−1)(μ−1) + [μ ≥ 3]·⌈2w/ℓ⌉·(⌊μ(2^ℓ − 1)/2⌋ + 2ℓ − 1) + w(2w+1) + 6w − 1
 * with μ = ⌊log₂ w⌋ + 1, ℓ = ⌈log₂ μ⌉; depth·P1 9; size·P1 ≤ 2·size + 2w.
 * @category claims
 */
export const multiplicationBounds = (w: number): CircuitBounds => {
  const mu = bitLength(w);
  const ell = ceilLog2(mu);
  const blocks = mu >= 3 ? Math.ceil((2 * w) / ell) * (Math.floor((mu * (2 ** ell - 1)) / 2) + 2 * ell - 1) : 0;
  const size = w * w + Math.floor((w * w) / 2) + (2 * w - 1) * (mu - 1) + blocks + w * (2 * w + 1) + 6 * w - 1;
  return { depth: 9, size, depthP1: 9, sizeP1: p1SizeBound(size, 2 * w) };
};

/** The claims as text. @category claims */
export const multiplicationFormula: BoundsFormula = {
  depth: '9',
  size: 'w² + ⌊w²/2⌋ + (2w−1)(μ−1) + [μ ≥ 3]·⌈2w/ℓ⌉·(⌊μ(2^ℓ − 1)/2⌋ + 2ℓ − 1) + w(2w+1) + 6w − 1',
  depthP1: '9',
  sizeP1: p1SizeFormula('the size claim', '2w'),
  where: 'w = operand width, μ = ⌊log₂ w⌋ + 1, ℓ = ⌈log₂ μ⌉',
};

/** The lemma's claims. @category claims */
export const multiplicationClaims = familyClaims((p) => multiplicationBounds(w(p)), multiplicationFormula, BY_CONSTRUCTION);

/** The family, its spec and its claims. @category families */
export const multiplicationFamily: ArithmeticFamily = {
  id: 'multiplication',
  modules: { construction: ['src/reductions/arithmetic/multiplication.ts'], proof: 'src/proofs/arithmetic/multiplication.ts' },
  title: 'Multiplication in constant depth',
  statement: `x · y for w-bit unsigned x, y (a 2w-bit product) by a threshold circuit of depth ${multiplicationFormula.depth} and size ≤ ${multiplicationFormula.size} (${multiplicationFormula.where}).`,
  reference: 'P1 Lemma 5 (ingredient); Vollmer 1999 ch. 1',
  dependsOn: ['iterated-addition'],
  build: (p) => multiplication(w(p)).circuit,
  inputs: (p) => 2 * w(p),
  outputs: (p) => 2 * w(p),
  spec: (p) => (bits) => {
    exactWidth('multiplication', 2 * w(p), bits);
    return bigIntToBits(bitsToBigInt(bits, 0, w(p)) * bitsToBigInt(bits, w(p), w(p)), 2 * w(p));
  },
  claimed: multiplicationClaims,
  exhaustive: [1, 2, 3, 4, 5, 6].map((x) => ({ w: x })),
  property: [{ w: 12 }, { w: 32 }, { w: 64 }],
  propertyRuns: { default: 100, full: 1000 },
  sweep: { default: [4, 16, 32, 64, 128].map((x) => ({ w: x })), full: [4, 16, 64, 128, 256].map((x) => ({ w: x })) },
  sweepKey: 'w',
  exportOptions: [{ name: 'w', description: 'operand width w' }],
  exportCheck: (p) => (w(p) > 256 ? '--w must be ≤ 256' : null),
};

/** The lemma. @category lemmas */
export const multiplicationLemma = arithmeticLemma(multiplicationFamily);
