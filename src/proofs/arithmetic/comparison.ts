/**
 * # Lemma `comparison`
 *
 * ## Main results
 * x < y and x = y on w-bit numbers are computed by a threshold circuit of depth 3 and size
 * 3w + 2, for every w (one weighted gate per term of "the highest differing bit").
 *
 * ## References
 * Used by P1 Lemma 5 (alignment and truncation of floats); construction in
 * `src/reductions/arithmetic/comparison.ts`.
 *
 * @module
 */
import { comparison, comparisonBounds, comparisonFormula } from '../../reductions/arithmetic/comparison.js';
import { arithmeticLemma, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';

const w = (p: Readonly<Record<string, number>>): number => p['w'] ?? 1;

/** The family, its spec and its claims. @category families */
export const comparisonFamily: ArithmeticFamily = {
  id: 'comparison',
  title: 'Comparison in constant depth',
  statement: `[x < y] and [x = y] for w-bit unsigned x, y by a threshold circuit of depth ${comparisonFormula.lookahead.depth} and size ${comparisonFormula.lookahead.size}.`,
  reference: 'P1 Lemma 5 (ingredient); Vollmer 1999 ch. 1',
  dependsOn: [],
  build: (p) => comparison(w(p)).circuit,
  spec: (p) => (bits) => {
    const x = bitsToBigInt(bits, 0, w(p));
    const y = bitsToBigInt(bits, w(p), w(p));
    return [x < y ? 1 : 0, x === y ? 1 : 0];
  },
  claimed: [
    { metric: 'depth', formula: comparisonFormula.lookahead.depth, at: (p) => comparisonBounds(w(p)).depth },
    { metric: 'size', formula: comparisonFormula.lookahead.size, at: (p) => comparisonBounds(w(p)).size },
  ],
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
