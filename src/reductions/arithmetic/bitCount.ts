/**
 * # Bit counting in depth 2
 *
 * The binary form of the number of ones among n bits.
 *
 * ## Main definitions
 * - {@link bitCount}: the family member for n bits.
 * The bounds below are claimed by the lemma `bit-count` (`src/proofs/arithmetic/bitCount.ts`).
 *
 * ## Main results
 * Depth 2, size exactly n + ⌈log₂(n+1)⌉: layer 1 is θ≥k(x) for k = 1..n (unweighted); layer 2 is
 * one weighted threshold gate per output bit, bit_j = [Σ_k c_k·θ≥k(x) ≥ 2^j] with
 * c_k = 1 − 2^(j+1)·[2^(j+1) | k]. Derivation: with s = Σ x_i, θ≥k(x) = [k ≤ s], so for any f with
 * f(0) = 0, Σ_{k=1}^{n} (f(k) − f(k−1))·[k ≤ s] = f(s) (telescoping). Bit j of s is 1 iff
 * s mod 2^(j+1) ≥ 2^j; f(s) = s mod 2^(j+1) increases by 1 at each step except at multiples of
 * 2^(j+1), where it drops by 2^(j+1) − 1. Largest weight 2^(j+1) − 1 < 2(n+1), so n < 2^29.
 *
 * ## Implementation notes
 * Built by {@link bitCountGadget}. The top output bit's layer-2 gate equals θ≥2^(L−1) from layer 1;
 * it is kept, to follow the two-layer construction literally (one layer-2 gate per output bit).
 * {@link "reductions/arithmetic/gadgets"!weightedCountGadget | weightedCountGadget} is the leaner variant the iterated-addition construction uses.
 *
 * ## References
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded depth",
 *   JCSS 46(2), 1993 (symmetric functions in depth 2).
 * - S. Muroga, *Threshold Logic and its Applications*, Wiley 1971.
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { bitCountGadget } from './gadgets.js';

/** Layout of {@link bitCount}: `x` = input bits 0..n−1, `count` = outputs 0..⌈log₂(n+1)⌉−1. @category model */
export interface BitCountLayout {
  readonly x: readonly number[];
  readonly count: readonly number[];
}

/**
 * The number of ones among n ≥ 1 input bits, ⌈log₂(n+1)⌉ output bits LSB first.
 * @category constructors
 */
export const bitCount = (n: number): ArithmeticCircuit<BitCountLayout> => {
  requireInt('bitCount', 'n', n, 1, 2 ** 28);
  const b = createBuilder();
  const x = b.inputs(n);
  const count = bitCountGadget(b, x);
  return { circuit: b.build(count), layout: { x: range(0, n), count: range(0, count.length) } };
};
