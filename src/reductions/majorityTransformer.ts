/**
 * # MAJORITY by one saturated-attention head
 *
 * The converse direction of "attention as threshold majority": a single saturated-attention
 * head already computes MAJORITY, the function that needs threshold gates (it is not in AC0).
 *
 * ## Main definitions
 * - {@link majorityTransformer}: the model of `examples/majority.json` (alphabet {0, 1},
 *   d_model = 2, one layer, one saturated head, no feed-forward, c = 1).
 *
 * ## Main results
 * For every n ≥ 1 and w ∈ {0,1}^n it accepts iff #1(w) > n/2. The argument, in the kernel's
 * p-precision semantics: W_Q = W_K = 0, so every score is 0, every position is a maximizer and
 * every s_ij = fl(1); Z = fl(n) ≤ n and the weight w = fl(1) ⊘ Z is one positive float (1/Z ≥ 1/n
 * is at least 2^(I^min) at c = 1: I^max = 2^(q−1) − 1 ≥ log₂ n for n ≥ 5, and for n ≤ 4, Z
 * saturates at F^max ≤ 2). The values
 * are v_j = ±1 (token 1 ↦ +1, token 0 ↦ −1, exact), so each term w ⊗ v_j = ±w exactly and the
 * sum ⊕_j ±w = f_p((#1 − #0)·g_p(w)): one truncation toward zero of an exact integer multiple
 * of w, which keeps the sign and is zero only for #1 = #0. The residual puts it in coordinate 1
 * (coordinate 0 holds the token's ±1), which is 0 before the layer, so coordinate 1 of the last
 * position is > 0 iff #1 > #0 iff #1 > n/2.
 *
 * ## References
 * P1 §7 (saturated attention); the converse of P1 Thm 1 in spirit: MAJORITY ∉ AC0
 * (Furst–Saxe–Sipser 1984), so the threshold gates of TC0 are what attention needs.
 *
 * @module
 */
import type { TransformerModel } from '../core/transformer.js';

/** The MAJORITY model (equal to `examples/majority.json`). @category constructions */
export const majorityTransformer = (): TransformerModel => ({
  alphabet: ['0', '1'],
  dModel: 2,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [
    [-1, 0],
    [1, 0],
  ],
  positional: { kind: 'none' },
  layers: [
    {
      heads: [{ attention: 'saturated', wq: [[0, 0]], wk: [[0, 0]], wv: [[1, 0]], wo: [[0], [1]] }],
      ffn: null,
    },
  ],
  output: { kind: 'accept', coordinate: 1 },
});
