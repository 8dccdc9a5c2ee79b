/**
 * # Iterated float addition in depth 6 (P1 Lemma 5 on the block-save adder)
 *
 * The p-precision iterated sum ⊕ of k floats (P1 Def 15), bit-exact with the kernel's
 * `iteratedSum`, rebuilt on the depth-3 block-save column sum of `iteratedAdditionShallow.ts`:
 * d_⊕ = 6 in the kernel's basis, against 9 for `floatIteratedSum.ts` (kept; the lemmas
 * `float-iterated-sum` and `float-iterated-sum-shallow` check one each).
 *
 * ## Main definitions
 * - {@link signedShallowSumGadget}: Σ ±2^pos·g mod 2^width in depth +3, for bits with known
 *   groups of mutually exclusive bits.
 * - {@link floatIteratedSumShallow}: the family member for k floats of precision p.
 *
 * ## Main results
 * Depth ≤ 6. With q = p/2, M = 2^(q−1) − 1 and the widths of `floatIteratedSumShape`
 * (W = 2M + q − 1 columns, W′ the two's-complement width of z = Σ g_p(φ_i)):
 * 1. *Alignment* (layer 1): a selector [e_i = v ∧ a_ij = 1 ∧ σ_i = σ] for every float i,
 *    exponent value v ∈ [−M, M], mantissa bit j and sign σ, one threshold gate with weights ±1 on
 *    the sign-magnitude input bits. z = Σ_c 2^c (Σ_i pos_ic − Σ_i neg_ic), and the pile bit
 *    pos_ic = Σ_j sel(i, c − j − M, j, +) is a *sum* of selectors (at most one is 1: one
 *    exponent and one sign per float), so z is a linear form in layer 1 with coefficients ±2^c.
 *    The depth-9 construction spends layer 2 on the pile bits and layers 3–4 on column counts;
 *    here neither is needed.
 * 2. *z and −z mod 2^W′* (layers 2–4) by {@link signedShallowSumGadget}: the block-save adder of
 *    `iteratedAdditionShallow.ts` on signed block values made non-negative by offsets (a
 *    constant κ ≡ Σ_b 2^(bℓ)·(−min V_b) split into base-2^ℓ digits, as in `floatIteratedSum.ts`).
 *    A float contributes to a block value between −(2^ℓ − 1) and 2^ℓ − 1, so the offset block
 *    values lie in [0, (2k + 1)(2^ℓ − 1)] ⊂ [0, 2^(2ℓ)) for ℓ = the least ℓ ≥ 1 with k ≤ 2^(ℓ−1).
 * 3. *Sign, truncation, encoding* (layers 5–6): exactly the gates of `floatIteratedSum.ts`'s
 *    steps 4–5 (sign s = bit W′ − 1 of z; one gate per case of the leading one of |z|, selected
 *    by s; ORs).
 * Depth 1 + 3 + 2 = 6. Size, with W′ and ℓ as above and Q = ⌈W′/ℓ⌉:
 * - alignment: 2k(2M + 1)(q − 1) selectors;
 * - each of z, −z: per block ≤ 2k gates for hi_r and ≤ 4k + 1 for the two floors of the window
 *   Z_r (its values are ≤ (2k + 1)(2^(2ℓ) − 1)); per bit ≤ 4k + 1 floor gates of its window and one
 *   output gate; (ℓ + 1)(Q − 1)(Q − 2)/2 carry terms at most; two constants at most:
 *   A(k, W′) = Q(6k + 1) + W′(4k + 2) + (ℓ + 1)(Q − 1)(Q − 2)/2 + 2;
 * - truncation and encoding: 2(2M(q − 1) + (q − 1) + max(0, W′ − 2M − q)) case gates and at
 *   most 2(q − 1) + 5 ORs and constants.
 * size ≤ 2k(2M + 1)(q − 1) + 2·A(k, W′) + 2(2M(q − 1) + (q − 1) + max(0, W′ − 2M − q)) + 2(q − 1) + 5.
 *
 * ## Implementation notes
 * - Linear forms carry a constant; a θ≥ gate whose form cannot leave one side of its threshold
 *   (by the form's bounds, using the groups of mutually exclusive bits) is a constant and is
 *   not built.
 * - Weights < 2^(2ℓ) and thresholds < 2^(3ℓ+1) (checked; k ≤ 2^8 keeps them below 2^30).
 * - The wire count is dominated by the adder's floor gates, each reading a whole block window:
 *   larger than the depth-9 construction's at equal k, p (the price of the three saved layers).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A Defs 13–15, Lemma 5.
 * - K.-Y. Siu, V. Roychowdhury, "On optimal depth threshold circuits for multiplication and
 *   related problems", SIAM J. Discrete Math. 7(2), 1994 (block-save).
 *
 * @module
 */
import { createBuilder, type CircuitBuilder } from '../../core/circuit.js';
import { range, requireInt, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { exponentEquals, floatIteratedSumShape, type FloatIteratedSumShape } from './floatIteratedSum.js';
import { linRange, signedBlockSave, type Form, type Lit, type SignedBit } from './signedSums.js';

/** A bit with a signed place value ±2^pos, in a group of mutually exclusive bits. @category model */
export type GroupedSignedBit = SignedBit;

/**
 * Σ sign·2^pos·g mod 2^width (LSB first, one gate per bit), depth +3 over the bits: the
 * block-save adder of `iteratedAdditionShallow.ts` on offset block values (module header), by
 * the skeleton of `signedSums.ts`. `groups`: bits of one group in one column are mutually
 * exclusive; the bounds of the block values (and so ℓ and the gate counts) use that.
 * @category gadgets
 */
export const signedShallowSumGadget = (b: CircuitBuilder, bits: readonly GroupedSignedBit[], width: number, blockWidth?: number): number[] => {
  const memo = new Map<string, number>();
  /** [f ≥ t] as a literal: a gate unless the form's bounds (vmin, vmax of the whole form) decide it. */
  const ge = (key: string, f: Form, t: number, vmin: number, vmax: number): Lit => {
    if (t <= vmin) return true;
    if (t > vmax) return false;
    const k = `${key}|${t}`;
    const known = memo.get(k);
    if (known !== undefined) return known;
    const args = [...f.lin.keys()];
    const g = b.ge(args, t - f.c, args.map((x) => f.lin.get(x)!));
    memo.set(k, g);
    return g;
  };
  /** ⌊(f + offset)/d⌋ as literals (their sum), for a form with values in [0, max], 0 ≤ offset < d. */
  const floor = (key: string, f: Form, max: number, d: number, off: number): Lit[] => {
    const out: Lit[] = [];
    const vmin = Math.max(0, linRange(f).lo);
    for (let t = d - off; t <= max; t += d) out.push(ge(key, f, t, vmin, max));
    return out;
  };
  /** [f ≥ t], a constant when the structural bounds of f decide it (not memoized). */
  const gate = (f: Form, t: number): Lit => {
    const r = linRange(f);
    if (t <= r.lo) return true;
    if (t > r.hi) return false;
    const args = [...f.lin.keys()];
    return b.ge(args, t - f.c, args.map((x) => f.lin.get(x)!));
  };
  let zero: number | null = null;
  let one: number | null = null;
  return signedBlockSave('signedShallowSumGadget', { floor, gate }, bits, width, 0, blockWidth, (form, t) => {
    const bit = gate(form, t);
    return bit === true ? (one ??= b.constant(1)) : bit === false ? (zero ??= b.constant(0)) : bit;
  });
};

/**
 * Layout of {@link floatIteratedSumShallow}: as `floatIteratedSum`'s (the kernel float layout),
 * with its shape (whose block width is that construction's, not this one's).
 * @category model
 */
export interface FloatIteratedSumShallowLayout {
  readonly floats: readonly (readonly number[])[];
  readonly sum: readonly number[];
  readonly shape: FloatIteratedSumShape;
}

/**
 * ⊕ of 1 ≤ k ≤ 256 floats of even precision 4 ≤ p ≤ 16 in depth 6, bit-exact with `iteratedSum`:
 * float i on inputs i·p … i·p + p − 1, the sum on outputs 0 … p − 1 (kernel float layout).
 * @category constructors
 */
export const floatIteratedSumShallow = (k: number, p: number): ArithmeticCircuit<FloatIteratedSumShallowLayout> => {
  requireInt('floatIteratedSumShallow', 'k', k, 1, 256);
  requireInt('floatIteratedSumShallow', 'p', p, 4, 16);
  if (p % 2 !== 0) throw new RangeError(`floatIteratedSumShallow: p must be even, got ${p}`);
  const sh = floatIteratedSumShape(k, p);
  const { q, iMax: M, columns: W, sumWidth: Wp } = sh;
  const b = createBuilder();
  const inputs = Array.from({ length: k }, () => b.inputs(p));
  // 1. alignment: signed selectors, summed into z as a linear form
  const signed: GroupedSignedBit[] = [];
  inputs.forEach((bits, i) => {
    const mMag = bits.slice(0, q - 1);
    const mSign = bits[q - 1]!;
    const eMag = bits.slice(q, p - 1);
    const eSign = bits[p - 1]!;
    for (let s = 0; s <= 2 * M; s++) {
      const { args, ws, ones } = exponentEquals(eMag, eSign, s - M);
      mMag.forEach((mj, j) => {
        const c = s + j;
        if (c >= W) return;
        // σ = 0: the mantissa sign reads −1; σ = 1: +1 and one more to reach
        signed.push({ g: b.ge([...args, mj, mSign], ones + 1, [...ws, 1, -1]), pos: c, sign: 1, group: i });
        signed.push({ g: b.ge([...args, mj, mSign], ones + 2, [...ws, 1, 1]), pos: c, sign: -1, group: i });
      });
    }
  });
  // 2. z and −z mod 2^W′
  // blocks of ℓ columns, ℓ the least with k ≤ 2^(ℓ−1): a float moves a block value by < 2^ℓ either way
  let ell = 1;
  while (k > 2 ** (ell - 1)) ell++;
  const z = signedShallowSumGadget(b, signed, Wp, ell);
  const nz = signedShallowSumGadget(
    b,
    signed.map((x) => ({ ...x, sign: x.sign === 1 ? -1 : 1 })),
    Wp,
    ell,
  );
  const s = z[Wp - 1]!;
  // 3. truncation and encoding of |z|, as in floatIteratedSum.ts steps 4–5
  const Wm = Wp - 1;
  const tLo = q - 1;
  const tHi = 2 * M + q - 2;
  const branches = [
    { mag: z, guard: -1, extra: 0 },
    { mag: nz, guard: 1, extra: 1 },
  ];
  const gated = (br: (typeof branches)[number], terms: readonly (readonly [number, number])[], t: number): number =>
    b.ge([...terms.map((x) => x[0]), s], t + br.extra, [...terms.map((x) => x[1]), br.guard]);
  const none = (mag: readonly number[], from: number): [number, number][] =>
    range(from, Math.max(0, Wm - from)).map((u): [number, number] => [mag[u]!, -1]);
  const orOf = (gs: readonly number[]): number => (gs.length === 1 ? gs[0]! : gs.length === 0 ? b.constant(0) : b.or(gs));
  const per = branches.map((br) => {
    const { mag } = br;
    const lead: number[] = [];
    const mterm: number[][] = range(0, q - 1).map(() => []);
    for (let t = tLo; t <= tHi; t++) {
      const above = none(mag, t + 1);
      lead.push(gated(br, [[mag[t]!, 1], ...above], 1));
      for (let j = 0; j < q - 2; j++) mterm[j]!.push(gated(br, [[mag[t]!, 1], [mag[t - q + 2 + j]!, 1], ...above], 2));
    }
    mterm[q - 2] = lead;
    const high = none(mag, q - 1);
    const small = range(0, q - 1).map((j) => gated(br, [[mag[j]!, 1], ...high], 1));
    const sat = range(tHi + 1, Wm - tHi - 1).map((u) => gated(br, [[mag[u]!, 1]], 1));
    return { lead, mterm, small, sat };
  });
  const mantissa = range(0, q - 1).map((j) => orOf(per.flatMap((x) => [x.small[j]!, ...x.mterm[j]!, ...x.sat])));
  const zsmall = branches.map((br) => gated(br, none(br.mag, q - 1), 0));
  const eneg = branches.map((br) => gated(br, none(br.mag, M + q - 2), 0));
  const expMag = range(0, q - 1).map((r) =>
    orOf([
      ...zsmall,
      ...per.flatMap((x) => [...x.lead.filter((_, i) => Math.floor(Math.abs(tLo + i - q + 2 - M) / 2 ** r) % 2 === 1), ...x.sat]),
    ]),
  );
  const outputs = [...mantissa, s, ...expMag, orOf(eneg)];
  return {
    circuit: b.build(outputs),
    layout: { floats: inputs.map((_, i) => range(i * p, p)), sum: range(0, p), shape: sh },
  };
};
