/**
 * # Data-dependent shifts in constant depth
 *
 * Truncating left and right shifts of a w-bit value by an s-bit amount.
 *
 * ## Main definitions
 * - {@link leftShift}: (x · 2^a) mod 2^w.
 * - {@link rightShift}: ⌊x / 2^a⌋ (truncation toward zero).
 * The bounds below (the same for both) are stated as formulas, and checked, in
 * `test/arithmetic.shift.test.ts` (no lemma claims them: they are gadgets of the float
 * constructions).
 *
 * ## Main results
 * Depth ≤ 2 and size exactly T·w − T(T−1)/2 + (w − 1)·[T ≥ 2] with T = min(2^s, w): output bit i
 * is OR_t ([a = t] ∧ x_{i∓t}) over the amounts t < T whose source bit exists; each term is one
 * threshold gate with weights ±1 on the s amount bits and the source bit, at its maximum
 * popcount(t) + 1 exactly when a = t and the source bit is 1 (depth 1); the OR is depth 2, and a
 * bit with a single term (i = 0 for left, i = w − 1 for right) is that term. Amounts ≥ w (possible
 * when 2^s > w) match no term and give 0, as truncation demands.
 *
 * ## Implementation notes
 * Built by {@link shiftLeftGadget} / {@link shiftRightGadget}, which also take an output width
 * (e.g. a left shift into a wider word, for aligning float mantissas).
 *
 * ## References
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1.
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A (the float operations that need alignment shifts).
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { shiftLeftGadget, shiftRightGadget } from './gadgets.js';

/**
 * Layout of a shift: `x` = inputs 0..w−1, `amount` = inputs w..w+s−1, `out` = outputs 0..w−1.
 * @category model
 */
export interface ShiftLayout {
  readonly x: readonly number[];
  readonly amount: readonly number[];
  readonly out: readonly number[];
}

const shift = (name: string, w: number, s: number, dir: 'left' | 'right'): ArithmeticCircuit<ShiftLayout> => {
  requireInt(name, 'w', w, 1);
  requireInt(name, 's', s, 1, 64);
  const b = createBuilder();
  const x = b.inputs(w);
  const amount = b.inputs(s);
  const out = dir === 'left' ? shiftLeftGadget(b, x, amount) : shiftRightGadget(b, x, amount);
  return { circuit: b.build(out), layout: { x: range(0, w), amount: range(w, s), out: range(0, w) } };
};

/**
 * (x · 2^a) mod 2^w for a w-bit x (w ≥ 1) and an s-bit amount a (1 ≤ s ≤ 64): inputs x then a.
 * @category constructors
 */
export const leftShift = (w: number, s: number): ArithmeticCircuit<ShiftLayout> => shift('leftShift', w, s, 'left');

/**
 * ⌊x / 2^a⌋ for a w-bit x (w ≥ 1) and an s-bit amount a (1 ≤ s ≤ 64): inputs x then a.
 * @category constructors
 */
export const rightShift = (w: number, s: number): ArithmeticCircuit<ShiftLayout> => shift('rightShift', w, s, 'right');
