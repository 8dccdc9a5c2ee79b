/**
 * # Arithmetic circuit families: the common model
 *
 * What every integer-arithmetic family in `src/reductions/arithmetic` returns: a circuit and
 * where its operands and results sit. No claim is computed here: each family module argues its
 * bounds in its header, and the lemmas of `src/proofs/arithmetic` state them as formulas of the
 * parameters (claims are never read off a construction).
 *
 * ## Main definitions
 * - {@link ArithmeticCircuit}: a circuit bundled with its layout.
 * - {@link tryConstruct}: lift a throwing family constructor to `Either` for module boundaries.
 * - {@link ceilLog2}, {@link bitLength}: integer logarithms the constructions size things with.
 *
 * ## Main results
 * None here.
 *
 * ## Implementation notes
 * - Layouts: fields named for operands hold *input bit indices* (the j-th input gate reads
 *   input bit j), least significant bit first; fields named for results hold *positions in
 *   `circuit.outputs`*, least significant bit first.
 * - Family constructors validate their parameters eagerly and throw a `RangeError` whose
 *   message starts with the public name (fast-check style); {@link tryConstruct} turns that
 *   into `Left` for callers that take parameters from users.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Defs 3–4 (TC0) and Lemma 5 (iterated addition).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Circuit } from '../../core/circuit.js';

/**
 * A circuit family member, bundled with its layout.
 * @category model
 */
export interface ArithmeticCircuit<L> {
  readonly circuit: Circuit;
  readonly layout: L;
}

/** Why a family could not be constructed (bad parameters). @category model */
export interface ArithmeticError {
  readonly _tag: 'ArithmeticError';
  readonly message: string;
}

/**
 * Lift a family constructor that throws `RangeError` on bad parameters into one returning
 * `Either`. Other exceptions (bugs) propagate.
 * @example
 * ```ts
 * import { integerAddition } from './integerAddition.js';
 * tryConstruct(integerAddition)(0); // Left: 'integerAddition: w must be an integer ≥ 1, got 0'
 * ```
 * @category combinators
 */
export const tryConstruct =
  <A extends readonly unknown[], L>(f: (...args: A) => ArithmeticCircuit<L>) =>
  (...args: A): Either<ArithmeticError, ArithmeticCircuit<L>> => {
    try {
      return right(f(...args));
    } catch (e) {
      if (e instanceof RangeError) return left({ _tag: 'ArithmeticError', message: e.message });
      throw e;
    }
  };

/**
 * ⌈log₂ n⌉ for an integer n ≥ 1 (0 for n = 1).
 * @category utils
 */
export const ceilLog2 = (n: number): number => {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`ceilLog2: ${n} is not an integer ≥ 1`);
  let k = 0;
  while (2 ** k < n) k++;
  return k;
};

/**
 * Number of bits of n ≥ 0 in binary, i.e. ⌈log₂(n + 1)⌉ = ⌊log₂ n⌋ + 1 (0 for n = 0).
 * @category utils
 */
export const bitLength = (n: number): number => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bitLength: ${n} is not an integer ≥ 0`);
  let k = 0;
  while (2 ** k <= n) k++;
  return k;
};

/**
 * Validate an integer parameter of a public constructor; throws `RangeError('<fn>: <name> …')`.
 * @category utils
 */
export const requireInt = (fn: string, name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}..${max}`;
    throw new RangeError(`${fn}: ${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
};

/** An index range `[start, start + count)` as an array. @category utils */
export const range = (start: number, count: number): number[] => Array.from({ length: count }, (_, i) => start + i);
