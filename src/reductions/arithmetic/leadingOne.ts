/**
 * # Leading-one detection in constant depth
 *
 * The position of the most significant 1 of a w-bit number, one-hot and in binary, with a
 * zero flag.
 *
 * ## Main definitions
 * - {@link leadingOne}: the family member for width w.
 * The bounds below are stated as formulas, and checked, in `test/arithmetic.leadingOne.test.ts`
 * (no lemma claims them: the family is a gadget of the float constructions).
 *
 * ## Main results
 * Depth ≤ 2, size ≤ w + ⌈log₂ w⌉: w − 1 gates oneHot_i = [x_i − Σ_{j>i} x_j ≥ 1] (x_i = 1 and no
 * higher one; depth 1), oneHot_{w−1} = x_{w−1}; ⌈log₂ w⌉ bits binary_k = OR of oneHot_i over the i
 * with bit k set (depth 2; fewer gates when only one i qualifies); isZero = θ≤0(x) (depth 1).
 *
 * ## Implementation notes
 * Built by {@link leadingOneGadget}. For x = 0 the one-hot and binary outputs are all 0.
 *
 * ## References
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1.
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A Def 14 (truncation keeps the top bits).
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { leadingOneGadget } from './gadgets.js';

/**
 * Layout of {@link leadingOne}: `x` = inputs 0..w−1; outputs `oneHot` = 0..w−1,
 * `binary` = w..w+⌈log₂ w⌉−1 (LSB first), `isZero` = w + ⌈log₂ w⌉.
 * @category model
 */
export interface LeadingOneLayout {
  readonly x: readonly number[];
  readonly oneHot: readonly number[];
  readonly binary: readonly number[];
  readonly isZero: number;
}

/**
 * Leading one of a w-bit x (w ≥ 1): outputs one-hot (w bits), binary position (⌈log₂ w⌉ bits,
 * LSB first), then the is-zero flag.
 * @category constructors
 */
export const leadingOne = (w: number): ArithmeticCircuit<LeadingOneLayout> => {
  requireInt('leadingOne', 'w', w, 1);
  const b = createBuilder();
  const x = b.inputs(w);
  const { oneHot, binary, isZero } = leadingOneGadget(b, x);
  const k = binary.length;
  return {
    circuit: b.build([...oneHot, ...binary, isZero]),
    layout: { x: range(0, w), oneHot: range(0, w), binary: range(w, k), isZero: w + k },
  };
};
