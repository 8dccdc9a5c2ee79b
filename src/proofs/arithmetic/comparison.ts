/**
 * # Lemma `comparison`
 *
 * ## Main results
 * x < y and x = y on w-bit numbers are computed by a threshold circuit of depth 3 and size
 * 3w + 2, for every w (one weighted gate per term of "the highest differing bit"); in P1's
 * basis, depth 4 and size ≤ 2(3w + 2) + 2w.
 *
 * ## Claims
 * P1 states only "constant depth, polynomial size" for the arithmetic it uses, so every claim
 * here is the construction's own count (`source: 'construction'`), written as a formula of w:
 * - `'lookahead'` (the lemma's method): depth 3, size 3w + 2 (exact for w ≥ 2; 4 gates at
 *   w = 1); `'weighted'` (w ≤ 30): depth 2, size 4. The counting argument is in the header of
 *   `src/reductions/arithmetic/comparison.ts`.
 * - depth·P1 = 4 (`'lookahead'`) and 3 (`'weighted'`), measured: every negated argument is an
 *   input bit, whose complement is a NOT gate, so expandWeights adds one level under layer 1
 *   (w = 1…4096: always 4, 3 at w = 1) — the one level its bound depth + 1 allows. size·P1 by the derived bound 2S + I (`familyClaims.ts`).
 *
 * ## References
 * Used by P1 Lemma 5 (alignment and truncation of floats); construction in
 * `src/reductions/arithmetic/comparison.ts`.
 *
 * @module
 */
import { comparison } from '../../reductions/arithmetic/comparison.js';
import type { ComparisonMethod } from '../../reductions/arithmetic/gadgets.js';
import { arithmeticLemma, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import { BY_CONSTRUCTION, exactWidth, familyClaims, p1SizeBound, p1SizeFormula, param, type BoundsFormula, type CircuitBounds } from './familyClaims.js';

const w = (p: Params): number => param(p, 'w');

/**
 * The claimed figures of comparison at width w: `'lookahead'` depth 3, size 3w + 2, depth·P1 4;
 * `'weighted'` depth 2, size 4, depth·P1 3; size·P1 ≤ 2·size + 2w.
 * @category claims
 */
export const comparisonBounds = (w: number, method: ComparisonMethod = 'lookahead'): CircuitBounds => {
  const b = method === 'weighted' ? { depth: 2, size: 4, depthP1: 3 } : { depth: 3, size: 3 * w + 2, depthP1: 4 };
  return { ...b, sizeP1: p1SizeBound(b.size, 2 * w) };
};

/** The claims as text, per method. @category claims */
export const comparisonFormula: Readonly<Record<ComparisonMethod, BoundsFormula>> = {
  lookahead: { depth: '3', size: '3w + 2', depthP1: '4', sizeP1: p1SizeFormula('3w + 2', '2w'), where: 'w = operand width' },
  weighted: { depth: '2', size: '4', depthP1: '3', sizeP1: p1SizeFormula('4', '2w'), where: 'w = operand width ≤ 30' },
};

/** The lemma's claims (the `'lookahead'` method). @category claims */
export const comparisonClaims = familyClaims((p) => comparisonBounds(w(p)), comparisonFormula.lookahead, BY_CONSTRUCTION);

/** The family, its spec and its claims. @category families */
export const comparisonFamily: ArithmeticFamily = {
  id: 'comparison',
  modules: { construction: ['src/reductions/arithmetic/comparison.ts'], proof: 'src/proofs/arithmetic/comparison.ts' },
  title: 'Comparison in constant depth',
  statement: `[x < y] and [x = y] for w-bit unsigned x, y by a threshold circuit of depth ${comparisonFormula.lookahead.depth} and size ${comparisonFormula.lookahead.size}.`,
  reference: 'P1 Lemma 5 (ingredient); Vollmer 1999 ch. 1',
  dependsOn: [],
  build: (p) => comparison(w(p)).circuit,
  inputs: (p) => 2 * w(p),
  outputs: () => 2,
  spec: (p) => (bits) => {
    exactWidth('comparison', 2 * w(p), bits);
    const x = bitsToBigInt(bits, 0, w(p));
    const y = bitsToBigInt(bits, w(p), w(p));
    return [x < y ? 1 : 0, x === y ? 1 : 0];
  },
  claimed: comparisonClaims,
  exhaustive: [1, 2, 3, 4, 5, 6].map((x) => ({ w: x })),
  property: [{ w: 16 }, { w: 64 }],
  sweep: { default: [4, 16, 64, 256, 1024].map((x) => ({ w: x })), full: [4, 16, 64, 256, 1024, 4096].map((x) => ({ w: x })) },
  sweepKey: 'w',
  smt: {
    spec: (p) => (h) => {
      const x = h.bvFromBits(h.bits(0, w(p)));
      const y = h.bvFromBits(h.bits(w(p), w(p)));
      return [x.ult(y), x.eq(y)];
    },
    points: [{ w: 8 }, { w: 16 }],
  },
  exportOptions: [{ name: 'w', description: 'operand width w' }],
  exportCheck: (p) => (w(p) > 4096 ? '--w must be ≤ 4096' : null),
};

/** The lemma. @category lemmas */
export const comparisonLemma = arithmeticLemma(comparisonFamily);
