// Mutation tests of src/core/float.ts: exact messages, boundary values and the branches the
// broader tests in float.test.ts do not reach. No module-level calls into float.ts: a mutant
// that breaks floatParams must fail a test here, not the loading of the file.
import * as fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  decodeFloat,
  dyadicAdd,
  dyadicMul,
  dyadicToNumber,
  dyadicToRational,
  floatEquals,
  floatNeg,
  floatOfRational,
  floatParams,
  floatToNumber,
  floatToRational,
  fP,
  gP,
  isFloat,
  iteratedSum,
  iteratedSumTruncation,
  makeFloat,
  overflows,
  relativeError,
  showDyadic,
  type Float,
  type FloatParams,
} from '../src/core/float.js';

const P = (p: number): FloatParams => {
  const r = floatParams(p);
  if (!isRight(r)) throw new Error(r.left);
  return r.right;
};
const F = (m: bigint | number, e: bigint | number): Float => ({ m: BigInt(m), e: BigInt(e) });
const literalSum = (params: FloatParams, fs: readonly Float[]): Float => fP(params, fs.reduce((s, f) => s + gP(params, f), 0n));

describe('floatParams: every refusal message and the accepted bounds', () => {
  it('returns the exact constants at p = 4, 6 and 64', () => {
    expect(floatParams(4)).toEqual({ _tag: 'Right', right: { p: 4, q: 2, iMax: 1n, iMin: -1n } });
    expect(floatParams(6)).toEqual({ _tag: 'Right', right: { p: 6, q: 3, iMax: 3n, iMin: -3n } });
    expect(floatParams(64)).toEqual({ _tag: 'Right', right: { p: 64, q: 32, iMax: 2147483647n, iMin: -2147483647n } });
  });
  it('names the first rule p breaks', () => {
    expect(floatParams(4.5)).toEqual({ _tag: 'Left', left: 'floatParams: p must be an integer, got 4.5' });
    expect(floatParams(Number.NaN)).toEqual({ _tag: 'Left', left: 'floatParams: p must be an integer, got NaN' });
    expect(floatParams(Infinity)).toEqual({ _tag: 'Left', left: 'floatParams: p must be an integer, got Infinity' });
    expect(floatParams(5)).toEqual({ _tag: 'Left', left: 'floatParams: p must be even, got 5' });
    expect(floatParams(65)).toEqual({ _tag: 'Left', left: 'floatParams: p must be even, got 65' });
    expect(floatParams(0)).toEqual({ _tag: 'Left', left: 'floatParams: p must be at least 4, got 0' });
    expect(floatParams(-4)).toEqual({ _tag: 'Left', left: 'floatParams: p must be at least 4, got -4' });
    expect(floatParams(66)).toEqual({ _tag: 'Left', left: 'floatParams: p must be at most 64, got 66' });
  });
});

describe('isFloat and makeFloat at the bounds', () => {
  it('checks the exponent as well as the mantissa', () => {
    const p8 = P(8);
    expect(isFloat(p8, F(0, 7))).toBe(true);
    expect(isFloat(p8, F(0, 8))).toBe(false);
    expect(isFloat(p8, F(0, -8))).toBe(false);
    expect(isFloat(p8, F(-7, -7))).toBe(true);
    expect(isFloat(p8, F(-8, 0))).toBe(false);
  });
  it('accepts ±I^max and names the component out of range', () => {
    const p8 = P(8);
    expect(makeFloat(p8, 7n, 7n)).toEqual({ _tag: 'Right', right: F(7, 7) });
    expect(makeFloat(p8, -7n, -7n)).toEqual({ _tag: 'Right', right: F(-7, -7) });
    expect(makeFloat(p8, -8n, 0n)).toEqual({ _tag: 'Left', left: 'makeFloat: mantissa -8 is outside ±7 (p = 8)' });
    expect(makeFloat(p8, 0n, 8n)).toEqual({ _tag: 'Left', left: 'makeFloat: exponent 8 is outside ±7 (p = 8)' });
  });
});

describe('decodeFloat messages', () => {
  it('shows a non-bit array entry as String(entry)', () => {
    const p4 = P(4);
    expect(decodeFloat(p4, [1, 0, Number.NaN, 0])).toEqual({ _tag: 'Left', left: 'decodeFloat: bit 2 is NaN, not 0 or 1' });
    expect(decodeFloat(p4, [0, Infinity, 0, 0])).toEqual({ _tag: 'Left', left: 'decodeFloat: bit 1 is Infinity, not 0 or 1' });
  });
});

describe('Def 15 corner cases', () => {
  it('never flags the empty sum or a sum that cancels as saturated', () => {
    const p8 = P(8);
    expect(iteratedSumTruncation(p8, [])).toEqual({ float: F(0, -7), shift: 0n, saturated: false });
    expect(iteratedSumTruncation(p8, [F(0, 3), F(0, -2)])).toEqual({ float: F(0, -7), shift: 0n, saturated: false });
    expect(iteratedSumTruncation(p8, [F(5, 0), F(-5, 0)])).toEqual({ float: F(0, -7), shift: 0n, saturated: false });
    const p12 = P(12);
    // two clusters (gap > 2q + log k + 4), both cancelling
    expect(iteratedSumTruncation(p12, [F(3, 31), F(-3, 31), F(1, -31), F(-1, -31)])).toEqual({
      float: F(0, -31),
      shift: 0n,
      saturated: false,
    });
  });
  it('does not reorder the caller’s array', () => {
    const p8 = P(8);
    const fs = [F(1, -3), F(0, 5), F(2, 4), F(-1, -7), F(3, 0)];
    const copy = fs.map((f) => ({ ...f }));
    iteratedSum(p8, fs);
    expect(fs).toEqual(copy);
  });
  it('skips a top cluster that cancels to zero', () => {
    const p12 = P(12);
    const fs = [F(1, 31), F(-1, 31), F(1, -31)];
    expect(iteratedSum(p12, fs)).toEqual(F(1, -31));
    expect(iteratedSum(p12, fs)).toEqual(literalSum(p12, fs));
  });
  it('ignores a lower cluster that cancels to zero (no sticky bit from it)', () => {
    const p12 = P(12);
    const fs = [F(-1, 31), F(1, -31), F(-1, -31)];
    expect(iteratedSum(p12, fs)).toEqual(F(-16, 27));
    expect(iteratedSum(p12, fs)).toEqual(literalSum(p12, fs));
    const gs = [F(1, 31), F(5, -20), F(-5, -20), F(-1, -31)];
    expect(iteratedSum(p12, gs)).toEqual(literalSum(p12, gs));
  });
  it('keeps terms in one cluster when their exponents are within 2q + log k + 4', () => {
    // p = 8, k = 7: the gap is 8 + 3 + 4 = 15 > 14, so everything is one exact cluster; six terms
    // −7·2^(−1) = −21 pull 2^7 = 128 down to 107, whose top three bits are 6·2^4.
    const p8 = P(8);
    const fs = [F(1, 7), ...Array.from({ length: 6 }, () => F(-7, -1))];
    expect(iteratedSum(p8, fs)).toEqual(F(6, 4));
    expect(iteratedSum(p8, fs)).toEqual(literalSum(p8, fs));
    // p = 12, k = 15: gap 12 + 4 + 4 = 20 > 13; 14 terms −31·2^18 against 2^31
    const p12 = P(12);
    const gs = [F(1, 31), ...Array.from({ length: 14 }, () => F(-31, 18))];
    expect(iteratedSum(p12, gs)).toEqual(literalSum(p12, gs));
  });
  it('equals the literal definition on many terms bunched at two exponents (p = 8..16)', () => {
    for (const p of [8, 10, 12, 16]) {
      const params = P(p);
      const { iMin, iMax } = params;
      const arb = fc
        .record({
          hi: fc.bigInt(iMin, iMax),
          dist: fc.bigInt(1n, 2n * BigInt(p)),
          n: fc.integer({ min: 1, max: 40 }),
          top: fc.bigInt(iMin, iMax),
          lows: fc.array(fc.bigInt(iMin, iMax), { minLength: 1, maxLength: 40 }),
        })
        .map(({ hi, dist, top, lows }) => {
          const lo = hi - dist < iMin ? iMin : hi - dist;
          return [{ m: top, e: hi }, ...lows.map((m) => ({ m, e: lo }))];
        });
      fc.assert(
        fc.property(arb, (fs) => {
          const got = iteratedSum(params, fs);
          const want = literalSum(params, fs);
          return got.m === want.m && got.e === want.e;
        }),
        { seed: 7, numRuns: 300 },
      );
    }
  });
});

describe('overflows and scalar operations, signs', () => {
  it('zero never overflows, whatever its exponent', () => {
    const p8 = P(8);
    expect(overflows(p8, { mant: 0n, exp: 100n })).toBe(false);
    expect(overflows(p8, { mant: 1n, exp: 100n })).toBe(true);
  });
  it('floatOfRational takes the sign from the numerator as well as the denominator', () => {
    const p4 = P(4);
    expect(floatOfRational(p4, { num: -3n, den: 4n })).toEqual(F(-1, -1));
    expect(floatOfRational(p4, { num: -3n, den: -4n })).toEqual(F(1, -1));
    expect(floatOfRational(p4, { num: 0n, den: -4n })).toEqual(F(0, -1));
  });
  it('floatNeg negates the mantissa only', () => {
    expect(floatNeg(F(3, -2))).toEqual(F(-3, -2));
    expect(floatNeg(F(-5, 4))).toEqual(F(5, 4));
  });
  it('floatEquals compares values', () => {
    expect(floatEquals(F(1, 0), F(2, -1))).toBe(true);
    expect(floatEquals(F(1, 0), F(2, 0))).toBe(false);
    expect(floatEquals(F(-1, 0), F(1, 0))).toBe(false);
  });
});

describe('exact values', () => {
  it('dyadicToRational strips many trailing zeros', () => {
    expect(dyadicToRational({ mant: 1n << 40n, exp: -50n })).toEqual({ num: 1n, den: 1n << 10n });
    expect(dyadicToRational({ mant: -(3n << 70n), exp: -64n })).toEqual({ num: -(3n << 6n), den: 1n });
    expect(dyadicToRational({ mant: 5n << 33n, exp: -100n })).toEqual({ num: 5n, den: 1n << 67n });
    expect(floatToRational(F(-8, -2))).toEqual({ num: -2n, den: 1n });
  });
  it('dyadicAdd returns the other operand unchanged when one is zero', () => {
    expect(dyadicAdd({ mant: 0n, exp: -5n }, { mant: 3n, exp: 2n })).toEqual({ mant: 3n, exp: 2n });
    expect(dyadicAdd({ mant: 3n, exp: 2n }, { mant: 0n, exp: -5n })).toEqual({ mant: 3n, exp: 2n });
    expect(dyadicAdd({ mant: 3n, exp: 2n }, { mant: 1n, exp: -1n })).toEqual({ mant: 25n, exp: -1n });
  });
  it('dyadicMul multiplies mantissas and adds exponents', () => {
    expect(dyadicMul({ mant: 3n, exp: 2n }, { mant: -5n, exp: -7n })).toEqual({ mant: -15n, exp: -5n });
  });
});

describe('display doubles', () => {
  it('dyadicToNumber: zero, wide mantissas, and the ends of the double range', () => {
    expect(dyadicToNumber({ mant: 0n, exp: 3000n })).toBe(0);
    expect(dyadicToNumber({ mant: 0n, exp: -3000n })).toBe(0);
    expect(dyadicToNumber({ mant: 3n, exp: -2n })).toBe(0.75);
    // a mantissa wider than 60 bits is first truncated to 60 bits, then rounded to a double
    expect(dyadicToNumber({ mant: 2n ** 70n + 2n ** 17n + 1n, exp: 0n })).toBe(2 ** 70);
    expect(dyadicToNumber({ mant: (1n << 100n) + (1n << 60n), exp: -90n })).toBe(1024 + 2 ** -30);
    expect(dyadicToNumber({ mant: -(1n << 100n), exp: -90n })).toBe(-1024);
    expect(dyadicToNumber({ mant: 1n, exp: 10n ** 400n })).toBe(Infinity);
    expect(dyadicToNumber({ mant: -1n, exp: 10n ** 400n })).toBe(-Infinity);
    expect(dyadicToNumber({ mant: -3n, exp: 2001n })).toBe(-Infinity);
    expect(dyadicToNumber({ mant: 1n, exp: -(10n ** 400n) })).toBe(0);
    expect(dyadicToNumber({ mant: -1n, exp: -3000n })).toBe(0); // +0, not −0
    expect(dyadicToNumber({ mant: -1n, exp: -2200n })).toBe(-0); // computed: the sign survives
    expect(dyadicToNumber({ mant: 1n, exp: -1074n })).toBe(5e-324);
    expect(floatToNumber(F(-3, -2))).toBe(-0.75);
  });
  it('relativeError: zero exact value, and exponents beyond the double range', () => {
    expect(relativeError({ mant: 0n, exp: 4n }, { mant: 0n, exp: 0n })).toBe(0);
    expect(relativeError({ mant: 1n, exp: 0n }, { mant: 0n, exp: 0n })).toBe(Infinity);
    expect(relativeError({ mant: 1n, exp: 0n }, { mant: 0n, exp: 5000n })).toBe(Infinity);
    expect(relativeError({ mant: 3n, exp: 3000n }, { mant: 4n, exp: 3000n })).toBe(0.25);
    expect(relativeError({ mant: 3n, exp: -3000n }, { mant: 4n, exp: -3000n })).toBe(0.25);
    expect(relativeError({ mant: 5n, exp: 3000n }, { mant: 4n, exp: 3000n })).toBe(0.25);
    expect(relativeError({ mant: 1n, exp: 5000n }, { mant: 1n, exp: 0n })).toBe(Infinity);
    expect(relativeError({ mant: 1n, exp: 0n }, { mant: 1n, exp: 5000n })).toBe(1);
  });
});

describe('showDyadic', () => {
  it('is num/den within 256 bits and exponent ±256, mant·2^exp beyond', () => {
    expect(showDyadic({ mant: 3n, exp: 0n })).toBe('3');
    expect(showDyadic({ mant: -12n, exp: 1n })).toBe('-24');
    expect(showDyadic({ mant: 3n, exp: -2n })).toBe('3/4');
    expect(showDyadic({ mant: 3n, exp: -256n })).toBe(`3/${1n << 256n}`);
    expect(showDyadic({ mant: 3n, exp: -257n })).toBe('3·2^-257');
    expect(showDyadic({ mant: 3n, exp: 256n })).toBe(`${3n << 256n}`);
    expect(showDyadic({ mant: 3n, exp: 257n })).toBe('3·2^257');
    const m256 = (1n << 255n) + 1n;
    expect(showDyadic({ mant: m256, exp: -1n })).toBe(`${m256}/2`);
    const m257 = (1n << 256n) + 1n;
    expect(showDyadic({ mant: m257, exp: -1n })).toBe(`${m257}·2^-1`);
  });
});
