/**
 * # Residual sums and the feed-forward block (arithmetic route)
 *
 * As `layerStep` in `src/core/transformer.ts` reads them:
 * - residual: y_i[k] = ⊕(x_i[k], fl(W_O^h[k][r]) ⊗ a_i^h[r] for every head h and r) — one ⊕;
 * - feed-forward: u[t] = ⊕(fl(W_1[t][k]) ⊗ y[k] for k, fl(b_1[t])), r = ReLU(u) (times
 *   g[t] = ⊕(fl(V[t][k]) ⊗ y[k] for k, fl(c[t])) with a ReGLU gate),
 *   x′[k] = ⊕(y[k], fl(W_2[k][t]) ⊗ r[t] for t, fl(b_2[k])); without a block, x′ = y.
 *
 * ## Main definitions
 * - {@link residualOp}, {@link feedForwardOp}.
 *
 * ## Main results
 * Compositions of the operations of `values.ts`, so exact. Depth on wires: residual
 * d_⊗c + d_⊕; feed-forward 2·(d_⊗c + d_⊕) + 2 (ReLU: a sign/zero test, then a mask), + d_⊗ with a gate.
 *
 * ## Implementation notes
 * The term lists are those of the kernel (order does not matter: ⊕ is one truncation of the
 * exact sum).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Def 10 (the update f); P2 Def 2.1 (residual stream).
 *
 * @module
 */
import type { FeedForward, Layer } from '../../core/transformer.js';
import { weightVal } from './projection.js';
import { mulOp, reluOp, sumOp, type CompileContext, type FloatVal } from './values.js';

/**
 * y[k] = ⊕(x[k], fl(W_O^h[k][r]) ⊗ a^h[r] for h, r) at one position.
 * @category stages
 */
export const residualOp = (ctx: CompileContext, layer: Layer, x: readonly FloatVal[], heads: readonly (readonly FloatVal[])[]): FloatVal[] =>
  x.map((xk, k) =>
    sumOp(ctx, [xk, ...layer.heads.flatMap((h, hi) => h.wo[k]!.map((w, r) => mulOp(ctx, weightVal(ctx.params, w), heads[hi]![r]!)))]),
  );

/**
 * The feed-forward block with its residual at one position (x′ = y without a block).
 * @category stages
 */
export const feedForwardOp = (ctx: CompileContext, ffn: FeedForward | null, y: readonly FloatVal[]): FloatVal[] => {
  if (ffn === null) return [...y];
  const { params } = ctx;
  const u = ffn.w1.map((row, t) =>
    sumOp(ctx, [...row.map((w, k) => mulOp(ctx, weightVal(params, w), y[k]!)), weightVal(params, ffn.b1[t]!)]),
  );
  const gate = ffn.gate;
  const g =
    gate === undefined
      ? null
      : gate.w.map((row, t) => sumOp(ctx, [...row.map((w, k) => mulOp(ctx, weightVal(params, w), y[k]!)), weightVal(params, gate.b[t]!)]));
  const r = u.map((ut, t) => (g === null ? reluOp(ctx, ut) : mulOp(ctx, reluOp(ctx, ut), g[t]!)));
  return y.map((yk, k) =>
    sumOp(ctx, [yk, ...ffn.w2[k]!.map((w, t) => mulOp(ctx, weightVal(params, w), r[t]!)), weightVal(params, ffn.b2[k]!)]),
  );
};
