/**
 * # Lemma `integer-addition`
 *
 * ## Main results
 * The (w+1)-bit sum of two w-bit numbers by carry-lookahead with unbounded fan-in AND/OR (and
 * one threshold gate per sum bit), depth 4, size w(w+1)/2 + 3w − 2.
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
import { integerAddition, integerAdditionBounds, integerAdditionFormula } from '../../reductions/arithmetic/integerAddition.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';

const w = (p: Readonly<Record<string, number>>): number => p['w'] ?? 1;

/** The family, its spec and its claims. @category families */
export const integerAdditionFamily: ArithmeticFamily = {
  id: 'integer-addition',
  title: 'Addition in constant depth (carry-lookahead)',
  statement: `x + y for w-bit unsigned x, y (a (w+1)-bit sum) by a circuit of depth ${integerAdditionFormula.depth} and size ${integerAdditionFormula.size}.`,
  reference: 'P1 Lemma 5 (ingredient); Vollmer 1999 ch. 1',
  dependsOn: [],
  build: (p) => integerAddition(w(p)).circuit,
  spec: (p) => (bits) => bigIntToBits(bitsToBigInt(bits, 0, w(p)) + bitsToBigInt(bits, w(p), w(p)), w(p) + 1),
  claimed: [
    { metric: 'depth', formula: integerAdditionFormula.depth, at: (p) => integerAdditionBounds(w(p)).depth },
    { metric: 'size', formula: integerAdditionFormula.size, at: (p) => integerAdditionBounds(w(p)).size },
  ],
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
