/**
 * # k-hop induction heads in ⌊log₂ k⌋ + 2 layers: content hops (P2 Thm 4.2's count)
 *
 * A second explicit model for hop_k (P2 Def 4.1), with P2 Thm 4.2's layer count
 * L = ⌊log₂ k⌋ + 2, one hard head per layer (H = 1), width 23, causal mask. Where the model of
 * `khopTransformer.ts` looks a known pointer up (layer ℓ attends to the position D(i) it
 * already knows), each layer here makes one hop **by content** from its pointer p = D(i): it
 * attends to find¹(p) = the largest j ≤ p with X_(j−1) = X_p, and reads the pointer stored
 * there. That adds one hop per layer to the doubling: D = find^(2^(ℓ−1) − 1) after layer ℓ,
 * and layer ℓ ≥ 3 can add 2^(ℓ−2) hops to the answer, so k < 2^(L−1) is reached in L layers.
 *
 * ## Main definitions
 * - {@link khopContentTransformer}: (k, N, alphabet) ↦ the model, for N ≤ {@link khopContentMaxN}.
 * - {@link khopContentLayers}: ⌊log₂ k⌋ + 2.
 * - {@link khopContentPrecision}: the p at which the model is exact.
 *
 * ## The one-sided score
 * "The largest j ≤ p" is not a bilinear function of (j, p) with small numbers (a causal mask
 * only gives j ≤ i). Here the score of key j for a query with pointer p is
 * B·(2τ·X_(j−1) − X_(j−1)²) + B·τ²·[j = 1] + j − 2^(m(j−p)−1)
 * (τ = X_p, B = N + 1, 2^(m−1) ≥ N): a match with j ≤ p scores B·τ² + j − (at most 1/2), the
 * sentinel j = 1 scores at most B·τ² + 1, every j > p at most B·τ² + N − 2^(m−1) < B·τ² + 1, and a
 * mismatch at most B·(τ² − 1) + N. The term 2^(m(j−p)−1) = λ_p·μ_j is one product of the
 * positional features μ_j = 2^(m(j−c)) and λ_p = 2^(m(c−p)−1) (c = ⌈N/2⌉), and λ_p is copied from
 * position p when the pointer is set. These numbers have exponents up to m·N/2: nothing for the
 * p-precision floats (whose exponent range is 2^(p/2−1)), but the model format stores weights
 * as doubles, so N is limited to m·⌈N/2⌉ + 1 ≤ 1023, i.e. N ≤ {@link khopContentMaxN}() = 226.
 *
 * ## The layers
 * 1. previous token (as in `khopTransformer.ts`); the feed-forward block zeroes it at j = 1 and
 *    writes tokNF = X_j·[j ≥ 2].
 * 2. find¹ from i (the causal mask is the "j ≤ i"): copies at y = find¹(i) (or the sentinel 1)
 *    V = [y ≥ 2], TD = X_y, TD2 = X_y², LD = λ_y, and TR = X_y·[y ≥ 2] when bit 0 of k is 1.
 * 3. layer ℓ ≥ 3: the content hop above from p = D(i) to y = find¹(p); copies y's V, TD, TD2, LD
 *    and TR, and [y ≥ 2]; then V ← V_i ∧ V_y, (TD, TD2, LD) ← y's (the new pointer
 *    find^(2D+1)(i)), and TR ← TR_y gated by V_i and [y ≥ 2] when bit ℓ − 2 of k is 1.
 * LD alternates between two coordinates (the old one is cleared, the new one written into a zero
 * coordinate), so that the float64 reading never adds numbers of very different magnitude.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 4.1, Thm 4.2.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { FeedForward, Head, Layer, Matrix, TransformerModel } from '../../core/transformer.js';
import { khopPrecisionConstant } from './khopTransformer.js';

/** The coordinates of the residual stream. @category constructions */
export const KHOP_CONTENT_COORDS = {
  one: 0,
  pos: 1,
  pos2: 2,
  isFirst: 3,
  notFirst: 4,
  mu: 5,
  lam: 6,
  tok: 7,
  tok2: 8,
  prev: 9,
  prev2: 10,
  tokNF: 11,
  V: 12,
  TD: 13,
  TD2: 14,
  LD0: 15,
  LD1: 16,
  TR: 17,
  sV: 18,
  sTD: 19,
  sTD2: 20,
  sTR: 21,
  sN: 22,
} as const;

/** d_model (constant). @category constructions */
export const KHOP_CONTENT_WIDTH = 23;

type Coord = keyof typeof KHOP_CONTENT_COORDS;

/** ⌊log₂ k⌋ + 2 (k ≥ 1). @category constructions */
export const khopContentLayers = (k: number): number => Math.floor(Math.log2(k) + 1e-12) + 2;

const scaleBits = (n: number): number => {
  let m = 1;
  while (2 ** (m - 1) < n) m++;
  return m;
};

/** The largest N whose positional features 2^(±m·⌈N/2⌉) are doubles. @category constructions */
export const khopContentMaxN = (): number => {
  let n = 1;
  while (scaleBits(n + 1) * Math.ceil((n + 1) / 2) + 1 <= 1023) n++;
  return n;
};

/**
 * The precision p (even): q − 1 magnitude bits hold every integer part (2N², 3(N+1)|Σ|² + 2N)
 * with 2 bits to spare for the fractions, and the exponent range holds λ and μ.
 * @category constructions
 */
export const khopContentPrecision = (n: number, alphabetSize: number): number => {
  const ints = Math.max(2 * n * n, 3 * (n + 1) * alphabetSize * alphabetSize + 2 * n);
  const expo = scaleBits(n) * Math.ceil(n / 2) + 2;
  let q = 2;
  while (2 ** (q - 1) <= ints * 4 || 2 ** (q - 1) - 1 < expo) q++;
  return 2 * q;
};

const row = (entries: Partial<Record<Coord, number>>): number[] => {
  const r = Array.from({ length: KHOP_CONTENT_WIDTH }, () => 0);
  for (const [k, v] of Object.entries(entries) as [Coord, number][]) r[KHOP_CONTENT_COORDS[k]] = v;
  return r;
};

const hardHead = (wq: Matrix, wk: Matrix, wv: Matrix, targets: readonly (Coord | null)[]): Head => {
  const dHead = Math.max(wq.length, wk.length, wv.length);
  const pad = (m: Matrix): Matrix => [...m, ...Array.from({ length: dHead - m.length }, () => row({}))];
  const all = [...targets, ...Array.from({ length: dHead - targets.length }, () => null)];
  const wo = Array.from({ length: KHOP_CONTENT_WIDTH }, (_, k) => all.map((t) => (t !== null && KHOP_CONTENT_COORDS[t] === k ? 1 : 0)));
  return { attention: 'hard', wq: pad(wq), wk: pad(wk), wv: pad(wv), wo };
};

const ffnOf = (units: readonly { readonly w: Partial<Record<Coord, number>>; readonly b: number; readonly out: readonly (readonly [Coord, number])[] }[]): FeedForward => ({
  w1: units.map((u) => row(u.w)),
  b1: units.map((u) => u.b),
  w2: Array.from({ length: KHOP_CONTENT_WIDTH }, (_, k) => units.map((u) => u.out.filter(([c]) => KHOP_CONTENT_COORDS[c] === k).reduce((s, [, w]) => s + w, 0))),
  b2: Array.from({ length: KHOP_CONTENT_WIDTH }, () => 0),
});

/** Options: override the precision p (for measuring the least p that works). @category constructions */
export interface KHopContentOptions {
  readonly precision?: number;
}

/**
 * The content-hop k-hop model for sequences of length N ≤ {@link khopContentMaxN} over `alphabet`.
 * @category constructions
 */
export const khopContentTransformer = (k: number, n: number, alphabet: readonly string[], opts: KHopContentOptions = {}): Either<string, TransformerModel> => {
  if (!Number.isSafeInteger(k) || k < 1) return left(`khopContentTransformer: k must be an integer ≥ 1, got ${k}`);
  if (!Number.isSafeInteger(n) || n < 1) return left(`khopContentTransformer: N must be an integer ≥ 1, got ${n}`);
  const maxN = khopContentMaxN();
  if (n > maxN) return left(`khopContentTransformer: N = ${n} is beyond ${maxN}: the positional features 2^(±m·⌈N/2⌉) would not be doubles`);
  if (alphabet.length < 1) return left('khopContentTransformer: the alphabet must have at least one symbol');
  const A = alphabet.length;
  const B = n + 1;
  const m = scaleBits(n);
  const c = Math.ceil(n / 2);
  const p = opts.precision ?? khopContentPrecision(n, A);
  if (p > 64) return left(`khopContentTransformer: N = ${n}, |Σ| = ${A} needs p = ${p} bits, beyond the kernel's 64`);
  const L = khopContentLayers(k);
  const bit = (t: number): boolean => Math.floor(k / 2 ** t) % 2 === 1;
  const tokenEmbedding = alphabet.map((_, s) => row({ tok: s + 1, tok2: (s + 1) ** 2, TR: s + 1 }));
  const rows = Array.from({ length: n }, (_, i) => {
    const j = i + 1;
    return row({ one: 1, pos: j, pos2: j * j, isFirst: j === 1 ? 1 : 0, notFirst: j === 1 ? 0 : 1, mu: 2 ** (m * (j - c)), lam: 2 ** (m * (c - j) - 1) });
  });
  const previous: Layer = {
    heads: [hardHead([row({ pos: 1, one: -1 }), row({ one: 1 })], [row({ pos: 2 }), row({ pos2: -1 })], [row({ tok: 1 }), row({ tok2: 1 })], ['prev', 'prev2'])],
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
        [row({ notFirst: 1 }), row({ tok: 1 }), row({ tok2: 1 }), row({ lam: 1 }), row({ tokNF: 1 })],
        ['V', 'TD', 'TD2', 'LD0', bit(0) ? 'TR' : null],
      ),
    ],
    ffn: bit(0) ? ffnOf([{ w: { tok: 1 }, b: 0, out: [['TR', -1]] }]) : null,
  };
  const contentHop = (layer: number): Layer => {
    const cur: Coord = layer % 2 === 1 ? 'LD0' : 'LD1'; // layer 3 reads LD0
    const next: Coord = cur === 'LD0' ? 'LD1' : 'LD0';
    const adds = bit(layer - 2);
    return {
      heads: [
        hardHead(
          [row({ TD: 2 * B }), row({ one: -B }), row({ TD2: B }), row({ one: 1 }), row({ [cur]: -1 })],
          [row({ prev: 1 }), row({ prev2: 1 }), row({ isFirst: 1 }), row({ pos: 1 }), row({ mu: 1 })],
          [row({ V: 1 }), row({ TD: 1 }), row({ TD2: 1 }), row({ [cur]: 1 }), row({ TR: 1 }), row({ notFirst: 1 })],
          ['sV', 'sTD', 'sTD2', next, 'sTR', 'sN'],
        ),
      ],
      ffn: ffnOf([
        { w: { sV: 1, V: 1 }, b: -1, out: [['V', 1]] },
        { w: { V: 1 }, b: 0, out: [['V', -1]] },
        { w: { sTD: 1 }, b: 0, out: [['TD', 1], ['sTD', -1]] },
        { w: { TD: 1 }, b: 0, out: [['TD', -1]] },
        { w: { sTD2: 1 }, b: 0, out: [['TD2', 1], ['sTD2', -1]] },
        { w: { TD2: 1 }, b: 0, out: [['TD2', -1]] },
        { w: { [cur]: 1 }, b: 0, out: [[cur, -1]] },
        ...(adds
          ? [
              { w: { sTR: 1, V: A, sN: A }, b: -2 * A, out: [['TR', 1]] as const },
              { w: { TR: 1 }, b: 0, out: [['TR', -1]] as const },
            ]
          : []),
        { w: { sV: 1 }, b: 0, out: [['sV', -1]] },
        { w: { sTR: 1 }, b: 0, out: [['sTR', -1]] },
        { w: { sN: 1 }, b: 0, out: [['sN', -1]] },
      ]),
    };
  };
  return right({
    alphabet: [...alphabet],
    dModel: KHOP_CONTENT_WIDTH,
    precision: { c: khopPrecisionConstant(n, p) },
    causal: true,
    tokenEmbedding,
    positional: { kind: 'table', rows },
    layers: [previous, findOne, ...Array.from({ length: L - 2 }, (_, t) => contentHop(t + 3))],
    output: { kind: 'state' },
  });
};
