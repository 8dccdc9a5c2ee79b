/**
 * # Multiplication in depth 4
 *
 * The 2w-bit product of two unsigned w-bit numbers by a threshold circuit of depth 4 with
 * polynomially bounded weights: one layer of AND gates for the w² partial products, then the
 * depth-3 block-save column sum of `iteratedAdditionShallow.ts`. Kept beside the depth-9
 * `multiplication.ts`; the lemmas `multiplication` and `multiplication-shallow` check one each.
 *
 * ## Main definitions
 * - {@link multiplicationShallow}: the family member for width w.
 *
 * ## Main results
 * Depth ≤ 4 (1 for the partial products + 3 for
 * {@link "reductions/arithmetic/iteratedAdditionShallow"!shallowColumnSumGadget | shallowColumnSumGadget}).
 * The columns have height ≤ w, so ℓ is the least ℓ ≥ 1 with w ≤ 2^ℓ + 1, there are
 * Q = ⌈2w/ℓ⌉ blocks over W = 2w positions, and (by the gadget's count)
 * size ≤ w² + Q(3w − 2) + 4w² + (ℓ + 1)(Q − 1)(Q − 2)/2.
 * Weights < 2^(2ℓ) and thresholds < 2^(3ℓ) + 2^(2ℓ): w ≤ 513 is enforced.
 *
 * ## Implementation notes
 * Siu & Roychowdhury (1994) multiply in depth 3 and Hofmeister, Hohberg & Köhling (1991) in
 * depth 4; this is the depth-4 route (AND layer + iterated addition in depth 3) and does not fold
 * the partial products into the first threshold layer as the depth-3 construction does.
 *
 * ## References
 * - T. Hofmeister, W. Hohberg, S. Köhling, "Some notes on threshold circuits, and multiplication
 *   in depth 4", Information Processing Letters 39(4):219–225, 1991.
 * - K.-Y. Siu, V. Roychowdhury, "On optimal depth threshold circuits for multiplication and
 *   related problems", SIAM J. Discrete Math. 7(2):284–292, 1994.
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { shallowColumnSumGadget } from './iteratedAdditionShallow.js';

/** Layout of {@link multiplicationShallow}: `x` = inputs 0..w−1, `y` = w..2w−1, `product` = outputs 0..2w−1. @category model */
export interface MultiplicationShallowLayout {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly product: readonly number[];
}

/**
 * x·y for w-bit x, y (1 ≤ w ≤ 513) in depth 4: inputs x then y, outputs the 2w product bits LSB first.
 * @category constructors
 */
export const multiplicationShallow = (w: number): ArithmeticCircuit<MultiplicationShallowLayout> => {
  requireInt('multiplicationShallow', 'w', w, 1, 513);
  const b = createBuilder();
  const x = b.inputs(w);
  const y = b.inputs(w);
  const columns: number[][] = Array.from({ length: 2 * w }, () => []);
  y.forEach((yi, i) => x.forEach((xj, j) => columns[i + j]!.push(b.and([xj, yi]))));
  const product = shallowColumnSumGadget(b, columns, 2 * w);
  return {
    circuit: b.build(product),
    layout: { x: range(0, w), y: range(w, w), product: range(0, 2 * w) },
  };
};
