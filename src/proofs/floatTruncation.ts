/**
 * # Lemma `float-truncation` (P1 Lemma 4)
 *
 * ## Main results
 * Under the pinned float reading (`docs/semantics.md`), with ε_p = 2^(−p/2+2):
 * 1. (Lemma 4 as printed) for every p-precision float φ, φ and f_p(g_p(φ)) differ by a factor
 *    of at most 1 ± ε_p. The printed preconditions |φ| ≤ F^max and e ≥ I^min hold for every
 *    float; in fact f_p(g_p(φ)) = φ exactly (the bits f_p drops are zeros of g_p(φ)).
 * 2. (What the proof proves, and what Def 15 needs) for every integer z such that f_p(z) does
 *    not saturate, g_p(f_p(z)) and z differ by a factor of at most 1 ± ε_p (strictly less;
 *    the supremum is 1/(2^(p/2−2) + 1)).
 * 3. Hence ⊕ of k floats and their exact sum differ by a factor of at most 1 ± ε_p whenever
 *    the sum does not overflow, i.e. |Σ φ_i| < (I^max + 1)·2^(I^max) — in particular whenever
 *    |Σ φ_i| ≤ F^max.
 *
 * ## Implementation notes
 * All comparisons are exact ({@link withinRelative}: |approx − exact|·2^(p/2−2) ≤ |exact| on
 * dyadic rationals); doubles are only used to display the measured maximum. The reference
 * values are computed from the floats' exact values (m·2^e), never with the implementation
 * under test, which is injectable ({@link verifyTruncation}) so that honesty tests can feed a
 * wrong f_p and see it rejected.
 * - exhaustive: statement 1 on all 2^p bit patterns, p = 4…10; statement 2 on every z with
 *   |z| ≤ 2^14 and on the worst-case family ±(2^(s−2) + 2^(s−q) − 1), p = 4…10; statement 3 on
 *   all pairs of distinct floats for p ≤ 8 (p ≤ 10 with `--full`) and all triples for p ≤ 6.
 * - property (seeded, shrinking): statements 1–3 for p ∈ {12, 16, 24, 32} (up to 64 with
 *   `--full`), sums of 1 to 64 floats drawn uniformly, clustered (cancellation) or near the
 *   overflow boundary. For p > 32 the draws are restricted so that every exact value fits in
 *   memory: exponents of statement 1 within 2^20 of I^min, integers of statement 2 of at most
 *   2^12 bits, and the exponents of a sum within a window of 2^12 (anywhere in the range).
 *
 * ## References
 * P1 Lemma 4 (App. A, Defs 13–15); `src/core/float.ts`; `docs/errata.md` (section on P1 App. A).
 *
 * @module
 */
import * as fc from 'fast-check';
import { SKIP, checkCasesExhaustive, checkProperty } from '../core/check.js';
import { checkBound, combineRuns, tierRun } from '../core/verdict.js';
import {
  allDistinctFloats,
  allFloats,
  dyadicCompare,
  dyadicMul,
  dyadicSum,
  floatToDyadic,
  fP,
  gP,
  isFloat,
  iteratedSum,
  overflows,
  relativeError,
  relativeErrorExact,
  showDyadic,
  showFloatValue,
  withinRelative,
  type Dyadic,
  type Float,
  type FloatParams,
} from '../core/float.js';
import {
  report,
  requirementsOf,
  type ClaimedBound,
  type Lemma,
  type LemmaReport,
  type Measurement,
  type Params,
  type TierRun,
  type VerifyContext,
} from './lemma.js';
import { floatParamsOrThrow } from './floatBits.js';

/** The implementation under test: Defs 13–15. @category model */
export interface TruncationImpl {
  readonly fP: (params: FloatParams, z: bigint) => Float;
  readonly gP: (params: FloatParams, f: Float) => bigint;
  readonly iteratedSum: (params: FloatParams, floats: readonly Float[]) => Float;
  /** Def 14's saturation test on an exact value (the premise of statements 2–3). */
  readonly overflows: (params: FloatParams, x: Dyadic) => boolean;
}

/** The kernel's Defs 13–15. @category model */
export const defaultTruncationImpl: TruncationImpl = { fP, gP, iteratedSum, overflows };

/** The metric of statement 1 (Lemma 4 as printed). @category claims */
export const METRIC_ROUND_TRIP = 'max relative error of f_p(g_p(φ))';
/** The metric of statements 2–3 (truncation of an integer / of a sum, no overflow). @category claims */
export const METRIC_SUM = 'max relative error of f_p(z) and ⊕ (no overflow)';

/**
 * The largest fraction of cases one run (one p) may skip because they overflow (outside the
 * premise of statements 2–3): half. The integers are enumerated only up to 1.5 times the
 * smallest saturating |z|, so at most about 40 % of them overflow (p = 4 and 6, whose ranges
 * are tiny); over the whole default run 0.4 % of the integers and 1.4 % of the sums are
 * skipped (`tradeoff check` prints the counts). A broken f_p or overflow test that makes
 * most values "overflow" fails instead of passing vacuously.
 * @category claims
 */
export const MAX_SKIP = { integers: 0.5, sums: 0.5 } as const;

/** ε_p = 2^(−p/2+2). @category claims */
export const truncationBound = (p: number): number => 2 ** (2 - p / 2);

/** The claimed bounds, as data: both metrics ≤ 2^(−p/2+2). @category claims */
export const floatTruncationClaims: readonly ClaimedBound[] = [
  { metric: METRIC_ROUND_TRIP, formula: '2^(−p/2+2)', at: (ps: Params) => truncationBound(ps['p'] ?? Number.NaN), source: 'paper', ref: 'P1 Lemma 4' },
  { metric: METRIC_SUM, formula: '2^(−p/2+2)', at: (ps: Params) => truncationBound(ps['p'] ?? Number.NaN), source: 'paper', ref: 'P1 Lemma 4' },
];

/** What is checked, by default and with `--full`. @category claims */
export interface TruncationSweep {
  /** p for statement 1 and 2, exhaustively. */
  readonly exhaustivePs: readonly number[];
  /** p for all pairs of distinct floats. */
  readonly pairPs: readonly number[];
  /** p for all triples of distinct floats. */
  readonly triplePs: readonly number[];
  /** p for the property tier. */
  readonly propertyPs: readonly number[];
  readonly numRuns: number;
  readonly maxTerms: number;
  /** Statement 2 exhaustively on |z| ≤ 2^intBits. */
  readonly intBits: number;
}

/** The default and `--full` sweeps. @category claims */
export const truncationSweep = (full: boolean): TruncationSweep => ({
  exhaustivePs: [4, 6, 8, 10],
  pairPs: full ? [4, 6, 8, 10] : [4, 6, 8],
  triplePs: [4, 6],
  propertyPs: full ? [12, 16, 24, 32, 40, 48, 56, 64] : [12, 16, 24, 32],
  numRuns: full ? 2000 : 500,
  maxTerms: 64,
  intBits: full ? 16 : 14,
});

const paramsOf = (p: number): FloatParams => floatParamsOrThrow(p, 'floatTruncation');

/** The exact ratio num/den of two non-negative dyadics, for tracking a maximum. */
interface Ratio {
  readonly num: Dyadic;
  readonly den: Dyadic;
  readonly approx: Dyadic;
  readonly exact: Dyadic;
}

const ratioGreater = (a: Ratio, b: Ratio): boolean => dyadicCompare(dyadicMul(a.num, b.den), dyadicMul(b.num, a.den)) > 0;

/** Per-p running maxima of the relative error, exact. */
type Maxima = Map<number, Ratio>;

const record = (maxima: Maxima, p: number, approx: Dyadic, exact: Dyadic): void => {
  const r = relativeErrorExact(approx, exact);
  if (r.den.mant === 0n) return; // exact = 0 (then approx = 0 was required)
  const cur: Ratio = { ...r, approx, exact };
  const prev = maxima.get(p);
  if (prev === undefined || ratioGreater(cur, prev)) maxima.set(p, cur);
};

const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Check one approximation against its exact value; `true` or a readable counterexample.
 */
const judge = (
  params: FloatParams,
  maxima: Maxima,
  inputs: Record<string, unknown>,
  compute: () => Float,
  exact: Dyadic,
): true | Record<string, unknown> => {
  const bound = truncationBound(params.p);
  const base = { p: params.p, ...inputs, exact: showDyadic(exact), bound: `2^(−p/2+2) = ${bound}` };
  let result: Float;
  try {
    result = compute();
  } catch (err) {
    return { ...base, reason: `the implementation threw: ${describeError(err)}` };
  }
  if (!isFloat(params, result)) return { ...base, result: `⟨${result.m}, ${result.e}⟩`, reason: 'the result is not a p-precision float' };
  const approx = floatToDyadic(result);
  if (!withinRelative(approx, exact, BigInt(params.p / 2 - 2))) {
    return { ...base, result: showFloatValue(result), relativeError: relativeError(approx, exact), reason: 'relative error exceeds the bound' };
  }
  record(maxima, params.p, approx, exact);
  return true;
};

const scaled = (params: FloatParams, z: bigint): Dyadic => ({ mant: z, exp: params.iMin });

/** Statement 1 on one float. */
const roundTrip = (impl: TruncationImpl, params: FloatParams, maxima: Maxima) => (f: Float) =>
  isFloat(params, f)
    ? judge(params, maxima, { float: showFloatValue(f) }, () => impl.fP(params, impl.gP(params, f)), floatToDyadic(f))
    : { p: params.p, float: `⟨${f.m}, ${f.e}⟩`, reason: 'the generator produced a non-float' };

/** Statement 2 on one integer (skipped on overflow: outside the premise). */
const intTruncation = (impl: TruncationImpl, params: FloatParams, maxima: Maxima, vacuous: { n: number }) => (z: bigint) => {
  const exact = scaled(params, z);
  if (impl.overflows(params, exact)) {
    vacuous.n++;
    return SKIP;
  }
  return judge(params, maxima, { z: z.toString(), value: `z·2^(I^min) = ${showDyadic(exact)}` }, () => impl.fP(params, z), exact);
};

/** Statement 3 on one list of floats (skipped on overflow: outside the premise). */
const sumCheck = (impl: TruncationImpl, params: FloatParams, maxima: Maxima, vacuous: { n: number }) => (fs: readonly Float[]) => {
  const bad = fs.find((f) => !isFloat(params, f));
  if (bad !== undefined) return { p: params.p, float: `⟨${bad.m}, ${bad.e}⟩`, reason: 'the generator produced a non-float' };
  const exact = dyadicSum(fs.map(floatToDyadic));
  if (impl.overflows(params, exact)) {
    vacuous.n++;
    return SKIP;
  }
  return judge(params, maxima, { floats: fs.map(showFloatValue) }, () => impl.iteratedSum(params, fs), exact);
};

/**
 * The integers of statement 2: |z| ≤ 2^bits, but no further than 1.5 times the smallest |z|
 * that saturates (beyond it every case is outside the premise), then the worst-case family.
 */
function* integersUpTo(params: FloatParams, bits: number): Generator<bigint, void, undefined> {
  yield 0n;
  const saturates = (params.iMax + 1n) << (2n * params.iMax);
  const limit = minB(1n << BigInt(bits), saturates + saturates / 2n);
  for (let z = 1n; z <= limit; z++) {
    yield z;
    yield -z;
  }
  // the worst case family: top bit, then zeros, then all ones in the dropped part
  const q = BigInt(params.q);
  for (let s = q + 1n; s <= q + 2n * params.iMax + 1n && s <= 4096n; s++) {
    const z = (1n << (s - 2n)) + (1n << (s - q)) - 1n;
    yield z;
    yield -z;
  }
}

function* tuples(params: FloatParams, k: number): Generator<readonly Float[], void, undefined> {
  const all = Array.from(allDistinctFloats(params));
  const idx = new Array<number>(k).fill(0);
  for (;;) {
    yield idx.map((i) => all[i] ?? { m: 0n, e: 0n });
    let j = k - 1;
    while (j >= 0 && idx[j] === all.length - 1) idx[j--] = 0;
    if (j < 0) return;
    idx[j] = (idx[j] ?? 0) + 1;
  }
}

const clampB = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x);
const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Random floats with exponents in [eLo, eHi]. @category arbitraries */
export const floatArbitrary = (params: FloatParams, eLo: bigint = params.iMin, eHi: bigint = params.iMax): fc.Arbitrary<Float> =>
  fc.record({ m: fc.bigInt(params.iMin, params.iMax), e: fc.bigInt(eLo, eHi) });

/**
 * Random lists of 1 … maxTerms floats: uniform (p ≤ 32 only, wide spreads of exponents),
 * clustered below a random base exponent (window 2^12, or q + 2 for heavy cancellation), and
 * near the overflow boundary.
 * @category arbitraries
 */
export const sumArbitrary = (params: FloatParams, maxTerms: number): fc.Arbitrary<readonly Float[]> => {
  const { iMin, iMax } = params;
  const window = (w: bigint, baseLo: bigint): fc.Arbitrary<readonly Float[]> =>
    fc
      .tuple(
        fc.bigInt(baseLo, iMax),
        fc.array(fc.tuple(fc.bigInt(iMin, iMax), fc.bigInt(0n, w)), { minLength: 1, maxLength: maxTerms }),
      )
      .map(([base, xs]) => xs.map(([m, off]) => ({ m, e: clampB(base - off, iMin, iMax) })));
  const wide = minB(1n << 12n, 2n * iMax);
  const tight = BigInt(params.q + 2);
  const nearTop = clampB(iMax - BigInt(params.q + 8), iMin, iMax);
  const arbs = [
    ...(params.p <= 32 ? [fc.array(floatArbitrary(params), { minLength: 1, maxLength: maxTerms })] : []),
    window(wide, iMin),
    window(tight, iMin),
    window(tight, nearTop),
  ];
  return fc.oneof(...arbs);
};

/** Random integers of up to `maxBits` bits, both signs, every bit length equally likely. @category arbitraries */
export const integerArbitrary = (maxBits: number): fc.Arbitrary<bigint> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxBits }), fc.bigInt(0n, (1n << BigInt(Math.max(0, maxBits))) - 1n), fc.boolean())
    .map(([bits, r, neg]) => {
      const z = bits === 0 ? 0n : (1n << BigInt(bits - 1)) | (r & ((1n << BigInt(bits - 1)) - 1n));
      return neg ? -z : z;
    });

/**
 * Verify P1 Lemma 4 (statements 1–3 of the module doc) against an implementation of Defs 13–15
 * (the kernel's by default), over a sweep (by default {@link truncationSweep}(ctx.full)).
 * @category verifiers
 * @example
 * const r = await verifyTruncation({ seed: 1, full: false, progress: () => {} });
 * r.verdict // 'holds'
 */
export const verifyTruncation = async (
  ctx: VerifyContext,
  impl: TruncationImpl = defaultTruncationImpl,
  sweep: TruncationSweep = truncationSweep(ctx.full),
): Promise<LemmaReport> => {
  const roundMax: Maxima = new Map();
  const sumMax: Maxima = new Map();
  const vacuous = { n: 0 };
  const runs = { s1e: [] as Run[], s2e: [] as Run[], s3e: [] as Run[], s1p: [] as Run[], s2p: [] as Run[], s3p: [] as Run[] };
  const total = sweep.exhaustivePs.length * 2 + sweep.pairPs.length + sweep.triplePs.length + sweep.propertyPs.length * 3;
  let step = 0;
  const tick = async (): Promise<void> => {
    ctx.progress(++step, total);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const S1 = 'f_p(g_p(φ)) is within a factor 1 ± 2^(−p/2+2) of φ';
  const S2 = 'f_p(z) is within a factor 1 ± 2^(−p/2+2) of z·2^(I^min) unless it saturates';
  const S3 = '⊕ of floats is within a factor 1 ± 2^(−p/2+2) of their exact sum unless it overflows';

  for (const p of sweep.exhaustivePs) {
    const params = paramsOf(p);
    const s1 = `${S1}, for all 2^${p} bit patterns (p = ${p})`;
    runs.s1e.push({ where: `p = ${p}`, run: tierRun(checkCasesExhaustive(allFloats(params), roundTrip(impl, params, roundMax), { p }, s1), 'exhaustive', s1) });
    await tick();
    const s2 = `${S2}, for |z| ≤ 2^${sweep.intBits} and the worst-case family (p = ${p})`;
    runs.s2e.push({
      where: `p = ${p}`,
      run: tierRun(checkCasesExhaustive(integersUpTo(params, sweep.intBits), intTruncation(impl, params, sumMax, vacuous), { p }, s2, { maxSkipFraction: MAX_SKIP.integers }), 'exhaustive', s2),
    });
    await tick();
  }
  for (const [k, ps] of [[2, sweep.pairPs], [3, sweep.triplePs]] as const) {
    for (const p of ps) {
      const params = paramsOf(p);
      const s3 = `${S3}, for all ${k}-tuples of distinct floats (p = ${p})`;
      runs.s3e.push({
        where: `p = ${p}, k = ${k}`,
        run: tierRun(checkCasesExhaustive(tuples(params, k), sumCheck(impl, params, sumMax, vacuous), { p, k }, s3, { maxSkipFraction: MAX_SKIP.sums }), 'exhaustive', s3),
      });
      await tick();
    }
  }
  for (const p of sweep.propertyPs) {
    const params = paramsOf(p);
    const opts = { seed: ctx.seed, numRuns: sweep.numRuns };
    const eHi = minB(params.iMax, params.iMin + (1n << 20n));
    const s1 = `${S1}, random floats (p = ${p})`;
    runs.s1p.push({ where: `p = ${p}`, run: tierRun(checkProperty(floatArbitrary(params, params.iMin, eHi), roundTrip(impl, params, roundMax), { p }, s1, opts), 'property', s1) });
    await tick();
    const maxBits = Number(minB(BigInt(params.q) + 2n * params.iMax + 2n, 4096n));
    const s2 = `${S2}, random z of up to ${maxBits} bits (p = ${p})`;
    runs.s2p.push({
      where: `p = ${p}`,
      run: tierRun(checkProperty(integerArbitrary(maxBits), intTruncation(impl, params, sumMax, vacuous), { p }, s2, { ...opts, maxSkipFraction: MAX_SKIP.integers }), 'property', s2),
    });
    await tick();
    const s3 = `${S3}, random sums of 1 to ${sweep.maxTerms} floats (p = ${p})`;
    runs.s3p.push({
      where: `p = ${p}`,
      run: tierRun(checkProperty(sumArbitrary(params, sweep.maxTerms), sumCheck(impl, params, sumMax, vacuous), { p }, s3, { ...opts, maxSkipFraction: MAX_SKIP.sums }), 'property', s3),
    });
    await tick();
  }

  const list = (ps: readonly number[]): string => ps.join(', ');
  const tiers: TierRun[] = [
    combineRuns('exhaustive', `${S1}: all 2^p bit patterns, p ∈ {${list(sweep.exhaustivePs)}}`, runs.s1e),
    combineRuns('exhaustive', `${S2}: |z| ≤ 2^${sweep.intBits} and ±(2^(s−2) + 2^(s−q) − 1), p ∈ {${list(sweep.exhaustivePs)}}`, runs.s2e),
    combineRuns('exhaustive', `${S3}: all pairs (p ∈ {${list(sweep.pairPs)}}) and triples (p ∈ {${list(sweep.triplePs)}}) of distinct floats`, runs.s3e),
    combineRuns('property', `${S1}: random floats, p ∈ {${list(sweep.propertyPs)}}`, runs.s1p, ctx.seed),
    combineRuns('property', `${S2}: random integers, p ∈ {${list(sweep.propertyPs)}}`, runs.s2p, ctx.seed),
    combineRuns('property', `${S3}: random sums of 1 to ${sweep.maxTerms} floats, p ∈ {${list(sweep.propertyPs)}}`, runs.s3p, ctx.seed),
  ];

  const ps = [...new Set([...sweep.exhaustivePs, ...sweep.propertyPs])].sort((a, b) => a - b);
  const measured = (maxima: Maxima, p: number): number => {
    const r = maxima.get(p);
    return r === undefined ? Number.NaN : relativeError(r.approx, r.exact); // nothing measured at p: a failing measurement
  };
  const measurements: Measurement[] = ps.flatMap((p) =>
    floatTruncationClaims.map((c) => checkBound(c.metric, c.at({ p }), measured(c.metric === METRIC_ROUND_TRIP ? roundMax : sumMax, p), { p })),
  );
  const notes = [
    `measured = the largest relative error seen, checked exactly; the supremum for f_p(z) is 1/(2^(p/2−2) + 1), e.g. ${ps
      .slice(0, 4)
      .map((p) => `p = ${p}: ${(1 / (2 ** (p / 2 - 2) + 1)).toPrecision(4)}`)
      .join(', ')}`,
    `${vacuous.n} cases overflowed (|exact| ≥ (I^max + 1)·2^(I^max)), outside the premise: skipped, and a run fails if it skips more than ${100 * MAX_SKIP.integers} % (integers) or ${100 * MAX_SKIP.sums} % (sums) of its cases`,
    `skipped / checked per run: ${tiers.map((t) => `${t.skipped ?? 0}/${t.cases}`).join(', ')}`,
    'f_p(g_p(φ)) = φ exactly for every float: Lemma 4 as printed is exact; its bound is the one for truncating sums (statements 2–3)',
    ...(ctx.full ? ['for p > 32: exponents within 2^20 of I^min (statement 1), integers ≤ 2^12 bits (2), exponent windows ≤ 2^12 (3)'] : []),
  ];
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: floatTruncationClaims }), tiers, measurements, notes);
};

type Run = { readonly where: string; readonly run: TierRun };

/** P1 Lemma 4 as a value. @category lemmas */
export const floatTruncationLemma: Lemma = {
  id: 'float-truncation',
  modules: { construction: ['src/core/float.ts'], proof: 'src/proofs/floatTruncation.ts' },
  title: 'Float truncation loses at most a factor 1 ± 2^(−p/2+2)',
  statement:
    'For every p-precision float φ, φ and f_p(g_p(φ)) differ by a factor of at most 1 ± 2^(−p/2+2) (in fact they are equal); more usefully, for every integer z on which f_p does not saturate, f_p(z) and z·2^(I^min) differ by such a factor, so the iterated sum ⊕ of k floats is within a factor 1 ± 2^(−p/2+2) of the exact sum whenever |Σ φ_i| < (I^max + 1)·2^(I^max) (in particular whenever |Σ φ_i| ≤ F^max).',
  reference: 'P1 Lemma 4 (App. A, Defs 13–15)',
  dependsOn: [],
  claimed: floatTruncationClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyTruncation(ctx),
};
