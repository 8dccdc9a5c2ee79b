/**
 * # Attention heads (arithmetic route)
 *
 * One head of a concrete model, stage by stage, exactly as `headOutput` in
 * `src/core/transformer.ts` reads it: projections q_i, k_j, v_j; scores
 * score_ij = ⊕_r q_i[r] ⊗ k_j[r] over the visible j (all j, or j ≤ i under the causal mask —
 * invisible j are dropped at compile time); then
 * - softmax: s_ij = exp_p(score_ij), Z_i = ⊕_j s_ij, a_i[r] = ⊕_j (s_ij ⊘ Z_i) ⊗ v_j[r];
 * - saturated: s_ij = fl(1) if score_ij is maximal among the visible scores, else 0, then as
 *   softmax;
 * - hard: a_i = v_(j*) for the leftmost visible maximizer j*.
 *
 * ## Main definitions
 * - {@link projectHead}, {@link headScores}, {@link normalizeScores}, {@link weightedSum}.
 *
 * ## Main results (depth, on wires)
 * - scores: d_⊗ + d_⊕ (variable × variable products: `floatMulGadget`).
 * - softmax normalizer: d_exp + d_⊕ + d_⊘ (exp by a depth-2 table, `floatDivGadget`).
 * - saturated normalizer: d_cmp + 4. ind_ij = ⋀_(j′ ≠ j) [score_ij ≥ score_ij′] (d_cmp = 2 by
 *   the key comparison of `compare.ts`, then an AND); Z_i = ⊕_j s_ij = f_p(c_i) with c_i the
 *   number of maximizers (Σ of c_i copies of g_p(fl(1)), truncated once), so
 *   s_ij ⊘ Z_i = ind_ij ? u_(c_i) : 0 with u_c = fl(1) ⊘ f_p(c) a compile-time constant; with
 *   G_c = [Σ_j ind_ij ≥ c] (depth +1), bit β of u_(c_i) is [Σ_c (f(c) − f(c − 1))·G_c ≥ 1]
 *   for f(c) = bit β of u_c, f(0) = 0 (telescoping, depth +1; c_i ≥ 1 always), and the weight's
 *   bit is that bit ANDed with ind_ij, or ORed with ¬ind_ij where zero has a 1 (depth +1).
 * - hard normalizer: d_cmp + 1: h_ij = ⋀_(j′ < j) [score_ij > score_ij′] ∧ ⋀_(j′ > j) [score_ij ≥ score_ij′],
 *   one-hot on the leftmost maximizer (the kernel keeps the first strict improvement).
 * - weighted sum: d_⊗ + d_⊕ (softmax, saturated), or 2 (hard: OR_j (h_ij ∧ v_j bit)).
 * Rows whose scores are all compile-time constants are decided at compile time with the
 * kernel's own floatCompare / iteratedSum / floatDiv (no gates). Rows no output needs (the
 * last layer of an accept model needs only position n) are not built: they are empty.
 *
 * ## Implementation notes
 * Comparisons: the key comparison for p ≤ 28 (scores are normal floats), otherwise
 * `floatCompareGadget` ([a ≥ b] = ¬lt, [a > b] = ¬lt ∧ ¬eq). n³ comparisons per head.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Defs 8–9 (attention), §7 (saturated attention).
 *
 * @module
 */
import { floatCompare, floatDiv, floatNeg, floatOfRational, iteratedSum, type Float } from '../../core/float.js';
import type { AttentionKind, Head } from '../../core/transformer.js';
import { floatCompareGadget } from '../arithmetic/floatOps.js';
import { compareGe, compareKey, MAX_KEY_COMPARE_PRECISION, type CompareKey } from './compare.js';
import { oneFloat } from './constants.js';
import { matVecOp } from './projection.js';
import {
  bitsOf,
  constVal,
  divOp,
  expOp,
  mulOp,
  selectOp,
  settle,
  sumOp,
  wiresVal,
  type CompileContext,
  type FloatVal,
} from './values.js';

/** q, k, v of every position (d_head values each). @category model */
export interface HeadProjections {
  readonly q: readonly (readonly FloatVal[])[];
  readonly k: readonly (readonly FloatVal[])[];
  readonly v: readonly (readonly FloatVal[])[];
}

/**
 * How a head mixes the values: weights w_ij (softmax, saturated), or a one-hot selection
 * (hard): per row the selected j when known at compile time, else the gates h_ij.
 * @category model
 */
export type Normalized =
  | { readonly kind: 'weights'; readonly w: readonly (readonly FloatVal[])[] }
  | { readonly kind: 'select'; readonly rows: readonly ({ readonly known: number } | { readonly h: readonly number[] })[] };

/** The visible j of position i (0-based): 0 … i under the mask, else 0 … n − 1. */
const visibleCount = (causal: boolean, i: number, n: number, offByOne = false): number => (causal ? Math.min(n, i + (offByOne ? 2 : 1)) : n);

/**
 * q_i = W_Q x_i, k_i = W_K x_i, v_i = W_V x_i for every position (q_i only where `active`,
 * default every position; elsewhere q_i is empty).
 * @category stages
 */
export const projectHead = (
  ctx: CompileContext,
  head: Head,
  xs: readonly (readonly FloatVal[])[],
  active: (i: number) => boolean = () => true,
): HeadProjections => ({
  q: xs.map((x, i) => (active(i) ? matVecOp(ctx, head.wq, x) : [])),
  k: xs.map((x) => matVecOp(ctx, head.wk, x)),
  v: xs.map((x) => matVecOp(ctx, head.wv, x)),
});

/**
 * score_ij = ⊕_r q_i[r] ⊗ k_j[r] for the visible j (row i has the visible j in order); rows of
 * positions that are not `active` are empty (nothing reads them).
 * @category stages
 */
export const headScores = (
  ctx: CompileContext,
  proj: HeadProjections,
  causal: boolean,
  active: (i: number) => boolean = () => true,
): FloatVal[][] => {
  const n = proj.q.length;
  return proj.q.map((q, i) =>
    Array.from({ length: active(i) ? visibleCount(causal, i, n, ctx.fault === 'mask-off-by-one') : 0 }, (_, j) => {
      const s = settle(
        ctx,
        sumOp(
          ctx,
          q.map((qr, r) => mulOp(ctx, qr, proj.k[j]![r]!)),
        ),
      );
      return ctx.fault === 'negate-score' ? negateVal(ctx, s) : s;
    }),
  );
};

/** −v (the `negate-score` fault): the mantissa's sign bit flipped. */
const negateVal = (ctx: CompileContext, v: FloatVal): FloatVal =>
  v.kind === 'const' ? constVal(floatNeg(v.value)) : wiresVal(bitsOf(ctx, v).map((g, i) => (i === ctx.params.q - 1 ? ctx.b.not(g) : g)));

/** A comparator on the scores of one row: [s_a ≥ s_b] or [s_a > s_b] as a gate. */
const rowComparator = (ctx: CompileContext, row: readonly FloatVal[]): ((a: number, c: number, strict: boolean) => number) => {
  const { b, params } = ctx;
  const bits = row.map((s) => bitsOf(ctx, s));
  if (params.p <= MAX_KEY_COMPARE_PRECISION) {
    const keys: CompareKey[] = bits.map((x) => compareKey(b, params, x));
    return (a, c, strict) => compareGe(b, keys[a]!, keys[c]!, strict);
  }
  ctx.blocks.used.compare = true;
  return (a, c, strict) => {
    const { lt, eq } = floatCompareGadget(b, params, bits[a]!, bits[c]!);
    return strict ? b.le([lt, eq], 0) : b.not(lt);
  };
};

const allConst = (row: readonly FloatVal[]): row is readonly { readonly kind: 'const'; readonly value: Float }[] =>
  row.every((s) => s.kind === 'const');

/** The leftmost maximizer of constant scores (the kernel's loop). */
const leftmostMax = (row: readonly Float[]): number => {
  let best = 0;
  row.forEach((s, j) => {
    if (floatCompare(s, row[best]!) > 0) best = j;
  });
  return best;
};

/**
 * The normalizer of a head: weights (softmax, saturated) or a selection (hard).
 * @category stages
 */
export const normalizeScores = (ctx: CompileContext, kind: AttentionKind, scores: readonly (readonly FloatVal[])[]): Normalized => {
  const { b, params } = ctx;
  const one = oneFloat(params);
  const zero: Float = { m: 0n, e: params.iMin };
  if (kind === 'softmax') {
    return {
      kind: 'weights',
      w: scores.map((row) => {
        const s = row.map((x) => expOp(ctx, x));
        const z = sumOp(ctx, s);
        return s.map((x) => divOp(ctx, x, z));
      }),
    };
  }
  if (kind === 'hard') {
    return {
      kind: 'select',
      rows: scores.map((row) => {
        if (allConst(row)) return { known: row.length === 0 ? -1 : leftmostMax(row.map((s) => s.value)) };
        const ge = rowComparator(ctx, row);
        const h = row.map((_, j) => b.and(row.flatMap((_, j2) => (j2 === j ? [] : [ge(j, j2, j2 < j)]))));
        const ones = h.filter((g) => b.constantOf(g) === 1);
        if (ones.length === 1 && h.every((g) => b.constantOf(g) !== null)) return { known: h.indexOf(ones[0]!) };
        return { h };
      }),
    };
  }
  // saturated
  return {
    kind: 'weights',
    w: scores.map((row) => {
      if (allConst(row)) {
        const vals = row.map((s) => s.value);
        const best = vals[leftmostMax(vals)]!;
        const s = vals.map((x) => (floatCompare(x, best) === 0 ? one : zero));
        const z = iteratedSum(params, s);
        return s.map((x) => constVal(floatDiv(params, x, z)));
      }
      const ge = rowComparator(ctx, row);
      const ind = row.map((_, j) => b.and(row.flatMap((_, j2) => (j2 === j ? [] : [ge(j, j2, false)]))));
      const N = row.length;
      const G = Array.from({ length: N }, (_, c) => b.ge(ind, c + 1));
      // u_c = fl(1) ⊘ f_p(c), f_p(c) = ⊕ of c copies of fl(1)
      const u = Array.from({ length: N + 1 }, (_, c) =>
        c === 0
          ? null
          : ctx.fault === 'skip-truncation'
            ? floatOfRational(params, { num: 1n, den: BigInt(c) })
            : floatDiv(params, one, iteratedSum(params, Array.from({ length: c }, () => one))),
      );
      const uBits = u.map((f) => (f === null ? null : bitsOfFloat(params.q, f)));
      const zeroBits = bitsOfFloat(params.q, zero);
      const U = Array.from({ length: params.p }, (_, beta) => {
        const f = (c: number): number => (c === 0 ? 0 : uBits[c]![beta]!);
        return b.ge(G, 1, G.map((_, c) => f(c + 1) - f(c)));
      });
      return ind.map((g) =>
        settle(
          ctx,
          wiresVal(U.map((ub, beta) => (zeroBits[beta] === 1 ? b.ge([ub, g], 0, [1, -1]) : b.and([g, ub])))),
        ),
      );
    }),
  };
};

/** The kernel layout bits of a float (mantissa then exponent, sign-magnitude, LSB first). */
const bitsOfFloat = (q: number, f: Float): number[] => {
  const out: number[] = [];
  for (const z of [f.m, f.e]) {
    let mag = z < 0n ? -z : z;
    for (let j = 0; j < q - 1; j++) {
      out.push(Number(mag & 1n));
      mag >>= 1n;
    }
    out.push(z < 0n ? 1 : 0);
  }
  return out;
};

/**
 * a_i[r] = ⊕_j w_ij ⊗ v_j[r] (weights), or v_(j*)[r] / OR_j (h_ij ∧ v_j[r]) (selection).
 * @category stages
 */
export const weightedSum = (ctx: CompileContext, norm: Normalized, v: readonly (readonly FloatVal[])[]): FloatVal[][] => {
  const dHead = v[0]?.length ?? 0;
  if (norm.kind === 'weights') {
    return norm.w.map((row) =>
      Array.from({ length: row.length === 0 ? 0 : dHead }, (_, r) =>
        sumOp(
          ctx,
          row.map((w, j) => mulOp(ctx, w, v[j]![r]!)),
        ),
      ),
    );
  }
  return norm.rows.map((row) =>
    Array.from({ length: 'known' in row && row.known < 0 ? 0 : dHead }, (_, r) =>
      'known' in row
        ? v[row.known]![r]!
        : selectOp(
            ctx,
            row.h,
            row.h.map((_, j) => v[j]![r]!),
          ),
    ),
  );
};
