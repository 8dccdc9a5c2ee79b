/**
 * # A small builder of concrete transformers from named coordinates
 *
 * Hand-written transformers (the circuit evaluator of P1 Lemma 3) are easier to read, and to
 * get right, when every coordinate of the residual stream has a name and every weight matrix is
 * written as a list of linear forms over those names. This module turns such a description into
 * the kernel's {@link TransformerModel} (dense matrices), and nothing else: the kernel's
 * semantics (`runTransformer`) is what the built model means.
 *
 * ## Main definitions
 * - {@link Lin}: a linear form, coordinate name ↦ coefficient (absent = 0).
 * - {@link HeadSpec}, {@link FfnSpec}, {@link LayerSpec}: a head as query/key/value forms and the
 *   coordinate each value row is added to; a feed-forward block as hidden units, each with its
 *   pre-activation form, an optional gate form (ReGLU) and its output coefficients.
 * - {@link buildModel}: coordinates + alphabet + embedding + layers ↦ a model, or a
 *   `RangeError` naming the unknown coordinate (a bug in the construction, not user input).
 *
 * ## Implementation notes
 * - Query, key and value lists may have different lengths; the shorter ones are padded with
 *   zero rows (d_head = the longest list), so a padded value row adds 0 and a padded score row
 *   adds 0 ⊗ 0.
 * - A feed-forward block gets a gate only when some unit has one; the others then get the gate
 *   `{one: 1}` (the coordinate `one` must exist and hold 1), so they stay plain ReLU units.
 *
 * @module
 */
import type { Head, Layer, Matrix, TransformerModel } from '../../core/transformer.js';
import type { AttentionKind } from '../../core/transformer.js';

/** A linear form over named coordinates. @category model */
export type Lin = Readonly<Record<string, number>>;

/** A head: score = Σ_r q_r(x_i)·k_r(x_j); value rows added to `out[r]`. @category model */
export interface HeadSpec {
  readonly attention: AttentionKind;
  readonly causal: boolean;
  readonly q: readonly Lin[];
  readonly k: readonly Lin[];
  readonly v: readonly Lin[];
  /** The coordinate value row r is added to (same length as `v`). */
  readonly out: readonly string[];
}

/** One hidden unit: ReLU(u·x) (times g·x when gated), added to the outputs with the coefficients. @category model */
export interface UnitSpec {
  readonly u: Lin;
  readonly gate?: Lin;
  readonly out: Lin;
}

/** A feed-forward block as hidden units. @category model */
export interface FfnSpec {
  readonly units: readonly UnitSpec[];
}

/** A layer: heads then an optional block. @category model */
export interface LayerSpec {
  readonly heads: readonly HeadSpec[];
  readonly ffn: FfnSpec | null;
}

/** What {@link buildModel} needs. @category model */
export interface ModelSpec {
  readonly alphabet: readonly string[];
  readonly coordinates: readonly string[];
  readonly c: number;
  /** Per symbol, the form of its embedding row. */
  readonly embedding: readonly Lin[];
  /** P_i = constant + index·i + fraction·i/n as coordinates set to 1. */
  readonly positional: { readonly constant: readonly string[]; readonly index: readonly string[]; readonly fraction: readonly string[] };
  readonly layers: readonly LayerSpec[];
  readonly accept: string;
}

/** The index of every coordinate name. @category model */
export const coordinateIndex = (coordinates: readonly string[]): ReadonlyMap<string, number> => {
  const at = new Map<string, number>();
  coordinates.forEach((c, i) => {
    if (at.has(c)) throw new RangeError(`buildModel: coordinate '${c}' declared twice`);
    at.set(c, i);
  });
  return at;
};

/**
 * The kernel model described by a spec.
 * @category constructors
 */
export const buildModel = (spec: ModelSpec): TransformerModel => {
  const at = coordinateIndex(spec.coordinates);
  const d = spec.coordinates.length;
  const idx = (name: string): number => {
    const i = at.get(name);
    if (i === undefined) throw new RangeError(`buildModel: unknown coordinate '${name}'`);
    return i;
  };
  const row = (f: Lin | undefined): number[] => {
    const r = new Array<number>(d).fill(0);
    if (f !== undefined) for (const [name, w] of Object.entries(f)) r[idx(name)] = (r[idx(name)] ?? 0) + w;
    return r;
  };
  const ones = (names: readonly string[]): number[] => row(Object.fromEntries(names.map((n) => [n, 1])));
  const head = (h: HeadSpec): Head => {
    if (h.out.length !== h.v.length) throw new RangeError('buildModel: a head needs one output coordinate per value row');
    const dh = Math.max(h.q.length, h.k.length, h.v.length, 1);
    const rows = (fs: readonly Lin[]): Matrix => Array.from({ length: dh }, (_, r) => row(fs[r]));
    const wo = Array.from({ length: d }, (_, k) => Array.from({ length: dh }, (_, r) => (r < h.out.length && idx(h.out[r]!) === k ? 1 : 0)));
    return { attention: h.attention, causal: h.causal, wq: rows(h.q), wk: rows(h.k), wv: rows(h.v), wo };
  };
  const layer = (l: LayerSpec): Layer => {
    if (l.ffn === null) return { heads: l.heads.map(head), ffn: null };
    const units = l.ffn.units;
    const gated = units.some((u) => u.gate !== undefined);
    const w2 = Array.from({ length: d }, (_, k) => units.map((u) => row(u.out)[k]!));
    return {
      heads: l.heads.map(head),
      ffn: {
        w1: units.map((u) => row(u.u)),
        b1: units.map(() => 0),
        w2,
        b2: new Array<number>(d).fill(0),
        ...(gated ? { gate: { w: units.map((u) => row(u.gate ?? { one: 1 })), b: units.map(() => 0) } } : {}),
      },
    };
  };
  return {
    alphabet: spec.alphabet,
    dModel: d,
    precision: { c: spec.c },
    causal: false,
    tokenEmbedding: spec.embedding.map(row),
    positional: { kind: 'affine', constant: ones(spec.positional.constant), index: ones(spec.positional.index), fraction: ones(spec.positional.fraction) },
    layers: spec.layers.map(layer),
    output: { kind: 'accept', coordinate: idx(spec.accept) },
  };
};
