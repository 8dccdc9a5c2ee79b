/**
 * Honesty tests of the arithmetic lemmas: each family's verifier holds on its own construction
 * and claims, and says `fails` — with a readable reason — when handed a broken construction (one
 * output negated, a wrong circuit at the sweep points, a circuit of the wrong width), an
 * understated claim, or a claim that is never measured. Also: every family claims depth and
 * size in both bases, the P1 depth claims are constants reached along the sweeps, and the float
 * operations' lemmas (two routes merged into one report) hold against their own requirements.
 */
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { checkCircuitSmt } from '../src/core/check.js';
import { createBuilder, makeCircuit, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { metrics } from '../src/core/metrics.js';
import { isKernelMade, judge } from '../src/core/verdict.js';
import { familyStatement, verifyArithmeticFamily, type ArithmeticFamily } from '../src/proofs/arithmeticLemma.js';
import { comparisonFamily } from '../src/proofs/arithmetic/comparison.js';
import {
  floatCompareInfo,
  floatCompareLemma,
  floatDivInfo,
  floatDivLemma,
  floatMulInfo,
  floatMulLemma,
  floatOpFamilies,
} from '../src/proofs/arithmetic/floatOps.js';
import { sweptFamilies } from '../src/proofs/sweeps.js';
import { requirementsOf, type ClaimedBound, type Params, type VerifyContext } from '../src/proofs/lemma.js';
import { comparison } from '../src/reductions/arithmetic/comparison.js';

const ctxOf = (seed: number): VerifyContext => ({ seed, full: false, progress: () => {} });

/** The same circuit with output 0 negated (one NOT gate appended). */
const negateFirstOutput = (c: Circuit): Circuit => {
  const specs = toGateSpecs(c);
  const outs = Array.from(c.outputs);
  specs.push({ type: 'not', args: [outs[0]!] });
  outs[0] = specs.length - 1;
  const r = makeCircuit(specs, outs);
  if (!isRight(r)) throw new Error('mutation made an invalid circuit');
  return r.right;
};

/** A family cut down to its first point of each kind, to keep the test fast. */
const small = (f: ArithmeticFamily): ArithmeticFamily => ({
  ...f,
  exhaustive: f.exhaustive.slice(1, 2),
  property: f.property.slice(0, 1),
  propertyRuns: { default: 50, full: 50 },
  sweep: { default: f.sweep.default.slice(0, 2), full: f.sweep.default.slice(0, 2) },
  ...(f.smt === undefined ? {} : { smt: { ...f.smt, points: f.smt.points.slice(0, 1) } }),
});

/** The family without its sat tier. */
const withoutSmt = (f: ArithmeticFamily): ArithmeticFamily => {
  const { smt: _smt, ...rest } = f;
  return rest;
};

const floatOpRoutes = [floatMulInfo, floatDivInfo, floatCompareInfo].flatMap((o) => {
  const { lookup, arith } = floatOpFamilies(o);
  return [
    [`${o.id} (lookup route)`, lookup],
    [`${o.id} (arithmetic route)`, arith],
  ] as const;
});

const allFamilies: readonly (readonly [string, ArithmeticFamily])[] = [...sweptFamilies.map((f) => [f.id, f] as const), ...floatOpRoutes];

/** The claim on a figure. */
const claimOn = (claims: readonly ClaimedBound[], figure: ClaimedBound['figure']): ClaimedBound => {
  const c = claims.find((x) => x.figure === figure);
  if (c === undefined) throw new Error(`no claim on ${String(figure)}`);
  return c;
};

describe.each(allFamilies.map(([id, f]) => [id, small(f)] as const))('%s', (_id, fam) => {
  it('holds on its first points with seed 1', async () => {
    const r = await verifyArithmeticFamily(fam, ctxOf(1));
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
  });

  it('rejects a construction with one output negated, in every tier, with a counterexample', async () => {
    const r = await verifyArithmeticFamily(fam, ctxOf(9), (p) => negateFirstOutput(fam.build(p)));
    expect(r.verdict).toBe('fails');
    expect(r.tiers.length).toBeGreaterThan(0);
    for (const t of r.tiers) {
      expect(t.holds).toBe(false);
      const cex = t.failure!.counterexample as { input: string; expected: string; actual: string };
      expect(cex.input).toMatch(/^[01]+$/);
      expect(cex.expected[0]).not.toBe(cex.actual[0]);
    }
    // the property tier shrinks towards the all-zero input
    const prop = r.tiers.find((t) => t.tier === 'property');
    if (prop !== undefined) expect((prop.failure!.counterexample as { input: string }).input).toMatch(/^0+$/);
    // nothing unverified was measured
    expect(r.measurements).toEqual([]);
  });

  it.each(['size', 'depthP1'] as const)('rejects an understated %s claim, naming the measurement', async (figure) => {
    const metric = claimOn(fam.claimed, figure).metric;
    const claimed = fam.claimed.map((c) => (c.figure === figure ? { ...c, at: () => 0 } : c));
    const r = await verifyArithmeticFamily({ ...withoutSmt(fam), exhaustive: [], property: [] }, ctxOf(1), fam.build, claimed);
    expect(r.verdict).toBe('fails');
    const mine = r.measurements.filter((m) => m.metric === metric);
    expect(mine.length).toBe(fam.sweep.default.length);
    expect(mine.every((m) => !m.holds)).toBe(true);
    const esc = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of mine) {
      expect(r.problems).toContainEqual(expect.stringMatching(new RegExp(`^${esc} at \\{.*\\}: measured ${m.measured} exceeds the claimed 0$`)));
    }
  });
});

describe('claims in both bases', () => {
  it.each(allFamilies)('%s claims depth, size, depth·P1 and size·P1, each a formula with a source', (_id, fam) => {
    const figures = fam.claimed.map((c) => c.figure);
    expect(figures).toEqual(['depth', 'size', 'depthP1', 'sizeP1']);
    for (const c of fam.claimed) {
      expect(c.formula.length).toBeGreaterThan(0);
      expect(['paper', 'construction']).toContain(c.source);
    }
    const lookup = fam.claimed[0]!.metric.endsWith('·lookup');
    expect(new Set(fam.claimed.map((c) => c.source))).toEqual(new Set([lookup ? 'paper' : 'construction']));
  });

  it.each(allFamilies)('%s: depth and depth·P1 claims are constants, reached at the last two default sweep points', (_id, fam) => {
    const depth = claimOn(fam.claimed, 'depth');
    const depthP1 = claimOn(fam.claimed, 'depthP1');
    const sweep = fam.sweep.default;
    const constant = (c: ClaimedBound) => new Set([...sweep, ...fam.sweep.full].map((p) => c.at(p))).size;
    expect(constant(depth)).toBe(1);
    expect(constant(depthP1)).toBe(1);
    for (const p of sweep.slice(-2)) {
      const m = metrics(fam.build(p));
      expect(m.depth, JSON.stringify(p)).toBe(depth.at(p));
      expect(m.depthP1, JSON.stringify(p)).toBe(depthP1.at(p));
    }
  });
});

describe('the audit: claims are checked only on verified circuits, of the statement’s widths', () => {
  const cmp = withoutSmt(comparisonFamily);
  const w = (p: Params): number => p['w']!;

  /** Two const gates with the statement's input count: [lt, eq] = [0, 0] whatever x, y. */
  const twoConsts = (width: number): Circuit => {
    const b = createBuilder();
    b.inputs(2 * width);
    return b.build([b.constant(0), b.constant(0)]);
  };

  it('finding 3: comparison with a 2-gate wrong circuit at the sweep points w = 256 and 1024 fails, with a shrunk counterexample', async () => {
    const wrong = (p: Params): Circuit => (w(p) === 256 || w(p) === 1024 ? twoConsts(w(p)) : comparison(w(p)).circuit);
    const r = await verifyArithmeticFamily(cmp, ctxOf(1), wrong);
    expect(r.verdict).toBe('fails');
    const sweepRun = r.tiers[r.tiers.length - 1]!;
    expect(sweepRun.tier).toBe('property');
    expect(sweepRun.statement).toMatch(/at each sweep point/);
    expect(sweepRun.holds).toBe(false);
    expect(sweepRun.failure!.message).toMatch(/^w = 256: checkCircuitProperty: fails after \d+ runs and \d+ shrinks \(seed 1/);
    // shrunk to x = y = 0, where [x < y, x = y] = [0, 1]
    expect(sweepRun.failure!.counterexample).toEqual({ input: '0'.repeat(512), expected: '01', actual: '00' });
    expect(r.problems).toContainEqual(expect.stringMatching(/^tier run \d+ \(property\) fails: w = 256: checkCircuitProperty/));
    // the wrong circuits were not measured (their 2 gates would meet every size claim)
    expect(r.measurements.filter((m) => w(m.params) === 256 || w(m.params) === 1024)).toEqual([]);
    // the other tiers still hold
    expect(r.tiers.slice(0, -1).every((t) => t.holds)).toBe(true);
  });

  it('a circuit of the wrong input width fails with the kernel’s width message', async () => {
    const narrow = (p: Params): Circuit => comparison(w(p) === 16 ? 15 : w(p)).circuit;
    const r = await verifyArithmeticFamily(cmp, ctxOf(1), narrow);
    expect(r.verdict).toBe('fails');
    expect(r.problems).toContainEqual(
      expect.stringMatching(/fails: w = 16: checkCircuitProperty: the statement has 32 inputs but the circuit has 30$/),
    );
    expect(r.measurements.filter((m) => w(m.params) === 16)).toEqual([]);
  });

  it('a size claim one gate too small fails at every point where the count is exact, naming the measurement', async () => {
    const claimed = cmp.claimed.map((c) => (c.metric === 'size' ? { ...c, at: (p: Params) => 3 * w(p) + 1 } : c));
    const r = await verifyArithmeticFamily(cmp, ctxOf(1), cmp.build, claimed);
    expect(r.verdict).toBe('fails');
    expect(r.problems).toContain('size at {"w":2}: measured 8 exceeds the claimed 7');
    expect(r.problems).toContain('size at {"w":1024}: measured 3074 exceeds the claimed 3073');
    // w = 1 has 4 gates, below 3w + 1 = 4: it holds
    expect(r.measurements.find((m) => m.metric === 'size' && w(m.params) === 1)!.holds).toBe(true);
  });

  it('a claim whose metric is never measured fails the verdict', async () => {
    // the size claim without its figure: the kernel has nothing to measure it on
    const claimed = cmp.claimed.map((c): ClaimedBound => (c.metric === 'size' ? { metric: c.metric, formula: c.formula, at: c.at, source: c.source } : c));
    const r = await verifyArithmeticFamily(small(cmp), ctxOf(1), cmp.build, claimed);
    expect(r.verdict).toBe('fails');
    expect(r.problems).toEqual(["the claim on 'size' was never measured"]);
    expect(r.measurements.some((m) => m.metric === 'size')).toBe(false);
  });
});

describe('the float operations’ lemmas (three routes, one report)', () => {
  it.each([floatMulLemma, floatDivLemma, floatCompareLemma])('$id holds with seed 1 against its own requirements', async (lemma) => {
    const r = await lemma.verify(ctxOf(1));
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    // every run is the kernel's, relabelled by route, and the lemma's declaration judges it so
    expect(r.tiers.every((t) => isKernelMade(t))).toBe(true);
    expect(r.tiers.map((t) => t.statement.replace(/ route: .*/, ''))).toEqual(['lookup', 'lookup', 'lookup', 'arithmetic', 'arithmetic', 'arithmetic', 'shallow', 'shallow', 'shallow']);
    expect(judge(requirementsOf(lemma), r.tiers, r.measurements).verdict).toBe('holds');
    for (const c of lemma.claimed) expect(r.measurements.some((m) => m.metric === c.metric), c.metric).toBe(true);
    expect(r.notes.some((n) => /^arithmetic route: depth·P1·arith over the sweep of p: \d/.test(n))).toBe(true);
    expect(r.notes.some((n) => /^lookup route: fitted size·lookup exponent in p: \d/.test(n))).toBe(true);
  }, 120_000);
});

describe('the sat tier, many checks in one process', () => {
  it('stays sound and stable (regression: z3 wasm heap corruption when terms were freed)', async () => {
    const fams = sweptFamilies.filter((f) => f.smt !== undefined);
    for (let round = 0; round < 1; round++) {
      for (const fam of fams) {
        for (const p of fam.smt!.points) {
          const r = await checkCircuitSmt(fam.build(p), familyStatement(fam, p), fam.smt!.spec(p), p);
          expect(r._tag, `${fam.id} ${JSON.stringify(p)} round ${round}`).toBe('Right');
        }
      }
    }
  });
});
