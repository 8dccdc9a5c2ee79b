/**
 * # Multiplication in constant depth
 *
 * The 2w-bit product of two unsigned w-bit numbers: one layer of AND gates for the w² partial
 * products, then iterated addition of the w shifted rows.
 *
 * ## Main definitions
 * - {@link multiplication}: the family member for width w.
 * The bounds below are claimed by the lemma `multiplication`
 * (`src/proofs/arithmetic/multiplication.ts`).
 *
 * ## Main results
 * Depth ≤ 9 (1 for the partial products + 8 for {@link "reductions/arithmetic/gadgets"!columnSumGadget | columnSumGadget}) and, with
 * μ = ⌊log₂ w⌋ + 1 and ℓ = ⌈log₂ μ⌉,
 * size ≤ w² + ⌊w²/2⌋ + (2w − 1)(μ − 1) + [μ ≥ 3]·⌈2w/ℓ⌉·(⌊μ(2^ℓ − 1)/2⌋ + 2ℓ − 1) + w(2w+1) + 6w − 1:
 * - w² partial products x_j ∧ y_i, placed in column i + j (column heights min(p+1, 2w−1−p));
 * - column counts: a column of height h ≥ 2 costs ⌊h/2⌋ + ⌊log₂ h⌋ gates; Σ h = w², and there are
 *   2w − 1 columns of height ≤ w;
 * - block sums: the height is then ≤ μ; blocks of ℓ columns, each costing at most
 *   ⌊μ(2^ℓ − 1)/2⌋ + 2ℓ − 1 gates (as in iterated addition, over W = 2w positions);
 * - carry-lookahead on 2w positions: ≤ w(2w+1) + 6w − 2 gates, plus at most one `const 0`.
 *
 * ## Implementation notes
 * Partial products are summed column-wise (no zero padding), which is iterated addition of the
 * rows y_i·x·2^i with their known-zero bits left out.
 *
 * ## References
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1 (multiplication in TC0).
 * - A. K. Chandra, L. Stockmeyer, U. Vishkin, "Constant depth reducibility", SIAM J. Comput. 1984.
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { multiplyGadget } from './gadgets.js';

/** Layout of {@link multiplication}: `x` = inputs 0..w−1, `y` = w..2w−1, `product` = outputs 0..2w−1. @category model */
export interface MultiplicationLayout {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly product: readonly number[];
}

/**
 * x·y for w-bit x, y (w ≥ 1): inputs x then y, outputs the 2w product bits LSB first.
 * @category constructors
 */
export const multiplication = (w: number): ArithmeticCircuit<MultiplicationLayout> => {
  requireInt('multiplication', 'w', w, 1, 2 ** 14);
  const b = createBuilder();
  const x = b.inputs(w);
  const y = b.inputs(w);
  const product = multiplyGadget(b, x, y, 2 * w);
  return {
    circuit: b.build(product),
    layout: { x: range(0, w), y: range(w, w), product: range(0, 2 * w) },
  };
};
