/**
 * # Unary float functions as depth-2 tables
 *
 * A function f of one p-bit float (exp_p, multiplication by a constant weight, ⊕ with constant
 * terms) as a threshold circuit of depth 2, correct on every *normal* float (every value f_p
 * produces, so every float wire of a compiled transformer); other bit patterns are outside the
 * contract.
 *
 * ## Main definitions
 * - {@link unaryTableCircuit}: the circuit, inputs x (p bits), outputs f(x) (p bits).
 *
 * ## Main results
 * Depth ≤ 2; size ≤ (number of rows) + p, rows ≤ the number of normal floats (< 2^(p−1) + 2^(p/2)).
 * Correctness: let D be the most frequent value of f on the normal floats. Rows are minterm
 * gates [x = pattern] (one threshold gate with ±1 weights: Σ_(bits 1) x − Σ_(bits 0) x ≥ #1s)
 * over the bits that vary in the domain; a *group* (all normal floats with one exponent and one
 * mantissa sign, or one exponent) on which f is constant gets a single row over the exponent
 * (and sign) bits, else one row per member. Rows whose value is D are omitted. On a normal x,
 * exactly one row of its own group fires or none (then f(x) = D): rows of other groups fail on
 * an exponent or sign bit, and member rows on a mantissa bit (the top magnitude bit is 1 for
 * every member of a group with e > I^min, so it is left out). Output bit β is OR(rows with bit
 * β = 1) when D_β = 0, and NOR(rows with bit β = 0) (one θ≤0) when D_β = 1.
 *
 * ## Implementation notes
 * The P1 Lemma 1 table (`src/reductions/lookupTable.ts`) has depth 3 and 2^p terms over every
 * pattern; this one uses threshold minterms (no NOT layer), the don't-cares off the normal
 * floats, the default value and constant groups (saturation, underflow, e^x ≈ 1 near zero).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Lemma 1.
 *
 * @module
 */
import { createBuilder, type Circuit } from '../../core/circuit.js';
import { encodeFloat, type Float, type FloatParams } from '../../core/float.js';
import { normalFloats } from './constants.js';

/** Largest p the tables are built for (2^(p−1) rows). @category model */
export const MAX_UNARY_TABLE_PRECISION = 20;

/**
 * The depth-2 table of f on the normal floats (module notes). p ≤ 20.
 * @category constructors
 */
export const unaryTableCircuit = (params: FloatParams, f: (x: Float) => Float): Circuit => {
  const { p, q } = params;
  if (p > MAX_UNARY_TABLE_PRECISION) throw new RangeError(`unaryTableCircuit: p = ${p} > ${MAX_UNARY_TABLE_PRECISION}`);
  const domain = normalFloats(params);
  const keyOf = (bits: Uint8Array): string => bits.join('');
  const outBits = new Map<string, Uint8Array>();
  const outKey: string[] = [];
  const count = new Map<string, number>();
  for (const x of domain) {
    const y = encodeFloat(params, f(x));
    const k = keyOf(y);
    outBits.set(k, y);
    outKey.push(k);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  let dflt = outKey[0]!;
  for (const [k, c] of count) if (c > count.get(dflt)!) dflt = k;
  const D = outBits.get(dflt)!;

  const b = createBuilder();
  const xs = b.inputs(p);
  const minterm = (positions: readonly number[], bits: Uint8Array): number => {
    let ones = 0;
    const ws = positions.map((i) => {
      if (bits[i] === 1) {
        ones++;
        return 1;
      }
      return -1;
    });
    return b.ge(
      positions.map((i) => xs[i]!),
      ones,
      ws,
    );
  };
  const rows: { gate: number; out: Uint8Array }[] = [];
  const expPositions = Array.from({ length: q }, (_, i) => q + i);
  const signPos = q - 1;
  // group the domain by exponent, then mantissa sign
  const byExp = new Map<bigint, { x: Float; k: string }[]>();
  domain.forEach((x, i) => {
    const list = byExp.get(x.e) ?? [];
    list.push({ x, k: outKey[i]! });
    byExp.set(x.e, list);
  });
  for (const [e, members] of byExp) {
    const xBits = encodeFloat(params, members[0]!.x);
    const same = (ms: readonly { k: string }[]): string | null => (ms.every((m) => m.k === ms[0]!.k) ? ms[0]!.k : null);
    const whole = same(members);
    if (whole !== null) {
      if (whole !== dflt) rows.push({ gate: minterm(expPositions, xBits), out: outBits.get(whole)! });
      continue;
    }
    for (const neg of [false, true]) {
      const part = members.filter((m) => m.x.m < 0n === neg);
      if (part.length === 0) continue;
      const sBits = encodeFloat(params, part[0]!.x);
      const k = same(part);
      if (k !== null) {
        if (k !== dflt) rows.push({ gate: minterm([...expPositions, signPos], sBits), out: outBits.get(k)! });
        continue;
      }
      // member rows; the top magnitude bit is fixed (1) when e > I^min
      const magPositions = Array.from({ length: e === params.iMin ? q - 1 : q - 2 }, (_, i) => i);
      for (const m of part) {
        if (m.k === dflt) continue;
        rows.push({ gate: minterm([...magPositions, signPos, ...expPositions], encodeFloat(params, m.x)), out: outBits.get(m.k)! });
      }
    }
  }
  const outs = Array.from({ length: p }, (_, beta) =>
    D[beta] === 0
      ? b.or(rows.filter((r) => r.out[beta] === 1).map((r) => r.gate))
      : b.le(
          rows.filter((r) => r.out[beta] === 0).map((r) => r.gate),
          0,
        ),
  );
  return b.build(outs);
};
