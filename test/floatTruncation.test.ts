import { describe, expect, it } from 'vitest';
import {
  dyadicSum,
  floatParams,
  floatToDyadic,
  fP,
  gP,
  iteratedSum,
  iteratedSumTruncation,
  overflows,
  relativeError,
  rshift,
  sizeofInt,
  withinRelative,
  type Float,
  type FloatParams,
} from '../src/core/float.js';
import { isRight } from 'fp-ts/lib/Either.js';
import {
  floatTruncationClaims,
  floatTruncationLemma,
  METRIC_ROUND_TRIP,
  METRIC_SUM,
  truncationBound,
  verifyTruncation,
  truncationSweep,
  defaultTruncationImpl,
  type TruncationImpl,
  type TruncationSweep,
} from '../src/proofs/floatTruncation.js';
import type { VerifyContext } from '../src/proofs/lemma.js';

const ctx: VerifyContext = { seed: 1, full: false, progress: () => {} };
/** A light sweep for the honesty tests that do not need the default one. */
const light: TruncationSweep = { ...truncationSweep(false), pairPs: [4, 6], triplePs: [4], propertyPs: [12, 16], numRuns: 100, intBits: 8 };

/** Def 14 with one bit too many dropped: keeps q − 2 magnitude bits. */
const fPDropOneMore = (params: FloatParams, z: bigint): Float => {
  const q = BigInt(params.q);
  const s = sizeofInt(z);
  const k = s - q + 1n > 0n ? s - q + 1n : 0n;
  const m = rshift(z, k);
  const e = s - sizeofInt(m) + params.iMin;
  return e > params.iMax ? { m: z < 0n ? -params.iMax : params.iMax, e: params.iMax } : { m, e };
};

describe('float-truncation (P1 Lemma 4)', () => {
  it('holds with seed 1, every tier and every measurement', async () => {
    const steps: number[] = [];
    const r = await verifyTruncation({ ...ctx, progress: (d) => steps.push(d) });
    expect(r.verdict).toBe('holds');
    expect(r.tiers.map((t) => t.tier)).toEqual(['exhaustive', 'exhaustive', 'exhaustive', 'property', 'property', 'property']);
    expect(r.tiers.every((t) => t.holds && t.cases > 0)).toBe(true);
    // all 2^p patterns for p = 4..10
    expect(r.tiers[0]?.cases).toBe(16 + 64 + 256 + 1024);
    // pairs p = 4, 6, 8 and triples p = 4, 6 of distinct floats
    expect(r.tiers[2]?.cases).toBe(9 ** 2 + 49 ** 2 + 225 ** 2 + 9 ** 3 + 49 ** 3);
    expect(steps.length).toBeGreaterThan(5);
    for (const p of [4, 6, 8, 10, 12, 16, 24, 32]) {
      const round = r.measurements.find((m) => m.params['p'] === p && m.metric === METRIC_ROUND_TRIP);
      const sum = r.measurements.find((m) => m.params['p'] === p && m.metric === METRIC_SUM);
      expect(round?.measured).toBe(0); // Lemma 4 as printed is exact
      expect(sum?.claimed).toBe(truncationBound(p));
      expect(sum?.measured).toBeGreaterThan(0);
      // the supremum 1/(2^(p/2−2) + 1) is never exceeded
      expect(sum?.measured).toBeLessThanOrEqual(1 / (2 ** (p / 2 - 2) + 1));
    }
    // (how long it takes is `tradeoff check`'s business, not a unit test's: house rule)
  });

  it('is a registered lemma value with claims ≤ 2^(−p/2+2)', () => {
    expect(floatTruncationLemma.id).toBe('float-truncation');
    expect(floatTruncationLemma.reference).toBe('P1 Lemma 4 (App. A, Defs 13–15)');
    expect(floatTruncationLemma.tiers).toEqual(['exhaustive', 'property']);
    expect(floatTruncationClaims.map((c) => c.at({ p: 8 }))).toEqual([0.25, 0.25]);
  });

  it('rejects an f_p that drops one bit too many, with readable counterexamples', async () => {
    const impl: TruncationImpl = {
      fP: fPDropOneMore,
      gP,
      iteratedSum: (params, fs) => fPDropOneMore(params, fs.reduce((s, f) => s + gP(params, f), 0n)),
      overflows,
    };
    const r = await verifyTruncation(ctx, impl);
    expect(r.verdict).toBe('fails');
    const [s1e, s2e, s3e, , s2p, s3p] = r.tiers;
    // single floats reveal it only through a spurious saturation (the exponent it computes
    // is one too large at the top of the range): ⟨4, 7⟩ = 512 becomes F^max = 896
    expect(s1e?.holds).toBe(false);
    expect(s1e?.failure?.counterexample).toMatchObject({ p: 8, float: '⟨4, 7⟩ = 512', result: '⟨7, 7⟩ = 896', relativeError: 0.75 });
    // integers reveal it directly: the least is z = 11 at p = 8 (11 → 8, error 3/11 > 1/4)
    expect(s2e?.holds).toBe(false);
    expect(s2e?.failure?.message).toMatch(/^p = 8: checkCasesExhaustive/);
    expect(s2e?.failure?.counterexample).toMatchObject({ p: 8, z: '11', exact: '11/128', result: '⟨2, -5⟩ = 1/16' });
    expect(s3e?.holds).toBe(false);
    expect(s2p?.holds).toBe(false);
    // the property tier shrinks a sum of floats and names p, the floats and the error
    expect(s3p?.holds).toBe(false);
    const cex = s3p?.failure?.counterexample as { p: number; floats: string[]; relativeError: number; bound: string; result: string };
    expect(cex.p).toBe(12);
    expect(cex.floats.length).toBeGreaterThan(0);
    expect(cex.floats.length).toBeLessThanOrEqual(2);
    expect(cex.floats[0]).toMatch(/^⟨-?\d+, -?\d+⟩ = /);
    expect(cex.relativeError).toBeGreaterThan(truncationBound(12));
    expect(cex.bound).toBe('2^(−p/2+2) = 0.0625');
    expect(s3p?.failure?.message).toMatch(/shrinks \(seed 1/);
    expect(r.measurements.filter((m) => m.metric === METRIC_SUM).some((m) => m.measured > m.claimed)).toBe(false);
  });

  it('rejects a g_p with the exponent off by one (Lemma 4 as printed catches it)', async () => {
    const impl: TruncationImpl = {
      fP,
      gP: (params, f) => f.m << (f.e - params.iMin + 1n),
      iteratedSum,
      overflows,
    };
    const r = await verifyTruncation(ctx, impl, light);
    expect(r.verdict).toBe('fails');
    expect(r.tiers[0]?.holds).toBe(false);
    // at p = 4 a factor of 2 is still within 1 ± 2^0; p = 6 fails on the first non-zero pattern
    expect(r.tiers[0]?.failure?.counterexample).toMatchObject({ p: 6, float: '⟨1, 0⟩ = 1', exact: '1', result: '⟨2, 0⟩ = 2' });
    // the sums use the correct iteratedSum, so statement 3 still holds
    expect(r.tiers[2]?.holds).toBe(true);
  });

  it('rejects an implementation that returns something that is not a float', async () => {
    const impl: TruncationImpl = { fP: (_params, z) => ({ m: z, e: 0n }), gP, iteratedSum, overflows };
    const r = await verifyTruncation(ctx, impl, light);
    expect(r.verdict).toBe('fails');
    expect(r.tiers[0]?.failure?.counterexample).toMatchObject({ p: 4, reason: 'the result is not a p-precision float' });
  });

  it('rejects an overflow test that calls every value an overflow (the audit: it used to pass vacuously)', async () => {
    const impl: TruncationImpl = { ...defaultTruncationImpl, overflows: () => true };
    const r = await verifyTruncation(ctx, impl, light);
    expect(r.verdict).toBe('fails');
    const [, s2e, s3e, , s2p, s3p] = r.tiers;
    for (const t of [s2e, s3e, s2p, s3p]) expect(t?.holds).toBe(false);
    expect(s2e?.failure?.message).toBe('p = 4: checkCasesExhaustive: every one of the 31 cases was skipped: nothing was checked');
    expect(r.problems.some((p) => p.includes("the claim on 'max relative error of f_p(z) and ⊕ (no overflow)'") || p.includes('must both be finite'))).toBe(true);
  });

  it('rejects an overflow test that skips most values', async () => {
    const impl: TruncationImpl = { ...defaultTruncationImpl, overflows: (params, x) => overflows(params, x) || x.mant % 4n !== 0n };
    const r = await verifyTruncation(ctx, impl, light);
    expect(r.verdict).toBe('fails');
    expect(r.tiers[1]?.failure?.message).toMatch(/cases skipped \(\d+\.\d %\), more than the stated 50\.0 %/);
  });
});

describe('erratum (docs/errata.md, P1 App. A item 2): the bound for sums needs "no overflow"', () => {
  it('fails for an overflowing sum at p = 8 and holds just below the overflow threshold', () => {
    const r = floatParams(8);
    if (!isRight(r)) throw new Error(r.left);
    const params = r.right;
    const fs: Float[] = [
      { m: 7n, e: 7n },
      { m: 7n, e: 7n },
    ];
    const exact = dyadicSum(fs.map(floatToDyadic));
    const t = iteratedSumTruncation(params, fs);
    expect(overflows(params, exact)).toBe(true);
    expect(t.saturated).toBe(true);
    expect(relativeError(floatToDyadic(t.float), exact)).toBe(0.5);
    expect(withinRelative(floatToDyadic(t.float), exact, 2n)).toBe(false);
    // 896 + 64 = 960 > F^max = 896 but < 1024: no overflow, and the bound holds
    const below: Float[] = [
      { m: 7n, e: 7n },
      { m: 1n, e: 6n },
    ];
    const exact2 = dyadicSum(below.map(floatToDyadic));
    expect(overflows(params, exact2)).toBe(false);
    expect(withinRelative(floatToDyadic(iteratedSum(params, below)), exact2, 2n)).toBe(true);
  });
});
