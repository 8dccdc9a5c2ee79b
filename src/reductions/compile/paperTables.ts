/**
 * # The truth tables of P1's proof of Theorem 1
 *
 * P1 proves Theorem 1 by writing every component of a transformer whose inputs are O(log n)
 * bits as a lookup table (Lemma 1). This module computes those tables for a
 * {@link GeneralModel}: it enumerates every bit pattern of the inputs, decodes the floats with
 * the kernel's layout ({@link "core/float"!decodeFloat | decodeFloat}), calls the model's function and encodes the result
 * ({@link encodeFloat}).
 *
 * ## Main definitions
 * - {@link embeddingTable}: φ(σ, i) for one position i, a function of the token's b bits.
 * - {@link similarityTable}: s(h_i, h_j) of one head (2·width·p input bits, p output bits).
 * - {@link weightValueTable}: (s ⊘ Z) ⊗ v for one coordinate v of h_j (3p → p bits).
 * - {@link updateTable}: f(a_1 … a_k, h) ((k + 1)·width·p → width·p bits).
 * - {@link Readout}: a state-valued table may instead output the verdict of an `accept` model
 *   (x[coordinate] > 0), composed into the same table, so the readout costs no extra layer.
 * - {@link tableBounds}: the dense size bounds of a Lemma 1 table, to refuse up front.
 *
 * ## Main results
 * Every table equals its function on every input pattern: entry x holds the encoding of the
 * function of the floats decoded from x. Since decode ∘ encode is the identity on p-bit floats
 * (negative zero is never encoded), a table fed the encodings of floats h returns the
 * encoding of the function of h — the equation the composition in `paperRoute.ts` rests on.
 *
 * ## Implementation notes
 * - Input layout: float slot t occupies input bits t·p … t·p + p − 1 (the kernel float layout);
 *   a state is `width` consecutive slots, coordinate-major. Output bits likewise.
 * - Token patterns ≥ |Σ| are outside the export contract: the embedding table is 0 there
 *   (φ is not called on them).
 * - A model function that returns a state of the wrong length, or a value that is not a p-bit
 *   float (|m| or |e| > I^max), makes the table a `Left` naming the function and the inputs.
 * - The 2^p floats are decoded once ({@link allFloats}, pattern a ↦ its float) and looked up.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Lemma 1, Theorem 1.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { allFloats, encodeFloat, isFloat, showFloat, type Float, type FloatParams } from '../../core/float.js';
import { floatDiv, floatMul } from '../../core/float.js';
import type { GeneralModel, State } from '../../core/transformer.js';
import { MAX_TABLE_INPUTS, type TruthTable } from '../lookupTable.js';

/** A model function, described for error messages. */
type Described<T> = { readonly name: string; readonly fn: T };

/** The floats of all 2^p patterns, pattern a at index a. @category constructors */
export const decodedFloats = (params: FloatParams): readonly Float[] => Array.from(allFloats(params));

const checkK = (name: string, k: number): string | null =>
  k > MAX_TABLE_INPUTS ? `${name}: a table of ${k} input bits exceeds MAX_TABLE_INPUTS = ${MAX_TABLE_INPUTS}` : null;

/** Write a float's encoding at `offset`, or say why it is not a p-bit float. */
const put = (params: FloatParams, out: Uint8Array, offset: number, f: Float): string | null => {
  if (!isFloat(params, f)) return `${showFloat(f)} is not a ${params.p}-bit float (|m|, |e| ≤ ${params.iMax})`;
  out.set(encodeFloat(params, f), offset);
  return null;
};

/**
 * A table of `slots` float inputs and `outBits` output bits: entry x from `fn` applied to the
 * floats of x (slot t = bits t·p … t·p + p − 1 of x). `fn` writes its output bits into `out`
 * (cleared) and returns null, or returns why it could not.
 */
const floatTable = (
  params: FloatParams,
  name: string,
  slots: number,
  outBits: number,
  fn: (xs: readonly Float[], out: Uint8Array) => string | null,
): Either<string, TruthTable> => {
  const p = params.p;
  const k = slots * p;
  const bad = checkK(name, k);
  if (bad !== null) return left(bad);
  const floats = decodedFloats(params);
  const mask = 2 ** p - 1;
  const bits = new Uint8Array(2 ** k * outBits);
  const out = new Uint8Array(outBits);
  const xs: Float[] = new Array<Float>(slots);
  for (let x = 0; x < 2 ** k; x++) {
    let rest = x;
    for (let t = 0; t < slots; t++) {
      xs[t] = floats[rest & mask]!;
      rest = Math.floor(rest / 2 ** p);
    }
    out.fill(0);
    const why = fn(xs, out);
    if (why !== null) return left(`${name}: at ${xs.map(showFloat).join(', ')}: ${why}`);
    bits.set(out, x * outBits);
  }
  return right({ k, m: outBits, bits });
};

/** Encode a state (width floats) into `out`, or say why not. */
const putState = (params: FloatParams, width: number, out: Uint8Array, st: State): string | null => {
  if (st.length !== width) return `returned ${st.length} floats, expected width = ${width}`;
  for (let r = 0; r < width; r++) {
    const why = put(params, out, r * params.p, st[r]!);
    if (why !== null) return `coordinate ${r}: ${why}`;
  }
  return null;
};

/** How a state-valued table reports: the whole state, or the verdict of an accept model. @category model */
export type Readout = { readonly kind: 'state' } | { readonly kind: 'accept'; readonly coordinate: number };

/** The readout of a state: its encoding, or 1 bit, x[coordinate] > 0 (P1 / kernel `accept`). */
const putReadout = (params: FloatParams, width: number, readout: Readout, out: Uint8Array, st: State): string | null => {
  if (readout.kind === 'state') return putState(params, width, out, st);
  if (st.length !== width) return `returned ${st.length} floats, expected width = ${width}`;
  for (let r = 0; r < width; r++) if (!isFloat(params, st[r]!)) return `coordinate ${r}: ${showFloat(st[r]!)} is not a ${params.p}-bit float`;
  out[0] = (st[readout.coordinate]?.m ?? 0n) > 0n ? 1 : 0;
  return null;
};

/** Output bits of a readout. @category constructors */
export const readoutBits = (params: FloatParams, width: number, readout: Readout): number =>
  readout.kind === 'state' ? width * params.p : 1;

/**
 * The embedding table of position i (1-based) at length n: input the b token bits, output
 * φ(σ, i) (or its verdict). Patterns ≥ |Σ| map to 0.
 * @category constructors
 */
export const embeddingTable = (
  params: FloatParams,
  model: GeneralModel,
  bitsPerToken: number,
  position: number,
  n: number,
  readout: Readout,
): Either<string, TruthTable> => {
  const name = `embedding φ(σ, ${position})`;
  const bad = checkK(name, bitsPerToken);
  if (bad !== null) return left(bad);
  const m = readoutBits(params, model.width, readout);
  const bits = new Uint8Array(2 ** bitsPerToken * m);
  const out = new Uint8Array(m);
  for (let t = 0; t < Math.min(2 ** bitsPerToken, model.alphabet.length); t++) {
    out.fill(0);
    const why = putReadout(params, model.width, readout, out, model.embed(params, t, position, n));
    if (why !== null) return left(`${name} at token ${t}: ${why}`);
    bits.set(out, t * m);
  }
  return right({ k: bitsPerToken, m, bits });
};

/**
 * The similarity table of one head: inputs h_i then h_j (width floats each), output s(h_i, h_j).
 * @category constructors
 */
export const similarityTable = (
  params: FloatParams,
  width: number,
  s: Described<(params: FloatParams, hi: State, hj: State) => Float>,
): Either<string, TruthTable> =>
  floatTable(params, s.name, 2 * width, params.p, (xs, out) => put(params, out, 0, s.fn(params, xs.slice(0, width), xs.slice(width))));

/**
 * The weight·value table, P1's table for (s/Z)·h read per coordinate: inputs s, Z, v (one
 * coordinate of h_j), output (s ⊘ Z) ⊗ v, as the kernel's `attend` computes it.
 * @category constructors
 */
export const weightValueTable = (params: FloatParams): Either<string, TruthTable> =>
  floatTable(params, '(s ⊘ Z) ⊗ v', 3, params.p, (xs, out) => put(params, out, 0, floatMul(params, floatDiv(params, xs[0]!, xs[1]!), xs[2]!)));

/**
 * The update table of a layer with `heads` heads: inputs a_1 … a_heads then h (width floats
 * each), output f(a_1 … a_heads, h) (or its verdict).
 * @category constructors
 */
export const updateTable = (
  params: FloatParams,
  width: number,
  heads: number,
  f: Described<(params: FloatParams, attended: readonly State[], h: State) => State>,
  readout: Readout,
): Either<string, TruthTable> =>
  floatTable(params, f.name, (heads + 1) * width, readoutBits(params, width, readout), (xs, out) => {
    const attended = Array.from({ length: heads }, (_, t) => xs.slice(t * width, (t + 1) * width));
    return putReadout(params, width, readout, out, f.fn(params, attended, xs.slice(heads * width)));
  });

/** Dense bounds on a Lemma 1 table of k inputs and m outputs: gates k + 2^k + m, wires 2^k·(k + m). @category bounds */
export const tableBounds = (k: number, m: number): { readonly gates: number; readonly wires: number } => ({
  gates: k + 2 ** k + m,
  wires: 2 ** k * (k + m),
});
