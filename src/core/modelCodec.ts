/**
 * # JSON transformer format
 *
 * The interchange format for concrete transformers ({@link TransformerModel}): a
 * self-describing JSON document, decoded with io-ts (shape) and then checked for consistent
 * sizes (every row as long as d_model, d_head or hidden says). Every error carries the JSON
 * path of the offending value, e.g. `layers[0].heads[1].wq[2]: expected 4 numbers (d_model),
 * got an array of length 3`.
 *
 * ```json
 * {
 *   "format": "parallelism-tradeoff/transformer",
 *   "version": 1,
 *   "description": "optional free text",
 *   "alphabet": ["0", "1"],
 *   "dModel": 2,
 *   "precision": { "c": 1 },
 *   "causal": false,
 *   "tokenEmbedding": [[-1, 0], [1, 0]],
 *   "positional": { "kind": "none" },
 *   "layers": [
 *     { "heads": [{ "attention": "saturated", "wq": [[0, 0]], "wk": [[0, 0]],
 *                   "wv": [[1, 0]], "wo": [[0], [1]] }],
 *       "ffn": null }
 *   ],
 *   "output": { "kind": "accept", "coordinate": 1 }
 * }
 * ```
 *
 * ## Main definitions
 * - {@link TransformerJsonC} (static type {@link TransformerJson}): the shape.
 * - {@link decodeModel}: unknown (parsed JSON, or any JS value) → {@link TransformerModel}, or
 *   every shape error, then every size error, each with its path ({@link ModelError}).
 * - {@link decodeModelDocument}: the same, keeping the optional `description`.
 * - {@link decodeModelText}: JSON text → model; syntax errors with line and column, duplicate
 *   keys refused with their path.
 * - {@link encodeModel}: {@link TransformerModel} → a JSON-ready object (decode ∘ encode = id).
 * - {@link checkModelAt}: the precision p a model runs at for length n, or why it cannot run
 *   ({@link precisionAt}, reported under `precision.c`).
 * - {@link formatModelErrors}: one `path: message` line per error.
 *
 * ## The format
 * - `format` `"parallelism-tradeoff/transformer"`, `version` 1, optional `description` (a string).
 * - `alphabet`: a non-empty array of distinct non-empty strings; token σ is its index.
 * - `dModel` ≥ 1; `precision` `{"c": c}` with 0 < c ≤ 32 (p = max(4, 2⌈c·log₂ n⌉) ≤ 64 must be
 *   possible at n = 2); `causal` a boolean.
 * - `tokenEmbedding`: |Σ| rows of d_model numbers.
 * - `positional`: `{"kind":"none"}`, `{"kind":"table","rows":[…]}` (≥ 1 row, each d_model
 *   numbers; position i reads row i − 1, zero beyond the table), or
 *   `{"kind":"affine","constant":[…],"index":[…],"fraction":[…]}` (each d_model numbers).
 * - `layers`: `{"heads":[…], "ffn": null | {"w1","b1","w2","b2"}}` (`ffn` may be omitted: null).
 *   A head is `{"attention": "softmax"|"saturated"|"hard", "wq","wk","wv": d_head × d_model,
 *   "wo": d_model × d_head}`, d_head ≥ 1 its own (heads may differ), and optionally
 *   `"causal": true | false`, the head's own mask (absent: the model's). An ffn has
 *   `w1` hidden × d_model, `b1` hidden, `w2` d_model × hidden, `b2` d_model, hidden ≥ 1, and
 *   optionally a ReGLU `"gate": {"w": hidden × d_model, "b": hidden}`.
 * - `output`: `{"kind":"accept","coordinate":k}` with 0 ≤ k < d_model, or `{"kind":"state"}`.
 * - Numbers are finite doubles (JSON cannot write NaN or ∞; a JS object can, and is refused);
 *   −0 reads as 0. Unknown keys are errors everywhere; nothing is coerced.
 * - Limits ({@link MODEL_LIMITS}): |Σ|, d_model, d_head, hidden, heads per layer, layers at
 *   most 4096; table rows at most 2^20; at most 2^24 numbers in all; text at most 64 MiB.
 *
 * ## Implementation notes
 * - Shape first (io-ts, with the circuit codec's combinators {@link boundedArray},
 *   {@link closed} and reporter {@link "core/codec"!reportIoTsErrors | reportIoTsErrors}): arrays longer than a limit are refused
 *   before any element is looked at. Sizes only once the shape is right, so a size error never
 *   hides behind a shape error it caused.
 * - {@link ModelError} is the circuit codec's {@link DecodeError}, so one formatter serves both.
 * - Nothing here throws: every failure is a Left with a message.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Defs 6–12, §7;
 *   the concrete semantics in `src/core/transformer.ts` and `docs/semantics.md` ("Transformers").
 *
 * @module
 */
import * as t from 'io-ts';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  boundedArray,
  boundedInt,
  closed,
  decodeError,
  decodeShape,
  formatDecodeErrors,
  jsonErrorPath,
  MAX_DECODE_ERRORS,
  ROOT_PATH,
  showValue,
  type DecodeError,
} from './codec.js';
import type { FloatParams } from './float.js';
import {
  precisionAt,
  type AttentionKind,
  type FeedForward,
  type Head,
  type Layer,
  type Matrix,
  type OutputRule,
  type Positional,
  type TransformerModel,
} from './transformer.js';

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/**
 * One problem with a model document: where (`path`, e.g. `layers[0].heads[1].wq[2]`) and what
 * (`message`, `expected …, got …`). The circuit codec's {@link DecodeError}.
 * @category model
 */
export type ModelError = DecodeError;

/** The value of `"format"`. @category model */
export const MODEL_FORMAT = 'parallelism-tradeoff/transformer' as const;
/** The value of `"version"` this library writes and reads. @category model */
export const MODEL_FORMAT_VERSION = 1 as const;

/**
 * Size limits of the format: refused with a message, never allocated beyond.
 * @category model
 */
export const MODEL_LIMITS = {
  /** Symbols in the alphabet. */
  maxAlphabet: 4096,
  /** Characters per symbol. */
  maxSymbolLength: 256,
  /** d_model, d_head and hidden. */
  maxDim: 4096,
  /** Heads per layer. */
  maxHeads: 4096,
  /** Layers. */
  maxLayers: 4096,
  /** Rows of a positional table. */
  maxTableRows: 1 << 20,
  /** Numbers in the whole model. */
  maxNumbers: 1 << 24,
  /** The largest precision constant: p = 2⌈c⌉ ≤ 64 at n = 2. */
  maxC: 32,
  /** Characters of a model file. */
  maxChars: 64 * 1024 * 1024,
} as const;

/**
 * A model with its document's optional description.
 * @category model
 */
export interface ModelDocument {
  readonly model: TransformerModel;
  readonly description: string | null;
}

// ---------------------------------------------------------------------------------------------
// Codecs
// ---------------------------------------------------------------------------------------------

const fail = <A>(u: unknown, c: t.Context, expected: string): t.Validation<A> =>
  t.failure(u, c, `expected ${expected}, got ${showValue(u)}`);

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** A finite number (−0 reads as 0). @category codecs */
export const FiniteNumberC = new t.Type<number, number, unknown>(
  'FiniteNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u === 0 ? 0 : u) : fail(u, c, 'a finite number')),
  t.identity,
);

const literalC = <L extends string | number>(value: L, name: string, expected: string): t.Type<L, L, unknown> =>
  new t.Type<L, L, unknown>(
    name,
    (u): u is L => u === value,
    (u, c) => (u === value ? t.success(value) : fail(u, c, expected)),
    t.identity,
  );

/** `"parallelism-tradeoff/transformer"`. @category codecs */
export const ModelFormatC = literalC(MODEL_FORMAT, 'ModelFormat', JSON.stringify(MODEL_FORMAT));
/** `1`. @category codecs */
export const ModelVersionC = literalC(MODEL_FORMAT_VERSION, 'ModelVersion', '1 (the only version this library reads)');

/** A symbol: a non-empty string of at most {@link MODEL_LIMITS}.maxSymbolLength characters. @category codecs */
export const SymbolC = new t.Type<string, string, unknown>(
  'Symbol',
  (u): u is string => typeof u === 'string' && u.length >= 1 && u.length <= MODEL_LIMITS.maxSymbolLength,
  (u, c) =>
    typeof u === 'string' && u.length >= 1 && u.length <= MODEL_LIMITS.maxSymbolLength
      ? t.success(u)
      : fail(u, c, `a non-empty string of at most ${MODEL_LIMITS.maxSymbolLength} characters`),
  t.identity,
);

/** A size: an integer 1 … {@link MODEL_LIMITS}.maxDim. @category codecs */
export const DimC = boundedInt('Dim', `integer in 1..${MODEL_LIMITS.maxDim}`, 1, MODEL_LIMITS.maxDim);

/** The precision constant c: a number with 0 < c ≤ 32. @category codecs */
export const PrecisionConstantC = new t.Type<number, number, unknown>(
  'PrecisionConstant',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u <= MODEL_LIMITS.maxC,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u) && u > 0 && u <= MODEL_LIMITS.maxC
      ? t.success(u)
      : fail(u, c, `a number c with 0 < c ≤ ${MODEL_LIMITS.maxC} (p = max(4, 2⌈c·log₂ n⌉) must be ≤ 64 at n = 2)`),
  t.identity,
);

/** A vector of numbers. @category codecs */
export const VectorC = boundedArray(FiniteNumberC, 'an array of numbers', MODEL_LIMITS.maxDim);
/** A matrix: rows of numbers (at most {@link MODEL_LIMITS}.maxDim rows). @category codecs */
export const MatrixC = boundedArray(VectorC, 'an array of rows (arrays of numbers)', MODEL_LIMITS.maxDim);

/** `"softmax"`, `"saturated"` or `"hard"`. @category codecs */
export const AttentionKindC = new t.Type<AttentionKind, AttentionKind, unknown>(
  'AttentionKind',
  (u): u is AttentionKind => u === 'softmax' || u === 'saturated' || u === 'hard',
  (u, c) => (u === 'softmax' || u === 'saturated' || u === 'hard' ? t.success(u) : fail(u, c, 'one of "softmax", "saturated", "hard"')),
  t.identity,
);

/** A head. @category codecs */
export const HeadC = closed(
  t.intersection([t.type({ attention: AttentionKindC, wq: MatrixC, wk: MatrixC, wv: MatrixC, wo: MatrixC }), t.partial({ causal: t.boolean })]),
  ['attention', 'wq', 'wk', 'wv', 'wo', 'causal'],
  'a head {"attention", "wq", "wk", "wv", "wo"} (optionally "causal")',
);

/** A feed-forward gate (ReGLU): `w` hidden × dModel, `b` hidden. @category codecs */
export const FeedForwardGateC = closed(t.type({ w: MatrixC, b: VectorC }), ['w', 'b'], 'a gate {"w", "b"}');

/** A feed-forward block. @category codecs */
export const FeedForwardC = closed(
  t.intersection([t.type({ w1: MatrixC, b1: VectorC, w2: MatrixC, b2: VectorC }), t.partial({ gate: FeedForwardGateC })]),
  ['w1', 'b1', 'w2', 'b2', 'gate'],
  'a feed-forward block {"w1", "b1", "w2", "b2"} (optionally "gate")',
);

/** `null` or a {@link FeedForwardC}. @category codecs */
export const FeedForwardOrNullC = new t.Type<t.TypeOf<typeof FeedForwardC> | null, t.OutputOf<typeof FeedForwardC> | null, unknown>(
  'FeedForwardOrNull',
  (u): u is t.TypeOf<typeof FeedForwardC> | null => u === null || FeedForwardC.is(u),
  (u, c) => (u === null ? t.success(null) : isObject(u) ? FeedForwardC.validate(u, c) : fail(u, c, 'null or a feed-forward block {"w1", "b1", "w2", "b2"}')),
  (a) => (a === null ? null : FeedForwardC.encode(a)),
);

/** A layer (`ffn` may be omitted, meaning null). @category codecs */
export const LayerC = closed(
  t.intersection([t.type({ heads: boundedArray(HeadC, 'an array of heads', MODEL_LIMITS.maxHeads) }), t.partial({ ffn: FeedForwardOrNullC })]),
  ['heads', 'ffn'],
  'a layer {"heads": […], "ffn": null | {…}}',
);

// Stryker disable next-line ObjectLiteral: equivalent — dispatch calls this member only when kind is "none", and closed() still refuses other keys
const PositionalNoneC = closed(t.type({ kind: t.literal('none') }), ['kind'], 'a positional encoding {"kind": "none"}');
const PositionalTableC = closed(
  t.type({ kind: t.literal('table'), rows: boundedArray(VectorC, 'an array of rows (arrays of numbers)', MODEL_LIMITS.maxTableRows) }),
  ['kind', 'rows'],
  'a positional table {"kind": "table", "rows": […]}',
);
const PositionalAffineC = closed(
  t.type({ kind: t.literal('affine'), constant: VectorC, index: VectorC, fraction: VectorC }),
  ['kind', 'constant', 'index', 'fraction'],
  'an affine positional encoding {"kind": "affine", "constant", "index", "fraction"}',
);

const positionalByKind: Readonly<Record<string, (u: unknown, c: t.Context) => t.Validation<Positional>>> = {
  none: (u, c) => PositionalNoneC.validate(u, c),
  table: (u, c) => PositionalTableC.validate(u, c),
  affine: (u, c) => PositionalAffineC.validate(u, c),
};

const dispatch = <A>(
  name: string,
  expected: string,
  byKind: Readonly<Record<string, (u: unknown, c: t.Context) => t.Validation<A>>>,
): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => {
      if (!isObject(u)) return false;
      const kind = u['kind'];
      const v = typeof kind === 'string' && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
      // Stryker disable next-line ArrayDeclaration: equivalent — the context only labels errors, and `is` drops them
      return v !== undefined && !isLeft(v(u, []));
    },
    (u, c) => {
      if (!isObject(u)) return fail(u, c, expected);
      const kind: unknown = u['kind'];
      const validate = typeof kind === 'string' && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
      if (validate === undefined) {
        const kinds = Object.keys(byKind)
          .map((k) => JSON.stringify(k))
          .join(', ');
        return fail(kind, t.appendContext(c, 'kind', t.unknown, kind), `one of ${kinds}`);
      }
      return validate(u, c);
    },
    t.identity,
  );

/** The positional encoding, dispatched on `"kind"`. @category codecs */
export const PositionalC = dispatch<Positional>('Positional', 'a positional encoding {"kind": …}', positionalByKind);

const AcceptC = closed(
  t.type({ kind: t.literal('accept'), coordinate: boundedInt('Coordinate', 'integer ≥ 0', 0, MODEL_LIMITS.maxDim - 1) }),
  ['kind', 'coordinate'],
  'an output rule {"kind": "accept", "coordinate": k}',
);
// Stryker disable next-line ObjectLiteral: equivalent — dispatch calls this member only when kind is "state", and closed() still refuses other keys
const StateC = closed(t.type({ kind: t.literal('state') }), ['kind'], 'an output rule {"kind": "state"}');

/** The output rule, dispatched on `"kind"`. @category codecs */
export const OutputRuleC = dispatch<OutputRule>('OutputRule', 'an output rule {"kind": …}', {
  accept: (u, c) => AcceptC.validate(u, c),
  state: (u, c) => StateC.validate(u, c),
});

const TOP_KEYS = [
  'format',
  'version',
  'description',
  'alphabet',
  'dModel',
  'precision',
  'causal',
  'tokenEmbedding',
  'positional',
  'layers',
  'output',
] as const;

/** The whole document (shape only; sizes are checked by {@link decodeModel}). @category codecs */
export const TransformerJsonC = closed(
  t.intersection([
    t.type({
      format: ModelFormatC,
      version: ModelVersionC,
      alphabet: boundedArray(SymbolC, 'an array of strings', MODEL_LIMITS.maxAlphabet),
      dModel: DimC,
      precision: closed(t.type({ c: PrecisionConstantC }), ['c'], 'a precision {"c": c}'),
      causal: t.boolean,
      tokenEmbedding: boundedArray(VectorC, 'an array of rows (arrays of numbers)', MODEL_LIMITS.maxAlphabet),
      positional: PositionalC,
      layers: boundedArray(LayerC, 'an array of layers', MODEL_LIMITS.maxLayers),
      output: OutputRuleC,
    }),
    t.partial({ description: t.string }),
  ]),
  TOP_KEYS,
  `a transformer object {"format": "${MODEL_FORMAT}", "version": 1, "alphabet", "dModel", "precision", "causal", "tokenEmbedding", "positional", "layers", "output"}`,
);
/** A shape-checked (not yet size-checked) model document. @category model */
export type TransformerJson = t.TypeOf<typeof TransformerJsonC>;

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

const plural = (k: number, what: string): string => `${k} ${what}${k === 1 ? '' : 's'}`;

/** Collects size errors, at most {@link MAX_DECODE_ERRORS}. */
interface Sink {
  readonly errors: ModelError[];
  readonly add: (path: string, message: string) => void;
}
const sink = (): Sink => {
  const errors: ModelError[] = [];
  return {
    errors,
    add: (path, message) => {
      if (errors.length < MAX_DECODE_ERRORS) errors.push(decodeError('shape', path, message));
    },
  };
};

const checkVector = (s: Sink, path: string, v: readonly number[], len: number, what: string): void => {
  if (v.length !== len) s.add(path, `expected ${plural(len, 'number')} (${what}), got an array of length ${v.length}`);
};

const checkMatrix = (s: Sink, path: string, m: Matrix, rows: number, rowWhat: string, cols: number, colWhat: string): void => {
  if (m.length !== rows) s.add(path, `expected ${plural(rows, 'row')} (${rowWhat}), got an array of length ${m.length}`);
  m.forEach((row, r) => checkVector(s, `${path}[${r}]`, row, cols, colWhat));
};

const countNumbers = (doc: TransformerJson): number => {
  const mat = (m: Matrix): number => m.reduce((a, r) => a + r.length, 0);
  let total = mat(doc.tokenEmbedding);
  const pos = doc.positional;
  if (pos.kind === 'table') total += mat(pos.rows);
  if (pos.kind === 'affine') total += pos.constant.length + pos.index.length + pos.fraction.length;
  for (const layer of doc.layers) {
    for (const h of layer.heads) total += mat(h.wq) + mat(h.wk) + mat(h.wv) + mat(h.wo);
    const f = layer.ffn;
    if (f !== undefined && f !== null) total += mat(f.w1) + f.b1.length + mat(f.w2) + f.b2.length + (f.gate === undefined ? 0 : mat(f.gate.w) + f.gate.b.length);
  }
  return total;
};

/** Every size error of a shape-checked document, with its path. */
const sizeErrors = (doc: TransformerJson): ModelError[] => {
  const s = sink();
  const d = doc.dModel;
  const sigma = doc.alphabet.length;
  if (sigma === 0) s.add('alphabet', 'expected at least one symbol, got an empty array');
  const seen = new Map<string, number>();
  doc.alphabet.forEach((a, i) => {
    const first = seen.get(a);
    if (first !== undefined) s.add(`alphabet[${i}]`, `expected distinct symbols, got ${showValue(a)} again (it is alphabet[${first}])`);
    else seen.set(a, i);
  });
  checkMatrix(s, 'tokenEmbedding', doc.tokenEmbedding, sigma, '|Σ|, one per symbol', d, 'dModel');
  const pos = doc.positional;
  if (pos.kind === 'table') {
    if (pos.rows.length === 0) s.add('positional.rows', 'expected at least one row, got an empty array');
    pos.rows.forEach((row, i) => checkVector(s, `positional.rows[${i}]`, row, d, 'dModel'));
  } else if (pos.kind === 'affine') {
    checkVector(s, 'positional.constant', pos.constant, d, 'dModel');
    checkVector(s, 'positional.index', pos.index, d, 'dModel');
    checkVector(s, 'positional.fraction', pos.fraction, d, 'dModel');
  }
  doc.layers.forEach((layer, l) => {
    layer.heads.forEach((h, j) => {
      const at = `layers[${l}].heads[${j}]`;
      const dh = h.wq.length;
      if (dh === 0) s.add(`${at}.wq`, 'expected at least one row (dHead ≥ 1), got an empty array');
      checkMatrix(s, `${at}.wq`, h.wq, dh, 'dHead', d, 'dModel');
      checkMatrix(s, `${at}.wk`, h.wk, dh, 'dHead, the rows of wq', d, 'dModel');
      checkMatrix(s, `${at}.wv`, h.wv, dh, 'dHead, the rows of wq', d, 'dModel');
      checkMatrix(s, `${at}.wo`, h.wo, d, 'dModel', dh, 'dHead, the rows of wq');
    });
    const f = layer.ffn;
    if (f !== undefined && f !== null) {
      const at = `layers[${l}].ffn`;
      const hidden = f.w1.length;
      if (hidden === 0) s.add(`${at}.w1`, 'expected at least one row (hidden ≥ 1), got an empty array');
      checkMatrix(s, `${at}.w1`, f.w1, hidden, 'hidden', d, 'dModel');
      checkVector(s, `${at}.b1`, f.b1, hidden, 'hidden, the rows of w1');
      checkMatrix(s, `${at}.w2`, f.w2, d, 'dModel', hidden, 'hidden, the rows of w1');
      checkVector(s, `${at}.b2`, f.b2, d, 'dModel');
      if (f.gate !== undefined) {
        checkMatrix(s, `${at}.gate.w`, f.gate.w, hidden, 'hidden, the rows of w1', d, 'dModel');
        checkVector(s, `${at}.gate.b`, f.gate.b, hidden, 'hidden, the rows of w1');
      }
    }
  });
  if (doc.output.kind === 'accept' && doc.output.coordinate >= d) {
    s.add('output.coordinate', `expected a coordinate in 0..${d - 1} (dModel = ${d}), got ${doc.output.coordinate}`);
  }
  const total = countNumbers(doc);
  if (total > MODEL_LIMITS.maxNumbers) {
    s.add(ROOT_PATH, `the model has ${total} numbers, more than the limit of ${MODEL_LIMITS.maxNumbers}`);
  }
  return s.errors;
};

const toModel = (doc: TransformerJson): TransformerModel => ({
  alphabet: doc.alphabet,
  dModel: doc.dModel,
  precision: { c: doc.precision.c },
  causal: doc.causal,
  tokenEmbedding: doc.tokenEmbedding,
  positional: doc.positional,
  layers: doc.layers.map(
    (l): Layer => ({
      heads: l.heads.map((h): Head => ({ attention: h.attention, wq: h.wq, wk: h.wk, wv: h.wv, wo: h.wo, ...(h.causal === undefined ? {} : { causal: h.causal }) })),
      ffn:
        l.ffn === undefined || l.ffn === null
          ? null
          : { w1: l.ffn.w1, b1: l.ffn.b1, w2: l.ffn.w2, b2: l.ffn.b2, ...(l.ffn.gate === undefined ? {} : { gate: { w: l.ffn.gate.w, b: l.ffn.gate.b } }) },
    }),
  ),
  output: doc.output,
});

// ---------------------------------------------------------------------------------------------
// Decode / encode
// ---------------------------------------------------------------------------------------------

/**
 * Decode a model document, keeping its description: every shape error (up to
 * {@link MAX_DECODE_ERRORS}) with its path; if the shape is right, every size error with its
 * path. Never throws.
 * @category constructors
 */
export const decodeModelDocument = (json: unknown): Either<readonly ModelError[], ModelDocument> => {
  const shape = decodeShape(TransformerJsonC, json);
  if (isLeft(shape)) return shape;
  const errors = sizeErrors(shape.right);
  if (errors.length > 0) return left(errors);
  return right({ model: toModel(shape.right), description: shape.right.description ?? null });
};

/**
 * Decode a model (parsed JSON, or any JS value) into a {@link TransformerModel}, or every
 * error with its path. The description, if any, is dropped (see {@link decodeModelDocument}).
 * @example
 * ```ts
 * decodeModel(JSON.parse(readFileSync('examples/majority.json', 'utf8'))); // Right(model)
 * ```
 * @category constructors
 */
export const decodeModel = (json: unknown): Either<readonly ModelError[], TransformerModel> => {
  const r = decodeModelDocument(json);
  return isLeft(r) ? r : right(r.right.model);
};

/** Options of {@link encodeModel}. @category model */
export interface EncodeModelOptions {
  readonly description?: string;
}

/**
 * Encode a model as a JSON-ready document (`JSON.stringify` it to write a file):
 * decodeModel(encodeModel(m)) = m for every decodable m. `ffn` is always written (null when
 * absent).
 * @category destructors
 */
export const encodeModel = (model: TransformerModel, opts: EncodeModelOptions = {}): TransformerJson => {
  const copy = (m: Matrix): number[][] => m.map((r) => [...r]);
  const pos = model.positional;
  const positional: Positional =
    pos.kind === 'none'
      ? { kind: 'none' }
      : pos.kind === 'table'
        ? { kind: 'table', rows: copy(pos.rows) }
        : { kind: 'affine', constant: [...pos.constant], index: [...pos.index], fraction: [...pos.fraction] };
  const ffnOf = (f: FeedForward | null): t.TypeOf<typeof FeedForwardC> | null =>
    f === null
      ? null
      : { w1: copy(f.w1), b1: [...f.b1], w2: copy(f.w2), b2: [...f.b2], ...(f.gate === undefined ? {} : { gate: { w: copy(f.gate.w), b: [...f.gate.b] } }) };
  const body: TransformerJson = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    alphabet: [...model.alphabet],
    dModel: model.dModel,
    precision: { c: model.precision.c },
    causal: model.causal,
    tokenEmbedding: copy(model.tokenEmbedding),
    positional,
    layers: model.layers.map((l) => ({
      heads: l.heads.map((h) => ({
        attention: h.attention,
        wq: copy(h.wq),
        wk: copy(h.wk),
        wv: copy(h.wv),
        wo: copy(h.wo),
        ...(h.causal === undefined ? {} : { causal: h.causal }),
      })),
      ffn: ffnOf(l.ffn),
    })),
    output: model.output.kind === 'accept' ? { kind: 'accept', coordinate: model.output.coordinate } : { kind: 'state' },
  };
  if (opts.description === undefined) return body;
  const { format, version, ...rest } = body;
  return { format, version, description: opts.description, ...rest };
};

type Frame = { readonly kind: 'object'; readonly keys: Set<string>; key: string | null } | { readonly kind: 'array'; index: number };

const framePath = (stack: readonly Frame[]): string => {
  let p = '';
  for (const f of stack) {
    if (f.kind === 'array') p += `[${f.index}]`;
    else if (f.key !== null) p += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(f.key) ? (p === '' ? f.key : `.${f.key}`) : `[${JSON.stringify(f.key)}]`;
  }
  return p === '' ? ROOT_PATH : p;
};

/**
 * The duplicate keys of a text that JSON.parse accepted (JSON.parse silently keeps the last),
 * each with the path of the object holding it.
 * @category destructors
 */
export const duplicateJsonKeys = (text: string): ModelError[] => {
  const errors: ModelError[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const n = text.length;
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    const raw = text.slice(start, i);
    try {
      const s: unknown = JSON.parse(raw);
      // Stryker disable next-line ConditionalExpression: equivalent — a quoted token that JSON.parse reads is always a string
      return typeof s === 'string' ? s : raw;
    } catch {
      return raw;
    }
  };
  const afterValue = (): void => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') top.index++;
  };
  while (i < n && errors.length < MAX_DECODE_ERRORS) {
    const ch = text[i]!;
    if (ch === '{') {
      stack.push({ kind: 'object', keys: new Set(), key: null });
      i++;
    } else if (ch === '[') {
      stack.push({ kind: 'array', index: 0 });
      i++;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      afterValue();
    } else if (ch === ',') {
      i++;
    } else if (ch === '"') {
      const top = stack[stack.length - 1];
      const s = readString();
      let k = i;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — past the end, text[k] is undefined and /\s/ rejects "undefined", so the scan stops at n anyway
      while (k < n && /\s/.test(text[k]!)) k++;
      if (top?.kind === 'object' && text[k] === ':') {
        top.key = null;
        const here = framePath(stack);
        if (top.keys.has(s)) errors.push(decodeError('syntax', here, `duplicate key ${showValue(s)} (JSON.parse would keep only the last)`));
        top.keys.add(s);
        top.key = s;
        i = k + 1;
      } else afterValue();
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      // a number, true, false or null
      // Stryker disable next-line EqualityOperator: equivalent — `i <= n` steps once past the end (text[n] is undefined), and the outer loop ends as well
      while (i < n && !/[\s,\]}]/.test(text[i]!)) i++;
      afterValue();
    }
  }
  return errors;
};

/**
 * Decode a model file's text: JSON (a leading byte-order mark is skipped), duplicate keys
 * refused with their path, then {@link decodeModel}. Syntax errors carry line and column when
 * the engine gives a position. Never throws.
 * @category constructors
 */
export const decodeModelText = (text: string): Either<readonly ModelError[], TransformerModel> => {
  const r = decodeModelDocumentText(text);
  return isLeft(r) ? r : right(r.right.model);
};

/**
 * {@link decodeModelText}, keeping the description.
 * @category constructors
 */
export const decodeModelDocumentText = (text: string): Either<readonly ModelError[], ModelDocument> => {
  if (text.length > MODEL_LIMITS.maxChars) {
    return left([decodeError('syntax', 'text', `${text.length} characters is more than the limit of ${MODEL_LIMITS.maxChars}`)]);
  }
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(base);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/\r?\n/g, '\\n');
    const shown = message.length > 200 ? message.slice(0, 200) + '…' : message;
    return left([decodeError('syntax', jsonErrorPath(text, message, base), `invalid JSON: ${shown}`)]);
  }
  const dups = duplicateJsonKeys(body);
  if (dups.length > 0) return left(dups);
  return decodeModelDocument(json);
};

/**
 * Format errors for a terminal: one `path: message` line each (at most `max`, default 20).
 * @category destructors
 */
export const formatModelErrors = (errs: readonly ModelError[], max = 20): string => formatDecodeErrors(errs, max);

/**
 * The precision a model runs at for inputs of length n, or why it cannot (p below
 * ⌈log₂|Σ|⌉ + ⌈log₂ n⌉, or above 64), reported under `precision.c`.
 * @example
 * ```ts
 * checkModelAt(majority, 1024); // Right({ p: 20, … })
 * ```
 * @category destructors
 */
export const checkModelAt = (model: TransformerModel, n: number): Either<string, FloatParams> => {
  const r = precisionAt(model.precision.c, model.alphabet.length, n);
  return isLeft(r) ? left(`precision.c: ${r.left}`) : r;
};
