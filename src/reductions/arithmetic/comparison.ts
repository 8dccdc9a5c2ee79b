/**
 * # Comparison in constant depth
 *
 * [x < y] and [x = y] for w-bit unsigned x, y.
 *
 * ## Main definitions
 * - {@link comparison}: the family member for width w and a method.
 * The bounds below are claimed by the lemma `comparison` (`src/proofs/arithmetic/comparison.ts`).
 *
 * ## Main results
 * - `'lookahead'` (default, any w): depth ≤ 3, size ≤ 3w + 2 (exact for w ≥ 2): w gates
 *   le_j = [x_j ≤ y_j], w gates ge_j = [x_j ≥ y_j] (depth 1), w gates
 *   lt_i = [y_i − x_i + Σ_{j>i} le_j ≥ w − i] (depth 2), lt = OR_i lt_i (depth 3),
 *   eq = AND_j (le_j ∧ ge_j) (depth 2). All weights ±1.
 * - `'weighted'` (w ≤ 30): depth 2, size 4, with D = Σ 2^i(y_i − x_i): lt = [D ≥ 1],
 *   eq = [D ≥ 0] ∧ [D ≤ 0]; the largest weight 2^(w−1) must stay below the kernel's 2^30.
 *
 * ## Implementation notes
 * Built by {@link compareGadget}, which has the correctness argument.
 *
 * ## References
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1.
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { compareGadget, type ComparisonMethod } from './gadgets.js';

/**
 * Layout of {@link comparison}: `x` = input bits 0..w−1, `y` = w..2w−1; outputs `lt` = 0, `eq` = 1.
 * @category model
 */
export interface ComparisonLayout {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly lt: number;
  readonly eq: number;
}

/**
 * [x < y] and [x = y] for w-bit x, y: inputs x then y, outputs [lt, eq].
 * @category constructors
 */
export const comparison = (w: number, method: ComparisonMethod = 'lookahead'): ArithmeticCircuit<ComparisonLayout> => {
  requireInt('comparison', 'w', w, 1, method === 'weighted' ? 30 : undefined);
  if (method !== 'lookahead' && method !== 'weighted') throw new RangeError(`comparison: unknown method ${String(method)}`);
  const b = createBuilder();
  const x = b.inputs(w);
  const y = b.inputs(w);
  const { lt, eq } = compareGadget(b, x, y, method);
  return {
    circuit: b.build([lt, eq]),
    layout: { x: range(0, w), y: range(w, w), lt: 0, eq: 1 },
  };
};
