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

const floorDiv = (a: bigint, b: bigint): bigint => {
  // b > 0
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
};
const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

/** ln 2 enclosed in [lo, hi]·2^(−F). */
const ln2Interval = (F: bigint): { readonly lo: bigint; readonly hi: bigint } => {
  const one = 1n << F;
  const N = F + 2n;
  let lo = 0n;
  let hi = 0n;
  for (let k = 1n; k <= N; k++) {
    const den = k << k;
    lo += one / den;
    hi += ceilDiv(one, den);
  }
  // tail Σ_(k>N) 1/(k·2^k) ≤ 1/((N+1)·2^N)
  hi += ceilDiv(one, (N + 1n) << N);
  return { lo, hi };
};

/** e^t for t ∈ [tl, th]·2^(−F) ⊂ [0, 1), enclosed in [lo, hi]·2^(−F). */
const expUnitInterval = (tl: bigint, th: bigint, F: bigint): { readonly lo: bigint; readonly hi: bigint } => {
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
    if (fact > one << 2n) break;
    termLo = floorDiv(termLo * tl, one * k);
    termHi = ceilDiv(termHi * th, one * k);
  }
  return { lo, hi: hi + 1n };
};

const MAX_F = 1n << 14n;

/**
 * exp_p(x): e^x truncated toward zero to a multiple of 2^(I^min), then f_p; saturates to
 * ⟨I^max, I^max⟩ when e^x is out of range, and is zero when e^x < 2^(I^min).
 * @category scalar operations
 * @example
 * floatExp(floatParams(8), { m: 0n, e: -7n }) // e^0 = 1: { m: 4n, e: -2n }
 */
export const floatExp = (params: FloatParams, x: Float): Float => {
  if (x.m === 0n) return floatOfDyadic(params, { mant: 1n, exp: 0n });
  const q = BigInt(params.q);
  const absM = x.m < 0n ? -x.m : x.m;
  const magBits = BigInt(absM.toString(2).length) + x.e; // 2^(magBits−1) ≤ |x| < 2^magBits
  // far out: |x| ≥ 0.6932·(q + I^max) > ln 2·(q + I^max) saturates (x > 0) or underflows to 0
  const far = (q + params.iMax) * 6932n;
  const isFar = magBits > 40n || (magBits > 0n && (x.e >= 0n ? (absM << x.e) * 10000n >= far : absM * 10000n >= far << -x.e));
  if (isFar) return x.m > 0n ? saturatedFloat(params, false) : zeroFloat(params);
  // tiny: |x| < 2^(−q−8) is below half the float spacing around 1, so e^x rounds like 1 ± ε
  const g = q + 8n;
  if (magBits <= -g) return floatOfDyadic(params, x.m > 0n ? { mant: 1n, exp: 0n } : { mant: (1n << g) - 1n, exp: -g });
  for (let F = 96n + 2n * q + (magBits < 0n ? -magBits : magBits); F <= MAX_F; F *= 2n) {
    const one = 1n << F;
    // x·2^F enclosed
    const sh = x.e + F;
    const xl = sh >= 0n ? x.m << sh : floorDiv(x.m, 1n << -sh);
    const xh = sh >= 0n ? x.m << sh : ceilDiv(x.m, 1n << -sh);
    const ln2 = ln2Interval(F);
    // y = x / ln 2, enclosed in [yl, yh]·2^(−F)
    const yl = x.m > 0n ? floorDiv(xl * one, ln2.hi) : floorDiv(xl * one, ln2.lo);
    const yh = x.m > 0n ? ceilDiv(xh * one, ln2.lo) : ceilDiv(xh * one, ln2.hi);
    const K = floorDiv(yl, one);
    if (floorDiv(yh, one) !== K) continue;
    const fl = yl - K * one;
    const fh = yh - K * one;
    // t = f·ln 2 ∈ [0, ln 2)
    const tl = floorDiv(fl * ln2.lo, one);
    const th = ceilDiv(fh * ln2.hi, one);
    if (th >= one) continue;
    const e = expUnitInterval(tl < 0n ? 0n : tl, th, F);
    const lo: Dyadic = { mant: e.lo, exp: K - F };
    const hi: Dyadic = { mant: e.hi, exp: K - F };
    const a = floatOfDyadic(params, lo);
    const b = floatOfDyadic(params, hi);
    if (a.m === b.m && a.e === b.e) return a;
  }
  throw new RangeError(`floatExp: no convergence for ⟨${x.m}, ${x.e}⟩ at p = ${params.p} (a bug)`);
};
