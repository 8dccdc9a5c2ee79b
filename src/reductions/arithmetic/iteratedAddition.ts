/**
 * # Iterated addition in constant depth
 *
 * The sum of n unsigned w-bit numbers, w + ⌈log₂ n⌉ bits, by a threshold circuit whose depth is
 * a constant independent of n and w (P1 Lemma 5 rests on this).
 *
 * ## Main definitions
 * - {@link iteratedAddition}: the family member for n numbers of w bits.
 * The bounds below are claimed by the lemma `iterated-addition`
 * (`src/proofs/arithmetic/iteratedAddition.ts`).
 *
 * ## Main results
 * Depth ≤ 8 and, with λ = ⌈log₂ n⌉, W = w + λ, h = min(w, ⌊log₂ n⌋ + 1), ℓ = ⌈log₂ h⌉,
 * size ≤ w(⌊n/2⌋ + ⌊log₂ n⌋) + [h ≥ 3]·⌈W/ℓ⌉·(⌊h(2^ℓ − 1)/2⌋ + 2ℓ − 1) + W(W+1)/2 + 3W − 1.
 * The construction (see {@link "reductions/arithmetic/gadgets"!columnSumGadget | columnSumGadget}) has three stages:
 * 1. *Column counts* (depth 2): for each column c < w, the count of ones s_c ≤ n in binary by
 *    the depth-2 symmetric-function trick: ⌊n/2⌋ gates θ≥k for even k, then ⌊log₂ n⌋ gates
 *    (the top bit is one of the θ≥k). Σ_c 2^c s_c = the sum; column q now holds one bit of each
 *    s_{q−j}, j ≤ ⌊log₂ n⌋, 0 ≤ q − j < w: height ≤ h, i.e. O(log n) numbers.
 * 2. *Block sums* (depth 2, only if h ≥ 3): blocks of ℓ = ⌈log₂ h⌉ columns; each block's weighted
 *    count (weights 2^0..2^(ℓ−1)) is at most S = h(2^ℓ − 1) < 2^(2ℓ), so it spans at most 2ℓ
 *    positions and overlaps only the next block: two numbers remain. A block costs
 *    ⌊S/2⌋ + 2ℓ − 1 gates at most, and there are ⌈W/ℓ⌉ blocks.
 * 3. *Carry-lookahead* (depth 4) on the two rows: at most W(W+1)/2 + 3W − 2 gates (the dense
 *    adder of width W; known-zero bits and the always-0 carry out of position W − 1 only remove
 *    gates), plus at most one `const 0` for output bits that are structurally 0.
 * Bits at positions ≥ W are dropped at every stage: all summands are non-negative and the sum is
 * < n·2^w ≤ 2^W, so they are 0. For n = 1 the outputs are the inputs (depth 0, size 0); n = 2
 * skips stages 1–2; w ≤ 2 or n ≤ 3 skips stage 2. Weights and thresholds are ≤ n (n ≤ 2^28 is enforced).
 * The gate count is linear in n at fixed w (wires Θ(n²w), from the column counts).
 *
 * ## Implementation notes
 * This follows the Chandra–Stockmeyer–Vishkin reduction (column sums by bit counting, leaving
 * O(log n) numbers), then the block technique (blocks of ⌈log₂ h⌉ columns whose sums overlap only
 * their neighbours, leaving two numbers), then carry-lookahead, with every counting step done by
 * the depth-2 symmetric-function construction of Hajnal et al. Without the column-count stage,
 * blocks of ⌈log₂ n⌉ columns would finish in depth 6 but cost Θ(n³w) wires; this version trades
 * two layers for Θ(n²w). Depth 8 is not optimal: Siu & Roychowdhury compute iterated addition in
 * depth 2 with polynomial weights; this construction favours simple, checkable counting.
 *
 * ## References
 * - A. K. Chandra, L. Stockmeyer, U. Vishkin, "Constant depth reducibility", SIAM J. Comput.
 *   13(2):423–439, 1984.
 * - K.-Y. Siu, V. Roychowdhury, "Optimal depth neural networks for multiplication and related
 *   problems", NIPS 5, 1992 (iterated addition in depth 2, multiplication in depth 3).
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded depth",
 *   JCSS 46(2), 1993.
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1 (iterated addition in TC0).
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemma 5.
 *
 * @module
 */
import { createBuilder } from '../../core/circuit.js';
import { ceilLog2, range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { iteratedAddGadget } from './gadgets.js';

/**
 * Layout of {@link iteratedAddition}: `numbers[i]` = input bits i·w … i·w + w − 1;
 * `sum` = outputs 0 … w + ⌈log₂ n⌉ − 1.
 * @category model
 */
export interface IteratedAdditionLayout {
  readonly numbers: readonly (readonly number[])[];
  readonly sum: readonly number[];
}

/**
 * Σ of n ≥ 1 numbers of w ≥ 1 bits: input bits i·w … i·w + w − 1 hold number i (LSB first);
 * outputs the w + ⌈log₂ n⌉ sum bits LSB first.
 * @category constructors
 */
export const iteratedAddition = (n: number, w: number): ArithmeticCircuit<IteratedAdditionLayout> => {
  requireInt('iteratedAddition', 'n', n, 1, 2 ** 28);
  requireInt('iteratedAddition', 'w', w, 1);
  const b = createBuilder();
  const numbers = Array.from({ length: n }, () => b.inputs(w));
  const W = w + ceilLog2(n);
  const sum = iteratedAddGadget(b, numbers, W);
  return {
    circuit: b.build(sum),
    layout: { numbers: numbers.map((_, i) => range(i * w, w)), sum: range(0, W) },
  };
};
