/**
 * # Bits and integers
 *
 * The library's convention for a number on wires: least significant bit first.
 *
 * ## Main definitions
 * - {@link bitsToBigInt}: the unsigned integer of a run of bits.
 * - {@link bigIntToBits}: the low bits of a non-negative integer.
 *
 * @module
 */

/**
 * The unsigned integer of `len` bits starting at `start` (bit `start` least significant).
 * Any non-zero entry counts as 1.
 * @example
 * ```ts
 * bitsToBigInt([1, 0, 1]); // 5n
 * bitsToBigInt(out, 4, 4); // the second 4-bit number of a circuit's outputs
 * ```
 * @category bits
 */
export const bitsToBigInt = (bits: ArrayLike<number>, start = 0, len = bits.length - start): bigint => {
  let v = 0n;
  for (let i = len - 1; i >= 0; i--) v = (v << 1n) | (bits[start + i] ? 1n : 0n);
  return v;
};

/**
 * The low `len` bits of `v ≥ 0`, least significant first (the bits above `len` are dropped).
 * @example
 * ```ts
 * bigIntToBits(5n, 4); // [1, 0, 1, 0]
 * ```
 * @category bits
 */
export const bigIntToBits = (v: bigint, len: number): number[] => {
  if (v < 0n) throw new RangeError(`bigIntToBits: ${v} is negative`);
  const out: number[] = [];
  let x = v;
  for (let i = 0; i < len; i++) {
    out.push(Number(x & 1n));
    x >>= 1n;
  }
  return out;
};
