/**
 * # Integer arithmetic in TC0
 *
 * Constant-depth threshold-circuit families for integer arithmetic, and the gadgets they are
 * built from.
 *
 * ## Main definitions
 * Families: {@link comparison}, {@link integerAddition}, {@link bitCount},
 * {@link iteratedAddition}, {@link multiplication}, {@link iteratedAdditionShallow} (depth 3),
 * {@link multiplicationShallow} (depth 4), {@link leftShift}, {@link rightShift},
 * {@link leadingOne}; gadgets in `./gadgets`.
 *
 * ## Main results
 * Each family argues its depth (a constant) and size (a closed-form bound) in its header; the
 * lemmas of `src/proofs/arithmetic` state them as claims.
 *
 * ## Implementation notes
 * Re-exports only.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemma 5.
 *
 * @module
 */
export * from './arithmeticCircuit.js';
export * from './gadgets.js';
export * from './comparison.js';
export * from './integerAddition.js';
export * from './bitCount.js';
export * from './iteratedAddition.js';
export * from './multiplication.js';
export * from './iteratedAdditionShallow.js';
export * from './multiplicationShallow.js';
export * from './floatIteratedSumShallow.js';
export * from './shift.js';
export * from './leadingOne.js';
export * from './floatIteratedSum.js';
export * from './floatOps.js';
export * from './floatOpsShallow.js';
