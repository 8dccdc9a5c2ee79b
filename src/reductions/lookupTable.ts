/**
 * # Lookup tables as depth-3 circuits (P1 Lemma 1)
 *
 * Any function f: {0,1}^k → {0,1}^m is computed by a depth-3 {NOT, AND, OR} circuit: a NOT
 * layer (one NOT per input), one AND per term (per input x with f(x) ≠ 0^m, over the literals
 * x_i or ¬x_i), and one OR per output bit over the terms where that bit is 1. With
 * k = c·log₂ n the size is at most n^c + c·log₂ n + m.
 *
 * ## Main definitions
 * - {@link TruthTable}: f given by its table.
 * - {@link lookupTableCircuit}: the construction of the proof.
 * - {@link randomTruthTable}: a seeded random f (the default of `tradeoff export lookup-table`).
 *
 * ## Implementation notes
 * - Counting (P1 §3: size counts every non-input gate): the k NOT gates are all built, whether
 *   or not a term uses them, so size = k + #terms + m ≤ k + 2^k + m. The k input gates are not
 *   counted. With k = ⌈c·log₂ n⌉, 2^k = n^c exactly when c·log₂ n is an integer and 2^k < 2·n^c
 *   otherwise; the claimed bound is stated with 2^k so that it is exact for every n.
 * - Depth: input → NOT → AND → OR is 3 gates. A term whose literals are all positive still
 *   goes input → AND → OR (depth 2), so depth ≤ 3.
 * - An output bit that is 0 everywhere is an OR with no arguments (OR() = 0, kernel semantics).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, The Parallelism Tradeoff, TACL 2023, Lemma 1.
 *
 * @module
 */
import { createBuilder, type Circuit } from '../core/circuit.js';
import type { IntDraw } from './random.js';

/**
 * f: {0,1}^k → {0,1}^m as a table: bit j of f(x) is `bits[x·m + j]`, where input bit i of x is
 * (x >> i) & 1 (least significant first).
 * @category model
 */
export interface TruthTable {
  readonly k: number;
  readonly m: number;
  readonly bits: Uint8Array;
}

/** The largest k this module builds tables for (2^20 entries). @category model */
export const MAX_TABLE_INPUTS = 20;

/** Look up f(x) for the input bits (input bit 0 first). @category destructors */
export const lookup = (f: TruthTable, input: ArrayLike<number>): Uint8Array => {
  let x = 0;
  for (let i = 0; i < f.k; i++) if (input[i]) x += 2 ** i;
  return f.bits.slice(x * f.m, x * f.m + f.m);
};

/**
 * The circuit of P1 Lemma 1 for f: inputs x_0 … x_(k−1); outputs f_0 … f_(m−1).
 * @example
 * ```ts
 * const xor: TruthTable = { k: 2, m: 1, bits: Uint8Array.from([0, 1, 1, 0]) };
 * const c = lookupTableCircuit(xor); // 2 NOT, 2 AND, 1 OR
 * ```
 * @category constructors
 */
export const lookupTableCircuit = (f: TruthTable): Circuit => {
  if (f.k > MAX_TABLE_INPUTS) throw new RangeError(`lookupTableCircuit: k = ${f.k} > ${MAX_TABLE_INPUTS}`);
  if (f.bits.length !== 2 ** f.k * f.m) throw new RangeError(`lookupTableCircuit: table has ${f.bits.length} bits, expected 2^${f.k}·${f.m}`);
  const b = createBuilder();
  const xs = b.inputs(f.k);
  const nots = xs.map((x) => b.not(x));
  const termsOf: number[][] = Array.from({ length: f.m }, () => []);
  for (let x = 0; x < 2 ** f.k; x++) {
    let nonzero = false;
    for (let j = 0; j < f.m; j++) if (f.bits[x * f.m + j]) nonzero = true;
    if (!nonzero) continue;
    const literals = xs.map((xi, i) => (Math.floor(x / 2 ** i) % 2 === 1 ? xi : nots[i]!));
    const term = b.and(literals);
    for (let j = 0; j < f.m; j++) if (f.bits[x * f.m + j]) termsOf[j]!.push(term);
  }
  const outs = termsOf.map((ts) => b.or(ts));
  return b.build(outs);
};

/** k = ⌈c·log₂ n⌉, computed exactly for the integer n and rational c given as a number. @category destructors */
export const tableInputs = (n: number, c: number): number => {
  const v = c * Math.log2(n);
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-9 ? r : Math.ceil(v);
};

/** A seeded random f: {0,1}^k → {0,1}^m. @category constructors */
export const randomTruthTable = (k: number, m: number, draw: IntDraw): TruthTable => {
  const bits = new Uint8Array(2 ** k * m);
  for (let i = 0; i < bits.length; i++) bits[i] = draw(0, 1);
  return { k, m, bits };
};
