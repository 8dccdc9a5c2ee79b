/**
 * # Lemma `integer-addition`
 *
 * ## Main results
 * The (w+1)-bit sum of two w-bit numbers by carry-lookahead with unbounded fan-in AND/OR (and
 * one threshold gate per sum bit), depth 4, size w(w+1)/2 + 3w − 2; in P1's basis, depth 5 and
 * size ≤ 2(w(w+1)/2 + 3w − 2) + 2w.
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`; P1 states constant depth only):
 * depth 4 and size exactly w(w+1)/2 + 3w − 2 (the count is argued in the header of
 * `src/reductions/arithmetic/integerAddition.ts`); depth·P1 = 4, measured (the sum bits weigh
 * the next carry by −2; expandWeights serves that by the carry's dual threshold, a gate of the
 * carry's own depth, so no level is added; w = 2…256: always 4, 2 at w = 1; it was 5 with a NOT
 * layer); size·P1 by the derived bound 2S + I (`familyClaims.ts`).
 *
 * ## Implementation notes
 * Export contract: `tradeoff export integer-addition --w W`: inputs x then y, unsigned, LSB
 * first; the last w + 1 gates are the sum, LSB first.
 *
 * ## References
 * Vollmer 1999 ch. 1 (carry-lookahead addition in AC0); used by P1 Lemma 5. Construction in
 * `src/reductions/arithmetic/integerAddition.ts`.
 *
 * @module
 */
import { integerAddition } from '../../reductions/arithmetic/integerAddition.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import { BY_CONSTRUCTION, exactWidth, familyClaims, p1SizeBound, p1SizeFormula, param, type BoundsFormula, type CircuitBounds } from './familyClaims.js';

const w = (p: Params): number => param(p, 'w');

/**
 * The claimed figures of integer addition at width w: depth 4, size w(w+1)/2 + 3w − 2 (exact),
 * depth·P1 4, size·P1 ≤ 2·size + 2w.
 * @category claims
 */
export const integerAdditionBounds = (w: number): CircuitBounds => {
  const size = (w * (w + 1)) / 2 + 3 * w - 2;
  return { depth: 4, size, depthP1: 4, sizeP1: p1SizeBound(size, 2 * w) };
};

/** The claims as text. @category claims */
export const integerAdditionFormula: BoundsFormula = {
  depth: '4',
  size: 'w(w+1)/2 + 3w − 2',
  depthP1: '4',
  sizeP1: p1SizeFormula('w(w+1)/2 + 3w − 2', '2w'),
  where: 'w = operand width',
};

/** The lemma's claims. @category claims */
export const integerAdditionClaims = familyClaims((p) => integerAdditionBounds(w(p)), integerAdditionFormula, BY_CONSTRUCTION);

/** The family, its spec and its claims. @category families */
export const integerAdditionFamily: ArithmeticFamily = {
  id: 'integer-addition',
  modules: { construction: ['src/reductions/arithmetic/integerAddition.ts'], proof: 'src/proofs/arithmetic/integerAddition.ts' },
  title: 'Addition in constant depth (carry-lookahead)',
  statement: `x + y for w-bit unsigned x, y (a (w+1)-bit sum) by a circuit of depth ${integerAdditionFormula.depth} and size ${integerAdditionFormula.size}.`,
  reference: 'P1 Lemma 5 (ingredient); Vollmer 1999 ch. 1',
  dependsOn: [],
  build: (p) => integerAddition(w(p)).circuit,
  inputs: (p) => 2 * w(p),
  outputs: (p) => w(p) + 1,
  spec: (p) => (bits) => {
    exactWidth('integer-addition', 2 * w(p), bits);
    return bigIntToBits(bitsToBigInt(bits, 0, w(p)) + bitsToBigInt(bits, w(p), w(p)), w(p) + 1);
  },
  claimed: integerAdditionClaims,
  exhaustive: [1, 2, 3, 4, 5, 6].map((x) => ({ w: x })),
  property: [{ w: 16 }, { w: 64 }],
  sweep: { default: [4, 16, 64, 128, 256].map((x) => ({ w: x })), full: [4, 16, 64, 256, 512, 1024].map((x) => ({ w: x })) },
  sweepKey: 'w',
  smt: {
    spec: (p) => (h) => {
      const x = h.bvFromBits(h.bits(0, w(p))).zeroExt(1);
      const y = h.bvFromBits(h.bits(w(p), w(p))).zeroExt(1);
      return h.bitsOf(x.add(y));
    },
    points: [{ w: 8 }, { w: 16 }],
  },
  exportOptions: [{ name: 'w', description: 'operand width w' }],
  exportCheck: (p) => (w(p) > 1024 ? '--w must be ≤ 1024 (the lookahead adder has Θ(w³) wires)' : null),
};

/** The lemma. @category lemmas */
export const integerAdditionLemma = arithmeticLemma(integerAdditionFamily);
