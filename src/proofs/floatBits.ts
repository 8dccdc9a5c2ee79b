/**
 * # Floats in circuit inputs
 *
 * The two steps every float specification takes: fix the precision, and read the float that
 * starts at some input bit (kernel layout, `src/core/float.ts`). Both throw on misuse: the
 * callers are lemma specifications with parameters they chose themselves.
 *
 * @module
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { decodeFloat, floatParams, type Float, type FloatParams } from '../core/float.js';

/** The parameters of precision p; throws a RangeError naming `who` if p is not a precision. @category floats */
export const floatParamsOrThrow = (p: number, who = 'floatParams'): FloatParams => {
  const r = floatParams(p);
  if (isLeft(r)) throw new RangeError(`${who}: ${r.left}`);
  return r.right;
};

/** The float on input bits `start … start + p − 1` (a missing bit is an error, never a 0). @category floats */
export const readFloat = (params: FloatParams, bits: ArrayLike<number>, start: number): Float => {
  if (!(start >= 0 && start + params.p <= bits.length)) {
    throw new RangeError(`readFloat: bits ${start}…${start + params.p - 1} of ${bits.length}`);
  }
  const f = decodeFloat(params, Array.from({ length: params.p }, (_, j) => bits[start + j]!));
  if (isLeft(f)) throw new RangeError(f.left);
  return f.right;
};
