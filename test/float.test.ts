import * as fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  allDistinctFloats,
  allFloats,
  bitLength,
  decodeFloat,
  dyadicAdd,
  dyadicCompare,
  dyadicSum,
  encodeFloat,
  floatAdd,
  floatCompare,
  floatDiv,
  floatEquals,
  floatMul,
  floatOfDyadic,
  floatOfRational,
  floatParams,
  floatToDyadic,
  floatToRational,
  fP,
  gP,
  isFloat,
  isNormal,
  iteratedSum,
  iteratedSumTruncation,
  makeFloat,
  maxFloat,
  overflows,
  relativeError,
  rshift,
  showFloatValue,
  sizeofInt,
  truncateInt,
  withinRelative,
  zeroFloat,
  type Dyadic,
  type Float,
  type FloatParams,
  type Rational,
} from '../src/core/float.js';

const P = (p: number): FloatParams => {
  const r = floatParams(p);
  if (!isRight(r)) throw new Error(r.left);
  return r.right;
};
const p4 = P(4);
const p6 = P(6);
const p8 = P(8);
const F = (m: bigint | number, e: bigint | number): Float => ({ m: BigInt(m), e: BigInt(e) });
const bits = (params: FloatParams, f: Float): string => Array.from(encodeFloat(params, f)).join('');

/** Reference rounding straight from the definition: f_p(trunc(r·2^(−I^min))). */
const refRound = (params: FloatParams, r: Rational): Float => {
  const num = r.den < 0n ? -r.num : r.num;
  const den = r.den < 0n ? -r.den : r.den;
  return fP(params, (num << params.iMax) / den); // BigInt division truncates toward zero
};
const ratCmp = (a: Rational, b: Rational): number => {
  const x = a.num * b.den;
  const y = b.num * a.den;
  return x < y ? -1 : x > y ? 1 : 0;
};
const same = (a: Float, b: Float): boolean => a.m === b.m && a.e === b.e;

describe('floatParams', () => {
  it('accepts even p in 4..64', () => {
    for (let p = 4; p <= 64; p += 2) {
      const r = floatParams(p);
      expect(isRight(r)).toBe(true);
      if (isRight(r)) {
        expect(r.right.q).toBe(p / 2);
        expect(r.right.iMax).toBe(2n ** BigInt(p / 2 - 1) - 1n);
        expect(r.right.iMin).toBe(-r.right.iMax);
      }
    }
  });
  it('refuses odd, small, large and non-integer p with a message', () => {
    expect(floatParams(7)).toEqual({ _tag: 'Left', left: 'floatParams: p must be even, got 7' });
    expect(floatParams(2)).toEqual({ _tag: 'Left', left: 'floatParams: p must be at least 4, got 2' });
    expect(floatParams(66)).toEqual({ _tag: 'Left', left: 'floatParams: p must be at most 64, got 66' });
    expect(isLeft(floatParams(4.5))).toBe(true);
    expect(isLeft(floatParams(Number.NaN))).toBe(true);
  });
});

describe('bits', () => {
  it('round-trips every bit pattern for p ≤ 10; only negative zeros are not reproduced', () => {
    for (let p = 4; p <= 10; p += 2) {
      const params = P(p);
      const q = p / 2;
      let a = 0;
      const distinct = new Set<string>();
      for (const f of allFloats(params)) {
        const pattern = Array.from({ length: p }, (_, j) => Math.floor(a / 2 ** j) % 2);
        const decoded = decodeFloat(params, pattern);
        expect(decoded).toEqual({ _tag: 'Right', right: f });
        // canonical pattern: the sign bit of a zero component is cleared
        const canon = [...pattern];
        if (f.m === 0n) canon[q - 1] = 0;
        if (f.e === 0n) canon[p - 1] = 0;
        expect(bits(params, f)).toBe(canon.join(''));
        distinct.add(`${f.m},${f.e}`);
        a++;
      }
      expect(a).toBe(2 ** p);
      expect(distinct.size).toBe((2 ** q - 1) ** 2);
      expect(Array.from(allDistinctFloats(params)).length).toBe((2 ** q - 1) ** 2);
      for (const f of allDistinctFloats(params)) expect(decodeFloat(params, encodeFloat(params, f))).toEqual({ _tag: 'Right', right: f });
    }
  });
  it('decodes negative zero as zero', () => {
    expect(decodeFloat(p4, '0100')).toEqual({ _tag: 'Right', right: F(0, 0) });
    expect(decodeFloat(p4, '0001')).toEqual({ _tag: 'Right', right: F(0, 0) });
    expect(decodeFloat(p4, '0101')).toEqual({ _tag: 'Right', right: F(0, 0) });
  });
  it('reports wrong lengths and non-bits', () => {
    expect(decodeFloat(p4, '111')).toEqual({ _tag: 'Left', left: 'decodeFloat: expected 4 bits, got 3' });
    expect(decodeFloat(p4, [1, 0, 2, 0])).toEqual({ _tag: 'Left', left: 'decodeFloat: bit 2 is 2, not 0 or 1' });
    expect(decodeFloat(p4, '10x0')).toEqual({ _tag: 'Left', left: 'decodeFloat: bit 2 is "x", not 0 or 1' });
  });
  it('refuses to encode out-of-range floats; makeFloat validates', () => {
    expect(() => encodeFloat(p4, F(2, 0))).toThrow(/encodeFloat/);
    expect(makeFloat(p8, 3n, -2n)).toEqual({ _tag: 'Right', right: F(3, -2) });
    expect(isLeft(makeFloat(p8, 8n, 0n))).toBe(true);
    expect(isLeft(makeFloat(p8, 0n, -8n))).toBe(true);
  });
  it('matches the worked tables in docs/semantics.md', () => {
    expect(bits(p4, F(-1, -1))).toBe('1111');
    expect(bits(p4, F(-1, 0))).toBe('1100');
    expect(bits(p4, F(-1, 1))).toBe('1110');
    expect(bits(p4, F(1, -1))).toBe('1011');
    expect(bits(p4, F(1, 1))).toBe('1010');
    expect(bits(p8, F(1, -7))).toBe('10001111');
    expect(bits(p8, F(3, -2))).toBe('11000101');
    expect(bits(p8, F(-7, 7))).toBe('11111110');
    expect(bits(p8, F(5, 0))).toBe('10100000');
  });
});

describe('Defs 13–14', () => {
  it('sizeof, rshift (toward zero) and bit lengths', () => {
    expect(sizeofInt(0n)).toBe(2n);
    expect(sizeofInt(1n)).toBe(2n);
    expect(sizeofInt(-1n)).toBe(2n);
    expect(sizeofInt(5n)).toBe(4n);
    expect(sizeofInt(-8n)).toBe(5n);
    expect(rshift(-5n, 1n)).toBe(-2n);
    expect(rshift(5n, 1n)).toBe(2n);
    expect(rshift(-1n, 3n)).toBe(0n);
    for (let z = -300n; z <= 300n; z++) expect(bitLength(z)).toBe(z === 0n ? 0 : (z < 0n ? -z : z).toString(2).length);
    expect(bitLength(1n << 1000n)).toBe(1001);
  });
  it('g_p and f_p: worked examples (docs/semantics.md)', () => {
    expect(gP(p4, F(1, 1))).toBe(4n);
    expect(gP(p4, F(-1, -1))).toBe(-1n);
    expect(gP(p8, F(3, -2))).toBe(96n);
    expect(gP(p8, F(-7, 7))).toBe(-114688n);
    const cases: [FloatParams, bigint, Float, boolean][] = [
      [p4, 0n, F(0, -1), false],
      [p4, 1n, F(1, -1), false],
      [p4, 3n, F(1, 0), false],
      [p4, -3n, F(-1, 0), false],
      [p4, 7n, F(1, 1), false],
      [p4, 8n, F(1, 1), true],
      [p4, -8n, F(-1, 1), true],
      [p8, 11n, F(5, -6), false],
      [p8, -11n, F(-5, -6), false],
      [p8, 1920n, F(7, 1), false],
      [p8, (1n << 17n) - 1n, F(7, 7), false],
      [p8, 1n << 17n, F(7, 7), true],
      [p8, -(1n << 17n), F(-7, 7), true],
    ];
    for (const [params, z, want, sat] of cases) {
      const t = truncateInt(params, z);
      expect([t.float, t.saturated]).toEqual([want, sat]);
      expect(fP(params, z)).toEqual(want);
    }
  });
  it('truncates toward zero: f_p(−z) = −f_p(z) for all |z| < 2^12, p = 4..10', () => {
    for (let p = 4; p <= 10; p += 2) {
      const params = P(p);
      for (let z = 0n; z < 1n << 12n; z++) {
        const a = fP(params, z);
        const b = fP(params, -z);
        expect(b).toEqual({ m: -a.m, e: a.e });
        // toward zero: 0 ≤ f_p(z) ≤ z·2^(I^min) < f_p(z) + 2^(k + I^min) (one unit in the last place)
        const t = truncateInt(params, z);
        if (!t.saturated) {
          const exact: Dyadic = { mant: z, exp: params.iMin };
          const value = floatToDyadic(a);
          expect(dyadicCompare(value, { mant: 0n, exp: 0n }) >= 0).toBe(true);
          expect(dyadicCompare(value, exact) <= 0).toBe(true);
          expect(dyadicCompare(exact, dyadicAdd(value, { mant: 1n, exp: t.shift + params.iMin })) < 0).toBe(true);
        }
      }
    }
  });
  it('f_p returns normal floats, and f_p(g_p(φ)) = φ in value for every float, p ≤ 10', () => {
    for (let p = 4; p <= 10; p += 2) {
      const params = P(p);
      for (const f of allFloats(params)) {
        const r = fP(params, gP(params, f));
        expect(isNormal(params, r)).toBe(true);
        expect(floatEquals(r, f)).toBe(true);
        if (isNormal(params, f)) expect(r).toEqual(f.m === 0n ? zeroFloat(params) : f);
      }
    }
  });
  it('saturates exactly when |value| ≥ (I^max + 1)·2^(I^max) (overflows), p = 4, 6, 8', () => {
    for (const params of [p4, p6]) {
      for (let z = -(1n << 12n); z <= 1n << 12n; z++) {
        expect(truncateInt(params, z).saturated).toBe(overflows(params, { mant: z, exp: params.iMin }));
      }
    }
    const t = 1n << 17n; // p = 8 threshold on z
    for (let z = t - 2000n; z <= t + 2000n; z++) {
      expect(truncateInt(p8, z).saturated).toBe(z >= t);
      expect(truncateInt(p8, -z).saturated).toBe(z >= t);
      expect(overflows(p8, { mant: z, exp: p8.iMin })).toBe(z >= t);
    }
    // F^max = 896 < 960 < 1024: truncated to F^max, not saturated
    expect(overflows(p8, { mant: 960n, exp: 0n })).toBe(false);
    expect(overflows(p8, { mant: 1024n, exp: 0n })).toBe(true);
  });
});

describe('Def 15: iterated sum', () => {
  it('worked examples (docs/semantics.md)', () => {
    expect(iteratedSum(p4, [F(1, 0), F(1, -1)])).toEqual(F(1, 0));
    expect(iteratedSum(p4, [F(-1, 1), F(1, -1)])).toEqual(F(-1, 0));
    expect(iteratedSumTruncation(p4, [F(1, 1), F(1, 1)])).toMatchObject({ float: F(1, 1), saturated: true });
    expect(iteratedSum(p8, [F(7, 0), F(1, -7)])).toEqual(F(7, 0));
    expect(iteratedSum(p8, [F(7, 0), F(-1, -7)])).toEqual(F(6, 0));
    expect(iteratedSum(p8, [F(4, 0), F(7, 0)])).toEqual(F(5, 1));
    expect(iteratedSum(p8, [F(5, 0), F(-5, 0)])).toEqual(F(0, -7));
    expect(iteratedSumTruncation(p8, [F(7, 7), F(1, 6)])).toMatchObject({ float: F(7, 7), saturated: false });
    expect(iteratedSumTruncation(p8, [F(7, 7), F(7, 7)])).toMatchObject({ float: F(7, 7), saturated: true });
    expect(iteratedSum(p8, [])).toEqual(zeroFloat(p8));
    expect(floatAdd(p8, F(4, 0), F(7, 0))).toEqual(F(5, 1));
  });
  it('equals the literal f_p(Σ g_p(φ_i)) on all pairs, p ≤ 6, and on all triples, p = 4', () => {
    for (const params of [p4, p6]) {
      const all = Array.from(allDistinctFloats(params));
      for (const a of all) for (const b of all) expect(iteratedSum(params, [a, b])).toEqual(fP(params, gP(params, a) + gP(params, b)));
    }
    const all4 = Array.from(allDistinctFloats(p4));
    for (const a of all4) for (const b of all4) for (const c of all4) {
      expect(iteratedSum(p4, [a, b, c])).toEqual(fP(p4, gP(p4, a) + gP(p4, b) + gP(p4, c)));
    }
  });
  it('equals the literal f_p(Σ g_p(φ_i)) on random sums with wide exponent gaps (p = 8..24)', () => {
    for (const p of [8, 12, 16, 20, 24]) {
      const params = P(p);
      const { iMin, iMax } = params;
      const small = fc.bigInt(-3n, 3n);
      const arb = fc.array(
        fc.oneof(
          fc.record({ m: fc.bigInt(iMin, iMax), e: fc.bigInt(iMin, iMax) }),
          fc.record({ m: small, e: fc.bigInt(iMin, iMin + 8n) }),
          fc.record({ m: fc.bigInt(iMin, iMax), e: fc.bigInt(iMax - 4n, iMax) }),
        ),
        { minLength: 0, maxLength: 24 },
      );
      fc.assert(
        fc.property(arb, (fs) => same(iteratedSum(params, fs), fP(params, fs.reduce((s, f) => s + gP(params, f), 0n)))),
        { seed: 11, numRuns: 400 },
      );
    }
  });
  it('handles a carry across a huge gap at p = 64 without building 2^32-bit integers', () => {
    const params = P(64);
    const { iMin, iMax } = params;
    const t0 = Date.now();
    // F^max − 2^(I^min): truncation toward zero drops one unit of the last kept place
    expect(iteratedSum(params, [maxFloat(params), F(-1n, iMin)])).toEqual({ m: iMax - 1n, e: iMax });
    expect(iteratedSum(params, [maxFloat(params), F(1n, iMin)])).toEqual(maxFloat(params));
    expect(iteratedSum(params, [maxFloat(params), F(-1n, iMax), F(1n, iMax)])).toEqual(maxFloat(params));
    expect(iteratedSum(params, [F(1n, iMin), F(1n, iMin)])).toEqual(F(2n, iMin));
    expect(iteratedSumTruncation(params, [maxFloat(params), maxFloat(params)]).saturated).toBe(true);
    // the same shape at p = 12, against the literal definition
    const q = P(12);
    expect(iteratedSum(q, [maxFloat(q), F(-1n, q.iMin)])).toEqual({ m: q.iMax - 1n, e: q.iMax });
    expect(fP(q, gP(q, maxFloat(q)) - 1n)).toEqual({ m: q.iMax - 1n, e: q.iMax });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('scalar operations', () => {
  it('worked examples (docs/semantics.md), division by zero', () => {
    expect(floatMul(p8, F(3, 0), F(5, 0))).toEqual(F(7, 1));
    expect(floatDiv(p8, F(1, 0), F(3, 0))).toEqual(F(5, -4));
    expect(floatDiv(p8, F(-1, 0), F(3, 0))).toEqual(F(-5, -4));
    expect(floatMul(p8, F(1, -7), F(1, -1))).toEqual(F(0, -7));
    expect(floatDiv(p8, F(-5, 0), F(0, 3))).toEqual(F(-7, 7));
    expect(floatDiv(p8, F(5, 0), F(0, -3))).toEqual(F(7, 7));
    expect(floatDiv(p8, F(0, 0), F(0, 3))).toEqual(F(0, -7));
    expect(floatOfRational(p4, { num: 3n, den: 4n })).toEqual(F(1, -1));
    expect(floatOfRational(p4, { num: 3n, den: -4n })).toEqual(F(-1, -1));
    expect(() => floatOfRational(p4, { num: 1n, den: 0n })).toThrow(/zero denominator/);
  });
  it('mul, div and compare agree with rational arithmetic on all pairs, p = 4, 6', () => {
    for (const params of [p4, p6]) {
      const all = Array.from(allDistinctFloats(params));
      for (const a of all) {
        const ra = floatToRational(a);
        for (const b of all) {
          const rb = floatToRational(b);
          expect(floatCompare(a, b)).toBe(ratCmp(ra, rb));
          expect(floatMul(params, a, b)).toEqual(refRound(params, { num: ra.num * rb.num, den: ra.den * rb.den }));
          if (b.m !== 0n) expect(floatDiv(params, a, b)).toEqual(refRound(params, { num: ra.num * rb.den, den: ra.den * rb.num }));
        }
      }
    }
  });
  it('mul, div and compare agree with rational arithmetic on random floats, p = 8..32', () => {
    for (const p of [8, 12, 16, 24, 32]) {
      const params = P(p);
      const arb = fc.record({ m: fc.bigInt(params.iMin, params.iMax), e: fc.bigInt(params.iMin, params.iMax) });
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          const ra = floatToRational(a);
          const rb = floatToRational(b);
          if (floatCompare(a, b) !== ratCmp(ra, rb)) return false;
          if (!same(floatMul(params, a, b), refRound(params, { num: ra.num * rb.num, den: ra.den * rb.den }))) return false;
          return b.m === 0n || same(floatDiv(params, a, b), refRound(params, { num: ra.num * rb.den, den: ra.den * rb.num }));
        }),
        { seed: 5, numRuns: 300 },
      );
    }
  });
  it('mul and div work at p = 64 (saturation, underflow)', () => {
    const params = P(64);
    const { iMin, iMax } = params;
    expect(floatMul(params, maxFloat(params), maxFloat(params))).toEqual(maxFloat(params));
    expect(floatMul(params, F(-1n, iMax), F(3n, 0n))).toEqual({ m: -3n << 29n, e: iMax - 29n }); // in range
    expect(floatMul(params, F(-iMax, iMax), F(2n, 0n))).toEqual({ m: -iMax, e: iMax }); // saturated
    expect(floatMul(params, F(1n, iMin), F(1n, -1n))).toEqual(zeroFloat(params));
    expect(floatDiv(params, F(1n, iMin), F(1n, iMax))).toEqual(zeroFloat(params));
    expect(floatDiv(params, F(3n, 0n), F(3n, 0n))).toEqual({ m: 1n << 30n, e: -30n }); // 1 in normal form
    expect(floatCompare(F(1n, iMax), F(1n, iMin))).toBe(1);
    expect(floatCompare(F(-1n, iMax), F(1n, iMin))).toBe(-1);
    expect(floatCompare(F(2n, iMin), F(1n, iMin + 1n))).toBe(0);
  });
});

describe('exact values and relative error', () => {
  it('floatToRational is in lowest terms', () => {
    expect(floatToRational(F(6, -3))).toEqual({ num: 3n, den: 4n });
    expect(floatToRational(F(-3, 2))).toEqual({ num: -12n, den: 1n });
    expect(floatToRational(F(0, -5))).toEqual({ num: 0n, den: 1n });
    expect(showFloatValue(F(3, -2))).toBe('⟨3, -2⟩ = 3/4');
  });
  it('withinRelative is exact at the boundary', () => {
    // 3 vs 4: error 1/4, exactly 2^−2
    expect(withinRelative({ mant: 3n, exp: 0n }, { mant: 4n, exp: 0n }, 2n)).toBe(true);
    expect(withinRelative({ mant: 3n, exp: 0n }, { mant: 4n, exp: 0n }, 3n)).toBe(false);
    expect(withinRelative({ mant: 0n, exp: 0n }, { mant: 0n, exp: 0n }, 10n)).toBe(true);
    expect(withinRelative({ mant: 1n, exp: -500n }, { mant: 0n, exp: 0n }, 0n)).toBe(false);
    expect(relativeError({ mant: 3n, exp: 0n }, { mant: 4n, exp: 0n })).toBe(0.25);
    expect(relativeError({ mant: 5n, exp: -6n }, { mant: 11n, exp: -7n })).toBeCloseTo(1 / 11, 12);
  });
  it('a value in range round-trips through floatOfDyadic; sums of floats are exact dyadics', () => {
    for (const f of allDistinctFloats(p6)) expect(floatEquals(floatOfDyadic(p6, floatToDyadic(f)), f)).toBe(true);
    expect(dyadicSum([floatToDyadic(F(1, -7)), floatToDyadic(F(7, 0))])).toEqual({ mant: 897n, exp: -7n });
    expect(isFloat(p8, F(7, -7))).toBe(true);
    expect(isFloat(p8, F(8, -7))).toBe(false);
  });
});
