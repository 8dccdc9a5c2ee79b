/**
 * # p-precision floats (P1 App. A, in the pinned reading)
 *
 * Exact, bit-for-bit p-precision floats as P1 Appendix A defines them, with every choice the
 * paper leaves open pinned (see `docs/semantics.md`, section "Floats").
 *
 * ## Main definitions
 * - {@link FloatParams}, {@link floatParams}: p even, 4 ≤ p ≤ 64; q = p/2;
 *   I^max = 2^(q−1) − 1, I^min = −I^max.
 * - {@link Float}: ⟨m, e⟩ with |m|, |e| ≤ I^max, value m·2^e.
 * - {@link encodeFloat} / {@link decodeFloat}: p bits, the mantissa (bits 0 … q−1) then the
 *   exponent (bits q … p−1), each a sign-magnitude q-bit integer: q − 1 magnitude bits,
 *   least significant first, then a sign bit (1 = negative).
 * - {@link allFloats} (all 2^p bit patterns) and {@link allDistinctFloats} (all (2^q − 1)^2
 *   distinct pairs ⟨m, e⟩).
 * - {@link gP} (Def 13), {@link sizeofInt}, {@link rshift}, {@link fP} / {@link truncateInt}
 *   (Def 14), {@link iteratedSum} (Def 15).
 * - Scalar operations P1 leaves open: {@link floatMul}, {@link floatDiv}, {@link floatOfRational}
 *   (exact result, truncated toward zero to a multiple of 2^(I^min), then f_p);
 *   {@link floatCompare} (exact).
 * - Exact values: {@link floatToRational} ({@link Rational}) and {@link floatToDyadic}
 *   ({@link Dyadic}, compact for every p) with the arithmetic the checkers need.
 *
 * ## Main results
 * - {@link iteratedSum} equals f_p(Σ g_p(φ_i)) exactly (tested against the literal definition),
 *   without building the integers g_p(φ_i), which have up to 2·I^max + q bits.
 * - {@link overflows}: f_p saturates exactly when the value it rounds has magnitude
 *   ≥ 2^(q−1+I^max) = (I^max + 1)·2^(I^max).
 *
 * ## Implementation notes
 * - All arithmetic is exact, on `bigint`. Truncation is toward zero on the magnitude
 *   (`rshift(−5, 1) = −2`); saturation keeps the sign of the saturated value:
 *   ⟨±I^max, I^max⟩.
 * - Negative zero (sign bit 1, magnitude 0) decodes to 0 and is never produced.
 * - Representations are not unique: ⟨m, e⟩ and ⟨2m, e − 1⟩ have the same value, and ⟨0, e⟩ is
 *   zero for every e. f_p always returns the *normal* representative: e = I^min, or
 *   2^(q−2) ≤ |m| ≤ I^max ({@link isNormal}); zero is ⟨0, I^min⟩.
 * - Sizes: p > 64 is refused. {@link gP} and {@link floatToRational} build integers of up to
 *   2·I^max + q bits, which exceeds V8's BigInt limit (2^30 bits) for p ≥ 62 at extreme
 *   exponents (they throw a RangeError there); {@link iteratedSum}, {@link floatMul},
 *   {@link floatDiv}, {@link floatCompare} and {@link floatToDyadic} never build such integers
 *   and work for every p ≤ 64.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, App. A, Defs 13–15,
 *   Lemma 4; the pinned reading in `docs/semantics.md`, "Floats".
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/** The smallest precision accepted. @category model */
export const MIN_PRECISION = 4;

/**
 * The largest precision accepted, to keep sizes sane: g_p(φ) has up to 2·I^max + q bits, which
 * already exceeds V8's BigInt limit (2^30 bits) at p ≥ 62 for extreme exponents.
 * @category model
 */
export const MAX_PRECISION = 64;

/**
 * The constants of p-precision floats.
 * @category model
 */
export interface FloatParams {
  /** The precision: total number of bits. Even, 4 ≤ p ≤ 64. */
  readonly p: number;
  /** q = p/2: bits of the mantissa and of the exponent, each including a sign bit. */
  readonly q: number;
  /** I^max_q = 2^(q−1) − 1, the greatest q-bit sign-magnitude integer. */
  readonly iMax: bigint;
  /** I^min_q = −I^max_q. */
  readonly iMin: bigint;
}

/**
 * A p-precision float ⟨m, e⟩ with value m·2^e. A value of this type is meaningful for given
 * {@link FloatParams} when |m| ≤ I^max and |e| ≤ I^max ({@link isFloat}).
 * @category model
 */
export interface Float {
  readonly m: bigint;
  readonly e: bigint;
}

/**
 * The result of a truncation (Def 14) with what happened on the way.
 * @category model
 */
export interface Truncation {
  readonly float: Float;
  /** The number of low bits dropped, k = max(0, sizeof(z) − q) (before saturation). */
  readonly shift: bigint;
  /** Whether the exponent k + I^min exceeded I^max, so the result is ⟨±I^max, I^max⟩. */
  readonly saturated: boolean;
}

/**
 * An exact rational num/den, den > 0, in lowest terms when made by this module.
 * @category model
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * An exact dyadic rational mant·2^exp (any size of mantissa and exponent). Compact even where
 * the {@link Rational} form is not (e.g. 2^(−2^31)).
 * @category model
 */
export interface Dyadic {
  readonly mant: bigint;
  readonly exp: bigint;
}

// -------------------------------------------------------------------------------------------
// bigint helpers
// -------------------------------------------------------------------------------------------

const abs = (z: bigint): bigint => (z < 0n ? -z : z);
const sgn = (z: bigint): -1 | 0 | 1 => (z < 0n ? -1 : z > 0n ? 1 : 0);
const maxB = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * The number of bits of |z| (0 for 0), in time linear in the size of z.
 * @category bits
 * @example
 * bitLength(5n) // 3
 */
export const bitLength = (z: bigint): number => {
  if (z === 0n) return 0;
  const h = abs(z).toString(16);
  const top = parseInt(h[0] ?? '0', 16);
  return (h.length - 1) * 4 + (top >= 8 ? 4 : top >= 4 ? 3 : top >= 2 ? 2 : 1);
};

// -------------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------------

const paramsByP = new Map<number, FloatParams>();

/**
 * The constants for precision p, or why p is not accepted (p must be an even integer with
 * 4 ≤ p ≤ 64).
 * @category constructors
 * @example
 * floatParams(8) // right({ p: 8, q: 4, iMax: 7n, iMin: -7n })
 * floatParams(7) // left('floatParams: p must be even, got 7')
 */
export const floatParams = (p: number): Either<string, FloatParams> => {
  if (!Number.isInteger(p)) return left(`floatParams: p must be an integer, got ${p}`);
  if (p % 2 !== 0) return left(`floatParams: p must be even, got ${p}`);
  if (p < MIN_PRECISION) return left(`floatParams: p must be at least ${MIN_PRECISION}, got ${p}`);
  if (p > MAX_PRECISION) return left(`floatParams: p must be at most ${MAX_PRECISION}, got ${p}`);
  // one frozen object per p: callers' caches keyed by the params object (e.g. fl of weights in
  // transformer.ts) then live across runs
  let params = paramsByP.get(p);
  if (params === undefined) {
    const q = p / 2;
    const iMax = (1n << BigInt(q - 1)) - 1n;
    params = Object.freeze({ p, q, iMax, iMin: -iMax });
    paramsByP.set(p, params);
  }
  return right(params);
};

/**
 * Whether ⟨m, e⟩ is a p-precision float: |m| ≤ I^max and |e| ≤ I^max.
 * @category refinements
 */
export const isFloat = (params: FloatParams, f: Float): boolean =>
  abs(f.m) <= params.iMax && abs(f.e) <= params.iMax;

/**
 * Make ⟨m, e⟩, or say which component is out of range.
 * @category constructors
 * @example
 * makeFloat(params8, 3n, -2n) // right({ m: 3n, e: -2n }), value 3/4
 */
export const makeFloat = (params: FloatParams, m: bigint, e: bigint): Either<string, Float> =>
  abs(m) > params.iMax
    ? left(`makeFloat: mantissa ${m} is outside ±${params.iMax} (p = ${params.p})`)
    : abs(e) > params.iMax
      ? left(`makeFloat: exponent ${e} is outside ±${params.iMax} (p = ${params.p})`)
      : right({ m, e });

/** Zero in its normal form ⟨0, I^min⟩ (= f_p(0)). @category constructors */
export const zeroFloat = (params: FloatParams): Float => ({ m: 0n, e: params.iMin });

/** F^max = ⟨I^max, I^max⟩, the greatest value, I^max·2^(I^max). @category constructors */
export const maxFloat = (params: FloatParams): Float => ({ m: params.iMax, e: params.iMax });

/** The saturated value ⟨±I^max, I^max⟩ (what f_p returns on overflow). @category constructors */
export const saturatedFloat = (params: FloatParams, negative: boolean): Float => ({
  m: negative ? -params.iMax : params.iMax,
  e: params.iMax,
});

// -------------------------------------------------------------------------------------------
// bits
// -------------------------------------------------------------------------------------------

const writeSigned = (out: Uint8Array, offset: number, q: number, z: bigint): void => {
  let mag = abs(z);
  for (let j = 0; j < q - 1; j++) {
    out[offset + j] = Number(mag & 1n);
    mag >>= 1n;
  }
  out[offset + q - 1] = z < 0n ? 1 : 0;
};

const readSigned = (bits: ArrayLike<number>, offset: number, q: number): bigint => {
  let mag = 0n;
  for (let j = q - 2; j >= 0; j--) mag = (mag << 1n) | (bits[offset + j] === 1 ? 1n : 0n);
  return bits[offset + q - 1] === 1 ? -mag : mag; // −0n === 0n: negative zero decodes to 0
};

/**
 * The p bits of a float: the mantissa (bits 0 … q−1) then the exponent (bits q … p−1), each
 * sign-magnitude (q − 1 magnitude bits LSB first, then the sign bit, 1 = negative). Zero
 * components get sign bit 0. Throws a RangeError if `f` is not a float for `params`
 * (use {@link makeFloat} to validate input).
 * @category bits
 * @example
 * encodeFloat(params4, { m: -1n, e: 1n }) // Uint8Array [1, 1, 1, 0]
 */
export const encodeFloat = (params: FloatParams, f: Float): Uint8Array => {
  if (!isFloat(params, f)) {
    throw new RangeError(`encodeFloat: ⟨${f.m}, ${f.e}⟩ is not a ${params.p}-precision float (|m|, |e| ≤ ${params.iMax})`);
  }
  const out = new Uint8Array(params.p);
  writeSigned(out, 0, params.q, f.m);
  writeSigned(out, params.q, params.q, f.e);
  return out;
};

/**
 * Decode p bits (an array of 0/1, or a string of '0'/'1', bit 0 first) into a float, or say
 * why they are not p bits. Every p-bit pattern decodes; patterns with a negative zero decode as
 * the corresponding positive zero.
 * @category bits
 * @example
 * decodeFloat(params4, '1110') // right({ m: -1n, e: 1n }), value −2
 * decodeFloat(params4, '111')  // left('decodeFloat: expected 4 bits, got 3')
 */
export const decodeFloat = (params: FloatParams, bits: ArrayLike<number> | string): Either<string, Float> => {
  const arr: ArrayLike<number> =
    typeof bits === 'string' ? Array.from(bits, (c) => (c === '0' ? 0 : c === '1' ? 1 : -1)) : bits;
  if (arr.length !== params.p) return left(`decodeFloat: expected ${params.p} bits, got ${arr.length}`);
  for (let j = 0; j < arr.length; j++) {
    const b = arr[j];
    if (b !== 0 && b !== 1) {
      const shown = typeof bits === 'string' ? JSON.stringify(bits[j]) : String(b);
      return left(`decodeFloat: bit ${j} is ${shown}, not 0 or 1`);
    }
  }
  return right({ m: readSigned(arr, 0, params.q), e: readSigned(arr, params.q, params.q) });
};

/**
 * Every p-bit pattern decoded, in increasing binary order (bit j of pattern a is (a >> j) & 1):
 * 2^p items. Patterns that differ only in the sign bit of a zero component decode to the same
 * float, so each ⟨0, e⟩ and ⟨m, 0⟩ appears twice (⟨0, 0⟩ four times); there are (2^q − 1)^2
 * distinct floats ({@link allDistinctFloats}).
 * @category enumerations
 */
export function* allFloats(params: FloatParams): Generator<Float, void, undefined> {
  const q = BigInt(params.q);
  const magMask = (1n << (q - 1n)) - 1n;
  const total = 1n << BigInt(params.p);
  for (let a = 0n; a < total; a++) {
    const mMag = a & magMask;
    const mNeg = ((a >> (q - 1n)) & 1n) === 1n;
    const eMag = (a >> q) & magMask;
    const eNeg = ((a >> (2n * q - 1n)) & 1n) === 1n;
    yield { m: mNeg ? -mMag : mMag, e: eNeg ? -eMag : eMag };
  }
}

/**
 * Every distinct pair ⟨m, e⟩, |m|, |e| ≤ I^max, m-major in increasing order: (2^q − 1)^2 items.
 * @category enumerations
 */
export function* allDistinctFloats(params: FloatParams): Generator<Float, void, undefined> {
  for (let m = params.iMin; m <= params.iMax; m++) for (let e = params.iMin; e <= params.iMax; e++) yield { m, e };
}

// -------------------------------------------------------------------------------------------
// Defs 13–15
// -------------------------------------------------------------------------------------------

/**
 * Def 13: the integer mapping g_p(⟨m, e⟩) = m·2^(e − I^min). Since φ = g_p(φ)·2^(I^min), it
 * is the value of φ in units of 2^(I^min). Builds an integer of up to 2·I^max + q bits.
 * @category definitions
 * @example
 * gP(params4, { m: 1n, e: 1n }) // 4n  (value 2 = 4·2^(−1))
 */
export const gP = (params: FloatParams, f: Float): bigint => f.m << (f.e - params.iMin);

/**
 * Def 14 footnote: sizeof(z) = ⌊log₂|z|⌋ + 2 for z ≠ 0 (magnitude bits plus a sign bit),
 * sizeof(0) = 2.
 * @category definitions
 * @example
 * sizeofInt(0n) // 2n
 * sizeofInt(-5n) // 4n
 */
export const sizeofInt = (z: bigint): bigint => (z === 0n ? 2n : BigInt(bitLength(z)) + 1n);

/**
 * rshift(z, y): drop the y low bits of the magnitude of z (truncation toward zero), y ≥ 0.
 * @category definitions
 * @example
 * rshift(-5n, 1n) // -2n
 */
export const rshift = (z: bigint, y: bigint): bigint => (z < 0n ? -(-z >> y) : z >> y);

/**
 * Def 14, literally, with flags: k = max(0, sizeof(z) − q), m = rshift(z, k),
 * e = sizeof(z) − sizeof(m) + I^min; if e > I^max, saturate to ⟨±I^max, I^max⟩ with the sign
 * of z.
 * @category definitions
 */
export const truncateInt = (params: FloatParams, z: bigint): Truncation => {
  const q = BigInt(params.q);
  const s = sizeofInt(z);
  const k = maxB(0n, s - q);
  const m = rshift(z, k);
  const e = s - sizeofInt(m) + params.iMin;
  return e > params.iMax
    ? { float: saturatedFloat(params, z < 0n), shift: k, saturated: true }
    : { float: { m, e }, shift: k, saturated: false };
};

/**
 * Def 14: the p-truncated float mapping f_p(z), keeping the top q bits of z (a sign bit and
 * q − 1 magnitude bits, so |m| < 2^(q−1)), the exponent counting the dropped bits relative to
 * I^min; truncation toward zero; saturation to ⟨±I^max, I^max⟩ on overflow.
 * @category definitions
 * @example
 * fP(params4, 3n) // { m: 1n, e: 0n }: 3·2^(−1) = 1.5 truncates to 1
 * fP(params4, 8n) // { m: 1n, e: 1n }: saturated (F^max = 2)
 */
export const fP = (params: FloatParams, z: bigint): Float => truncateInt(params, z).float;

/**
 * f_p(sign·⌊a·2^t / b⌋) for a ≥ 0, b > 0 and any integer t, without building the (possibly
 * huge) integer ⌊a·2^t/b⌋: only its bit length and its top q − 1 bits are computed.
 */
const truncateScaled = (params: FloatParams, negative: boolean, a: bigint, b: bigint, t: bigint): Truncation => {
  const zero: Truncation = { float: zeroFloat(params), shift: 0n, saturated: false };
  if (a === 0n) return zero;
  // L = ⌊log₂(a/b)⌋
  let L = BigInt(bitLength(a) - bitLength(b));
  if (!(L >= 0n ? a >= b << L : a << -L >= b)) L -= 1n;
  const T = L + t; // ⌊log₂ z⌋ for z = ⌊a·2^t/b⌋ when T ≥ 0
  if (T < 0n) return zero;
  const k = maxB(0n, T + 2n - BigInt(params.q));
  if (k + params.iMin > params.iMax) return { float: saturatedFloat(params, negative), shift: k, saturated: true };
  const d = t - k;
  const mag = d >= 0n ? (a << d) / b : a / (b << -d);
  return { float: { m: negative ? -mag : mag, e: k + params.iMin }, shift: k, saturated: false };
};

/**
 * Def 15 with flags: the iterated sum f_p(Σ g_p(φ_i)), computed exactly without building the
 * g_p integers. Terms are grouped into clusters of nearby exponents; a cluster separated from
 * everything below it by a gap of more than 2q + log₂ k + 4 bits dominates all of it, so the
 * lower clusters only matter through the sign of their sum, which a sticky bit carries.
 * @category definitions
 */
export const iteratedSumTruncation = (params: FloatParams, floats: readonly Float[]): Truncation => {
  const terms = floats.filter((f) => f.m !== 0n).sort((x, y) => (x.e > y.e ? -1 : x.e < y.e ? 1 : 0));
  if (terms.length === 0) return { float: zeroFloat(params), shift: 0n, saturated: false };
  const gap = BigInt(2 * params.q + bitLength(BigInt(terms.length)) + 4);
  const clusters: { readonly u: bigint; readonly sum: bigint }[] = [];
  let start = 0;
  for (let i = 1; i <= terms.length; i++) {
    const prev = terms[i - 1];
    const cur = terms[i];
    if (prev !== undefined && (cur === undefined || prev.e - cur.e > gap)) {
      const u = prev.e;
      let sum = 0n;
      for (let j = start; j < i; j++) {
        const t = terms[j];
        if (t !== undefined) sum += t.m << (t.e - u);
      }
      clusters.push({ u, sum });
      start = i;
    }
  }
  const top = clusters.findIndex((c) => c.sum !== 0n);
  const head = clusters[top];
  if (head === undefined) return { float: zeroFloat(params), shift: 0n, saturated: false };
  const rest = clusters.slice(top + 1).find((c) => c.sum !== 0n);
  if (rest === undefined) return truncateScaled(params, head.sum < 0n, abs(head.sum), 1n, head.u - params.iMin);
  const g = BigInt(params.q + 2);
  const sticky = (head.sum << g) + (rest.sum < 0n ? -1n : 1n);
  return truncateScaled(params, sticky < 0n, abs(sticky), 1n, head.u - g - params.iMin);
};

/**
 * Def 15: ⊕_i φ_i = f_p(Σ_i g_p(φ_i)): exact integer sum, one truncation. The empty sum is
 * ⟨0, I^min⟩.
 * @category definitions
 * @example
 * iteratedSum(params4, [{ m: 1n, e: 0n }, { m: 1n, e: -1n }]) // { m: 1n, e: 0n }: 1 + 1/2 → 1
 */
export const iteratedSum = (params: FloatParams, floats: readonly Float[]): Float =>
  iteratedSumTruncation(params, floats).float;

/**
 * Whether a value x is out of range, i.e. f_p(trunc(x·2^(−I^min))) saturates: exactly when
 * |x| ≥ 2^(q−1+I^max) = (I^max + 1)·2^(I^max) (which is more than F^max = I^max·2^(I^max)).
 * @category definitions
 */
export const overflows = (params: FloatParams, x: Dyadic): boolean =>
  x.mant !== 0n && BigInt(bitLength(x.mant)) - 1n + x.exp >= BigInt(params.q - 1) + params.iMax;

// -------------------------------------------------------------------------------------------
// scalar operations (not in P1: pinned in docs/semantics.md)
// -------------------------------------------------------------------------------------------

/**
 * Round an exact rational to a float: truncate it toward zero to a multiple of 2^(I^min), then
 * apply f_p. Equivalently a single truncation toward zero onto the representable grid, with
 * saturation. Throws a RangeError on a zero denominator.
 * @category scalar operations
 * @example
 * floatOfRational(params4, { num: 3n, den: 4n }) // { m: 1n, e: -1n }: 3/4 → 1/2
 */
export const floatOfRational = (params: FloatParams, r: Rational): Float => {
  if (r.den === 0n) throw new RangeError('floatOfRational: zero denominator');
  const negative = r.num < 0n !== r.den < 0n;
  return truncateScaled(params, negative, abs(r.num), abs(r.den), -params.iMin).float;
};

/**
 * Round an exact dyadic rational to a float, as {@link floatOfRational}.
 * @category scalar operations
 */
export const floatOfDyadic = (params: FloatParams, x: Dyadic): Float =>
  truncateScaled(params, x.mant < 0n, abs(x.mant), 1n, x.exp - params.iMin).float;

/**
 * The product: the exact m_a·m_b·2^(e_a+e_b), truncated toward zero to a multiple of 2^(I^min),
 * then f_p.
 * @category scalar operations
 * @example
 * floatMul(params8, { m: 3n, e: 0n }, { m: 5n, e: 0n }) // { m: 7n, e: 1n }: 15 truncates to 14
 */
export const floatMul = (params: FloatParams, a: Float, b: Float): Float => {
  const prod = a.m * b.m;
  return truncateScaled(params, prod < 0n, abs(prod), 1n, a.e + b.e - params.iMin).float;
};

/**
 * The quotient: the exact (m_a/m_b)·2^(e_a−e_b), truncated toward zero to a multiple of
 * 2^(I^min), then f_p. Division by zero (m_b = 0): a non-zero numerator saturates to
 * ⟨±I^max, I^max⟩ with the sign of the numerator (like ±∞); 0/0 = ⟨0, I^min⟩ (zero).
 * @category scalar operations
 * @example
 * floatDiv(params8, { m: 1n, e: 0n }, { m: 3n, e: 0n }) // 1/3 → ⟨5, −4⟩ = 0.3125
 */
export const floatDiv = (params: FloatParams, a: Float, b: Float): Float => {
  if (b.m === 0n) return a.m === 0n ? zeroFloat(params) : saturatedFloat(params, a.m < 0n);
  const negative = a.m < 0n !== b.m < 0n;
  return truncateScaled(params, negative, abs(a.m), abs(b.m), a.e - b.e - params.iMin).float;
};

/**
 * The sum of two floats, a ⊕ b (Def 15 with k = 2).
 * @category scalar operations
 */
export const floatAdd = (params: FloatParams, a: Float, b: Float): Float => iteratedSum(params, [a, b]);

/** Negation ⟨−m, e⟩ (exact). @category scalar operations */
export const floatNeg = (f: Float): Float => ({ m: -f.m, e: f.e });

// -------------------------------------------------------------------------------------------
// exact values and comparison
// -------------------------------------------------------------------------------------------

/** The exact value m·2^e as a dyadic rational (compact for every p). @category destructors */
export const floatToDyadic = (f: Float): Dyadic => ({ mant: f.m, exp: f.e });

const trailingZeros = (z: bigint): bigint => {
  if (z === 0n) return 0n;
  let n = 0n;
  let x = abs(z);
  while ((x & 0xffffffffn) === 0n) {
    x >>= 32n;
    n += 32n;
  }
  while ((x & 1n) === 0n) {
    x >>= 1n;
    n += 1n;
  }
  return n;
};

/**
 * A dyadic rational as a rational in lowest terms. Builds 2^|exp|.
 * @category destructors
 */
export const dyadicToRational = (x: Dyadic): Rational => {
  if (x.mant === 0n) return { num: 0n, den: 1n };
  if (x.exp >= 0n) return { num: x.mant << x.exp, den: 1n };
  const tz = minB(trailingZeros(x.mant), -x.exp);
  return { num: x.mant >> tz, den: 1n << (-x.exp - tz) };
};

/**
 * The exact value m·2^e as a rational in lowest terms (den a power of two).
 * @category destructors
 * @example
 * floatToRational({ m: 6n, e: -3n }) // { num: 3n, den: 4n }
 */
export const floatToRational = (f: Float): Rational => dyadicToRational(floatToDyadic(f));

const compareDyadicMag = (a: bigint, ea: bigint, b: bigint, eb: bigint): -1 | 0 | 1 => {
  const ta = BigInt(bitLength(a)) + ea;
  const tb = BigInt(bitLength(b)) + eb;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const d = ea - eb; // |d| ≤ max bit length, since the top bits align
  const x = d >= 0n ? a << d : a;
  const y = d >= 0n ? b : b << -d;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Exact comparison of two dyadic rationals: −1, 0 or 1.
 * @category comparison
 */
export const dyadicCompare = (x: Dyadic, y: Dyadic): -1 | 0 | 1 => {
  const sx = sgn(x.mant);
  const sy = sgn(y.mant);
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  const c = compareDyadicMag(abs(x.mant), x.exp, abs(y.mant), y.exp);
  return sx > 0 ? c : c === 0 ? 0 : c < 0 ? 1 : -1;
};

/**
 * Exact comparison of the values of two floats (any representations): −1, 0 or 1.
 * @category comparison
 * @example
 * floatCompare({ m: 1n, e: 0n }, { m: 2n, e: -1n }) // 0
 */
export const floatCompare = (a: Float, b: Float): -1 | 0 | 1 => dyadicCompare(floatToDyadic(a), floatToDyadic(b));

/** Whether two floats have the same value. @category comparison */
export const floatEquals = (a: Float, b: Float): boolean => floatCompare(a, b) === 0;

/**
 * Whether a float is in normal form: e = I^min, or 2^(q−2) ≤ |m| (every output of f_p is).
 * @category refinements
 */
export const isNormal = (params: FloatParams, f: Float): boolean =>
  isFloat(params, f) && (f.e === params.iMin || abs(f.m) >= 1n << BigInt(params.q - 2));

// -------------------------------------------------------------------------------------------
// dyadic arithmetic (for checkers)
// -------------------------------------------------------------------------------------------

/** x + y, exact. Builds a mantissa as wide as the spread of the exponents. @category dyadic */
export const dyadicAdd = (x: Dyadic, y: Dyadic): Dyadic => {
  if (x.mant === 0n) return y;
  if (y.mant === 0n) return x;
  const e = minB(x.exp, y.exp);
  return { mant: (x.mant << (x.exp - e)) + (y.mant << (y.exp - e)), exp: e };
};

/** −x. @category dyadic */
export const dyadicNeg = (x: Dyadic): Dyadic => ({ mant: -x.mant, exp: x.exp });

/** x − y, exact. @category dyadic */
export const dyadicSub = (x: Dyadic, y: Dyadic): Dyadic => dyadicAdd(x, dyadicNeg(y));

/** |x|. @category dyadic */
export const dyadicAbs = (x: Dyadic): Dyadic => ({ mant: abs(x.mant), exp: x.exp });

/** x·y, exact. @category dyadic */
export const dyadicMul = (x: Dyadic, y: Dyadic): Dyadic => ({ mant: x.mant * y.mant, exp: x.exp + y.exp });

/** Σ xs, exact (0 for the empty sum). @category dyadic */
export const dyadicSum = (xs: readonly Dyadic[]): Dyadic => xs.reduce(dyadicAdd, { mant: 0n, exp: 0n });

/**
 * A dyadic rational as the nearest-ish double (for display only: exact to about 2^−52
 * relative, ±Infinity or 0 outside the double range).
 * @category dyadic
 */
export const dyadicToNumber = (x: Dyadic): number => {
  if (x.mant === 0n) return 0;
  const drop = BigInt(Math.max(0, bitLength(x.mant) - 60));
  const e = x.exp + drop;
  const top = Number(x.mant >> drop);
  if (e > 2000n) return top > 0 ? Infinity : -Infinity;
  if (e < -2200n) return 0;
  const en = Number(e);
  // split the power so that 2^en does not underflow/overflow before the product
  return top * 2 ** Math.trunc(en / 2) * 2 ** (en - Math.trunc(en / 2));
};

/** The value of a float as a double (for display only). @category destructors */
export const floatToNumber = (f: Float): number => dyadicToNumber(floatToDyadic(f));

/**
 * Whether |approx − exact| ≤ 2^(−j)·|exact|, exactly: "approx and exact differ by a factor of
 * at most 1 ± 2^(−j)". For exact = 0 this says approx = 0.
 * @category dyadic
 */
export const withinRelative = (approx: Dyadic, exact: Dyadic, j: bigint): boolean => {
  const err = dyadicAbs(dyadicSub(approx, exact));
  return dyadicCompare({ mant: err.mant, exp: err.exp + j }, dyadicAbs(exact)) <= 0;
};

/**
 * The relative error |approx − exact| / |exact| as an exact pair (numerator, denominator) of
 * non-negative dyadics; `den.mant` is 0 when exact is 0.
 * @category dyadic
 */
export const relativeErrorExact = (approx: Dyadic, exact: Dyadic): { readonly num: Dyadic; readonly den: Dyadic } => ({
  num: dyadicAbs(dyadicSub(approx, exact)),
  den: dyadicAbs(exact),
});

/**
 * The relative error |approx − exact| / |exact| as a double (for display); 0 when both are 0,
 * Infinity when only exact is 0.
 * @category dyadic
 */
export const relativeError = (approx: Dyadic, exact: Dyadic): number => {
  const { num, den } = relativeErrorExact(approx, exact);
  if (den.mant === 0n) return num.mant === 0n ? 0 : Infinity;
  if (num.mant === 0n) return 0;
  const sn = BigInt(bitLength(num.mant)) + num.exp;
  const sd = BigInt(bitLength(den.mant)) + den.exp;
  // normalize both to about 60 bits, then divide
  const n = dyadicToNumber({ mant: num.mant, exp: num.exp - sn });
  const d = dyadicToNumber({ mant: den.mant, exp: den.exp - sd });
  const shift = sn - sd;
  if (shift > 2000n) return Infinity;
  if (shift < -2000n) return 0;
  return (n / d) * 2 ** Number(shift);
};

// -------------------------------------------------------------------------------------------
// display
// -------------------------------------------------------------------------------------------

/** ⟨m, e⟩ as text. @category display */
export const showFloat = (f: Float): string => `⟨${f.m}, ${f.e}⟩`;

/** An exact dyadic value as text: `num/den` when small, else `mant·2^exp`. @category display */
export const showDyadic = (x: Dyadic): string => {
  if (x.exp >= -256n && x.exp <= 256n && bitLength(x.mant) <= 256) {
    const r = dyadicToRational(x);
    return r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`;
  }
  return `${x.mant}·2^${x.exp}`;
};

/** A float with its exact value, e.g. `⟨3, −2⟩ = 3/4`. @category display */
export const showFloatValue = (f: Float): string => `${showFloat(f)} = ${showDyadic(floatToDyadic(f))}`;
