/**
 * # A transformer that evaluates threshold circuits (P1 Lemma 3, Theorem 3)
 *
 * For every depth bound d, one concrete transformer (the kernel's `TransformerModel`, run by
 * `runTransformer` in p-precision) that reads a threshold circuit of depth ≤ d serialized in P1
 * §3 prefix form, one symbol per position, followed by its input bits, and accepts iff the
 * circuit outputs 1. Its weights do not depend on the circuit or on the length.
 *
 * ## Main definitions
 * - {@link circuitEvaluatorTransformer}: d ↦ the model, with its coordinate names.
 * - {@link EVALUATOR_ALPHABET}, {@link evaluatorLayers}, {@link evaluatorWidth}: the symbols,
 *   the layer count 2d + 4 and the width 42 + 5d.
 *
 * ## The input
 * Symbols: the gate words `X NOT AND OR <= >=`, the digits `0 1` (threshold strings and the
 * ones of pointers), `&`, and the input bits `F` (0) and `T` (1) — distinct from the digits,
 * because with `0`/`1` for both, `… &11` followed by the bits `1 0` reads as `… &111` then `0`.
 * So `X X <= 0 &1 >= 10 & &11` on x = 10 is the 15 positions
 * `X X <= 0 & 1 >= 1 0 & & 1 1 T F` (P1's example, repaired: `docs/errata.md`).
 *
 * ## The construction (what P1's proof leaves open, made precise)
 * P1 sketches: embeddings ⟨one-hot(w_i), i/n⟩, saturated attention, "thresholded-linear
 * pooling", two layers per level. In the kernel's models — one ReLU block per layer, no layer
 * norm — three things need care, and these are the choices:
 * 1. **Counts.** A pointer `&1^j` names gate j, so positions must know gate indices, i.e.
 *    counts of gate words. Attention only averages: a masked uniform head gives G_i/i. Turning
 *    that into G_i needs a product with i, so feed-forward blocks may carry a ReGLU gate
 *    (`FeedForward.gate`), and heads may carry their own causal mask (`Head.causal`) so that
 *    prefix averages and look-ups ahead live in one model: the two kernel extensions this
 *    lemma asked for (`docs/semantics.md`).
 * 2. **Matching.** "Attend to gate j" is hard attention with score −(Ĝ_k − j′)², written
 *    bilinearly as 2·j′·Ĝ_k − Ĝ_k² − j′², where Ĝ_k is the (rounded, not exact) count held at
 *    k. Every position copies Ĝ (and squares it) from its gate word — the *block* of gate g is
 *    its word, threshold string and pointers (and, for the output gate, the input bits) — so
 *    all positions of a block hold bit-identical keys, which makes averages over a block's
 *    positions exact to the bit.
 * 3. **Thresholds without a margin.** θ≥k(S of m arguments) compares S/m with k/m. Both are
 *    saturated averages over m positions (the gate's argument markers; its threshold string),
 *    so a = fl(S·fl(1/m)) and b = fl(k·fl(1/m)) are *equal floats when S = k*, and ordered
 *    correctly otherwise (given the precision). No fixed ReLU step can turn a − b into 0/1 for
 *    every m, so the comparison is made by attention: each block position carries a static
 *    value v (1 or 0) and a sign σ = 2v − 1; the next level's look-up adds d·σ to its score,
 *    d = a − b (≥), b − a (≤), a − c (AND, c = m/m), −a (NOT), a (OR), 0 (X). If d > 0 the
 *    v = 1 positions win, if d < 0 the v = 0 ones, and on a tie (d = 0, bit-exact) the leftmost
 *    — the gate word, whose v is the tie's answer: 1, except OR (strict: S > 0) whose word
 *    has v = 0. X blocks have d = 0, so the X word wins and its v is the input bit.
 *
 * ## Layers
 * - Layer 1: prefix averages of gate words and input bits (saturated, masked); the last `&`,
 *   gate word or input bit at or before i (hard, masked, score 2·[structural] + i/n). Block:
 *   G̃ = ReLU(G/i) ⊗ i, R̃ likewise for inputs, i², the ones so far in a pointer, "in a
 *   threshold string".
 * - Layer 2: copy G̃ and the gate word's kind from the last gate word (hard, masked); block:
 *   Ĝ², R̃².
 * - Layer 3: the previous position's pointer flag, ones count and Ĝ, Ĝ² (hard, score
 *   −(j − (i − 1))²); X words fetch their input bit (match Ĝ = R̃); the threshold fraction b
 *   (saturated over the block's threshold string). Block: the marker flag m (a position right
 *   after a pointer: it stands for that pointer), the static value v, (j + 1)².
 * - Per level ℓ = 1 … d, two layers: (A) every marker fetches its argument's value — hard
 *   look-up of the block of gate j with score 4·(−(Ĝ − (j + 1))²) + d_(ℓ−1)·σ; (B) every
 *   position averages the fetched values over its block's markers (saturated, score
 *   −(Ĝ_i − Ĝ_(k−1))² + ½·m_k) into a and c; block: d_ℓ·σ by type (ReLU gates on the owner's
 *   kind flags).
 * - Last layer: the last position (in the output gate's block) looks up its own block once
 *   more with d_d·σ; accept iff the fetched v > 0.
 * So 3 + 2d + 1 = 2d + 4 layers: P1's 2d for the levels, plus three that compute counts and
 * pointers (P1 assumes an update f that reads them off i/n directly), plus one to read the
 * output gate's value at the last position.
 *
 * ## Precision
 * The scores involve Ĝ² ≤ N² and must separate a difference of d·σ ≈ 1/m, so p must grow like
 * 2·2 log₂ N: the lemma `transformer-evaluates-tc0` measures the smallest c of
 * p = 2⌈c·log₂ N⌉ that works over its circuits and shows a failure below it.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, §3 (serialization),
 *   §7 (saturated attention), Lemma 3 and Theorem 3.
 * - N. Shazeer, *GLU Variants Improve Transformer*, 2020 (ReGLU).
 *
 * @module
 */
import type { TransformerModel } from '../../core/transformer.js';
import { buildModel, type FfnSpec, type HeadSpec, type LayerSpec, type Lin } from './modelBuilder.js';

/** The symbols, in token order. @category model */
export const EVALUATOR_ALPHABET: readonly string[] = ['X', 'NOT', 'AND', 'OR', '<=', '>=', '0', '1', '&', 'F', 'T'];

const TOKEN_COORD = ['t_X', 't_NOT', 't_AND', 't_OR', 't_LE', 't_GE', 't_0', 't_1', 't_AMP', 't_F', 't_T'] as const;
const KINDS = ['X', 'NOT', 'AND', 'OR', 'LE', 'GE'] as const;

/**
 * The precision constant the evaluator is built with: p = 2⌈2.5·log₂ N⌉. The lemma
 * `transformer-evaluates-tc0` measures the smallest c on a grid that works on its cases (2.25
 * at the time of writing) and shows a failure below it.
 * @category model
 */
export const EVALUATOR_C = 2.5;

/** Layers of the evaluator for depth d: 3 + 2d + 1. @category model */
export const evaluatorLayers = (d: number): number => 2 * d + 4;

/** d_model of the evaluator for depth d: 42 static coordinates, five per level, one output. @category model */
export const evaluatorWidth = (d: number): number => 42 + 5 * d;

/** The built evaluator and its coordinate names (for traces). @category model */
export interface CircuitEvaluator {
  readonly depth: number;
  readonly model: TransformerModel;
  readonly coordinates: readonly string[];
  /** Per layer, what it computes (one line each). */
  readonly layerNames: readonly string[];
}

const sum = (...fs: Lin[]): Lin => {
  const out: Record<string, number> = {};
  for (const f of fs) for (const [k, w] of Object.entries(f)) out[k] = (out[k] ?? 0) + w;
  return out;
};
const scale = (f: Lin, s: number): Lin => Object.fromEntries(Object.entries(f).map(([k, w]) => [k, w * s]));

const isGate: Lin = { t_X: 1, t_NOT: 1, t_AND: 1, t_OR: 1, t_LE: 1, t_GE: 1 };
const isInput: Lin = { t_F: 1, t_T: 1 };
const isStructural: Lin = sum(isGate, isInput, { t_AMP: 1 });

const unit = (u: Lin, out: Lin, gate?: Lin): FfnSpec['units'][number] => (gate === undefined ? { u, out } : { u, out, gate });

/** d·σ for one gate kind: four ReLU units (module header, level layer B). */
const signedMargin = (L: Lin, flag: string, out: string): FfnSpec['units'] => {
  const neg = scale(L, -1);
  return [
    unit(sum(L, { [flag]: 3, v: 3, one: -6 }), { [out]: 1 }),
    unit(sum(neg, { [flag]: 3, v: 3, one: -6 }), { [out]: -1 }),
    unit(sum(L, { [flag]: 3, v: -3, one: -3 }), { [out]: -1 }),
    unit(sum(neg, { [flag]: 3, v: -3, one: -3 }), { [out]: 1 }),
  ];
};

/**
 * Deliberate mistakes, for honesty tests only: OR ties go to 1 (θ≥0 instead of θ≥1), the last
 * level is left out, or the ≤ and ≥ margins are swapped.
 * @category model
 */
export type EvaluatorFault = 'or-tie-to-one' | 'one-level-short' | 'swap-le-ge';

/**
 * The evaluator transformer for circuits of depth ≤ d (module header), at precision constant c
 * (default {@link EVALUATOR_C}: p = 2⌈2.5·log₂ N⌉ for N symbols); `fault` only for honesty tests.
 * @category constructors
 */
export const circuitEvaluatorTransformer = (d: number, c = EVALUATOR_C, fault: EvaluatorFault | null = null): CircuitEvaluator => {
  if (!Number.isSafeInteger(d) || d < 1) throw new RangeError(`circuitEvaluatorTransformer: the depth must be an integer ≥ 1, got ${d}`);
  const level = (l: number, name: string): string => `${name}${l}`;
  const coordinates = [
    'one',
    'pos',
    'frac',
    ...TOKEN_COORD,
    'muG',
    'muR',
    'selAmp',
    'selPos',
    'G',
    'R',
    'pos2',
    'J',
    'thr',
    'Gh',
    ...KINDS.map((k) => `o${k}`),
    'G2',
    'R2',
    'pPtr',
    'pJ',
    'pG',
    'pG2',
    'bit',
    'b',
    'm',
    'v',
    'Jq2',
    ...Array.from({ length: d }, (_, i) => ['arg', 'ga', 'a', 'c', 'ds'].map((n) => level(i + 1, n))).flat(),
    'out',
  ];
  const layers: LayerSpec[] = [];
  const names: string[] = [];
  // layer 1: prefix averages; the last structural symbol
  names.push('counts: prefix averages of gate words and input bits; the last &, gate word or input bit');
  layers.push({
    heads: [
      { attention: 'saturated', causal: true, q: [], k: [], v: [isGate, isInput], out: ['muG', 'muR'] },
      { attention: 'hard', causal: true, q: [{ one: 1 }], k: [sum(scale(isStructural, 2), { frac: 1 })], v: [{ t_AMP: 1 }, { pos: 1 }], out: ['selAmp', 'selPos'] },
    ],
    ffn: {
      units: [
        unit({ muG: 1 }, { G: 1 }, { pos: 1 }),
        unit({ muR: 1 }, { R: 1 }, { pos: 1 }),
        unit({ pos: 1 }, { pos2: 1 }, { pos: 1 }),
        unit({ pos: 1, selPos: -1 }, { J: 1 }),
        unit({ t_0: 1, t_1: 1, selAmp: -1 }, { thr: 1 }),
      ],
    },
  });
  // layer 2: the block's gate word
  names.push("blocks: copy the count and the kind of the last gate word; square the counts");
  layers.push({
    heads: [
      {
        attention: 'hard',
        causal: true,
        q: [{ one: 1 }],
        k: [sum(scale(isGate, 2), { frac: 1 })],
        v: [{ G: 1 }, ...KINDS.map((k) => ({ [`t_${k}`]: 1 }))],
        out: ['Gh', ...KINDS.map((k) => `o${k}`)],
      },
    ],
    ffn: { units: [unit({ Gh: 1 }, { G2: 1 }, { Gh: 1 }), unit({ R: 1 }, { R2: 1 }, { R: 1 })] },
  });
  // layer 3: previous position, input bits, threshold fractions
  names.push('pointers: the previous position; input bits for X; threshold fractions k/m; markers and static values');
  const match = (qG: string, qG2: string, kG: string, kG2: string): { q: Lin[]; k: Lin[] } => ({
    q: [{ [qG]: 2 }, { one: -1 }, { [qG2]: -1 }],
    k: [{ [kG]: 1 }, { [kG2]: 1 }, { one: 1 }],
  });
  const blockMatch = match('Gh', 'G2', 'Gh', 'G2');
  layers.push({
    heads: [
      {
        attention: 'hard',
        causal: false,
        q: [{ pos: 2, one: -2 }, { one: -1 }, { pos2: -1, pos: 2, one: -1 }],
        k: [{ pos: 1 }, { pos2: 1 }, { one: 1 }],
        v: [{ selAmp: 1 }, { J: 1 }, { Gh: 1 }, { G2: 1 }],
        out: ['pPtr', 'pJ', 'pG', 'pG2'],
      },
      { attention: 'hard', causal: false, ...match('Gh', 'G2', 'R', 'R2'), v: [{ t_T: 1 }], out: ['bit'] },
      { attention: 'saturated', causal: false, q: [...blockMatch.q, { one: 0.5 }], k: [...blockMatch.k, { thr: 1 }], v: [{ t_1: 1 }], out: ['b'] },
    ],
    ffn: {
      units: [
        unit({ pPtr: 1, t_1: -1 }, { m: 1 }),
        unit({ bit: 1, t_X: 1, one: -1 }, { v: 1 }),
        unit({ t_NOT: 1, t_AND: 1, t_LE: 1, t_GE: 1 }, { v: 1 }),
        unit(sum({ oOR: 1 }, scale(isGate, -1)), { v: 1 }),
        ...(fault === 'or-tie-to-one' ? [unit({ t_OR: 1 }, { v: 1 })] : []),
        unit({ pJ: 1, one: 1 }, { Jq2: 1 }, { pJ: 1, one: 1 }),
      ],
    },
  });
  // levels
  const levels = fault === 'one-level-short' ? d - 1 : d;
  for (let l = 1; l <= levels; l++) {
    const prev = l === 1 ? null : level(l - 1, 'ds');
    names.push(`level ${l}, fetch: every marker looks up its argument's block${prev === null ? '' : ` (with ${prev}·σ)`}`);
    const fetch: HeadSpec = {
      attention: 'hard',
      causal: false,
      q: [{ pJ: 8, one: 8 }, { one: -4 }, { Jq2: -4 }, ...(prev === null ? [] : [{ one: 1 }])],
      k: [{ Gh: 1 }, { G2: 1 }, { one: 1 }, ...(prev === null ? [] : [{ [prev]: 1 }])],
      v: [{ v: 1 }],
      out: [level(l, 'arg')],
    };
    layers.push({ heads: [fetch], ffn: { units: [unit({ [level(l, 'arg')]: 1, m: 1, one: -1 }, { [level(l, 'ga')]: 1 })] } });
    names.push(`level ${l}, pool: average the fetched values over the block's markers; the signed margin ${level(l, 'ds')}·σ`);
    const a = level(l, 'a');
    const cc = level(l, 'c');
    const ds = level(l, 'ds');
    const margins: Record<(typeof KINDS)[number], Lin | null> = {
      X: null,
      NOT: { [a]: -1 },
      AND: { [a]: 1, [cc]: -1 },
      OR: { [a]: 1 },
      LE: fault === 'swap-le-ge' ? { [a]: 1, b: -1 } : { b: 1, [a]: -1 },
      GE: fault === 'swap-le-ge' ? { b: 1, [a]: -1 } : { [a]: 1, b: -1 },
    };
    layers.push({
      heads: [
        {
          attention: 'saturated',
          causal: false,
          q: [{ Gh: 2 }, { one: -1 }, { G2: -1 }, { one: 0.5 }],
          k: [{ pG: 1 }, { pG2: 1 }, { one: 1 }, { m: 1 }],
          v: [{ [level(l, 'ga')]: 1 }, { m: 1 }],
          out: [a, cc],
        },
      ],
      ffn: { units: KINDS.flatMap((k) => (margins[k] === null ? [] : signedMargin(margins[k], `o${k}`, ds))) },
    });
  }
  names.push('output: the last position looks up its own block (the output gate) once more');
  layers.push({
    heads: [
      {
        attention: 'hard',
        causal: false,
        q: [{ Gh: 8 }, { one: -4 }, { G2: -4 }, ...(levels === 0 ? [] : [{ one: 1 }])],
        k: [{ Gh: 1 }, { G2: 1 }, { one: 1 }, ...(levels === 0 ? [] : [{ [level(levels, 'ds')]: 1 }])],
        v: [{ v: 1 }],
        out: ['out'],
      },
    ],
    ffn: null,
  });
  const model = buildModel({
    alphabet: EVALUATOR_ALPHABET,
    coordinates,
    c,
    embedding: TOKEN_COORD.map((t) => ({ [t]: 1 })),
    positional: { constant: ['one'], index: ['pos'], fraction: ['frac'] },
    layers,
    accept: 'out',
  });
  return { depth: d, model, coordinates, layerNames: names };
};
