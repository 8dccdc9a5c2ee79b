/**
 * # Random transformers
 *
 * fast-check arbitraries of well-formed transformers, concrete ({@link TransformerModel}) and
 * general ({@link GeneralModel}, P1 Defs 6–12), with inputs: for property tests of the kernel's
 * semantics, of the model codec, and of every construction that takes a transformer.
 *
 * ## Main definitions
 * - {@link arbTransformerModel}: a random concrete model (sizes, attention kinds, mask, ffn,
 *   positional kinds, c and the weight distribution all configurable).
 * - {@link arbSoftmaxModel}: the same with softmax heads only.
 * - {@link arbGeneralModel}: a random general model whose φ, s and f are seeded pseudo-random
 *   tables over the floats' bit patterns (total functions).
 * - {@link arbTokens}, {@link arbModelAndInput}: inputs, and models with inputs of a length the
 *   model can run at ({@link precisionAt} is Right).
 * - {@link describeModel}: a compact one-line description, for counterexamples.
 *
 * ## Implementation notes
 * - Weights default to small dyadics k/4 in [−2, 2], exactly representable from p = 8 on, so
 *   p-precision effects come from the arithmetic, not from reading the weights.
 * - A general model's tables: the output for an input (a tag, the layer, the head, p and the
 *   encodings of the input floats) is the bit pattern produced by a 64-bit mix of those words
 *   with the seed, decoded as a p-bit float ({@link decodeFloat} is total on p bits). Scores are
 *   zero with probability ≈ 1/4 and otherwise non-negative (negative ones only when asked).
 *   General models print as `generalModel({ seed, … })` in counterexamples.
 *
 * @module
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { decodeFloat, encodeFloat, zeroFloat, type Float, type FloatParams } from '../core/float.js';
import {
  ATTENTION_KINDS,
  precisionAt,
  type AttentionKind,
  type FeedForward,
  type GeneralModel,
  type Head,
  type Layer,
  type Matrix,
  type OutputRule,
  type Positional,
  type State,
  type TransformerModel,
} from '../core/transformer.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/** An inclusive integer range. @category model */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Options of {@link arbTransformerModel}; every field has a default. @category model */
export interface TransformerArbOptions {
  /** |Σ| (default 1–4). */
  readonly alphabetSize?: IntRange;
  /** d_model (default 1–4). */
  readonly dModel?: IntRange;
  /** Number of layers (default 1–3). */
  readonly layers?: IntRange;
  /** Heads per layer (default 1–2). */
  readonly heads?: IntRange;
  /** d_head of each head (default 1–2). */
  readonly dHead?: IntRange;
  /** Hidden width of feed-forward blocks (default 1–4). */
  readonly hidden?: IntRange;
  /** Attention kinds to draw from (default all three). */
  readonly attention?: readonly AttentionKind[];
  /** The causal mask: fixed, or drawn (default drawn). */
  readonly causal?: boolean | 'either';
  /** Feed-forward blocks: always, never, or drawn per layer (default drawn). */
  readonly ffn?: boolean | 'either';
  /** Per-head masks (`Head.causal`): none (default), or drawn per head (absent, true, false). */
  readonly headMasks?: boolean;
  /** ReGLU gates on feed-forward blocks: never (default), always, or drawn per block. */
  readonly gate?: boolean | 'either';
  /** Positional kinds to draw from (default all three). */
  readonly positional?: readonly Positional['kind'][];
  /** Rows of a positional table (default 1–8). */
  readonly tableRows?: IntRange;
  /** Precision constants to draw from (default 1, 1.5, 2). */
  readonly c?: readonly number[];
  /** Output rules to draw from (default both). */
  readonly output?: readonly OutputRule['kind'][];
  /** The weights (default {@link arbDyadicWeight}: k/4, −2 ≤ k/4 ≤ 2). */
  readonly weight?: fc.Arbitrary<number>;
}

const range = (r: IntRange | undefined, dflt: IntRange, name: string): IntRange => {
  const v = r ?? dflt;
  if (!Number.isSafeInteger(v.min) || !Number.isSafeInteger(v.max) || v.min > v.max) {
    throw new RangeError(`${name} must be an integer range with min ≤ max, got ${JSON.stringify(v)}`);
  }
  return v;
};

const nonEmpty = <A>(xs: readonly A[] | undefined, dflt: readonly A[], name: string): readonly A[] => {
  const v = xs ?? dflt;
  if (v.length === 0) throw new RangeError(`${name} must not be empty`);
  return v;
};

// -------------------------------------------------------------------------------------------
// concrete models
// -------------------------------------------------------------------------------------------

/**
 * Small dyadic weights k/denominator with |k/denominator| ≤ bound (default k/4 in [−2, 2]).
 * @category arbitraries
 */
export const arbDyadicWeight = (denominator = 4, bound = 2): fc.Arbitrary<number> =>
  fc.integer({ min: -bound * denominator, max: bound * denominator }).map((k) => (k === 0 ? 0 : k / denominator));

const arbMatrix = (w: fc.Arbitrary<number>, rows: number, cols: number): fc.Arbitrary<Matrix> =>
  fc.array(fc.array(w, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

const arbVector = (w: fc.Arbitrary<number>, len: number): fc.Arbitrary<readonly number[]> => fc.array(w, { minLength: len, maxLength: len });

/**
 * A random well-formed concrete transformer. Shrinks towards smaller sizes and weights.
 * @example
 * ```ts
 * fc.assert(fc.property(arbTransformerModel({ attention: ['hard'] }), (m) => …), { seed: 42 });
 * ```
 * @category arbitraries
 */
export const arbTransformerModel = (opts: TransformerArbOptions = {}): fc.Arbitrary<TransformerModel> => {
  const sigmaR = range(opts.alphabetSize, { min: 1, max: 4 }, 'arbTransformerModel: alphabetSize');
  if (sigmaR.min < 1) throw new RangeError('arbTransformerModel: alphabetSize.min must be ≥ 1');
  const dR = range(opts.dModel, { min: 1, max: 4 }, 'arbTransformerModel: dModel');
  if (dR.min < 1) throw new RangeError('arbTransformerModel: dModel.min must be ≥ 1');
  const layersR = range(opts.layers, { min: 1, max: 3 }, 'arbTransformerModel: layers');
  const headsR = range(opts.heads, { min: 1, max: 2 }, 'arbTransformerModel: heads');
  const dHeadR = range(opts.dHead, { min: 1, max: 2 }, 'arbTransformerModel: dHead');
  if (dHeadR.min < 1) throw new RangeError('arbTransformerModel: dHead.min must be ≥ 1');
  const hiddenR = range(opts.hidden, { min: 1, max: 4 }, 'arbTransformerModel: hidden');
  if (hiddenR.min < 1) throw new RangeError('arbTransformerModel: hidden.min must be ≥ 1');
  const rowsR = range(opts.tableRows, { min: 1, max: 8 }, 'arbTransformerModel: tableRows');
  if (rowsR.min < 1) throw new RangeError('arbTransformerModel: tableRows.min must be ≥ 1');
  const kinds = nonEmpty(opts.attention, ATTENTION_KINDS, 'arbTransformerModel: attention');
  const posKinds = nonEmpty(opts.positional, ['none', 'table', 'affine'], 'arbTransformerModel: positional');
  const cs = nonEmpty(opts.c, [1, 1.5, 2], 'arbTransformerModel: c');
  const outputs = nonEmpty(opts.output, ['accept', 'state'], 'arbTransformerModel: output');
  const w = opts.weight ?? arbDyadicWeight();
  const causalArb = opts.causal === undefined || opts.causal === 'either' ? fc.boolean() : fc.constant(opts.causal);
  const ffnArb = opts.ffn === undefined || opts.ffn === 'either' ? fc.boolean() : fc.constant(opts.ffn);

  const maskArb: fc.Arbitrary<boolean | null> = opts.headMasks === true ? fc.constantFrom(null, true, false) : fc.constant(null);
  const gateArb = opts.gate === 'either' ? fc.boolean() : fc.constant(opts.gate === true);
  const arbHead = (d: number): fc.Arbitrary<Head> =>
    fc.integer(dHeadR).chain((dh) =>
      fc
        .record({
          attention: fc.constantFrom(...kinds),
          wq: arbMatrix(w, dh, d),
          wk: arbMatrix(w, dh, d),
          wv: arbMatrix(w, dh, d),
          wo: arbMatrix(w, d, dh),
          mask: maskArb,
        })
        .map(({ mask, ...h }): Head => (mask === null ? h : { ...h, causal: mask })),
    );
  const arbFfn = (d: number): fc.Arbitrary<FeedForward> =>
    fc.integer(hiddenR).chain((hidden) =>
      fc
        .record({
          w1: arbMatrix(w, hidden, d),
          b1: arbVector(w, hidden),
          w2: arbMatrix(w, d, hidden),
          b2: arbVector(w, d),
          gate: gateArb.chain((has) => (has ? fc.record({ w: arbMatrix(w, hidden, d), b: arbVector(w, hidden) }) : fc.constant(null))),
        })
        .map(({ gate, ...f }): FeedForward => (gate === null ? f : { ...f, gate })),
    );
  const arbLayer = (d: number): fc.Arbitrary<Layer> =>
    fc.record({
      heads: fc.array(arbHead(d), { minLength: headsR.min, maxLength: headsR.max }),
      ffn: ffnArb.chain((has) => (has ? arbFfn(d) : fc.constant(null))),
    });
  const arbPositional = (d: number): fc.Arbitrary<Positional> =>
    fc.constantFrom(...posKinds).chain((kind): fc.Arbitrary<Positional> => {
      if (kind === 'none') return fc.constant({ kind: 'none' });
      if (kind === 'table') return fc.integer(rowsR).chain((rows) => arbMatrix(w, rows, d).map((m): Positional => ({ kind: 'table', rows: m })));
      return fc
        .tuple(arbVector(w, d), arbVector(w, d), arbVector(w, d))
        .map(([constant, index, fraction]): Positional => ({ kind: 'affine', constant, index, fraction }));
    });
  return fc.tuple(fc.integer(sigmaR), fc.integer(dR)).chain(([sigma, d]) =>
    fc.record({
      alphabet: fc.constant(Array.from({ length: sigma }, (_, i) => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(i) : ''))),
      dModel: fc.constant(d),
      precision: fc.constantFrom(...cs).map((c) => ({ c })),
      causal: causalArb,
      tokenEmbedding: arbMatrix(w, sigma, d),
      positional: arbPositional(d),
      layers: fc.array(arbLayer(d), { minLength: layersR.min, maxLength: layersR.max }),
      output: fc
        .constantFrom(...outputs)
        .chain((k): fc.Arbitrary<OutputRule> => (k === 'state' ? fc.constant({ kind: 'state' }) : fc.nat(d - 1).map((coordinate) => ({ kind: 'accept', coordinate })))),
    }),
  );
};

/**
 * {@link arbTransformerModel} with softmax heads only (the heads of P1's general form).
 * @category arbitraries
 */
export const arbSoftmaxModel = (opts: Omit<TransformerArbOptions, 'attention'> = {}): fc.Arbitrary<TransformerModel> =>
  arbTransformerModel({ ...opts, attention: ['softmax'] });

/**
 * Token indices: `n` of them (a number, or a range of lengths), each in 0 … alphabetSize − 1.
 * @category arbitraries
 */
export const arbTokens = (alphabetSize: number, n: number | IntRange): fc.Arbitrary<readonly number[]> => {
  if (!Number.isSafeInteger(alphabetSize) || alphabetSize < 1) throw new RangeError(`arbTokens: alphabetSize must be an integer ≥ 1, got ${alphabetSize}`);
  const r = typeof n === 'number' ? { min: n, max: n } : n;
  if (!Number.isSafeInteger(r.min) || !Number.isSafeInteger(r.max) || r.min < 1 || r.min > r.max) {
    throw new RangeError(`arbTokens: n must be an integer ≥ 1 or a range 1 ≤ min ≤ max, got ${JSON.stringify(n)}`);
  }
  return fc.array(fc.integer({ min: 0, max: alphabetSize - 1 }), { minLength: r.min, maxLength: r.max });
};

/** Options of {@link arbModelAndInput}. @category model */
export interface ModelAndInputOptions extends TransformerArbOptions {
  /** Input lengths (default 1–8). */
  readonly n?: IntRange;
  /** Make the model with this instead of {@link arbTransformerModel}. */
  readonly model?: fc.Arbitrary<TransformerModel>;
}

/**
 * A model and an input it can run on (the precision at that length is within its bounds).
 * @category arbitraries
 */
export const arbModelAndInput = (
  opts: ModelAndInputOptions = {},
): fc.Arbitrary<{ readonly model: TransformerModel; readonly tokens: readonly number[] }> => {
  const nR = range(opts.n, { min: 1, max: 8 }, 'arbModelAndInput: n');
  const { n: _n, model: _m, ...modelOpts } = opts;
  const models = opts.model ?? arbTransformerModel(modelOpts);
  return models
    .chain((model) => arbTokens(model.alphabet.length, nR).map((tokens) => ({ model, tokens })))
    .filter(({ model, tokens }) => isRight(precisionAt(model.precision.c, model.alphabet.length, tokens.length)));
};

/**
 * A compact description of a concrete model for counterexamples: sizes, kinds and every
 * weight, on one line.
 * @category destructors
 */
export const describeModel = (m: TransformerModel): string => {
  const mat = (x: Matrix): string => JSON.stringify(x);
  const pos = m.positional;
  const posText = pos.kind === 'none' ? 'none' : pos.kind === 'table' ? `table ${mat(pos.rows)}` : `affine c=${JSON.stringify(pos.constant)} i=${JSON.stringify(pos.index)} i/n=${JSON.stringify(pos.fraction)}`;
  const layers = m.layers
    .map((l, i) => {
      const heads = l.heads
        .map((h) => `${h.attention}${h.causal === undefined ? '' : h.causal ? '[causal]' : '[unmasked]'}(q=${mat(h.wq)} k=${mat(h.wk)} v=${mat(h.wv)} o=${mat(h.wo)})`)
        .join(' ');
      const gate = l.ffn?.gate === undefined ? '' : ` gate(w=${mat(l.ffn.gate.w)} b=${JSON.stringify(l.ffn.gate.b)})`;
      const ffn = l.ffn === null ? 'no ffn' : `ffn(w1=${mat(l.ffn.w1)} b1=${JSON.stringify(l.ffn.b1)} w2=${mat(l.ffn.w2)} b2=${JSON.stringify(l.ffn.b2)}${gate})`;
      return `L${i}: ${heads}; ${ffn}`;
    })
    .join(' | ');
  const out = m.output.kind === 'accept' ? `accept x[${m.output.coordinate}] > 0` : 'state';
  return `model(Σ=${JSON.stringify(m.alphabet)} d=${m.dModel} c=${m.precision.c}${m.causal ? ' causal' : ''} E=${mat(m.tokenEmbedding)} P=${posText} ${layers} → ${out})`;
};

// -------------------------------------------------------------------------------------------
// general models
// -------------------------------------------------------------------------------------------

/** Options of {@link arbGeneralModel}; every field has a default. @category model */
export interface GeneralArbOptions {
  /** |Σ| (default 1–4). */
  readonly alphabetSize?: IntRange;
  /** Floats per state (default 1–2). */
  readonly width?: IntRange;
  /** Heads per layer (default 1–2). */
  readonly heads?: IntRange;
  /** Layers (default 1–2). */
  readonly layers?: IntRange;
  /** Precision constants (default 1, 1.5, 2). */
  readonly c?: readonly number[];
  /** Whether scores may be negative (default false: zero or positive). */
  readonly negativeScores?: boolean;
  /** Output rules to draw from (default both). */
  readonly output?: readonly OutputRule['kind'][];
}

const MASK64 = (1n << 64n) - 1n;

/** splitmix64's finalizer. */
const mix64 = (z0: bigint): bigint => {
  let z = z0 & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
};

/** A 64-bit hash of a list of words. */
const hashWords = (words: readonly bigint[]): bigint => words.reduce((h, x) => mix64(h ^ mix64(x + 0x9e3779b97f4a7c15n)), 0x243f6a8885a308d3n);

const floatWord = (params: FloatParams, f: Float): bigint =>
  encodeFloat(params, f).reduce((acc, b, i) => acc | (BigInt(b) << BigInt(i)), 0n) | (1n << BigInt(params.p));

/** The p-bit float whose pattern is the low p bits of h. */
const floatOfHash = (params: FloatParams, h: bigint): Float => {
  const bits = Array.from({ length: params.p }, (_, i) => Number((h >> BigInt(i)) & 1n));
  const f = decodeFloat(params, bits);
  return isRight(f) ? f.right : zeroFloat(params);
};

/**
 * The seeded table behind a general model: the output float for a tag and a list of words
 * (the encodings of the input floats among them). Exported for tests and re-use.
 * @category general models
 */
export const tableFloat = (params: FloatParams, seed: number, tag: readonly number[], inputs: readonly Float[], salt = 0): Float =>
  floatOfHash(
    params,
    hashWords([BigInt(seed), BigInt(params.p), BigInt(salt), ...tag.map((x) => BigInt(x)), ...inputs.map((f) => floatWord(params, f))]),
  );

/** The parameters a general model is made from. @category model */
export interface GeneralModelSpec {
  readonly seed: number;
  readonly alphabetSize: number;
  readonly width: number;
  readonly heads: readonly number[];
  readonly c: number;
  readonly negativeScores: boolean;
  readonly output: OutputRule;
}

const TAG_EMBED = 1;
const TAG_SCORE = 2;
const TAG_UPDATE = 3;

/**
 * The general model of a spec: φ(σ, i), s and f are seeded tables ({@link tableFloat}).
 * Scores: zero when the hash's top two bits are 0, otherwise the table's float with its sign
 * dropped (kept when `negativeScores`).
 * @category general models
 */
export const generalModelOfSpec = (spec: GeneralModelSpec): GeneralModel => {
  const { seed, width } = spec;
  const model: GeneralModel = {
    alphabet: Array.from({ length: spec.alphabetSize }, (_, i) => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(i) : '')),
    width,
    precision: { c: spec.c },
    embed: (params, token, position) =>
      Array.from({ length: width }, (_, r) => tableFloat(params, seed, [TAG_EMBED, token, position, r], [])),
    layers: spec.heads.map((k, l) => ({
      heads: Array.from({ length: k }, (_, h) => (params: FloatParams, hi: State, hj: State): Float => {
        const hash = hashWords([BigInt(seed), BigInt(TAG_SCORE), BigInt(l), BigInt(h), ...[...hi, ...hj].map((f) => floatWord(params, f))]);
        if (hash >> 62n === 0n) return zeroFloat(params);
        const f = floatOfHash(params, hash);
        return spec.negativeScores || f.m >= 0n ? f : { m: -f.m, e: f.e };
      }),
      update: (params: FloatParams, attended: readonly State[], h: State): State =>
        Array.from({ length: width }, (_, r) => tableFloat(params, seed, [TAG_UPDATE, l, r], [...attended.flat(), ...h])),
    })),
    output: spec.output,
  };
  const text = `generalModel(${JSON.stringify(spec)})`;
  return Object.assign(model, { [fc.toStringMethod]: () => text });
};

/**
 * A random general model (P1 Defs 6–12): width 1–2, 1–2 heads per layer, 1–2 layers by
 * default; φ, s and f seeded tables over the floats' bit patterns, so total functions.
 * @category arbitraries
 */
export const arbGeneralModel = (opts: GeneralArbOptions = {}): fc.Arbitrary<GeneralModel> => {
  const sigmaR = range(opts.alphabetSize, { min: 1, max: 4 }, 'arbGeneralModel: alphabetSize');
  const widthR = range(opts.width, { min: 1, max: 2 }, 'arbGeneralModel: width');
  const headsR = range(opts.heads, { min: 1, max: 2 }, 'arbGeneralModel: heads');
  const layersR = range(opts.layers, { min: 1, max: 2 }, 'arbGeneralModel: layers');
  const cs = nonEmpty(opts.c, [1, 1.5, 2], 'arbGeneralModel: c');
  const outputs = nonEmpty(opts.output, ['accept', 'state'], 'arbGeneralModel: output');
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      alphabetSize: fc.integer(sigmaR),
      width: fc.integer(widthR),
      heads: fc.array(fc.integer(headsR), { minLength: layersR.min, maxLength: layersR.max }),
      c: fc.constantFrom(...cs),
      outputKind: fc.constantFrom(...outputs),
      coordinate: fc.nat(),
    })
    .map(({ outputKind, coordinate, ...rest }) =>
      generalModelOfSpec({
        ...rest,
        negativeScores: opts.negativeScores ?? false,
        output: outputKind === 'state' ? { kind: 'state' } : { kind: 'accept', coordinate: coordinate % rest.width },
      }),
    );
};
