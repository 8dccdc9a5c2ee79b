/**
 * # Constant floats as gates
 *
 * Compile-time constants of a compiled transformer (the readings fl(w) of the weights, the
 * positional vectors at a fixed n, normalizers) enter the circuit as const gates in the kernel
 * float layout; the folding builder then folds them into the gates that read them.
 *
 * ## Main definitions
 * - {@link constantBits}: the p const gates of a float.
 * - {@link normalFloats}: every float f_p can produce (the normal ones, zero as ⟨0, I^min⟩),
 *   the domain every float wire of a compiled transformer ranges over.
 * - {@link oneFloat}: fl(1).
 *
 * ## Main results
 * `constantBits(b, params, f)` evaluates to `encodeFloat(params, f)` on every input.
 *
 * ## Implementation notes
 * With a folding builder only two const gates ever exist.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A (float layout, normal form of f_p).
 *
 * @module
 */
import type { CircuitBuilder } from '../../core/circuit.js';
import { encodeFloat, floatOfRational, type Float, type FloatParams } from '../../core/float.js';

/** The p const gates of `f` in the kernel float layout. @category constructors */
export const constantBits = (b: CircuitBuilder, params: FloatParams, f: Float): number[] =>
  Array.from(encodeFloat(params, f), (bit) => b.constant(bit === 1 ? 1 : 0));

/** fl(1). @category constructors */
export const oneFloat = (params: FloatParams): Float => floatOfRational(params, { num: 1n, den: 1n });

/**
 * The normal floats (isNormal in float.ts): ⟨m, I^min⟩ for every |m| ≤ I^max (zero once, as
 * ⟨0, I^min⟩), and ⟨m, e⟩ with 2^(q−2) ≤ |m| ≤ I^max for e > I^min. Exactly the values f_p
 * returns; (2·I^max + 1) + 2M·2^(q−2)… of them, about 2^(p−1).
 * @category constructors
 */
export const normalFloats = (params: FloatParams): Float[] => {
  const out: Float[] = [];
  const low = 1n << BigInt(params.q - 2);
  for (let e = params.iMin; e <= params.iMax; e++) {
    for (let m = -params.iMax; m <= params.iMax; m++) {
      const a = m < 0n ? -m : m;
      if (e === params.iMin || a >= low) out.push({ m, e });
    }
  }
  return out;
};
