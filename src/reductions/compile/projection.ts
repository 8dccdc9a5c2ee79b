/**
 * # Matrix–vector products (arithmetic route)
 *
 * r-th row: ⊕_k fl(W[r][k]) ⊗ x[k] (plus extra terms, e.g. a bias), with the truncations pinned
 * in `src/core/transformer.ts`: every product truncated once (floatMul), then one ⊕ over the
 * row (iteratedSum).
 *
 * ## Main definitions
 * - {@link matVecOp}: the product, on {@link FloatVal}s.
 * - {@link weightVal}: fl(w) as a constant value.
 *
 * ## Main results
 * Each row is `sumOp` of `mulOp`s, so it is the kernel's matVec exactly (see `values.ts`).
 * Depth ≤ d_⊗c + d_⊕ on wires (d_⊗c: the constant-multiplier blocks, a depth-2 table or the
 * folded multiplier); zero weights cost nothing.
 *
 * ## Implementation notes
 * Pure composition of the operations of `values.ts`.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A (Def 15), Lemma 5.
 *
 * @module
 */
import type { FloatParams } from '../../core/float.js';
import { floatOfNumber, type Matrix } from '../../core/transformer.js';
import { constVal, mulOp, sumOp, type CompileContext, type FloatVal } from './values.js';

/** fl(w) as a constant value. @category stages */
export const weightVal = (params: FloatParams, w: number): FloatVal => constVal(floatOfNumber(params, w));

/**
 * ⊕_k fl(W[r][k]) ⊗ x[k] ⊕ extra[r]… for every row r (`extra(r)` lists additional terms of
 * row r's sum).
 * @category stages
 */
export const matVecOp = (
  ctx: CompileContext,
  w: Matrix,
  x: readonly FloatVal[],
  extra: (r: number) => readonly FloatVal[] = () => [],
): FloatVal[] =>
  w.map((row, r) =>
    sumOp(ctx, [...row.map((wk, k) => mulOp(ctx, weightVal(ctx.params, wk), x[k]!)), ...extra(r)]),
  );
