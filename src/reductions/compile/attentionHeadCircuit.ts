/**
 * # One attention head as a stand-alone threshold circuit
 *
 * The head of a concrete model (`headOutput` in `src/core/transformer.ts`) on its own: the
 * inputs are the n position states x_1 … x_n (d_model floats each), the outputs the head's
 * a_1 … a_n (d_head floats each). It is the arithmetic route's head (`attention.ts`) without
 * the token embedding around it, so that `attention-as-threshold` can check the head alone.
 *
 * ## Main definitions
 * - {@link attentionHeadCircuit}: head, n, p, mask ↦ the circuit.
 *
 * ## Main results
 * For a saturated head the stages are exactly "attention as threshold majority": projections
 * (products by constant weights and ⊕), scores q_i·k_j (products and ⊕), the maximum by
 * comparisons (one weighted threshold gate per pair on a monotone key of the normal scores),
 * the indicator of the maximizers (an AND per j), their count (threshold gates [Σ_j ind_ij ≥ c],
 * the unary form of `bit-count`), the weight fl(1) ⊘ f_p(count) as a table of the count, then
 * ⊗ v_j and ⊕ over j. Depth: (d_⊗c + d_⊕) + (d_⊗ + d_⊕) + (d_cmp + 4) + (d_⊗ + d_⊕), a
 * constant.
 *
 * ## Implementation notes
 * Inputs are assumed to be normal floats (every state of a transformer is: it is an output of
 * ⊕); the constant-weight tables are built on normal floats only.
 * Input layout: position-major, then coordinate, each float in the kernel's p-bit layout;
 * outputs likewise.
 *
 * @module
 */
import { createBuilder, type Circuit } from '../../core/circuit.js';
import type { FloatParams } from '../../core/float.js';
import type { Head } from '../../core/transformer.js';
import { headScores, normalizeScores, projectHead, weightedSum } from './attention.js';
import { foldingBuilder } from './foldingBuilder.js';
import { eliminateDeadGates } from './simplify.js';
import { bitsOf, createBlockCache, createContext, wiresVal } from './values.js';

/**
 * The circuit of one head on n states of d_model floats at precision p.
 * @category constructions
 */
export const attentionHeadCircuit = (head: Head, dModel: number, n: number, params: FloatParams, causal: boolean): Circuit => {
  const b = foldingBuilder(createBuilder());
  const blocks = createBlockCache(params);
  const ctx = createContext(b, blocks, 1, 0, 1, 0);
  const xs = Array.from({ length: n }, () => Array.from({ length: dModel }, () => wiresVal(b.inputs(params.p))));
  const proj = projectHead(ctx, head, xs);
  const scores = headScores(ctx, proj, causal);
  const norm = normalizeScores(ctx, head.attention, scores);
  const out = weightedSum(ctx, norm, proj.v);
  const bits = out.flatMap((a) => a.flatMap((v) => [...bitsOf(ctx, v)]));
  return eliminateDeadGates(b.build(bits)).circuit;
};
