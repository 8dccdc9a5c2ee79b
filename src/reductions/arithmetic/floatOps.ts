/**
 * # Float multiplication, division and comparison circuits (P1 App. A)
 *
 * Threshold circuits that compute the product, the quotient and the comparison of two
 * p-precision floats, bit for bit as `src/core/float.ts` defines them (the pinned reading of
 * P1 App. A, `docs/semantics.md`), for every one of the 2^(2p) input pairs. Each operation has
 * two routes:
 * 1. the **lookup route** (P1 Lemma 1): tabulate the 2p-input function and compile the table
 *    into a depth-3 circuit of size ≤ 2^(2p) + 3p. Polynomial in n only because p = O(log n);
 *    built for p ≤ 10 (tables of 2^20 rows);
 * 2. the **arithmetic route**: explicit integer arithmetic (multiplication, leading one,
 *    normalization, exponent arithmetic, truncation, saturation, underflow) from the gadgets of
 *    `./gadgets`, constant depth and — for product and comparison — size polynomial in p.
 * A third, shallower route on the block-save arithmetic (product depth 5, quotient 4,
 * comparison 3) is in `./floatOpsShallow`.
 *
 * ## Main definitions
 * - Lookup route: {@link floatMulLookup}, {@link floatDivLookup}, {@link floatCompareLookup},
 *   and their tables {@link floatOpTruthTable}.
 * - Arithmetic route: {@link floatMulArith}, {@link floatDivArith}, {@link floatCompareArith}.
 *   The bounds below are argued here, stage by stage, in the docs of the constructors; the
 *   lemmas of `src/proofs/arithmetic/floatOps.ts` state them as claims.
 * - Builder-level gadgets for composition (e.g. inside a compiled transformer):
 *   {@link floatMulGadget}, {@link floatDivGadget}, {@link floatCompareGadget}.
 * - Layouts {@link FloatOpLayout}, {@link FloatCompareLayout}: a on inputs 0…p−1, b on
 *   p…2p−1; results in the kernel float layout (mantissa bits 0…q−1, exponent bits q…p−1, each
 *   q − 1 magnitude bits LSB first then a sign bit), or [a < b, a = b] for comparison.
 *
 * ## Main results
 * Notation: q = p/2, r = q − 1 (magnitude bits), M = I^max = 2^r − 1.
 * - {@link floatMulArith}: depth ≤ 17, size ≤ mult(r) + 4r² + 40r + 14⌈r/2⌉ + 7 = O(p²)
 *   (mult = the multiplication family's size bound).
 * - {@link floatCompareArith}: depth ≤ 6, size exactly r² + 5r + 21 (p ≥ 6).
 * - {@link floatDivArith}: depth ≤ 14, size ≤ 2^r + r(5r + 91)/2 + 18⌈r/2⌉ + 7 = Θ(2^(p/2)) —
 *   see "Division" below.
 * - Lookup routes: depth ≤ 3, size ≤ 2^(2p) + 2p + m (m = p, or 2 for comparison).
 * Correctness of every construction is argued where it is built (below) and checked by the
 * tests (`test/arithmetic.floatOps.test.ts`): exhaustively against float.ts for p ≤ 8, by
 * seeded property tests for p ∈ {10, 12, 16} (and 32 for product and comparison).
 *
 * ## Implementation notes
 * **The truncation, normalized.** Let x, y be the magnitudes of the mantissas. A product or
 * quotient is first reduced to a *normalized* mantissa N (r bits, top bit 1) and the exponent D
 * that the normal form would have: for the product, N = ⌊x·y·2^(r−L)⌋ (the top r bits of x·y,
 * L = bit length of x·y) and D = e_a + e_b + L − r; for the quotient, N = ⌊(x/y)·2^(r−1−L')⌋
 * with L' = ⌊log₂(x/y)⌋ and D = e_a − e_b + L' − r + 1. Unfolding `truncateScaled` in
 * float.ts (k = max(0, T + 2 − q) with T the top bit position of the exact value in units of
 * 2^(I^min)) gives, when the exact result is non-zero:
 * - D > M: saturation ⟨±M, M⟩;
 * - −M ≤ D ≤ M: ⟨±N, D⟩ (here k = D + M);
 * - D < −M: underflow to the grid, ⟨±⌊N / 2^u⌋, −M⟩ with u = −M − D ≥ 1 (k = 0; ⌊⌊z⌋/2^u⌋ =
 *   ⌊z/2^u⌋ justifies shifting the already truncated N); zero, ⟨0, −M⟩ with sign bit 0, when
 *   u ≥ r.
 * The shared `finishGadget` (internal) builds exactly this case split: every condition on D is one
 * threshold gate, because D is a linear form in gates already built (the exponent bits, their
 * ANDs with the exponent sign, one-hot leading-one indicators). Only the *magnitude* of D
 * (needed in the output exponent) needs binary arithmetic: D mod 2^r and −D mod 2^r by column
 * sums / carry-lookahead, muxed by the sign of D (|D| ≤ M < 2^r in the normal case).
 * Sign-magnitude exponents enter linear forms as e = Σ 2^i·m_i − Σ 2^(i+1)·(s ∧ m_i) (negative
 * zero gives 0), and two's-complement sums as e ≡ m + Y + 2 and −e ≡ ¬m + 2·(s ∧ m) + 1
 * (mod 2^r) with Y_i = ¬(s ∧ m_(i−1)) for i ≥ 1, Y_0 = 0.
 *
 * **Comparison** needs no big integers: for non-zero magnitudes the top bit position
 * T = e + L − 1 decides, and for equal T the normalized mantissas do; T_b − T_a is a linear
 * form, so [T_a < T_b] is one threshold gate. Signs and zeros (any exponent, either sign bit)
 * are handled by a final OR of ANDs. (Aligning g_p(a), g_p(b) with shift gadgets would need
 * integers of 2·I^max + q bits: exponential in p.)
 *
 * **Division.** Exact division is in TC0 only through heavy machinery (Hesse, Allender &
 * Barrington 2002), and no construction of polynomial size in the operand width and small
 * constant depth is simple enough to build and check here. Since the mantissas have
 * r = p/2 − 1 = O(log n) bits, {@link floatDivArith} computes the normalized mantissa quotient
 * ⌊N_x·2^s / N_y⌋ (s ∈ {r−1, r}, N_x, N_y the normalized operands) by *counting*: with
 * T_k = [k·N_y ≤ N_x·2^s] for the 2^(r−1) − 1 candidates k ∈ (2^(r−1), 2^r) (one threshold
 * gate each), the quotient is 2^(r−1) + Σ_k T_k and each of its bits is one more threshold gate
 * (the telescoping trick of `bitCountGadget` in `./gadgets`). Everything else — signs, zero and division
 * by zero, normalization, exponent, saturation, underflow — is explicit, as for the product.
 * Size Θ(p·2^(p/2)) = n^(c/2)·O(log n) for p = c·log₂ n: polynomial in n (the square root of
 * the lookup route's 2^(2p) = n^(2c)), but not polynomial in p; weights reach 2^(2r−2), so
 * p ≤ 32.
 *
 * **Ranges of p.** Lookup routes: p ≤ 10. Product and comparison: p ≤ 60 (exponent linear forms
 * carry weights up to 2^r, and the kernel wants weights < 2^30). Quotient: p ≤ 32.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023: App. A (Defs 13–14,
 *   floats), Lemma 1 (lookup tables), and `docs/semantics.md`, "Floats", for the reading.
 * - W. Hesse, E. Allender, D. A. M. Barrington, "Uniform constant-depth threshold circuits for
 *   division and iterated multiplication", JCSS 65(4), 2002.
 * - A. Hajnal, W. Maass, P. Pudlák, M. Szegedy, G. Turán, "Threshold circuits of bounded depth",
 *   JCSS 46, 1993 (functions of a weighted sum in depth 2).
 * - H. Vollmer, *Introduction to Circuit Complexity*, Springer 1999, ch. 1.
 *
 * @module
 */
import { createBuilder, type CircuitBuilder } from '../../core/circuit.js';
import {
  allFloats,
  encodeFloat,
  floatCompare,
  floatDiv,
  floatMul,
  floatParams,
  type Float,
  type FloatParams,
} from '../../core/float.js';
import { lookupTableCircuit, MAX_TABLE_INPUTS, type TruthTable } from '../lookupTable.js';
import { range, type ArithmeticCircuit } from './arithmeticCircuit.js';
import { columnSumGadget, multiplyGadget, sparseAdd, type Bit } from './gadgets.js';

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/**
 * Layout of a binary float operation with a float result: `a` = input bits 0…p−1, `b` = input
 * bits p…2p−1, `result` = output positions 0…p−1; each in the kernel float layout (mantissa
 * bits 0…q−1, exponent bits q…p−1; q − 1 magnitude bits LSB first, then a sign bit).
 * @category model
 */
export interface FloatOpLayout {
  readonly p: number;
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly result: readonly number[];
}

/**
 * Layout of a float comparison: `a` = input bits 0…p−1, `b` = p…2p−1; outputs `lt` = 0
 * ([value(a) < value(b)]) and `eq` = 1 ([value(a) = value(b)]), exact comparison of values.
 * @category model
 */
export interface FloatCompareLayout {
  readonly p: number;
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly lt: number;
  readonly eq: number;
}

/** The three operations, named as in `src/core/float.ts`. @category model */
export type FloatOp = 'mul' | 'div' | 'compare';

/** Largest p for the lookup routes: a table of 2^(2p) rows, 2p ≤ {@link MAX_TABLE_INPUTS}. @category model */
export const MAX_FLOAT_LOOKUP_PRECISION = MAX_TABLE_INPUTS / 2;

/** Largest p for {@link floatMulArith} and {@link floatCompareArith} (weights 2^(p/2−1) < 2^30). @category model */
export const MAX_FLOAT_ARITH_PRECISION = 60;

/** Largest p for {@link floatDivArith} (weights 2^(p−4) < 2^30; size Θ(p·2^(p/2))). @category model */
export const MAX_FLOAT_DIV_ARITH_PRECISION = 32;

/** Validate p for a public constructor: an even integer in 4…max (a RangeError naming `fn` and `why` otherwise). @category model */
export const requireFloatPrecision = (fn: string, p: number, max: number, why: string): FloatParams => {
  if (!Number.isSafeInteger(p) || p % 2 !== 0 || p < 4 || p > max) {
    throw new RangeError(`${fn}: p must be an even integer in 4..${max} (${why}), got ${String(p)}`);
  }
  const params = floatParams(p);
  if (params._tag === 'Left') throw new RangeError(`${fn}: ${params.left}`);
  return params.right;
};

const lookupWhy = 'the lookup route tabulates 2^(2p) input pairs';

// ---------------------------------------------------------------------------------------------
// lookup route (P1 Lemma 1)
// ---------------------------------------------------------------------------------------------

/**
 * The truth table of a float operation at precision p: 2p inputs (a on bits 0…p−1, b on
 * p…2p−1), p outputs in the kernel float layout (`'mul'`, `'div'`), or 2 outputs [a < b, a = b]
 * (`'compare'`), computed with `floatMul`, `floatDiv`, `floatCompare` and `encodeFloat` of
 * `src/core/float.ts` for every pair of bit patterns. p ≤ 10.
 * @category lookup route
 * @example
 * floatOpTruthTable(4, 'compare').bits.length // 2^8 · 2
 */
export const floatOpTruthTable = (p: number, op: FloatOp): TruthTable => {
  const params = requireFloatPrecision('floatOpTruthTable', p, MAX_FLOAT_LOOKUP_PRECISION, lookupWhy);
  if (op !== 'mul' && op !== 'div' && op !== 'compare') throw new RangeError(`floatOpTruthTable: unknown operation ${String(op)}`);
  const floats: Float[] = Array.from(allFloats(params));
  const n = floats.length; // 2^p
  const m = op === 'compare' ? 2 : p;
  const bits = new Uint8Array(n * n * m);
  for (let ib = 0; ib < n; ib++) {
    const fb = floats[ib]!;
    for (let ia = 0; ia < n; ia++) {
      const fa = floats[ia]!;
      const row = (ib * n + ia) * m;
      if (op === 'compare') {
        const c = floatCompare(fa, fb);
        bits[row] = c < 0 ? 1 : 0;
        bits[row + 1] = c === 0 ? 1 : 0;
      } else {
        bits.set(encodeFloat(params, op === 'mul' ? floatMul(params, fa, fb) : floatDiv(params, fa, fb)), row);
      }
    }
  }
  return { k: 2 * p, m, bits };
};

const operandLayout = (p: number): { readonly p: number; readonly a: number[]; readonly b: number[] } => ({ p, a: range(0, p), b: range(p, p) });

/** A circuit with inputs a then b (p bits each) and the p result bits of `gadget` as outputs. @category constructors */
export const binaryFloatCircuit = (
  p: number,
  params: FloatParams,
  gadget: (b: CircuitBuilder, params: FloatParams, a: readonly number[], c: readonly number[]) => number[],
): ArithmeticCircuit<FloatOpLayout> => {
  const b = createBuilder();
  const a = b.inputs(p);
  const c = b.inputs(p);
  return { circuit: b.build(gadget(b, params, a, c)), layout: { ...operandLayout(p), result: range(0, p) } };
};

/** A circuit with inputs a then b (p bits each) and outputs [lt, eq] of `gadget`. @category constructors */
export const compareFloatCircuit = (
  params: FloatParams,
  gadget: (b: CircuitBuilder, params: FloatParams, a: readonly number[], c: readonly number[]) => { readonly lt: number; readonly eq: number },
): ArithmeticCircuit<FloatCompareLayout> => {
  const { p } = params;
  const b = createBuilder();
  const a = b.inputs(p);
  const c = b.inputs(p);
  const { lt, eq } = gadget(b, params, a, c);
  return { circuit: b.build([lt, eq]), layout: { ...operandLayout(p), lt: 0, eq: 1 } };
};

const lookupOp = (fn: string, p: number, op: 'mul' | 'div'): ArithmeticCircuit<FloatOpLayout> => {
  requireFloatPrecision(fn, p, MAX_FLOAT_LOOKUP_PRECISION, lookupWhy);
  return {
    circuit: lookupTableCircuit(floatOpTruthTable(p, op)),
    layout: { ...operandLayout(p), result: range(0, p) },
  };
};

/**
 * The product a·b of two p-bit floats (float.ts `floatMul`) by P1 Lemma 1: the 2p → p table
 * compiled into a depth-3 circuit. p ≤ 10.
 * @category lookup route
 */
export const floatMulLookup = (p: number): ArithmeticCircuit<FloatOpLayout> => lookupOp('floatMulLookup', p, 'mul');

/**
 * The quotient a/b of two p-bit floats (float.ts `floatDiv`, including its division-by-zero
 * rule) by P1 Lemma 1. p ≤ 10.
 * @category lookup route
 */
export const floatDivLookup = (p: number): ArithmeticCircuit<FloatOpLayout> => lookupOp('floatDivLookup', p, 'div');

/**
 * [a < b] and [a = b] for two p-bit floats (exact values, float.ts `floatCompare`) by P1 Lemma 1.
 * p ≤ 10.
 * @category lookup route
 */
export const floatCompareLookup = (p: number): ArithmeticCircuit<FloatCompareLayout> => {
  requireFloatPrecision('floatCompareLookup', p, MAX_FLOAT_LOOKUP_PRECISION, lookupWhy);
  return {
    circuit: lookupTableCircuit(floatOpTruthTable(p, 'compare')),
    layout: { ...operandLayout(p), lt: 0, eq: 1 },
  };
};

// ---------------------------------------------------------------------------------------------
// linear forms and modular sums (internals of the arithmetic route)
// ---------------------------------------------------------------------------------------------

/** A term w·g of a linear form over gates. */
type Term = readonly [gate: number, weight: number];

/** Σ w·g + constant. */
interface LinearForm {
  readonly terms: readonly Term[];
  readonly constant: number;
}

const formArgs = (f: LinearForm): { args: number[]; ws: number[]; lo: number; hi: number } => {
  const args = f.terms.map((t) => t[0]);
  const ws = f.terms.map((t) => t[1]);
  let lo = 0;
  let hi = 0;
  for (const w of ws) {
    if (w < 0) lo += w;
    else hi += w;
  }
  return { args, ws, lo, hi };
};

/**
 * [form ≥ k] as one threshold gate. The threshold is clamped into [lo, hi + 1] (lo, hi = the
 * least and greatest value of Σ w·g), which changes no output and keeps it inside the kernel's
 * range ±(Σ|w| + 1).
 */
const formGe = (b: CircuitBuilder, f: LinearForm, k: number): number => {
  const { args, ws, lo, hi } = formArgs(f);
  return b.ge(args, Math.min(Math.max(k - f.constant, lo), hi + 1), ws);
};

/** [form ≤ k] as one threshold gate (threshold clamped into [lo − 1, hi]). */
const formLe = (b: CircuitBuilder, f: LinearForm, k: number): number => {
  const { args, ws, lo, hi } = formArgs(f);
  return b.le(args, Math.min(Math.max(k - f.constant, lo - 1), hi), ws);
};

const scaleTerms = (terms: readonly Term[], s: number): Term[] => terms.map(([g, w]) => [g, s * w] as const);

/** A sign-magnitude integer: magnitude bits (LSB first), sign bit, and masked_i = sign ∧ mag_i. */
interface SignMag {
  readonly mag: readonly number[];
  readonly sign: number;
  readonly masked: readonly number[];
}

/** Build the r AND gates sign ∧ mag_i (depth 1). */
const signMag = (b: CircuitBuilder, mag: readonly number[], sign: number): SignMag => ({
  mag,
  sign,
  masked: mag.map((x) => b.and([sign, x])),
});

/** Terms of σ·v: v = Σ 2^i·mag_i − Σ 2^(i+1)·(sign ∧ mag_i) (negative zero gives 0). */
const signMagTerms = (v: SignMag, sigma: 1 | -1): Term[] =>
  v.mag.flatMap((x, i): Term[] => [
    [x, sigma * 2 ** i],
    [v.masked[i]!, -sigma * 2 ** (i + 1)],
  ]);

/**
 * Two's-complement summands of σ·v mod 2^W (W = |mag|): v ≡ mag + Y + 2 with
 * Y_i = ¬(sign ∧ mag_(i−1)) for i ≥ 1 (Y_0 = 0), since −2X ≡ ¬(2X) + 1 and ¬(2X) has bit 0 set;
 * −v ≡ ¬mag + 1 + 2·(sign ∧ mag). Builds W − 1 (σ = 1) or W (σ = −1) gates of depth 1.
 */
const signMagSummands = (b: CircuitBuilder, v: SignMag, sigma: 1 | -1): { numbers: Bit[][]; constant: number } => {
  const W = v.mag.length;
  if (sigma === 1) {
    const y: Bit[] = [null, ...v.mag.slice(0, W - 1).map((x) => b.le([v.sign, x], 1))];
    return { numbers: [[...v.mag], y], constant: 2 };
  }
  return { numbers: [v.mag.map((x) => b.not(x)), [null, ...v.masked.slice(0, W - 1)]], constant: 1 };
};

/**
 * Mutually exclusive indicator gates with values (at most one gate is 1): the binary form of
 * the selected value mod 2^W, bit k = OR of the indicators whose value has bit k (null: none;
 * a single indicator is used as is). Depth +1.
 */
const oneHotValue = (b: CircuitBuilder, hot: readonly (readonly [gate: number, value: number])[], W: number): Bit[] =>
  Array.from({ length: W }, (_, k) => {
    const gs = hot.filter(([, v]) => Math.floor((((v % 2 ** W) + 2 ** W) % 2 ** W) / 2 ** k) % 2 === 1).map(([g]) => g);
    return gs.length === 0 ? null : gs.length === 1 ? gs[0]! : b.or(gs);
  });

/**
 * (Σ numbers + constant) mod 2^W by {@link columnSumGadget} (depth +8); the constant's bits
 * share one `const 1` gate.
 */
const sumMod = (b: CircuitBuilder, numbers: readonly (readonly Bit[])[], constant: number, W: number): number[] => {
  const cols: number[][] = Array.from({ length: W }, () => []);
  for (const x of numbers) x.forEach((g, i) => g !== null && i < W && cols[i]!.push(g));
  const c = ((constant % 2 ** W) + 2 ** W) % 2 ** W;
  if (c !== 0) {
    const one = b.constant(1);
    for (let i = 0; i < W; i++) if (Math.floor(c / 2 ** i) % 2 === 1) cols[i]!.push(one);
  }
  return columnSumGadget(b, cols, W);
};

/** A shared `const 0` for bits that are identically 0 (made once per call). */
const materializer = (b: CircuitBuilder): ((x: Bit) => number) => {
  let zero: number | null = null;
  return (x) => {
    if (x !== null) return x;
    zero ??= b.constant(0);
    return zero;
  };
};

/**
 * One-hot leading one of a bit vector: h_j = [x_j ∧ no higher bit set] = [x_j − Σ_(k>j) x_k ≥ 1]
 * (depth 1), h_top = x_top (no gate).
 */
const leadingOneHot = (b: CircuitBuilder, xs: readonly number[]): number[] =>
  xs.map((x, j) => (j === xs.length - 1 ? x : b.ge([x, ...xs.slice(j + 1)], 1, [1, ...xs.slice(j + 1).map(() => -1)])));

/**
 * The r bits of x (|x| ≥ r bits, one-hot leading one h) normalized to its leading one:
 * ⌊x·2^(r−L)⌋, i.e. x shifted up, or its top r bits when x is wider:
 * N_i = OR_j (h_j ∧ x_(j−r+1+i)) over the positions j whose source bit exists (i < r − 1); the
 * top bit is `nonzero`. For x = 0 every bit is 0. Depth +2 over h and x.
 */
const normalize = (b: CircuitBuilder, xs: readonly number[], h: readonly number[], r: number, nonzero: number): number[] =>
  Array.from({ length: r }, (_, i) => {
    if (i === r - 1) return nonzero;
    const terms: number[] = [];
    h.forEach((hj, j) => {
      const src = j - r + 1 + i;
      if (src >= 0) terms.push(b.and([hj, xs[src]!]));
    });
    // j = |h| − 1 ≥ r − 1 always has a source bit, so there is at least one term
    return terms.length === 1 ? terms[0]! : b.or(terms);
  });

/** The operand fields of a float at input positions `bits` (kernel float layout). @category model */
export interface FloatBits {
  readonly mag: readonly number[];
  readonly sign: number;
  readonly expMag: readonly number[];
  readonly expSign: number;
}

/** The {@link FloatBits} of the 2q input positions `bits` (RangeError on another length). @category model */
export const floatBits = (bits: readonly number[], q: number): FloatBits => {
  if (bits.length !== 2 * q) throw new RangeError(`float gadget: expected ${2 * q} bits, got ${bits.length}`);
  return {
    mag: bits.slice(0, q - 1),
    sign: bits[q - 1]!,
    expMag: bits.slice(q, 2 * q - 1),
    expSign: bits[2 * q - 1]!,
  };
};

// ---------------------------------------------------------------------------------------------
// the shared truncation stage
// ---------------------------------------------------------------------------------------------

/** What `finishGadget` (internal) needs; see the module notes for the case split. */
interface FinishInput {
  /** Normalized magnitude, r bits, top bit 1 whenever ¬zero ∧ ¬forceSat (anything otherwise). */
  readonly N: readonly number[];
  /** The exact result is 0. */
  readonly zero: number;
  /** ¬zero. */
  readonly nonzero: number;
  /** Saturate whatever D says (division by zero); only read when ¬zero. */
  readonly forceSat: number | null;
  /** The sign of the exact result (read only when it is non-zero). */
  readonly negative: number;
  /** The exponent of the normal form, as a linear form (valid when ¬zero ∧ ¬forceSat). */
  readonly D: LinearForm;
  /** D mod 2^r and −D mod 2^r. */
  readonly dPos: readonly number[];
  readonly dNeg: readonly number[];
}

/**
 * The truncation stage shared by product and quotient: from (N, D, sign, zero) to the p bits of
 * the float result, exactly as `truncateScaled` in float.ts (module notes). Gates:
 * - sat = [satD + forceSat − 2·zero ≥ 1] with satD = [D ≥ M+1]; sub = [D ≤ −M−1];
 *   signD = [D ≤ −1]; notSub = [D ≥ −M]; alive = [D ≥ −M−r+1] (the underflowed mantissa is
 *   non-zero); eqGe_u, eqLe_u = [D ≥ −M−u], [D ≤ −M−u] for u = 1…r−1;
 * - mantissa bit i = OR(sat, nonzero ∧ notSub ∧ N_i, OR_u (nonzero ∧ eqGe_u ∧ eqLe_u ∧ N_(i+u)));
 * - mantissa sign = OR(negative ∧ nonzero ∧ alive, negative ∧ nonzero ∧ forceSat);
 * - exponent bit i = OR(zero, forceSat, satD, sub, [dPos_i − signD ≥ 1], [dNeg_i + signD ≥ 2])
 *   (saturation, underflow and zero all have exponent magnitude M = all ones);
 * - exponent sign = OR(zero, [signD − forceSat ≥ 1]).
 * Depth: +1 over the D-gates for the conditions, +2 over N for the mantissa, +2 over dPos/dNeg.
 */
const finishGadget = (b: CircuitBuilder, params: FloatParams, f: FinishInput): number[] => {
  const r = params.q - 1;
  const M = Number(params.iMax);
  const fs = f.forceSat;
  const satD = formGe(b, f.D, M + 1);
  const sub = formLe(b, f.D, -M - 1);
  const signD = formLe(b, f.D, -1);
  const notSub = formGe(b, f.D, -M);
  const alive = formGe(b, f.D, -M - r + 1);
  const eq = range(1, r - 1).map((u) => [formGe(b, f.D, -M - u), formLe(b, f.D, -M - u)] as const);
  const sat = fs === null ? b.ge([satD, f.zero], 1, [1, -2]) : b.ge([satD, fs, f.zero], 1, [1, 1, -2]);
  const mant = range(0, r).map((i) => {
    const terms = [sat, b.and([f.nonzero, notSub, f.N[i]!])];
    for (let u = 1; i + u <= r - 1; u++) terms.push(b.and([f.nonzero, ...eq[u - 1]!, f.N[i + u]!]));
    return b.or(terms);
  });
  const mantSign =
    fs === null ? b.and([f.negative, f.nonzero, alive]) : b.or([b.and([f.negative, f.nonzero, alive]), b.and([f.negative, f.nonzero, fs])]);
  const expMag = range(0, r).map((i) =>
    b.or([
      f.zero,
      ...(fs === null ? [] : [fs]),
      satD,
      sub,
      b.ge([f.dPos[i]!, signD], 1, [1, -1]),
      b.ge([f.dNeg[i]!, signD], 2),
    ]),
  );
  const expSign = b.or([f.zero, fs === null ? signD : b.ge([signD, fs], 1, [1, -1])]);
  return [...mant, mantSign, ...expMag, expSign];
};

// ---------------------------------------------------------------------------------------------
// multiplication
// ---------------------------------------------------------------------------------------------

/**
 * The float product of a and b (each p gate ids in the kernel float layout), as p gate ids;
 * bit-exact with float.ts `floatMul`. Depth +17, size as counted at {@link floatMulArith}.
 *
 * Construction: prod = x·y by {@link multiplyGadget} (2r bits, depth 9); one-hot leading one
 * h_j of prod (depth 10); zero = [prod = 0]; N = top r bits of prod (depth 12); the normal-form
 * exponent D = e_a + e_b + L − r with L = Σ (j+1)·h_j, a linear form (depth-1 ANDs and h);
 * D mod 2^r = (e_a + e_b − r mod 2^r, a column sum of four r-bit numbers, depth 9) + (L mod 2^r,
 * ORs of h, depth 11) by carry-lookahead (depth 15), likewise −D; sign = sign_a ⊕ sign_b; then
 * `finishGadget` (internal) (depth 17).
 * @category arithmetic route
 */
export const floatMulGadget = (b: CircuitBuilder, params: FloatParams, a: readonly number[], c: readonly number[]): number[] => {
  const q = params.q;
  const r = q - 1;
  const A = floatBits(a, q);
  const B = floatBits(c, q);
  const ea = signMag(b, A.expMag, A.expSign);
  const eb = signMag(b, B.expMag, B.expSign);
  const prod = multiplyGadget(b, [...A.mag], [...B.mag], 2 * r);
  const h = leadingOneHot(b, prod);
  const zero = b.le(prod, 0);
  const nonzero = b.ge(prod, 1);
  const N = normalize(b, prod, h, r, nonzero);
  const D: LinearForm = {
    terms: [...signMagTerms(ea, 1), ...signMagTerms(eb, 1), ...h.map((g, j): Term => [g, j + 1])],
    constant: -r,
  };
  const m = materializer(b);
  const sa = signMagSummands(b, ea, 1);
  const sb = signMagSummands(b, eb, 1);
  const ePos = sumMod(b, [...sa.numbers, ...sb.numbers], sa.constant + sb.constant - r, r);
  const na = signMagSummands(b, ea, -1);
  const nb = signMagSummands(b, eb, -1);
  const eNeg = sumMod(b, [...na.numbers, ...nb.numbers], na.constant + nb.constant + r, r);
  const lPos = oneHotValue(b, h.map((g, j) => [g, j + 1] as const), r);
  const lNeg = oneHotValue(b, h.map((g, j) => [g, -(j + 1)] as const), r);
  const dPos = sparseAdd(b, ePos, lPos, r).map(m);
  const dNeg = sparseAdd(b, eNeg, lNeg, r).map(m);
  const negative = b.or([b.ge([A.sign, B.sign], 1, [1, -1]), b.ge([B.sign, A.sign], 1, [1, -1])]);
  return finishGadget(b, params, { N, zero, nonzero, forceSat: null, negative, D, dPos, dNeg });
};

// ---------------------------------------------------------------------------------------------
// multiplication: family
// ---------------------------------------------------------------------------------------------

/**
 * The product of two p-bit floats by explicit arithmetic: inputs a then b, outputs the p bits
 * of float.ts `floatMul(a, b)`. 4 ≤ p ≤ 60, p even.
 *
 * Depth ≤ 17 and, with r = p/2 − 1, size ≤ mult(r) + 4r² + 40r + 14⌈r/2⌉ + 7, mult(r) = the
 * multiplication family's size bound (`src/reductions/arithmetic/multiplication.ts`).
 * Stage by stage (each figure bounds the gates that stage builds):
 * - mult(r): the product x·y;
 * - 2r + 2: leading one of the 2r-bit product (2r − 1 gates), zero, nonzero;
 * - r(3r − 1)/2 + 2r: normalization (one AND per (i, j) with i < r − 1 and j ≥ r − 1 − i, at most
 *   r(2r−1) − r(r−1)/2; at most r ORs and a `const 0`);
 * - 6r − 2: exponent ANDs sign ∧ mag (2r), two's-complement summands (2(r − 1) NANDs, 2r NOTs);
 * - 2·(cs(5, r) + 1): two column sums of four r-bit numbers and a constant (height ≤ 5, width r,
 *   one `const 1` each), where the column-sum gadget builds at most
 *   cs(5, W) = 4W + 7⌈W/2⌉ + W(W+1)/2 + 3W − 1 gates (round A: ⌊5/2⌋ + ⌊log₂ 5⌋ per column;
 *   round B: height ≤ 3, blocks of 2 columns of ≤ ⌊3·3/2⌋ + 3 gates; carry-lookahead of width W
 *   and a `const 0`);
 * - r² + 9r − 2: L mod 2^r and −L mod 2^r (≤ 2r ORs of the one-hot h) and two carry-lookahead
 *   adders of width r (≤ r(r+1)/2 + 3r − 2 each) with one shared `const 0`;
 * - 3: the sign sign_a ⊕ sign_b;
 * - r(r−1)/2 + 7r + 6: the truncation stage (5 + 2(r − 1) + 1 conditions, r ORs + r normal ANDs +
 *   r(r−1)/2 underflow ANDs for the mantissa, 1 for its sign, 3r + 1 for the exponent).
 * @example
 * ```ts
 * const { circuit } = floatMulArith(8); // depth ≤ 17
 * ```
 * @category arithmetic route
 */
export const floatMulArith = (p: number): ArithmeticCircuit<FloatOpLayout> =>
  binaryFloatCircuit(
    p,
    requireFloatPrecision('floatMulArith', p, MAX_FLOAT_ARITH_PRECISION, 'exponent weights 2^(p/2−1) must stay below 2^30'),
    floatMulGadget,
  );

// ---------------------------------------------------------------------------------------------
// division
// ---------------------------------------------------------------------------------------------

/**
 * The float quotient a/b as p gate ids, bit-exact with float.ts `floatDiv` (division by zero
 * included). Depth +14, size as counted at {@link floatDivArith}.
 *
 * Construction: one-hot leading ones hx, hy of the mantissa magnitudes (depth 1); normalized
 * N_x, N_y (depth 3, top bits 1); c = [N_x < N_y] (one weighted gate, depth 4); for
 * s ∈ {r−1, r} the quotient Q_s = ⌊N_x·2^s / N_y⌋ by counting (module notes; T-gates depth 4,
 * bits depth 5); N = c ? Q_r : Q_(r−1) (depth 7) — the normalized quotient, since
 * x/y = (N_x/N_y)·2^(L_x − L_y) and L' = L_x − L_y − c; D = e_a − e_b + L_x − L_y − c − r + 1
 * (linear form; D mod 2^r and −D mod 2^r by column sums of ≤ 7 numbers, depth 12); sign
 * = sign_a ⊕ sign_b, or sign_a when y = 0; zero = [x = 0], forceSat = [y = 0]; then
 * `finishGadget` (internal) (depth 14).
 * @category arithmetic route
 */
export const floatDivGadget = (b: CircuitBuilder, params: FloatParams, a: readonly number[], c: readonly number[]): number[] => {
  const q = params.q;
  const r = q - 1;
  const A = floatBits(a, q);
  const B = floatBits(c, q);
  const ea = signMag(b, A.expMag, A.expSign);
  const eb = signMag(b, B.expMag, B.expSign);
  const hx = leadingOneHot(b, A.mag);
  const hy = leadingOneHot(b, B.mag);
  const zero = b.le(A.mag, 0);
  const nonzero = b.ge(A.mag, 1);
  const yZero = b.le(B.mag, 0);
  const yNonzero = b.ge(B.mag, 1);
  const Nx = normalize(b, A.mag, hx, r, nonzero);
  const Ny = normalize(b, B.mag, hy, r, yNonzero);
  const low = range(0, r - 1);
  // c = [N_x < N_y]; the top bits are both 1 in every case that is read
  const cLt = formGe(b, { terms: low.flatMap((i): Term[] => [[Ny[i]!, 2 ** i], [Nx[i]!, -(2 ** i)]]), constant: 0 }, 1);
  // Q_s = ⌊N_x·2^s / N_y⌋ ∈ [2^(r−1), 2^r) when it is read; T_k = [k·N_y ≤ N_x·2^s]
  const quotient = (s: number): number[] => {
    const T: number[] = [];
    for (let k = 2 ** (r - 1) + 1; k < 2 ** r; k++) {
      const form: LinearForm = {
        terms: low.flatMap((i): Term[] => [[Ny[i]!, k * 2 ** i], [Nx[i]!, -(2 ** (s + i))]]),
        constant: k * 2 ** (r - 1) - 2 ** (s + r - 1),
      };
      T.push(formLe(b, form, 0));
    }
    // bit j of Q = [Σ_k (f(k) − f(k−1))·T_k ≥ 2^j], f = (· mod 2^(j+1)), f(2^(r−1)) = 0
    return low.map((j) => {
      const period = 2 ** (j + 1);
      const ws = T.map((_, t) => ((2 ** (r - 1) + 1 + t) % period === 0 ? 1 - period : 1));
      return b.ge(T, 2 ** j, ws);
    });
  };
  const q0 = quotient(r - 1);
  const q1 = quotient(r);
  const N = [...low.map((i) => b.or([b.ge([q1[i]!, cLt], 2), b.ge([q0[i]!, cLt], 1, [1, -1])])), nonzero];
  const lx = hx.map((g, j): Term => [g, j + 1]);
  const ly = hy.map((g, j): Term => [g, -(j + 1)]);
  const D: LinearForm = {
    terms: [...signMagTerms(ea, 1), ...signMagTerms(eb, -1), ...lx, ...ly, [cLt, -1]],
    constant: 1 - r,
  };
  const sa = signMagSummands(b, ea, 1);
  const sb = signMagSummands(b, eb, -1);
  const pos = sumMod(
    b,
    [...sa.numbers, ...sb.numbers, oneHotValue(b, lx, r), oneHotValue(b, ly, r), Array.from({ length: r }, () => cLt)],
    sa.constant + sb.constant + 1 - r,
    r,
  );
  const na = signMagSummands(b, ea, -1);
  const nb = signMagSummands(b, eb, 1);
  const neg = sumMod(
    b,
    [...na.numbers, ...nb.numbers, oneHotValue(b, scaleTerms(lx, -1), r), oneHotValue(b, scaleTerms(ly, -1), r), [cLt]],
    na.constant + nb.constant - 1 + r,
    r,
  );
  const negative = b.or([
    b.ge([A.sign, B.sign], 1, [1, -1]),
    b.ge([B.sign, yNonzero, A.sign], 2, [1, 1, -1]),
    b.ge([A.sign, B.sign, yZero], 3),
  ]);
  return finishGadget(b, params, { N, zero, nonzero, forceSat: yZero, negative, D, dPos: pos, dNeg: neg });
};

/**
 * The quotient of two p-bit floats with explicit exponent arithmetic and a counting construction
 * for the mantissa quotient: inputs a then b, outputs the p bits of float.ts `floatDiv(a, b)`.
 * 4 ≤ p ≤ 32, p even. Size Θ(2^(p/2)) (module notes).
 *
 * Depth ≤ 14 and, with r = p/2 − 1, size ≤ 2^r + r(5r + 91)/2 + 18⌈r/2⌉ + 7. Stage by stage:
 * - 2^r + 2r − 4: two quotients Q_(r−1), Q_r, each 2^(r−1) − 1 T-gates and r − 1 bit gates;
 * - r² + 3r + 3: leading ones of x and y (2(r − 1)), zero/nonzero of x and y (4), normalization
 *   of x and y (each at most r(r−1)/2 ANDs and r ORs), c (1);
 * - 3r − 3: the mux N = c ? Q_r : Q_(r−1);
 * - 6r − 2: exponent ANDs sign ∧ mag (2r), two's-complement summands (2(r − 1) NANDs, 2r NOTs);
 * - 4r: the one-hot values ±L_x, ±L_y (≤ r ORs each);
 * - r² + 21r + 18⌈r/2⌉: two column sums of seven r-bit numbers and a constant (height ≤ 8), each
 *   at most 7W + 9⌈W/2⌉ + W(W+1)/2 + 3W − 1 gates for W = r (round A: ⌊8/2⌋ + ⌊log₂ 8⌋ per column;
 *   round B: height ≤ 4, blocks of 2 columns of ≤ ⌊4·3/2⌋ + 3 gates; carry-lookahead and a
 *   `const 0`), plus a `const 1`;
 * - 4: the sign (sign_a ⊕ sign_b, or sign_a when y = 0);
 * - r(r−1)/2 + 7r + 9: the truncation stage with forceSat.
 * @category arithmetic route
 */
export const floatDivArith = (p: number): ArithmeticCircuit<FloatOpLayout> =>
  binaryFloatCircuit(
    p,
    requireFloatPrecision('floatDivArith', p, MAX_FLOAT_DIV_ARITH_PRECISION, 'quotient weights 2^(p−4) must stay below 2^30'),
    floatDivGadget,
  );

// ---------------------------------------------------------------------------------------------
// comparison
// ---------------------------------------------------------------------------------------------

/**
 * [value(a) < value(b)] and [value(a) = value(b)] as two gate ids, exact (float.ts
 * `floatCompare`). Depth +6, size as counted at {@link floatCompareArith}.
 *
 * Construction, per operand: zero Z = [x = 0], positive P = [Σx − r·s ≥ 1], negative
 * Ng = [Σx + r·s ≥ r + 1] (depth 1); one-hot leading one h and normalized mantissa N (depth 3).
 * For non-zero magnitudes |a| < |b| iff T_a < T_b, or T_a = T_b and N_a < N_b, where T = e + L − 1;
 * δ = T_b − T_a is a linear form, so tGt = [δ ≥ 1], tLt = [δ ≤ −1], tGe = [δ ≥ 0],
 * tLe = [δ ≤ 0] are single gates (depth 2), and the weighted comparisons of N_b − N_a
 * (nLt, nGt, nGe, nLe) are single gates (depth 4). Then
 * lt = OR(Ng_a ∧ ¬Ng_b, Z_a ∧ P_b, P_a ∧ P_b ∧ tGt, P_a ∧ P_b ∧ tGe ∧ tLe ∧ nLt,
 *         Ng_a ∧ Ng_b ∧ tLt, Ng_a ∧ Ng_b ∧ tGe ∧ tLe ∧ nGt),
 * eq = OR(Z_a ∧ Z_b, P_a ∧ P_b ∧ tGe ∧ tLe ∧ nGe ∧ nLe, Ng_a ∧ Ng_b ∧ tGe ∧ tLe ∧ nGe ∧ nLe).
 * @category arithmetic route
 */
export const floatCompareGadget = (
  b: CircuitBuilder,
  params: FloatParams,
  a: readonly number[],
  c: readonly number[],
): { readonly lt: number; readonly eq: number } => {
  const q = params.q;
  const r = q - 1;
  const side = (bits: readonly number[]) => {
    const F = floatBits(bits, q);
    const e = signMag(b, F.expMag, F.expSign);
    const zero = b.le(F.mag, 0);
    const pos = b.ge([...F.mag, F.sign], 1, [...F.mag.map(() => 1), -r]);
    const neg = b.ge([...F.mag, F.sign], r + 1, [...F.mag.map(() => 1), r]);
    const h = leadingOneHot(b, F.mag);
    const N = normalize(b, F.mag, h, r, b.ge(F.mag, 1));
    return { e, zero, pos, neg, h, N };
  };
  const A = side(a);
  const B = side(c);
  const delta: LinearForm = {
    terms: [
      ...signMagTerms(B.e, 1),
      ...signMagTerms(A.e, -1),
      ...B.h.map((g, j): Term => [g, j + 1]),
      ...A.h.map((g, j): Term => [g, -(j + 1)]),
    ],
    constant: 0,
  };
  const tGt = formGe(b, delta, 1);
  const tLt = formLe(b, delta, -1);
  const tGe = formGe(b, delta, 0);
  const tLe = formLe(b, delta, 0);
  // N_b − N_a; the top bits are both 1 whenever the result is read
  const low = range(0, r - 1);
  const nDiff: LinearForm = { terms: low.flatMap((i): Term[] => [[B.N[i]!, 2 ** i], [A.N[i]!, -(2 ** i)]]), constant: 0 };
  const nLt = formGe(b, nDiff, 1);
  const nGt = formLe(b, nDiff, -1);
  const nGe = formGe(b, nDiff, 0);
  const nLe = formLe(b, nDiff, 0);
  const lt = b.or([
    b.ge([A.neg, B.neg], 1, [1, -1]),
    b.and([A.zero, B.pos]),
    b.and([A.pos, B.pos, tGt]),
    b.and([A.pos, B.pos, tGe, tLe, nLt]),
    b.and([A.neg, B.neg, tLt]),
    b.and([A.neg, B.neg, tGe, tLe, nGt]),
  ]);
  const eq = b.or([
    b.and([A.zero, B.zero]),
    b.and([A.pos, B.pos, tGe, tLe, nGe, nLe]),
    b.and([A.neg, B.neg, tGe, tLe, nGe, nLe]),
  ]);
  return { lt, eq };
};

/**
 * [a < b] and [a = b] for two p-bit floats by explicit arithmetic (exact values, as float.ts
 * `floatCompare`): inputs a then b, outputs [lt, eq]. 4 ≤ p ≤ 60, p even.
 *
 * Depth ≤ 6 and, with r = p/2 − 1, size exactly r² + 5r + 21 for p ≥ 6 (29 at p = 4). Per
 * operand: r exponent ANDs, zero/positive/negative/nonzero (4), r − 1 leading-one gates,
 * r(r−1)/2 normalization ANDs and r − 2 ORs (none at r = 1); four gates on δ and four on
 * N_b − N_a; lt is one gate, five ANDs and an OR, eq three ANDs and an OR (11).
 * @category arithmetic route
 */
export const floatCompareArith = (p: number): ArithmeticCircuit<FloatCompareLayout> =>
  compareFloatCircuit(
    requireFloatPrecision('floatCompareArith', p, MAX_FLOAT_ARITH_PRECISION, 'exponent weights 2^(p/2−1) must stay below 2^30'),
    floatCompareGadget,
  );
