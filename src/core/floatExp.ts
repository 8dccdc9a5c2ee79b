/**
 * # exp as a p-precision function
 *
 * The exponential that softmax attention needs, pinned like the other scalar operations the
 * paper leaves open (`docs/semantics.md`, "Transformers"): exp_p(x) is the exact real e^x,
 * truncated toward zero to a multiple of 2^(I^min), then f_p (saturating on overflow). That is
 * {@link floatOfDyadic} applied to the exact value, which is irrational for every x ≠ 0, so the
 * result is well defined and never a tie.
 *
 * ## Main definitions
 * - {@link floatExp}: exp_p(x) for every float x, bit-exact.
 *
 * ## Implementation notes
 * The exact result is the common rounding of the two ends of an interval that encloses e^x:
 * e^x = 2^K · 2^f with K = ⌊x / ln 2⌋, f ∈ [0, 1), everything in fixed point with F fraction
 * bits and outward rounding (ln 2 by Σ 1/(k·2^k), 2^f = e^(f·ln 2) by its Taylor series with the
 * remainder bounded). When both ends round to the same float, every value between them does
 * (rounding is monotone), so that float is exp_p(x); otherwise F doubles. Because e^x is
 * irrational for x ≠ 0 this terminates; a cap on F turns a bug into a RangeError, not a hang.
 * Inputs far outside the range (|x| ≥ 0.6932·(q + I^max)) are decided by a bound first, so no
 * integer of 2^31 bits is ever built.
 *
 * @module
 */
import { floatOfDyadic, saturatedFloat, zeroFloat, type Dyadic, type Float, type FloatParams } from './float.js';

/** ⌊a / b⌋ for b > 0. @internal */
export const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  // Stryker disable next-line EqualityOperator: equivalent — `a <= 0n` differs only at a = 0, where a % b = 0 anyway (the other operators here are killed)
  return a % b !== 0n && a < 0n ? q - 1n : q;
};
/** ⌈a / b⌉ for b > 0. @internal */
export const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

/** ln 2 enclosed in [lo, hi]·2^(−F). @internal */
export const ln2Interval = (F: bigint): { readonly lo: bigint; readonly hi: bigint } => {
  const one = 1n << F;
  const N = F + 2n;
  let lo = 0n;
  let hi = 0n;
  // Stryker disable next-line EqualityOperator: equivalent — without k = N = F + 2, lo loses ⌊2^F/(N·2^N)⌋ = 0 and hi keeps a valid bound: term F + 1, below one unit, is already rounded up to a whole unit, more than term N plus the tail (checked for F = 0 … 300 and at larger F)
  for (let k = 1n; k <= N; k++) {
    const den = k << k;
    lo += one / den;
    hi += ceilDiv(one, den);
  }
  // tail Σ_(k>N) 1/(k·2^k) ≤ 1/((N+1)·2^N)
  // Stryker disable next-line AssignmentOperator,ArithmeticOperator: equivalent — `N − 1n` is a larger, still valid tail bound; `hi -=` still leaves hi ≥ ln 2: terms F + 1 and F + 2, each below one unit, are rounded up to whole units, more than the tail and its bound together (checked for F = 0 … 300 and at larger F)
  hi += ceilDiv(one, (N + 1n) << N);
  return { lo, hi };
};

/** e^t for t ∈ [tl, th]·2^(−F) ⊂ [0, 1), enclosed in [lo, hi]·2^(−F). @internal */
export const expUnitInterval = (tl: bigint, th: bigint, F: bigint): { readonly lo: bigint; readonly hi: bigint } => {
  const one = 1n << F;
  let lo = 0n;
  let hi = 0n;
  let termLo = one; // t^k/k! rounded down
  let termHi = one; // rounded up
  let k = 0n;
  let fact = 1n;
  // stop once (k+1)! > 2^(F+2): the remainder t^(k+1)/(k+1)!·e^t < 3/(k+1)! < 2^(−F)
  for (;;) {
    lo += termLo;
    hi += termHi;
    k += 1n;
    fact *= k;
    // Stryker disable next-line EqualityOperator: equivalent — k! = 2^(F+2) has no solution for F ≥ 0 (the only factorials that are powers of two are 1 and 2)
    if (fact > one << 2n) break;
    termLo = floorDiv(termLo * tl, one * k);
    termHi = ceilDiv(termHi * th, one * k);
  }
  return { lo, hi: hi + 1n };
};

/** The b with 2^(b−1) ≤ |x| < 2^b, for x ≠ 0. @internal */
export const magnitudeBits = (x: Float): bigint => {
  // Stryker disable next-line EqualityOperator: equivalent — at m = 0, −m = m
  const absM = x.m < 0n ? -x.m : x.m;
  return BigInt(absM.toString(2).length) + x.e;
};

/**
 * How {@link floatExp} decides x ≠ 0: `far` when |x| ≥ 0.6932·(q + I^max) (> ln 2·(q + I^max):
 * e^x saturates for x > 0, underflows to 0 for x < 0), `tiny` when |x| < 2^(−q−8) (below half
 * the float spacing around 1), else `general` (the interval loop).
 * @internal
 */
export const expRegime = (params: FloatParams, x: Float): 'far' | 'tiny' | 'general' => {
  const q = BigInt(params.q);
  // Stryker disable next-line EqualityOperator: equivalent — at m = 0, −m = m
  const absM = x.m < 0n ? -x.m : x.m;
  const magBits = magnitudeBits(x);
  const far = (q + params.iMax) * 6932n;
  // Stryker disable next-line EqualityOperator,ConditionalExpression,ArithmeticOperator: equivalent — magBits = 40 means |x| ≥ 2^39 > 0.6932·(q + I^max) for every p ≤ 64, and magBits = 0 means |x| < 1, not far for any p: both boundaries agree; for e < 0, |x| ≤ I^max/2 < 0.6932·(q + I^max), so the second branch is always false (and the first, used for it, too); no float has 10000·|x| = 6932·(q + I^max) exactly (2500 divides no q + 2^(q−1) − 1, q ≤ 32); and for e ≥ 0 the floored `far >> e` changes the answer for no float (the boundary test tries every candidate mantissa). The operators that change the answer are killed
  if (magBits > 40n || (magBits > 0n && (x.e >= 0n ? (absM << x.e) * 10000n >= far : absM * 10000n >= far << -x.e))) return 'far';
  return magBits <= -(q + 8n) ? 'tiny' : 'general';
};

/**
 * e^x for x ≠ 0 enclosed in [lo, hi] from fixed point with F fraction bits, or null when F is
 * too coarse to fix K = ⌊x / ln 2⌋.
 * @internal
 */
export const expEnclosure = (x: Float, F: bigint): { readonly lo: Dyadic; readonly hi: Dyadic } | null => {
  const one = 1n << F;
  // x·2^F enclosed
  const sh = x.e + F;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — at sh = 0 both branches give m, and for sh < 0 `m << sh` floors, as floorDiv does
  const xl = sh >= 0n ? x.m << sh : floorDiv(x.m, 1n << -sh);
  // Stryker disable next-line EqualityOperator: equivalent — at sh = 0 both branches give m
  const xh = sh >= 0n ? x.m << sh : ceilDiv(x.m, 1n << -sh);
  const ln2 = ln2Interval(F);
  // y = x / ln 2, enclosed in [yl, yh]·2^(−F)
  // Stryker disable next-line EqualityOperator: equivalent — x.m ≠ 0 here
  const yl = x.m > 0n ? floorDiv(xl * one, ln2.hi) : floorDiv(xl * one, ln2.lo);
  // Stryker disable next-line EqualityOperator: equivalent — x.m ≠ 0 here
  const yh = x.m > 0n ? ceilDiv(xh * one, ln2.lo) : ceilDiv(xh * one, ln2.hi);
  const K = floorDiv(yl, one);
  // Stryker disable next-line ConditionalExpression: equivalent — going on with K = ⌊yl⌋ gives a wider but still valid enclosure (e^x ≤ 2^K·e^(fh·ln 2)), or null at the th ≥ 1 test below
  if (floorDiv(yh, one) !== K) return null;
  const fl = yl - K * one;
  const fh = yh - K * one;
  // t = f·ln 2 ∈ [0, ln 2)
  const tl = floorDiv(fl * ln2.lo, one);
  const th = ceilDiv(fh * ln2.hi, one);
  if (th >= one) return null;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — tl ≥ 0 always (fl = yl − K·2^F ≥ 0), so the clamp never fires
  const e = expUnitInterval(tl < 0n ? 0n : tl, th, F);
  return { lo: { mant: e.lo, exp: K - F }, hi: { mant: e.hi, exp: K - F } };
};

const MAX_F = 1n << 14n;

/**
 * {@link floatExp} with the interval loop starting at F0 fraction bits (floatExp starts at
 * 96 + 2q + |magnitudeBits(x)|); the result does not depend on F0 ≥ 1.
 * @internal
 */
export const floatExpFrom = (params: FloatParams, x: Float, F0: bigint): Float => {
  if (x.m === 0n) return floatOfDyadic(params, { mant: 1n, exp: 0n });
  const regime = expRegime(params, x);
  // Stryker disable next-line EqualityOperator: equivalent — x.m ≠ 0 here
  if (regime === 'far') return x.m > 0n ? saturatedFloat(params, false) : zeroFloat(params);
  // tiny: e^x rounds like 1 ± ε
  const g = BigInt(params.q) + 8n;
  // Stryker disable next-line EqualityOperator: equivalent — x.m ≠ 0 here
  if (regime === 'tiny') return floatOfDyadic(params, x.m > 0n ? { mant: 1n, exp: 0n } : { mant: (1n << g) - 1n, exp: -g });
  for (let F = F0; F <= MAX_F; F *= 2n) {
    const e = expEnclosure(x, F);
    if (e === null) continue;
    const a = floatOfDyadic(params, e.lo);
    const b = floatOfDyadic(params, e.hi);
    if (a.m === b.m && a.e === b.e) return a;
  }
  throw new RangeError(`floatExp: no convergence for ⟨${x.m}, ${x.e}⟩ at p = ${params.p} (a bug)`);
};

/**
 * exp_p(x): e^x truncated toward zero to a multiple of 2^(I^min), then f_p; saturates to
 * ⟨I^max, I^max⟩ when e^x is out of range, and is zero when e^x < 2^(I^min).
 * @category scalar operations
 * @example
 * floatExp(floatParams(8), { m: 0n, e: -7n }) // e^0 = 1: { m: 4n, e: -2n }
 */
export const floatExp = (params: FloatParams, x: Float): Float => {
  const b = magnitudeBits(x);
  // Stryker disable next-line ArithmeticOperator,ConditionalExpression,EqualityOperator: equivalent — the starting precision only sets how many doublings the loop needs: every mutant still starts at F0 ≥ 1 (|b| ≤ 40 past the far and tiny tests), and the result does not depend on F0 (tested from F0 = 1 and 3 on every float at p ≤ 10)
  return floatExpFrom(params, x, 96n + 2n * BigInt(params.q) + (b < 0n ? -b : b));
};
