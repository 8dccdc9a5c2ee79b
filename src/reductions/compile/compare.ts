/**
 * # Comparing normal floats with one threshold gate
 *
 * Attention's maximizer tests compare scores, n³ times for a saturated or hard head. Scores are
 * outputs of f_p, hence *normal* floats, and on normal floats the value order is the order of
 * an integer key that is a linear form in a few depth-1 gates of the float: after those, one
 * comparison is one threshold gate.
 *
 * ## Main definitions
 * - {@link compareKey}: the depth-1 features of a float and the weights of its key.
 * - {@link compareGe}: [key(a) − key(b) ≥ strict ? 1 : 0], i.e. [a ≥ b] or [a > b].
 *
 * ## Main results
 * Write σ, τ for the mantissa and exponent sign bits, a = |m| = Σ 2^j·mm_j, E = Σ 2^i·em_i,
 * e = (1 − 2τ)E, M = I^max, q = p/2. For a normal float the key
 *   S = (1 − 2σ)·(2^(q−1)·(e + M) + a)
 * is strictly increasing in the value: magnitudes of normal floats are ordered
 * lexicographically by (e, a), since a ≥ 2^(q−2) whenever e > I^min, so one step up in e beats
 * any mantissa (2^(q−2)·2^(e+1) > (2^(q−1) − 1)·2^e), and 0 ≤ a < 2^(q−1); zero is ⟨0, I^min⟩,
 * key 0; the sign flips the order. Expanding, with g_j = σ ∧ mm_j and
 * d_i = em_i ∧ [σ ≠ τ] = (em_i ∧ σ ∧ ¬τ) + (em_i ∧ ¬σ ∧ τ) (two exclusive depth-1 gates):
 *   S = 2^(q−1)·M − 2^q·M·σ + Σ_j 2^j·mm_j − Σ_j 2^(j+1)·g_j + Σ_i 2^(q−1+i)·em_i − Σ_i 2^(q+i)·d_i.
 * So [a ≥ b] is one threshold gate over the features of a and b: depth 2 from the bits,
 * 2·(3(q−1) + 1 + (q−1)) wires. Largest weight 2^(2q−2) = 2^(p−2): p ≤ 28 keeps the weights
 * (and thresholds) of the kernel's 32-bit gates.
 * Checked exhaustively against float.ts `floatCompare` on all pairs of normal floats for
 * p ≤ 8 (`test/compile.arithmetic.test.ts`).
 *
 * ## Implementation notes
 * Features of a constant float fold into the threshold (folding builder).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A (normal form of f_p); §7 (saturated attention).
 *
 * @module
 */
import type { CircuitBuilder } from '../../core/circuit.js';
import type { FloatParams } from '../../core/float.js';

/** Largest p for {@link compareGe} (weights 2^(p−2) < 2^30 with room for the sums). @category model */
export const MAX_KEY_COMPARE_PRECISION = 28;

/** A float's key as a linear form: Σ weights·gates + constant. @category model */
export interface CompareKey {
  readonly gates: readonly number[];
  readonly weights: readonly number[];
  readonly constant: number;
}

/**
 * The key S of a float given as p gate ids (module notes): 2(q − 1) depth-1 gates.
 * @category constructors
 */
export const compareKey = (b: CircuitBuilder, params: FloatParams, bits: readonly number[]): CompareKey => {
  const { q } = params;
  const M = 2 ** (q - 1) - 1;
  const sigma = bits[q - 1]!;
  const tau = bits[2 * q - 1]!;
  const gates: number[] = [sigma];
  const weights: number[] = [-(2 ** q) * M];
  for (let j = 0; j < q - 1; j++) {
    const mm = bits[j]!;
    gates.push(mm, b.and([sigma, mm]));
    weights.push(2 ** j, -(2 ** (j + 1)));
  }
  for (let i = 0; i < q - 1; i++) {
    const em = bits[q + i]!;
    gates.push(em, b.ge([em, sigma, tau], 2, [1, 1, -1]), b.ge([em, tau, sigma], 2, [1, 1, -1]));
    weights.push(2 ** (q - 1 + i), -(2 ** (q + i)), -(2 ** (q + i)));
  }
  return { gates, weights, constant: 2 ** (q - 1) * M };
};

/**
 * [value(a) ≥ value(b)] (or [>] when `strict`) for normal floats, from their keys: one
 * threshold gate.
 * @category constructors
 */
export const compareGe = (b: CircuitBuilder, ka: CompareKey, kb: CompareKey, strict: boolean): number =>
  b.ge([...ka.gates, ...kb.gates], (strict ? 1 : 0) + kb.constant - ka.constant, [...ka.weights, ...kb.weights.map((w) => -w)]);
