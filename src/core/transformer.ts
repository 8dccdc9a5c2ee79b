/**
 * # Transformers: the general definition (P1 Defs 6–12) and concrete models, exactly
 *
 * The reference semantics every transformer construction in the library is checked against.
 * Two levels, one reading each, written down in `docs/semantics.md` ("Transformers").
 *
 * ## Main definitions
 * - {@link GeneralModel} and {@link runGeneral}: P1's general transformer. An embedding
 *   φ(σ, i), layers of heads given by similarities s and an update f; attention
 *   a_i = ⊕_j (s(h_i, h_j) ⊘ Z_i) ⊗ h_j with Z_i = ⊕_j s(h_i, h_j); every value one p-bit float.
 * - {@link TransformerModel} and {@link runTransformer}: a concrete model as data (embedding
 *   tables, W_Q, W_K, W_V, W_O per head, a ReLU feed-forward block, residual connections,
 *   an optional causal mask, softmax / saturated / hard attention), every scalar a p-precision
 *   float with the truncation points pinned below.
 * - {@link runTransformer64}: the same concrete model in ordinary float64 arithmetic, to see how
 *   far p-precision moves the outputs.
 * - {@link precisionAt}: p = max(4, 2⌈c·log₂ n⌉), refused when p < ⌈log₂|Σ|⌉ + ⌈log₂ n⌉ or
 *   p > 64.
 *
 * ## The concrete semantics, pinned
 * Positions are 1 … n. ⊗ is {@link floatMul}, ⊘ {@link floatDiv}, exp_p {@link floatExp},
 * ⊕ {@link iteratedSum} (one truncation of the exact sum, Def 15). Every weight w of the model is
 * read as fl(w) = {@link floatOfRational}(w) (the double's exact value, truncated once).
 * - Embedding: x_i[k] = ⊕(E[σ_i][k], P_i[k]) with P_i the positional vector (zero for `none`;
 *   row i of a table; ⊕(fl(c_k), fl(a_k) ⊗ fl(i), fl(b_k) ⊗ fl(i/n)) for `affine`).
 * - Per head: q_i[r] = ⊕_k fl(W_Q[r][k]) ⊗ x_i[k], likewise k_j, v_j; the score
 *   score_ij = ⊕_r q_i[r] ⊗ k_j[r]; the visible j are all j, or j ≤ i under the causal mask
 *   (the head's own `causal` when it has one, else the model's: {@link headIsCausal}).
 *   softmax: s_ij = exp_p(score_ij) (no max subtraction: it is not of P1's form);
 *   saturated (P1 §7): s_ij = fl(1) if score_ij is maximal among the visible, else 0;
 *   for both, Z_i = ⊕_j s_ij and a_i[r] = ⊕_j (s_ij ⊘ Z_i) ⊗ v_j[r] over the visible j.
 *   hard: a_i = v_(j*) for the leftmost visible maximizer j* (no arithmetic).
 * - Residual: y_i[k] = ⊕(x_i[k], fl(W_O^h[k][r]) ⊗ a_i^h[r] for every head h and r).
 * - Feed-forward (when present): u[t] = ⊕(fl(W_1[t][k]) ⊗ y[k] for k, fl(b_1[t])),
 *   r = ReLU(u) (u if u > 0, else zero), x'[k] = ⊕(y[k], fl(W_2[k][t]) ⊗ r[t] for t, fl(b_2[k]));
 *   without one, x' = y. With a `gate` (ReGLU), r[t] = ReLU(u[t]) ⊗ g[t] where
 *   g[t] = ⊕(fl(V[t][k]) ⊗ y[k] for k, fl(c[t])).
 * - Output: `accept` — accept iff x_n[coordinate] > 0 after the last layer; `state` — the final
 *   states of all positions.
 *
 * ## Implementation notes
 * Only faster, never different: products with a zero weight and terms with a zero attention
 * weight are left out of ⊕ (they add exactly 0 to the exact sum it truncates once); a head's
 * score is computed once per distinct pair of vectors (q_i, k_j), its weights s ⊘ Z once per
 * distinct s in a row, and scores are compared through their ranks in one sort of the distinct
 * values (equal values, equal ranks).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Defs 6–12, §7, App. A.
 * - P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 2.1–2.2 (softmax heads, residual stream, masks).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  MAX_PRECISION,
  MIN_PRECISION,
  floatCompare,
  floatDiv,
  floatMul,
  floatOfRational,
  floatParams,
  iteratedSum,
  zeroFloat,
  type Float,
  type FloatParams,
  type Rational,
} from './float.js';
import { floatExp } from './floatExp.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/** A matrix as rows. @category model */
export type Matrix = readonly (readonly number[])[];

/** How a head normalizes its scores. @category model */
export type AttentionKind = 'softmax' | 'saturated' | 'hard';

/** The attention kinds, in a fixed order. @category model */
export const ATTENTION_KINDS: readonly AttentionKind[] = ['softmax', 'saturated', 'hard'];

/**
 * One head: W_Q, W_K, W_V are d_head × d_model, W_O is d_model × d_head.
 * @category model
 */
export interface Head {
  readonly attention: AttentionKind;
  readonly wq: Matrix;
  readonly wk: Matrix;
  readonly wv: Matrix;
  readonly wo: Matrix;
  /** This head's own mask: `true` causal (j ≤ i), `false` none; absent, the model's `causal`. */
  readonly causal?: boolean;
}

/** Whether a head of a model is causal: its own `causal` if given, else the model's. @category model */
export const headIsCausal = (model: { readonly causal: boolean }, head: Head): boolean => head.causal ?? model.causal;

/**
 * A ReLU feed-forward block: W_1 hidden × d_model, b_1, W_2 d_model × hidden, b_2; with an
 * optional multiplicative `gate` (V hidden × d_model, c), the ReGLU block of Shazeer (2020):
 * hidden unit t is ReLU(u_t) ⊗ g_t with g_t = ⊕(V[t][k] ⊗ y[k] for k, c[t]).
 * @category model
 */
export interface FeedForward {
  readonly w1: Matrix;
  readonly b1: readonly number[];
  readonly w2: Matrix;
  readonly b2: readonly number[];
  readonly gate?: { readonly w: Matrix; readonly b: readonly number[] };
}

/** A layer: heads (residual), then an optional feed-forward block (residual). @category model */
export interface Layer {
  readonly heads: readonly Head[];
  readonly ffn: FeedForward | null;
}

/**
 * Positional vectors P_i, i = 1 … n: none, a table (row i − 1 for position i), or affine
 * in i and i/n.
 * @category model
 */
export type Positional =
  | { readonly kind: 'none' }
  | { readonly kind: 'table'; readonly rows: Matrix }
  | {
      readonly kind: 'affine';
      readonly constant: readonly number[];
      readonly index: readonly number[];
      readonly fraction: readonly number[];
    };

/** What the model outputs. @category model */
export type OutputRule = { readonly kind: 'accept'; readonly coordinate: number } | { readonly kind: 'state' };

/**
 * A concrete transformer as data. Precision at length n: p = max(4, 2⌈c·log₂ n⌉).
 * @category model
 */
export interface TransformerModel {
  readonly alphabet: readonly string[];
  readonly dModel: number;
  readonly precision: { readonly c: number };
  readonly causal: boolean;
  /** |Σ| × d_model. */
  readonly tokenEmbedding: Matrix;
  readonly positional: Positional;
  readonly layers: readonly Layer[];
  readonly output: OutputRule;
}

/** A state: one float per coordinate. @category model */
export type State = readonly Float[];

/**
 * A run: the precision, the states after the embedding (`states[0]`) and after each layer
 * (`states[ℓ]`, one state per position), and the verdict for an `accept` model.
 * @category model
 */
export interface TransformerRun {
  readonly p: number;
  readonly states: readonly (readonly State[])[];
  readonly accept: boolean | null;
}

/** A float64 run, as {@link TransformerRun}. @category model */
export interface TransformerRun64 {
  readonly states: readonly (readonly (readonly number[])[])[];
  readonly accept: boolean | null;
}

// -------------------------------------------------------------------------------------------
// precision
// -------------------------------------------------------------------------------------------

const ceilLog2 = (n: number): number => {
  let k = 0;
  while (2 ** k < n) k++;
  return k;
};

/**
 * The precision at length n: p = max(4, 2⌈c·log₂ n⌉), refused (with the reason) when it is
 * above 64, or below ⌈log₂|Σ|⌉ + ⌈log₂ n⌉ (P1 Def 12: log|Σ| + log n ≤ p).
 * @category precision
 */
export const precisionAt = (c: number, alphabetSize: number, n: number): Either<string, FloatParams> => {
  if (!Number.isSafeInteger(n) || n < 1) return left(`the length n must be an integer ≥ 1, got ${n}`);
  if (!(Number.isFinite(c) && c > 0)) return left(`the precision constant c must be a positive number, got ${c}`);
  const p = Math.max(MIN_PRECISION, 2 * Math.ceil(c * Math.log2(n) - 1e-12));
  if (p > MAX_PRECISION) return left(`p = 2⌈c·log₂ n⌉ = ${p} at c = ${c}, n = ${n} exceeds the kernel's ${MAX_PRECISION} bits`);
  const need = ceilLog2(alphabetSize) + ceilLog2(n);
  if (p < need) return left(`p = ${p} at c = ${c}, n = ${n} is too small for log|Σ| + log n = ${need} bits (P1 Def 12)`);
  return floatParams(p);
};

// -------------------------------------------------------------------------------------------
// exact reading of numbers
// -------------------------------------------------------------------------------------------

/** The exact rational value of a finite double. @category conversions */
export const rationalOfNumber = (x: number): Rational => {
  if (!Number.isFinite(x)) throw new RangeError(`rationalOfNumber: ${x} is not finite`);
  // Stryker disable next-line ConditionalExpression: equivalent — a short cut: for an integer the loop below does not run and returns the same {x, 1}
  if (Number.isInteger(x)) return { num: BigInt(x), den: 1n };
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2; // exact for a double: only the exponent changes
    den *= 2n;
  }
  return { num: BigInt(v), den };
};

const flCache = new WeakMap<FloatParams, Map<number, Float>>();

/** fl(x): the p-precision reading of a double (its exact value, truncated once). @category conversions */
export const floatOfNumber = (params: FloatParams, x: number): Float => {
  // memoized per params object: a pure function of (p, x), and weights repeat n² times
  let cache = flCache.get(params);
  // Stryker disable next-line ConditionalExpression: equivalent — a fresh cache on every call only loses the memo
  if (cache === undefined) {
    cache = new Map();
    flCache.set(params, cache);
  }
  const hit = cache.get(x);
  // Stryker disable next-line ConditionalExpression,BooleanLiteral,UnaryOperator: equivalent — whether a hit is used never changes the value (fl is pure, and fl(−0) = fl(0) since rationalOfNumber(−0) = 0/1); a miss (undefined) returned would throw, killed
  if (hit !== undefined && !Object.is(x, -0)) return hit;
  const f = floatOfRational(params, rationalOfNumber(x));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — the bound only limits the memo's memory
  if (cache.size < 65536) cache.set(x, f);
  return f;
};

const ONE = (params: FloatParams): Float => floatOfRational(params, { num: 1n, den: 1n });

/** ReLU on a float: itself when positive, else zero. @category scalar operations */
export const floatRelu = (params: FloatParams, x: Float): Float => (x.m > 0n ? x : zeroFloat(params));

// -------------------------------------------------------------------------------------------
// the general level (P1 Defs 6–12)
// -------------------------------------------------------------------------------------------

/**
 * P1's general transformer: every value a p-bit float; φ, s and f total functions (code or
 * tables). `width` is the number of floats per state.
 * @category model
 */
export interface GeneralModel {
  readonly alphabet: readonly string[];
  readonly width: number;
  readonly precision: { readonly c: number };
  /** φ(σ, i) for the token index σ and the position i ∈ 1 … n. */
  readonly embed: (params: FloatParams, token: number, position: number, n: number) => State;
  readonly layers: readonly {
    /** One similarity s(h_i, h_j) per head. */
    readonly heads: readonly ((params: FloatParams, hi: State, hj: State) => Float)[];
    /** f(a_i1 … a_ik, h_i). */
    readonly update: (params: FloatParams, attended: readonly State[], h: State) => State;
  }[];
  readonly output: OutputRule;
}

/**
 * P1 Def 8's attention, for every position: a_i = ⊕_j (s_ij ⊘ Z_i) ⊗ h_j coordinate-wise,
 * Z_i = ⊕_j s_ij, over the visible j (`visible(i, j)`, positions 0-based here).
 * @category definitions
 */
export const attend = (
  params: FloatParams,
  scores: readonly (readonly Float[])[],
  values: readonly State[],
  visible: (i: number, j: number) => boolean,
): State[] =>
  scores.map((row, i) => {
    const js = row.map((_, j) => j).filter((j) => visible(i, j));
    const z = iteratedSum(params, js.map((j) => row[j]!));
    // s ⊘ Z depends only on s within a row: computed once per distinct s (a pure function)
    // (keyed by the float object: equal values in different objects are only computed twice)
    const quotients = new Map<Float, Float>();
    const weightOf = (s: Float): Float => {
      let w = quotients.get(s);
      if (w === undefined) {
        w = floatDiv(params, s, z);
        quotients.set(s, w);
      }
      return w;
    };
    const weights = js.map((j) => weightOf(row[j]!));
    // a zero weight's products are zero, which ⊕ ignores: only the others are formed
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression: equivalent — dropping zero terms never changes an exact sum
    const live = js.map((j, t) => ({ j, w: weights[t]! })).filter((x) => x.w.m !== 0n);
    const width = values[0]?.length ?? 0;
    return Array.from({ length: width }, (_, r) =>
      iteratedSum(
        params,
        live.map(({ j, w }) => floatMul(params, w, values[j]![r]!)),
      ),
    );
  });

const checkTokens = (alphabetSize: number, tokens: readonly number[]): string | null => {
  if (tokens.length < 1) return 'the input must have at least one token';
  const bad = tokens.findIndex((t) => !Number.isSafeInteger(t) || t < 0 || t >= alphabetSize);
  return bad < 0 ? null : `token ${bad} is ${tokens[bad]}, not an index in 0..${alphabetSize - 1}`;
};

const outputOf = (rule: OutputRule, last: State | undefined): boolean | null =>
  rule.kind === 'accept' ? (last?.[rule.coordinate]?.m ?? 0n) > 0n : null;

/**
 * Run a general model on token indices (P1 Def 12): T(w) = L^d ∘ … ∘ L^1(φ(w)).
 * @category evaluation
 */
export const runGeneral = (model: GeneralModel, tokens: readonly number[]): Either<string, TransformerRun> => {
  const bad = checkTokens(model.alphabet.length, tokens);
  if (bad !== null) return left(bad);
  const n = tokens.length;
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const params = pe.right;
  let h: State[] = tokens.map((t, i) => model.embed(params, t, i + 1, n));
  const states: State[][] = [h];
  for (const layer of model.layers) {
    const cur = h;
    const attended = layer.heads.map((s) =>
      attend(
        params,
        cur.map((hi) => cur.map((hj) => s(params, hi, hj))),
        cur,
        () => true,
      ),
    );
    h = cur.map((hi, i) =>
      layer.update(
        params,
        attended.map((a) => a[i]!),
        hi,
      ),
    );
    states.push(h);
  }
  return right({ p: params.p, states, accept: outputOf(model.output, h[n - 1]) });
};

// -------------------------------------------------------------------------------------------
// the concrete level, p-precision
// -------------------------------------------------------------------------------------------

/** A matrix–vector product with the pinned truncations: ⊕_k fl(W[r][k]) ⊗ x[k] (plus extra terms). */
const matVec = (params: FloatParams, w: Matrix, x: State): Float[] => w.map((row) => iteratedSum(params, weighted(params, row, x)));

/**
 * The products fl(w[k]) ⊗ x[k], leaving out the zero weights: a zero product adds exactly 0 to
 * the exact sum that ⊕ truncates once, so this is only faster (hand-written models are sparse).
 */
const weighted = (params: FloatParams, row: readonly number[], x: State): Float[] => {
  const out: Float[] = [];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — a zero weight's product is zero, which ⊕ ignores
  row.forEach((wk, k) => (wk === 0 ? undefined : out.push(floatMul(params, floatOfNumber(params, wk), x[k]!))));
  return out;
};

/**
 * The positional vector P_i (i = 1 … n) at precision p, as pinned in the module header.
 * @category definitions
 */
export const positionalAt = (params: FloatParams, model: TransformerModel, i: number, n: number): State => {
  const pos = model.positional;
  const d = model.dModel;
  switch (pos.kind) {
    case 'none':
      return Array.from({ length: d }, () => zeroFloat(params));
    case 'table':
      return Array.from({ length: d }, (_, k) => floatOfNumber(params, pos.rows[i - 1]?.[k] ?? 0));
    case 'affine': {
      const fi = floatOfRational(params, { num: BigInt(i), den: 1n });
      const fin = floatOfRational(params, { num: BigInt(i), den: BigInt(n) });
      return Array.from({ length: d }, (_, k) =>
        iteratedSum(params, [
          floatOfNumber(params, pos.constant[k]!),
          floatMul(params, floatOfNumber(params, pos.index[k]!), fi),
          floatMul(params, floatOfNumber(params, pos.fraction[k]!), fin),
        ]),
      );
    }
  }
};

/** The embedding x_i = E[σ_i] ⊕ P_i (coordinate-wise). @category definitions */
export const embedAt = (params: FloatParams, model: TransformerModel, token: number, i: number, n: number): State => {
  const pos = positionalAt(params, model, i, n);
  const row = model.tokenEmbedding[token]!;
  return pos.map((pk, k) => iteratedSum(params, [floatOfNumber(params, row[k]!), pk]));
};

/** Distinct vectors get ids 0, 1, …: `id[i]` is the id of vectors[i]; `count` how many. */
const intern = (vectors: readonly State[]): { readonly id: readonly number[]; readonly count: number } => {
  const ids = new Map<string, number>();
  const id = vectors.map((v) => {
    const key = v.map((f) => `${f.m}:${f.e}`).join(',');
    let k = ids.get(key);
    if (k === undefined) {
      k = ids.size;
      ids.set(key, k);
    }
    return k;
  });
  return { id, count: ids.size };
};

/**
 * One head of a concrete model on all positions: its output a_i (d_head floats per position).
 * @category definitions
 */
export const headOutput = (params: FloatParams, head: Head, causal: boolean, xs: readonly State[]): State[] => {
  const qs = xs.map((x) => matVec(params, head.wq, x));
  const ks = xs.map((x) => matVec(params, head.wk, x));
  const vs = xs.map((x) => matVec(params, head.wv, x));
  const visible = (i: number, j: number): boolean => !causal || j <= i;
  // score_ij is a pure function of the vectors (q_i, k_j): computed once per distinct pair
  // (hand-built models repeat vectors across positions)
  const internQ = intern(qs);
  const internK = intern(ks);
  const memo = new Map<number, Float>();
  const scoreOf = (i: number, j: number): Float => {
    const key = internQ.id[i]! * internK.count + internK.id[j]!;
    let s = memo.get(key);
    if (s === undefined) {
      const q = qs[i]!;
      const k = ks[j]!;
      s = iteratedSum(
        params,
        q.map((qr, r) => floatMul(params, qr, k[r]!)),
      );
      memo.set(key, s);
    }
    return s;
  };
  const scores = qs.map((_, i) => ks.map((_k, j) => scoreOf(i, j)));
  if (head.attention === 'softmax') {
    return attend(
      params,
      scores.map((row) => row.map((s) => floatExp(params, s))),
      vs,
      visible,
    );
  }
  // the order of the scores as ranks: equal values, equal ranks (one sort of the distinct scores)
  const distinct = [...new Set(memo.values())].sort(floatCompare);
  const rankOf = new Map<Float, number>();
  distinct.forEach((f, t) => rankOf.set(f, t > 0 && floatCompare(f, distinct[t - 1]!) === 0 ? rankOf.get(distinct[t - 1]!)! : t));
  const ranks = scores.map((row) => row.map((f) => rankOf.get(f)!));
  const maxima = ranks.map((row, i) => {
    let best = -1;
    row.forEach((s, j) => {
      if (visible(i, j) && (best < 0 || s > row[best]!)) best = j;
    });
    return best;
  });
  if (head.attention === 'hard') return maxima.map((j) => vs[j]!);
  const one = ONE(params);
  const zero = zeroFloat(params);
  return attend(
    params,
    ranks.map((row, i) => row.map((s) => (s === row[maxima[i]!]! ? one : zero))),
    vs,
    visible,
  );
};

/** One layer of a concrete model on all positions. @category definitions */
export const layerStep = (params: FloatParams, model: TransformerModel, layer: Layer, xs: readonly State[]): State[] => {
  const heads = layer.heads.map((h) => headOutput(params, h, headIsCausal(model, h), xs));
  const ys = xs.map((x, i) =>
    x.map((xk, k) =>
      iteratedSum(params, [
        xk,
        ...layer.heads.flatMap((h, hi) => weighted(params, h.wo[k]!, heads[hi]![i]!)),
      ]),
    ),
  );
  const ffn = layer.ffn;
  if (ffn === null) return ys;
  return ys.map((y) => feedForwardAt(params, ffn, y));
};

/**
 * The feed-forward block with its residual at one position: x' = y ⊕ W_2 r ⊕ b_2 with
 * r = ReLU(W_1 y ⊕ b_1), each hidden unit times its gate when the block has one (module header).
 * @category definitions
 */
export const feedForwardAt = (params: FloatParams, ffn: FeedForward, y: State): State => {
  const affine = (w: Matrix, b: readonly number[]): Float[] => w.map((row, t) => iteratedSum(params, [...weighted(params, row, y), floatOfNumber(params, b[t]!)]));
  const gate = ffn.gate;
  const g = gate === undefined ? null : affine(gate.w, gate.b);
  const r = affine(ffn.w1, ffn.b1).map((ut, t) => (g === null ? floatRelu(params, ut) : floatMul(params, floatRelu(params, ut), g[t]!)));
  return y.map((yk, k) =>
    iteratedSum(params, [yk, ...weighted(params, ffn.w2[k]!, r), floatOfNumber(params, ffn.b2[k]!)]),
  );
};

/**
 * Run a concrete model on token indices at p = max(4, 2⌈c·log₂ n⌉). The model is assumed
 * well-formed (decode JSON with the model codec); bad tokens or a bad precision are a Left.
 * @category evaluation
 */
export const runTransformer = (model: TransformerModel, tokens: readonly number[]): Either<string, TransformerRun> => {
  const bad = checkTokens(model.alphabet.length, tokens);
  if (bad !== null) return left(bad);
  const n = tokens.length;
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const params = pe.right;
  let xs: State[] = tokens.map((t, i) => embedAt(params, model, t, i + 1, n));
  const states: State[][] = [xs];
  for (const layer of model.layers) {
    xs = layerStep(params, model, layer, xs);
    states.push(xs);
  }
  return right({ p: params.p, states, accept: outputOf(model.output, xs[n - 1]) });
};

// -------------------------------------------------------------------------------------------
// the concrete level, float64
// -------------------------------------------------------------------------------------------

const mv64 = (w: Matrix, x: readonly number[]): number[] => w.map((row) => row.reduce((s, wk, k) => s + wk * x[k]!, 0));

/**
 * The same concrete model in float64 (ordinary arithmetic; softmax subtracts the maximum
 * first, which changes nothing mathematically and avoids overflow). For comparison only:
 * circuits match {@link runTransformer}.
 * @category evaluation
 */
export const runTransformer64 = (model: TransformerModel, tokens: readonly number[]): Either<string, TransformerRun64> => {
  const bad = checkTokens(model.alphabet.length, tokens);
  if (bad !== null) return left(bad);
  const n = tokens.length;
  const d = model.dModel;
  const pos = (i: number): number[] => {
    const P = model.positional;
    return Array.from({ length: d }, (_, k) =>
      P.kind === 'none' ? 0 : P.kind === 'table' ? (P.rows[i - 1]?.[k] ?? 0) : P.constant[k]! + P.index[k]! * i + P.fraction[k]! * (i / n),
    );
  };
  let xs: number[][] = tokens.map((t, i) => model.tokenEmbedding[t]!.map((e, k) => e + pos(i + 1)[k]!));
  const states: number[][][] = [xs];
  for (const layer of model.layers) {
    const cur = xs;
    const heads = layer.heads.map((h) => {
      const qs = cur.map((x) => mv64(h.wq, x));
      const ks = cur.map((x) => mv64(h.wk, x));
      const vs = cur.map((x) => mv64(h.wv, x));
      return qs.map((q, i) => {
        const js = ks.map((_, j) => j).filter((j) => !headIsCausal(model, h) || j <= i);
        const sc = js.map((j) => q.reduce((s, qr, r) => s + qr * ks[j]![r]!, 0));
        const mx = Math.max(...sc);
        // Stryker disable next-line OptionalChaining: equivalent — vs has one vector per position and n ≥ 1 (checkTokens)
        const dh = vs[0]?.length ?? 0;
        if (h.attention === 'hard') return vs[js[sc.indexOf(mx)]!]!;
        const w = h.attention === 'softmax' ? sc.map((s) => Math.exp(s - mx)) : sc.map((s) => (s === mx ? 1 : 0));
        const z = w.reduce((a, b) => a + b, 0);
        return Array.from({ length: dh }, (_, r) => js.reduce((s, j, t) => s + (w[t]! / z) * vs[j]![r]!, 0));
      });
    });
    const ys = cur.map((x, i) => x.map((xk, k) => xk + layer.heads.reduce((s, h, hi) => s + h.wo[k]!.reduce((a, w, r) => a + w * heads[hi]![i]![r]!, 0), 0)));
    const ffn = layer.ffn;
    xs =
      ffn === null
        ? ys
        : ys.map((y) => {
            const gate = ffn.gate;
            const g = gate === undefined ? null : mv64(gate.w, y).map((v, t) => v + gate.b[t]!);
            const r = mv64(ffn.w1, y).map((u, t) => Math.max(0, u + ffn.b1[t]!) * (g === null ? 1 : g[t]!));
            return y.map((yk, k) => yk + ffn.w2[k]!.reduce((s, w, t) => s + w * r[t]!, 0) + ffn.b2[k]!);
          });
    states.push(xs);
  }
  const last = xs[n - 1];
  // Stryker disable next-line OptionalChaining: equivalent — n ≥ 1 (checkTokens), so last is a state
  return right({ states, accept: model.output.kind === 'accept' ? (last?.[model.output.coordinate] ?? 0) > 0 : null });
};
