/**
 * Mutation tests of `src/core/floatExp.ts` (`npm run mutate -- floatExp`). floatExp's result is
 * decided by any valid enclosure of e^x, at a starting precision so fine that a slightly wrong
 * enclosure still rounds right; so these tests check the pieces against their own contracts:
 * the integer divisions, the enclosures of ln 2 and e^t (exactly, at coarse and fine F, against
 * independent series), the regime predicate at its boundaries, and the refinement loop from a
 * starting precision of 1 bit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { allDistinctFloats, floatParams, type Dyadic, type Float, type FloatParams } from '../src/core/float.js';
import {
  ceilDiv,
  expEnclosure,
  expRegime,
  expUnitInterval,
  floatExp,
  floatExpFrom,
  floorDiv,
  ln2Interval,
  magnitudeBits,
} from '../src/core/floatExp.js';

const right = <A>(r: Either<string, A>): A => {
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};
const P = (p: number): FloatParams => right(floatParams(p));

/** A non-negative or negative rational a/b, b > 0. */
interface Q {
  readonly a: bigint;
  readonly b: bigint;
}
const qLe = (x: Q, y: Q): boolean => x.a * y.b <= y.a * x.b;
const qOfDyadic = (d: Dyadic): Q => (d.exp >= 0n ? { a: d.mant << d.exp, b: 1n } : { a: d.mant, b: 1n << -d.exp });
const qOfFloat = (f: Float): Q => qOfDyadic({ mant: f.m, exp: f.e });

/**
 * e^x enclosed by the plain Taylor series of e^|x| (no range reduction, unlike floatExp):
 * Σ_{k≤N} |x|^k/k! ≤ e^|x| ≤ that + 2·|x|^(N+1)/(N+1)! when |x| ≤ (N+2)/2; for x < 0, 1/e^|x|.
 */
const expRef = (x: Q, N: number): { readonly lo: Q; readonly hi: Q } => {
  const s = x.a < 0n ? -x.a : x.a;
  const b = x.b;
  const M = BigInt(N + 1);
  if (b * (M + 1n) < 2n * s) throw new Error('expRef: N too small');
  let fact = 1n;
  for (let k = 1n; k <= M; k++) fact *= k;
  const D = b ** M * fact;
  let sum = 0n;
  let sk = 1n;
  let kFact = 1n;
  let last = 0n;
  for (let k = 0n; k <= M; k++) {
    if (k > 0n) {
      sk *= s;
      kFact *= k;
    }
    const t = (sk * b ** (M - k) * fact) / kFact;
    if (k < M) sum += t;
    else last = t;
  }
  const lo: Q = { a: sum, b: D };
  const hi: Q = { a: sum + 2n * last, b: D };
  return x.a >= 0n ? { lo, hi } : { lo: { a: hi.b, b: hi.a }, hi: { a: lo.b, b: lo.a } };
};

/** Whether lo ≤ e^x ≤ hi, decided with a reference enclosure fine enough (or throws). */
const encloses = (x: Q, lo: Q, hi: Q): boolean => {
  const mag = Number(x.a < 0n ? -x.a : x.a) / Number(x.b);
  for (let N = 2 * Math.ceil(mag) + 16; N <= 4000; N *= 2) {
    const r = expRef(x, N);
    if (qLe(lo, r.lo) && qLe(r.hi, hi)) return true;
    if (!qLe(lo, r.hi) || !qLe(r.lo, hi)) return false;
  }
  throw new Error('encloses: undecided');
};

/** ln 2 enclosed in [lo, hi]·2^(−G) by 2·atanh(1/3) = Σ 2/((2k+1)·9^k·3), independently of floatExp. */
const ln2Ref = (G: bigint): { readonly lo: bigint; readonly hi: bigint } => {
  const one = 1n << G;
  let lo = 0n;
  let hi = 0n;
  let pow = 3n; // 3^(2k+1)
  let k = 0n;
  for (; pow <= one; k++, pow *= 9n) {
    const den = (2n * k + 1n) * pow;
    lo += (2n * one) / den;
    hi += (2n * one + den - 1n) / den;
  }
  // tail Σ_(j≥k) 2/((2j+1)·3^(2j+1)) ≤ 2/(3^(2k+1))·9/8 < 3/pow ≤ 3/one·…: bound by 3 units
  return { lo, hi: hi + 3n };
};

describe('floorDiv and ceilDiv', () => {
  it('agree with Math.floor and Math.ceil for every a in −40 … 40 and b in 1 … 9', () => {
    for (let a = -40; a <= 40; a++) {
      for (let b = 1; b <= 9; b++) {
        expect(floorDiv(BigInt(a), BigInt(b)), `⌊${a}/${b}⌋`).toBe(BigInt(Math.floor(a / b)));
        expect(ceilDiv(BigInt(a), BigInt(b)), `⌈${a}/${b}⌉`).toBe(BigInt(Math.ceil(a / b)));
      }
    }
  });
});

describe('ln2Interval(F) encloses ln 2 within a few units of 2^(−F)', () => {
  it('for F = 0 … 300 and at the precisions floatExp starts from (F up to 1,000)', () => {
    const Fs = [...Array.from({ length: 301 }, (_, i) => BigInt(i)), 416n, 512n, 800n, 1000n];
    for (const F of Fs) {
      const { lo, hi } = ln2Interval(F);
      const G = F + 64n;
      const r = ln2Ref(G);
      // lo·2^(−F) ≤ ln 2 ≤ hi·2^(−F)
      expect(lo << 64n <= r.lo, `F = ${F}: lo ≤ ln 2`).toBe(true);
      expect(hi << 64n >= r.hi, `F = ${F}: hi ≥ ln 2`).toBe(true);
      // tight: each of the F + 2 terms and the tail bound loses less than one unit
      expect(hi - lo <= 2n * F + 8n, `F = ${F}: width`).toBe(true);
    }
  });
});

describe('expUnitInterval(tl, th, F) encloses e^t for t ∈ [tl, th]·2^(−F)', () => {
  const check = (tl: bigint, th: bigint, F: bigint): void => {
    const { lo, hi } = expUnitInterval(tl, th, F);
    const den = 1n << F;
    expect(encloses({ a: tl, b: den }, { a: lo, b: den }, { a: 1n << 200n, b: 1n }), `lo ≤ e^tl (tl=${tl}, F=${F})`).toBe(true);
    expect(encloses({ a: th, b: den }, { a: 0n, b: 1n }, { a: hi, b: den }), `e^th ≤ hi (th=${th}, F=${F})`).toBe(true);
  };
  it('at t = 0 (lo = hi − 1 = 2^F: the remainder unit is in hi)', () => {
    for (const F of [0n, 1n, 4n, 10n, 64n, 200n]) {
      check(0n, 0n, F);
      expect(expUnitInterval(0n, 0n, F)).toEqual({ lo: 1n << F, hi: (1n << F) + 1n });
    }
  });
  it('for every t = tl = th at F ≤ 8, and random [tl, th] ⊂ [0, ln 2] at F ≤ 300', () => {
    for (let F = 0n; F <= 8n; F++) for (let t = 0n; t < 1n << F; t++) check(t, t, F);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 0.6931, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (f, u, w) => {
        const F = BigInt(f);
        const scale = 2 ** 40;
        const tl = (BigInt(Math.floor(u * scale)) << F) >> 40n;
        const th = tl + ((BigInt(Math.floor(w * scale)) << F) >> 44n);
        fc.pre(th < 1n << F);
        check(tl, th, F);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('expRegime: far iff |x| ≥ 0.6932·(q + I^max), tiny iff |x| < 2^(−q−8)', () => {
  const exact = (params: FloatParams, x: Float): 'far' | 'tiny' | 'general' => {
    const v = qOfFloat(x);
    const abs: Q = { a: v.a < 0n ? -v.a : v.a, b: v.b };
    const q = BigInt(params.q);
    if (qLe({ a: 6932n * (q + params.iMax), b: 10000n }, abs)) return 'far';
    return qLe({ a: 1n, b: 1n << (q + 8n) }, abs) ? 'general' : 'tiny';
  };
  it('for every float at p = 4 … 12 and at the boundaries for p = 4 … 64', () => {
    for (let p = 4; p <= 12; p += 2) {
      const params = P(p);
      for (const x of allDistinctFloats(params)) if (x.m !== 0n) expect(expRegime(params, x), `p = ${p}, ⟨${x.m}, ${x.e}⟩`).toBe(exact(params, x));
    }
    for (let p = 4; p <= 64; p += 2) {
      const params = P(p);
      const q = BigInt(params.q);
      const far = 6932n * (q + params.iMax); // |x| ≥ far / 10000
      const xs: Float[] = [];
      for (const sgn of [1n, -1n]) {
        for (let e = -20n; e <= 40n; e++) {
          // the mantissas around far / (10000·2^e), and around 2^(−q−8−e)
          const c = e >= 0n ? far / (10000n << e) : (far << -e) / 10000n;
          for (const m of [c - 1n, c, c + 1n, c + 2n]) if (m > 0n && m <= params.iMax) xs.push({ m: sgn * m, e });
        }
        for (let e = -q - 40n; e <= -q; e++) {
          const c = -q - 8n - e >= 0n ? 1n << (-q - 8n - e) : 0n;
          for (const m of [c - 1n, c, c + 1n]) if (m > 0n && m <= params.iMax) xs.push({ m: sgn * m, e });
        }
        xs.push({ m: sgn, e: 39n }, { m: sgn, e: 40n });
      }
      for (const x of xs) if (x.e >= params.iMin && x.e <= params.iMax) expect(expRegime(params, x), `p = ${p}, ⟨${x.m}, ${x.e}⟩`).toBe(exact(params, x));
    }
  });
  it('magnitudeBits: 2^(b−1) ≤ |x| < 2^b', () => {
    for (let m = -9n; m <= 9n; m++) {
      if (m === 0n) continue;
      for (const e of [-5n, 0n, 3n]) {
        const b = magnitudeBits({ m, e });
        const v = qOfFloat({ m: m < 0n ? -m : m, e });
        expect(qLe(qOfDyadic({ mant: 1n, exp: b - 1n }), v) && !qLe(qOfDyadic({ mant: 1n, exp: b }), v), `⟨${m}, ${e}⟩`).toBe(true);
      }
    }
  });
});

describe('expEnclosure(x, F): lo ≤ e^x ≤ hi, or null', () => {
  it('for random x and coarse to fine F, both signs, and null only when K is not fixed', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 12n), max: 2n ** 12n }), fc.integer({ min: -24, max: -6 }), fc.integer({ min: 1, max: 120 }), (m, e, f) => {
        fc.pre(m !== 0n);
        const x: Float = { m, e: BigInt(e) };
        const F = BigInt(f);
        const r = expEnclosure(x, F);
        if (r === null) return;
        decided++;
        expect(encloses(qOfFloat(x), qOfDyadic(r.lo), qOfDyadic(r.hi)), `x = ⟨${m}, ${e}⟩, F = ${F}`).toBe(true);
      }),
      { seed: 11, numRuns: 400 },
    );
    expect(decided).toBeGreaterThan(200);
  });
  it('at coarse F: x·2^F rounded up for hi (these x need it at F = 1), and large negative x at F = 12', () => {
    for (const [m, e, F] of [
      [104n, -8n, 1n],
      [105n, -8n, 1n],
      [106n, -8n, 1n],
      [-164n, 0n, 12n],
      [-155n, 0n, 12n],
      [-148n, 0n, 12n],
    ] as const) {
      const r = expEnclosure({ m, e }, F);
      if (r !== null) expect(encloses(qOfFloat({ m, e }), qOfDyadic(r.lo), qOfDyadic(r.hi)), `⟨${m}, ${e}⟩ at F = ${F}`).toBe(true);
    }
  });
  it('is decided and tight at the fine precision floatExp starts from', () => {
    for (const [m, e] of [
      [1n, 0n],
      [-1n, 0n],
      [3n, -1n],
      [-5n, -3n],
      [7n, 2n],
      [1n, -20n],
      [-1n, -20n],
    ] as const) {
      const r = expEnclosure({ m, e }, 128n);
      expect(r, `⟨${m}, ${e}⟩`).not.toBeNull();
      const lo = qOfDyadic(r!.lo);
      const hi = qOfDyadic(r!.hi);
      expect(encloses(qOfFloat({ m, e }), lo, hi)).toBe(true);
      // width ≤ 2^(−100)·e^x: hi·(1 − 2^(−100)) ≤ lo
      expect(qLe({ a: hi.a * ((1n << 100n) - 1n), b: hi.b << 100n }, lo), `⟨${m}, ${e}⟩ width`).toBe(true);
    }
  });
});

describe('floatExpFrom: the refinement loop', () => {
  it('from F0 = 1 and F0 = 3 gives floatExp’s float for every float at p = 4 … 10', () => {
    for (let p = 4; p <= 10; p += 2) {
      const params = P(p);
      for (const x of allDistinctFloats(params)) {
        const want = floatExp(params, x);
        expect(floatExpFrom(params, x, 1n), `p = ${p}, ⟨${x.m}, ${x.e}⟩ from 1`).toEqual(want);
        expect(floatExpFrom(params, x, 3n), `p = ${p}, ⟨${x.m}, ${x.e}⟩ from 3`).toEqual(want);
      }
    }
  });
  it('runs at F0 = 2^14 (the cap) and refuses with a RangeError above it', () => {
    const params = P(8);
    const x: Float = { m: 3n, e: -1n };
    expect(floatExpFrom(params, x, 1n << 14n)).toEqual(floatExp(params, x));
    expect(() => floatExpFrom(params, x, 1n << 15n)).toThrow(new RangeError('floatExp: no convergence for ⟨3, -1⟩ at p = 8 (a bug)'));
  });
  it('tiny, far and zero inputs at p = 64 (the shortcuts)', () => {
    const params = P(64);
    const one = floatExp(params, { m: 0n, e: 0n });
    expect(one).toEqual({ m: 1n << 30n, e: -30n });
    expect(floatExpFrom(params, { m: 1n, e: -41n }, 1n)).toEqual(one);
    expect(floatExpFrom(params, { m: -1n, e: -41n }, 1n)).toEqual({ m: (1n << 31n) - 1n, e: -31n });
    expect(floatExpFrom(params, { m: 1n, e: 40n }, 1n)).toEqual({ m: params.iMax, e: params.iMax });
    expect(floatExpFrom(params, { m: -1n, e: 40n }, 1n)).toEqual({ m: 0n, e: params.iMin });
  });
});
