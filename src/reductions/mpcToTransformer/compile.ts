/**
 * # mpc-to-transformer: a table protocol compiled into a concrete transformer (P2 Thm 3.1)
 *
 * An R-round protocol of the restricted family of `src/core/mpc/tableProtocol.ts` (static
 * routing, each word a memory word, a constant or a table look-up of one memory word) becomes a
 * kernel {@link TransformerModel} with R layers (P2 claims R + 1), one hard-attention head per
 * layer doing the routing, and a ReLU feed-forward block doing the local table look-ups.
 *
 * ## Main definitions
 * - {@link protocolLayout}: for every round r = 0 … R and machine i, where each word of i's
 *   memory comes from (round 0: the input; round r: (sender, word expression) in the inbox order
 *   of the semantics: by sender, then by the sender's order). A slot read that the memory does
 *   not have is refused here, as `runMpc` refuses it (`local`).
 * - {@link mpcToTransformer}: the model, with the tokens of an input and the positions of the
 *   output words ({@link CompiledProtocol}).
 *
 * ## Implementation notes
 * - **One token per memory word.** Token τ = i·s + t holds word t of machine i's memory (0 when
 *   the memory is shorter), so there are N = max(2, q·s) tokens: the input words (word j sits on
 *   machine ⌊j/s⌋ at slot j mod s, which is token j, as the semantics places it) followed by
 *   blanks. P2 uses one token per machine and packs a machine's s words in an embedding of width
 *   m = O(s⁴ log n); here the s words are spread over s tokens, so the width does not grow with s
 *   and one head suffices. The total size (tokens × width) is the same order, q·s·(R + 5).
 * - **Routing by attention.** In round r, word t of machine i is the expression e of a sender j;
 *   e reads j's memory word u (a `slot` or `lookup`), which lives on token σ = j·s + u. The
 *   positional table stores σ_r(τ) in a coordinate per round; the head's query is (σ_r(τ), 1), its
 *   key (2·pos, −pos²), so the score 2σ·pos − pos² = σ² − (pos − σ)² is maximal exactly at
 *   pos = σ, and the hard head copies σ's word into the `fetched` coordinate. All integers here are
 *   below 2N², exact at the precision chosen.
 * - **Local functions by the feed-forward block.** The new word is F(z) for the integer
 *   z = K·τ + fetched (K = 2^wordBits): F(z) = G_τ(fetched) with G_τ the identity (`slot`),
 *   x ↦ table[x] or 0 (`lookup`), the constant (`const`), or 0 (a slot the memory does not have).
 *   A one-hidden-layer ReLU network computes F exactly on the integers 0 … N·K − 1 as its
 *   piecewise-linear interpolation F(0) + Σ_c (Δ_c − Δ_(c−1))·ReLU(z − c), Δ_c = F(c + 1) − F(c):
 *   one hidden unit per slope change (at most N·K), plus two units that clear the old word and
 *   the fetched one (ReLU(x) = x for x ≥ 0, weighted −1). Why a concrete model and not the
 *   kernel's GeneralModel: with one word per token a local function is a function of one
 *   integer, which a ReLU layer expresses exactly; GeneralModel is not needed.
 * - **Precision.** Every product the model forms is an integer of at most B =
 *   max(bitlen(2N²), bitlen(2N·K²)) bits, so p = 2(B + 1) (p/2 − 1 ≥ B magnitude bits) makes
 *   all arithmetic exact; c = (B + 1)/log₂ N is stored in the model. The compiler refuses a
 *   protocol that would need p > 64.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024: Thm 3.1 (an R-round MPC protocol by a transformer
 * with R + 1 layers, m = O(n^(4δ) log n), H = O(log log n)) and Lemma 3.2 (one layer routes).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { TableProtocol, WordExpr } from '../../core/mpc/tableProtocol.js';
import type { Word } from '../../core/mpc/semantics.js';
import type { FeedForward, Layer, Matrix, TransformerModel } from '../../core/transformer.js';

/** Where one memory word comes from: the input (round 0), or a sender's word expression. @category model */
export type WordSource = { readonly kind: 'input'; readonly index: number } | { readonly kind: 'sent'; readonly from: number; readonly expr: WordExpr };

/** `layout[r][i]`: machine i's memory after round r, word by word. @category model */
export type ProtocolLayout = readonly (readonly (readonly WordSource[])[])[];

/**
 * The static memory layout of a table protocol on n input words: round 0 the input placement,
 * round r the inbox order of the semantics. Refuses what `runMpc` would refuse for every input
 * (too long an input, a slot the memory lacks, over s words sent or received).
 * @category layout
 */
export const protocolLayout = (tp: TableProtocol, n: number): Either<string, ProtocolLayout> => {
  const { machines: q, memory: s } = tp;
  if (n > q * s) return left(`mpcToTransformer: the ${n} input words do not fit on q = ${q} machines of s = ${s} words`);
  let cur: WordSource[][] = Array.from({ length: q }, (_, i) => Array.from({ length: Math.max(0, Math.min(s, n - i * s)) }, (_, t) => ({ kind: 'input' as const, index: i * s + t })));
  const out: WordSource[][][] = [cur];
  for (let r = 1; r <= tp.rounds.length; r++) {
    const next: WordSource[][] = Array.from({ length: q }, () => []);
    for (let j = 0; j < q; j++) {
      const program = tp.rounds[r - 1]!.programs[j] ?? [];
      let sent = 0;
      for (const m of program) {
        if (!(Number.isSafeInteger(m.to) && m.to >= 0 && m.to < q)) return left(`mpcToTransformer: machine ${j} in round ${r} sends to ${m.to}, not a machine`);
        for (const e of m.words) {
          if (e.kind !== 'const' && !(e.slot >= 0 && e.slot < cur[j]!.length)) {
            return left(`mpcToTransformer: machine ${j} in round ${r} reads slot ${e.slot} of a memory of ${cur[j]!.length} words`);
          }
          next[m.to]!.push({ kind: 'sent', from: j, expr: e });
        }
        sent += m.words.length;
      }
      if (sent > s) return left(`mpcToTransformer: machine ${j} sends ${sent} words in round ${r}, more than s = ${s}`);
    }
    const over = next.findIndex((b) => b.length > s);
    if (over >= 0) return left(`mpcToTransformer: machine ${over} receives ${next[over]!.length} words in round ${r}, more than s = ${s}`);
    cur = next;
    out.push(cur);
  }
  return right(out);
};

/** A compiled protocol: the model, how to make its input, and where its output is. @category model */
export interface CompiledProtocol {
  readonly model: TransformerModel;
  /** N, the number of tokens (max(2, q·s)). */
  readonly tokens: number;
  /** The token indices of an input: the words, then blanks (index 2^wordBits) up to N. */
  readonly encode: (input: readonly Word[]) => number[];
  /** The token of each output word, in the order of `runMpc`'s output. */
  readonly outputTokens: readonly number[];
  /** The coordinate of a token's state that holds its word. */
  readonly wordCoordinate: number;
  /** Figures of the construction. */
  readonly figures: { readonly layers: number; readonly heads: number; readonly width: number; readonly hidden: number; readonly precision: number };
}

const bitlen = (x: number): number => (x <= 0 ? 0 : Math.floor(Math.log2(x)) + 1);

/** The coordinates of the state. */
const W = 0; // the word
const F = 1; // the fetched word
const POS = 2; // τ
const POS2 = 3; // τ²
const ONE = 4; // 1
const SRC = (r: number): number => 4 + r; // σ_r(τ), r = 1 … R

const unit = (d: number, k: number, v = 1): number[] => Array.from({ length: d }, (_, i) => (i === k ? v : 0));

/** G_τ for a word source: the new word as a function of the fetched word. */
const localFn = (src: WordSource | undefined, K: number): ((x: number) => number) => {
  if (src === undefined) return () => 0;
  if (src.kind === 'input') return (x) => x;
  const e = src.expr;
  if (e.kind === 'const') return () => e.value;
  if (e.kind === 'slot') return (x) => x;
  return (x) => (x < K ? (e.table[x] ?? 0) : 0);
};

/**
 * Compile a table protocol at input length n into a concrete transformer (see the module notes).
 * @category constructions
 */
export const mpcToTransformer = (tp: TableProtocol, n: number): Either<string, CompiledProtocol> => {
  const lay = protocolLayout(tp, n);
  if (lay._tag === 'Left') return lay;
  const layout = lay.right;
  const { machines: q, memory: s, wordBits } = tp;
  const R = tp.rounds.length;
  const K = 2 ** wordBits;
  const N = Math.max(2, q * s);
  const B = Math.max(bitlen(2 * N * N), bitlen(2 * N * K * K));
  const p = 2 * (B + 1);
  if (p > 64) return left(`mpcToTransformer: exact arithmetic needs p = ${p} bits (N = ${N} tokens, ${wordBits}-bit words), more than 64`);
  const d = 5 + R;
  const at = (r: number, tau: number): WordSource | undefined => (tau < q * s ? layout[r]![Math.floor(tau / s)]![tau % s] : undefined);
  // σ_r(τ): the token the word expression reads (itself for a constant or an empty slot)
  const srcOf = (r: number, tau: number): number => {
    const w = at(r, tau);
    if (w === undefined || w.kind === 'input' || w.expr.kind === 'const') return tau;
    return w.from * s + w.expr.slot;
  };
  const rows: Matrix = Array.from({ length: N }, (_, tau) => {
    const row = Array.from({ length: d }, () => 0);
    row[POS] = tau;
    row[POS2] = tau * tau;
    row[ONE] = 1;
    for (let r = 1; r <= R; r++) row[SRC(r)] = srcOf(r, tau);
    return row;
  });
  let hiddenMax = 0;
  const layers: Layer[] = [];
  for (let r = 1; r <= R; r++) {
    // F on z = K·τ + x, and its piecewise-linear interpolation
    const fz = (z: number): number => localFn(at(r, Math.floor(z / K)), K)(z % K);
    const cuts: { c: number; a: number }[] = [];
    let prevSlope = 0;
    for (let c = 0; c + 1 < N * K; c++) {
      const slope = fz(c + 1) - fz(c);
      if (slope !== prevSlope) cuts.push({ c, a: slope - prevSlope });
      prevSlope = slope;
    }
    const hidden = 2 + cuts.length;
    hiddenMax = Math.max(hiddenMax, hidden);
    const w1: number[][] = [unit(d, W), unit(d, F), ...cuts.map(() => Array.from({ length: d }, (_, k) => (k === POS ? K : k === F ? 1 : 0)))];
    const b1 = [0, 0, ...cuts.map(({ c }) => (c === 0 ? 0 : -c))];
    const w2: number[][] = Array.from({ length: d }, (_, k) => (k === W ? [-1, 0, ...cuts.map(({ a }) => a)] : k === F ? [0, -1, ...cuts.map(() => 0)] : Array.from({ length: hidden }, () => 0)));
    const b2 = unit(d, W, fz(0));
    const ffn: FeedForward = { w1, b1, w2, b2 };
    layers.push({
      // d_head = 2 for the query and key; the value's second row is zero (the model format wants one d_head per head)
      heads: [{ attention: 'hard', wq: [unit(d, SRC(r)), unit(d, ONE)], wk: [unit(d, POS, 2), unit(d, POS2, -1)], wv: [unit(d, W), unit(d, W, 0)], wo: Array.from({ length: d }, (_, k) => [k === F ? 1 : 0, 0]) }],
      ffn,
    });
  }
  const alphabet = [...Array.from({ length: K }, (_, x) => String(x)), '_'];
  const model: TransformerModel = {
    alphabet,
    dModel: d,
    precision: { c: (B + 1) / Math.log2(N) },
    causal: false,
    tokenEmbedding: alphabet.map((_, x) => unit(d, W, x < K ? x : 0)),
    positional: { kind: 'table', rows },
    layers,
    output: { kind: 'state' },
  };
  const outputTokens = layout[R]!.flatMap((mem, i) => mem.map((_, t) => i * s + t));
  return right({
    model,
    tokens: N,
    encode: (input) => Array.from({ length: N }, (_, t) => (t < input.length ? input[t]! : K)),
    outputTokens,
    wordCoordinate: W,
    figures: { layers: R, heads: R === 0 ? 0 : 1, width: d, hidden: hiddenMax, precision: p },
  });
};
