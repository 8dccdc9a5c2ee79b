/**
 * # A masked transformer for k-hop induction heads (P2 Thm 4.2), weights constructed
 *
 * An explicit model in the kernel's concrete format (`src/core/transformer.ts`): causal mask,
 * one **hard**-attention head per layer, a ReLU feed-forward block, residual stream of constant
 * width 17, and a positional table. It computes hop_k (P2 Def 4.1) by pointer doubling, exactly,
 * in the kernel's p-precision semantics once p ≥ {@link khopPrecision}(N, |Σ|), and in float64.
 *
 * ## Main definitions
 * - {@link khopTransformer}: (k, N, alphabet) ↦ the model, for sequences of length N.
 * - {@link khopLayers}: L(k) = 2 for k = 1, else ⌈log₂ k⌉ + 2.
 * - {@link khopPrecision}: the p at which every number the model computes is an exact integer.
 * - {@link decodeKHopOutput}: the answer (symbol index or null for ⊥) at each position, read
 *   off the final states.
 *
 * ## The construction
 * Tokens are the numbers a = σ + 1 ∈ 1 … |Σ|; positions j = 1 … N. Coordinates (the residual
 * stream, see {@link KHOP_COORDS}): `one`, `pos` = j, `pos2` = j², `isFirst` = [j = 1],
 * `posNF` = j·[j ≥ 2], `notFirst` = [j ≥ 2] (positional table); `tok` = a, `tok2` = a²
 * (token embedding); `prev`, `prev2` (X_(j−1) and its square), `tokNF` = a·[j ≥ 2]; the
 * pointer `D` with its valid bit `V`; `TR`, the token at the pointer R (⊥ = 0); three scratch
 * coordinates for the head's output.
 * 1. Layer 1 (previous token): score 2j(i − 1) − j² is maximal at j = i − 1; the head copies
 *    (a, a²) into (prev, prev2); the feed-forward block zeroes them at j = 1 (X_0 is absent)
 *    and writes tokNF = ReLU(a − |Σ|·isFirst).
 * 2. Layer 2 (find¹): score B·(2a·prev_j − prev2_j) + j + B·a²·isFirst_j with B = N. A match
 *    X_(j−1) = X_i (j ≥ 2) scores B·a² + j; position 1 is a sentinel that scores B·a² + 1; a
 *    mismatch scores at most B·(a² − 1) + N < B·a² + 1. So the head attends to find¹(i) when it
 *    is not 0, else to position 1, and copies (posNF, notFirst, tokNF) there into (D, V, TR):
 *    D = find¹(i), V = [find¹(i) ≠ 0], and — when the plan adds 1 here — TR = X_(find¹(i))
 *    (or 0).
 * 3. Layer ℓ ≥ 3 (doubling): score 2j·D_i − j² is maximal at j = y = D_i; the head copies
 *    (D, V, TR) at y into scratch; the block sets D ← ReLU(D_y − N(1 − V_i)),
 *    V ← ReLU(V_y + V_i − 1), and (when the plan adds 2^(ℓ−3) here) TR ← ReLU(TR_y − |Σ|(1 − V_i)),
 *    then clears the scratch. After layer ℓ, D = find^(2^(ℓ−2)) (0 for ⊥).
 * The plan: R starts as the identity (TR = a). Layer 2 may add 1 hop, layer ℓ ≥ 3 may add
 * 2^(ℓ−3) hops (it reads TR at find^(2^(ℓ−3))(i): TR(y) = X_(find^r(y))). With L layers the
 * reachable k are 0 … 2^(L−2): k = 2^(L−2) uses every layer; otherwise layer 2 adds 0 and layer
 * ℓ adds bit ℓ − 3 of k. The answer is TR (0 = ⊥, else the symbol a − 1).
 *
 * ## Why ⌈log₂ k⌉ + 2 layers and not P2's ⌊log₂ k⌋ + 2
 * Pointer *lookups* with one head per layer cannot reach more than 2^(L−2) hops: after layer 1
 * a position knows only X_j, X_(j−1), j; after layer 2 at most find¹ of itself; each further
 * layer reads one position it already points to, whose pointers are compositions of the ones it
 * has, so the largest hop count known can at most double. ⌊log₂ k⌋ + 2 layers therefore suffice
 * exactly when k is a power of 2 (the two counts agree there); for other k this construction
 * uses one layer more. P2's count needs a hop by content in every layer
 * (`khopContentTransformer.ts`), whose scores use numbers 2^(±m·N/2): that model reaches
 * ⌊log₂ k⌋ + 2 layers, for N ≤ 226 (`docs/khop.md`).
 *
 * ## Precision
 * Every number computed (projections, scores, values, feed-forward sums) is an integer of
 * magnitude at most M = max(2N², 3N·|Σ|² + N): exact in p-precision when 2^(p/2 − 1) > M
 * (the q − 1 magnitude bits hold it). The model's c is set so that p = max(4, 2⌈c·log₂ N⌉) is
 * that p at length N; c ≈ 2 + O(1/log N): log precision, independent of k.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 4.1, Thm 4.2 (pointer doubling).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { floatToRational, type Float } from '../../core/float.js';
import type { FeedForward, Head, Layer, Matrix, TransformerModel } from '../../core/transformer.js';

/** The coordinates of the residual stream. @category constructions */
export const KHOP_COORDS = {
  one: 0,
  pos: 1,
  pos2: 2,
  isFirst: 3,
  posNF: 4,
  notFirst: 5,
  tok: 6,
  tok2: 7,
  prev: 8,
  prev2: 9,
  tokNF: 10,
  D: 11,
  V: 12,
  TR: 13,
  sD: 14,
  sV: 15,
  sTR: 16,
} as const;

/** d_model of the construction (constant). @category constructions */
export const KHOP_WIDTH = 17;

type Coord = keyof typeof KHOP_COORDS;

/** Layers of the construction: 2 for k = 1, else ⌈log₂ k⌉ + 2. @category constructions */
export const khopLayers = (k: number): number => {
  let t = 0;
  while (2 ** t < k) t++;
  return Math.max(2, t + 2);
};

/** Which layers add hops: `adds[0]` is layer 2 (adds 1), `adds[ℓ − 2]` layer ℓ ≥ 3 (adds 2^(ℓ−3)). @category constructions */
export const khopPlan = (k: number): boolean[] => {
  const L = khopLayers(k);
  if (k === 2 ** (L - 2)) return Array.from({ length: L - 1 }, () => true);
  return [false, ...Array.from({ length: L - 2 }, (_, t) => Math.floor(k / 2 ** t) % 2 === 1)];
};

/** The largest magnitude of a number the model computes at length N over |Σ| symbols. @category constructions */
export const khopMagnitude = (n: number, alphabetSize: number): number => Math.max(2 * n * n, 3 * n * alphabetSize * alphabetSize + n);

/**
 * The precision p (even) at which the model computes only exact integers: the least p with
 * 2^(p/2 − 1) > M ({@link khopMagnitude}).
 * @category constructions
 */
export const khopPrecision = (n: number, alphabetSize: number): number => {
  const m = khopMagnitude(n, alphabetSize);
  let q = 2;
  while (2 ** (q - 1) <= m) q++;
  return Math.max(4, 2 * q);
};

/** The precision constant c with 2⌈c·log₂ N⌉ = p (N ≥ 2). @category constructions */
export const khopPrecisionConstant = (n: number, p: number): number => (n < 2 ? p / 2 : p / 2 / Math.log2(n) - 1e-13);

const row = (entries: Partial<Record<Coord, number>>): number[] => {
  const r = Array.from({ length: KHOP_WIDTH }, () => 0);
  for (const [k, v] of Object.entries(entries) as [Coord, number][]) r[KHOP_COORDS[k]] = v;
  return r;
};

/** W_O writing head coordinate r into `targets[r]` (null: dropped). */
const writeOut = (targets: readonly (Coord | null)[]): Matrix =>
  Array.from({ length: KHOP_WIDTH }, (_, k) => targets.map((t) => (t !== null && KHOP_COORDS[t] === k ? 1 : 0)));

/**
 * A hard head: rows of W_Q, W_K, W_V (padded with zero rows to one d_head, as the model format
 * asks) and the coordinates W_O writes the value's rows into.
 */
const hardHead = (wq: Matrix, wk: Matrix, wv: Matrix, targets: readonly (Coord | null)[]): Head => {
  const dHead = Math.max(wq.length, wk.length, wv.length);
  const pad = (m: Matrix): Matrix => [...m, ...Array.from({ length: dHead - m.length }, () => row({}))];
  return { attention: 'hard', wq: pad(wq), wk: pad(wk), wv: pad(wv), wo: writeOut([...targets, ...Array.from({ length: dHead - targets.length }, () => null)]) };
};

/** A feed-forward block from hidden units (a row of W_1 and b_1) and their writes (coordinate, weight). */
const ffnOf = (units: readonly { readonly w: Partial<Record<Coord, number>>; readonly b: number; readonly out: readonly (readonly [Coord, number])[] }[]): FeedForward => ({
  w1: units.map((u) => row(u.w)),
  b1: units.map((u) => u.b),
  w2: Array.from({ length: KHOP_WIDTH }, (_, k) => units.map((u) => u.out.filter(([c]) => KHOP_COORDS[c] === k).reduce((s, [, w]) => s + w, 0))),
  b2: Array.from({ length: KHOP_WIDTH }, () => 0),
});

/** Options of {@link khopTransformer}. @category constructions */
export interface KHopTransformerOptions {
  /** Override the precision p (default {@link khopPrecision}); for measuring the least p that works. */
  readonly precision?: number;
}

/**
 * The k-hop model for sequences of length N over `alphabet` (k ≥ 1, N ≥ 1, 1 ≤ |Σ|).
 * @category constructions
 */
export const khopTransformer = (k: number, n: number, alphabet: readonly string[], opts: KHopTransformerOptions = {}): Either<string, TransformerModel> => {
  if (!Number.isSafeInteger(k) || k < 1) return left(`khopTransformer: k must be an integer ≥ 1, got ${k}`);
  if (!Number.isSafeInteger(n) || n < 1) return left(`khopTransformer: N must be an integer ≥ 1, got ${n}`);
  if (alphabet.length < 1) return left('khopTransformer: the alphabet must have at least one symbol');
  const A = alphabet.length;
  const B = n;
  const p = opts.precision ?? khopPrecision(n, A);
  if (p > 64) return left(`khopTransformer: N = ${n}, |Σ| = ${A} needs p = ${p} bits, beyond the kernel's 64`);
  const plan = khopPlan(k);
  const tokenEmbedding = alphabet.map((_, s) => row({ tok: s + 1, tok2: (s + 1) ** 2, TR: s + 1 }));
  const rows = Array.from({ length: n }, (_, i) => {
    const j = i + 1;
    return row({ one: 1, pos: j, pos2: j * j, isFirst: j === 1 ? 1 : 0, posNF: j === 1 ? 0 : j, notFirst: j === 1 ? 0 : 1 });
  });
  const previous: Layer = {
    heads: [
      hardHead([row({ pos: 1, one: -1 }), row({ one: 1 })], [row({ pos: 2 }), row({ pos2: -1 })], [row({ tok: 1 }), row({ tok2: 1 })], ['prev', 'prev2']),
    ],
    ffn: ffnOf([
      { w: { prev: 1, isFirst: -A }, b: 0, out: [['prev', 1]] },
      { w: { prev: 1 }, b: 0, out: [['prev', -1]] },
      { w: { prev2: 1, isFirst: -A * A }, b: 0, out: [['prev2', 1]] },
      { w: { prev2: 1 }, b: 0, out: [['prev2', -1]] },
      { w: { tok: 1, isFirst: -A }, b: 0, out: [['tokNF', 1]] },
    ]),
  };
  const findOne: Layer = {
    heads: [
      hardHead(
        [row({ tok: 2 * B }), row({ one: -B }), row({ one: 1 }), row({ tok2: B })],
        [row({ prev: 1 }), row({ prev2: 1 }), row({ pos: 1 }), row({ isFirst: 1 })],
        [row({ posNF: 1 }), row({ notFirst: 1 }), row({ tokNF: 1 })],
        ['D', 'V', plan[0] === true ? 'TR' : null],
      ),
    ],
    // TR held a (R = identity); when this layer adds a hop, remove a (TR = a + X_(find¹) → X_(find¹))
    ffn: plan[0] === true ? ffnOf([{ w: { tok: 1 }, b: 0, out: [['TR', -1]] }]) : null,
  };
  const doubling = (adds: boolean): Layer => {
    const head = hardHead([row({ D: 1 }), row({ one: 1 })], [row({ pos: 2 }), row({ pos2: -1 })], [row({ D: 1 }), row({ V: 1 }), row({ TR: 1 })], ['sD', 'sV', 'sTR']);
    return {
      heads: [head],
      ffn: ffnOf([
        { w: { sD: 1, V: B }, b: -B, out: [['D', 1]] },
        { w: { D: 1 }, b: 0, out: [['D', -1]] },
        { w: { sV: 1, V: 1 }, b: -1, out: [['V', 1]] },
        { w: { V: 1 }, b: 0, out: [['V', -1]] },
        ...(adds
          ? [
              { w: { sTR: 1, V: A }, b: -A, out: [['TR', 1]] as const },
              { w: { TR: 1 }, b: 0, out: [['TR', -1]] as const },
            ]
          : []),
        { w: { sD: 1 }, b: 0, out: [['sD', -1]] },
        { w: { sV: 1 }, b: 0, out: [['sV', -1]] },
        { w: { sTR: 1 }, b: 0, out: [['sTR', -1]] },
      ]),
    };
  };
  return right({
    alphabet: [...alphabet],
    dModel: KHOP_WIDTH,
    precision: { c: khopPrecisionConstant(n, p) },
    causal: true,
    tokenEmbedding,
    positional: { kind: 'table', rows },
    layers: [previous, findOne, ...plan.slice(1).map((adds) => doubling(adds))],
    output: { kind: 'state' },
  });
};

/**
 * The answers at each position from the final states: the symbol index, null for ⊥ (TR = 0),
 * or `undefined` where TR is not an integer in 0 … |Σ| (a broken model). `coordinate` is TR's
 * index (default this model's; `KHOP_CONTENT_COORDS.TR` for the content-hop model).
 * @category destructors
 */
export const decodeKHopOutput = (finalStates: readonly (readonly Float[])[], alphabetSize: number, coordinate: number = KHOP_COORDS.TR): (number | null | undefined)[] =>
  finalStates.map((s) => {
    const f = s[coordinate];
    if (f === undefined) return undefined;
    const r = floatToRational(f);
    if (r.den !== 1n || r.num < 0n || r.num > BigInt(alphabetSize)) return undefined;
    return r.num === 0n ? null : Number(r.num) - 1;
  });

/** The same, from a float64 run. @category destructors */
export const decodeKHopOutput64 = (finalStates: readonly (readonly number[])[], alphabetSize: number, coordinate: number = KHOP_COORDS.TR): (number | null | undefined)[] =>
  finalStates.map((s) => {
    const x = s[coordinate];
    if (x === undefined || !Number.isInteger(x) || x < 0 || x > alphabetSize) return undefined;
    return x === 0 ? null : x - 1;
  });
