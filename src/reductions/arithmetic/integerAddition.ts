/**
 * # Integer addition in constant depth
 *
 * Two w-bit unsigned numbers to their (w+1)-bit sum by carry-lookahead with unbounded fan-in
 * AND/OR and one threshold gate per sum bit.
 *
 * ## Main definitions
 * - {@link integerAddition}: the family member for width w.
 * The bounds below are claimed by the lemma `integer-addition`
 * (`src/proofs/arithmetic/integerAddition.ts`).
 *
 * ## Main results
 * Depth ≤ 4 (2 when w = 1) and size exactly w(w+1)/2 + 3w − 2:
 * - w − 1 propagate gates p_l = x_l ∨ y_l for l = 1..w−1 (depth 1; p_0 is never needed);
 * - w(w+1)/2 gates x_j ∧ y_j ∧ AND_{j<l<i} p_l, one per pair 0 ≤ j < i ≤ w (depth 2);
 * - w − 1 carries c_i = OR_j (…) for i = 2..w (depth 3; c_1 is its single term x_0 ∧ y_0);
 * - w sum bits s_i = [x_i + y_i + c_i − 2c_{i+1} ≥ 1] (depth 4); s_w = c_w is no new gate.
 * Every gate has fan-in ≤ w + 1; weights are in {1, −2}. Wires are Θ(w³).
 *
 * ## Implementation notes
 * Built by {@link addGadget}; see there for the correctness argument.
 *
 * ## References
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1 (addition in AC0).
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemma 5 (uses iterated addition, which ends in this).
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { addGadget } from './gadgets.js';

/**
 * Layout of {@link integerAddition}: `x` = input bits 0..w−1, `y` = input bits w..2w−1,
 * `sum` = outputs 0..w (LSB first).
 * @category model
 */
export interface IntegerAdditionLayout {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly sum: readonly number[];
}

/**
 * x + y for w-bit x, y (w ≥ 1): inputs x then y, outputs the w + 1 sum bits LSB first.
 * @example
 * ```ts
 * const { circuit } = integerAddition(8);
 * evaluate(circuit, [...bits(200, 8), ...bits(100, 8)]); // bits of 300, 9 of them
 * ```
 * @category constructors
 */
export const integerAddition = (w: number): ArithmeticCircuit<IntegerAdditionLayout> => {
  requireInt('integerAddition', 'w', w, 1);
  const b = createBuilder();
  const x = b.inputs(w);
  const y = b.inputs(w);
  const circuit = b.build(addGadget(b, x, y));
  return {
    circuit,
    layout: { x: range(0, w), y: range(w, w), sum: range(0, w + 1) },
  };
};
