import { describe, expect, it } from 'vitest';
import { isRight, left, right } from 'fp-ts/lib/Either.js';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import fc from 'fast-check';
import { SKIP, Verified, checkCasesExhaustive, checkCircuitExhaustive, checkFailure, checkProperty, type CircuitClaim } from '../src/core/check.js';
import {
  checkBound,
  combineRuns,
  isKernelMade,
  judge,
  measureCircuit,
  tierRun,
  type BoundToCheck,
  type Measurement,
  type Params,
  type TierRun,
} from '../src/core/verdict.js';
import { checkLemmas } from '../src/proofs/checkAll.js';
import type { Lemma, LemmaReport } from '../src/proofs/lemma.js';

const and2 = (): Circuit => {
  const b = createBuilder();
  const [x, y] = b.inputs(2);
  return b.build([b.and([x!, y!])]);
};
const verifiedAnd2 = () => {
  const r = checkCircuitExhaustive(and2(), { inputs: 2, outputs: 1, spec: (x) => [x[0]! & x[1]!], text: 'AND' }, { w: 2 } as Params);
  if (!isRight(r)) throw new Error('expected a proof');
  return r.right;
};
const goodRun = (): TierRun => tierRun(checkCasesExhaustive([1, 2], () => true, 'c', 's'), 'exhaustive', 's');
const req = { tiers: ['exhaustive'] as const, claims: ['depth'] };

describe('tier runs are made by the kernel only', () => {
  it('a kernel check result becomes a holding run with the evidence’s figures', () => {
    const run = goodRun();
    expect(run).toEqual({ tier: 'exhaustive', holds: true, statement: 's', cases: 2 });
    expect(isKernelMade(run)).toBe(true);
    expect(Object.isFrozen(run)).toBe(true);
  });

  it('a Right carrying a forged Verified is a failing run', () => {
    const forged = right(Object.create(Verified.prototype) as Verified<string>);
    const run = tierRun(forged, 'exhaustive', 's');
    expect(run.holds).toBe(false);
    expect(run.failure?.message).toBe('tierRun: the result carries no Verified minted by the kernel');
    const plain = right({ claim: 'c', evidence: { tier: 'exhaustive', statement: 's', cases: 9 } } as unknown as Verified<string>);
    expect(tierRun(plain, 'exhaustive', 's').holds).toBe(false);
  });

  it('a Left keeps its message, counterexample and seed', () => {
    const run = tierRun(left(checkFailure('property', 'boom', { x: 1 }, 9)), 'property', 's');
    expect(run).toEqual({ tier: 'property', holds: false, statement: 's', cases: 0, seed: 9, failure: { message: 'boom', counterexample: { x: 1 } } });
  });

  it('combineRuns: empty, hand-made, mixed-tier and failing runs do not hold', () => {
    expect(combineRuns('exhaustive', 's', []).failure?.message).toBe('combineRuns: no runs: nothing was checked');
    const handMade = { tier: 'exhaustive', holds: true, statement: 's', cases: 5 } as const;
    expect(combineRuns('exhaustive', 's', [{ where: 'a', run: handMade }]).failure?.message).toBe('a: combineRuns: a tier run not made by the kernel');
    expect(combineRuns('property', 's', [{ where: 'a', run: goodRun() }]).failure?.message).toBe('a: combineRuns: a exhaustive run among property runs');
    const bad = tierRun(left(checkFailure('exhaustive', 'differs', { input: '1' })), 'exhaustive', 's');
    const c = combineRuns('exhaustive', 's', [{ where: 'a', run: goodRun() }, { where: 'b', run: bad }]);
    expect(c.holds).toBe(false);
    expect(c.failure).toEqual({ message: 'b: differs', counterexample: { input: '1' } });
    const ok = combineRuns('exhaustive', 'both', [{ where: 'a', run: goodRun() }, { where: 'b', run: goodRun() }], 4);
    expect(ok).toEqual({ tier: 'exhaustive', holds: true, statement: 'both', cases: 4, seed: 4 });
    expect(isKernelMade(ok)).toBe(true);
  });
});

describe('measurements: the kernel measures the verified circuit', () => {
  const bounds: BoundToCheck[] = [
    { metric: 'depth', figure: 'depth', claimed: 1 },
    { metric: 'size', figure: 'size', claimed: 0 },
  ];

  it('compares each figure of the very circuit the check verified, at its parameters', () => {
    const ms = measureCircuit(verifiedAnd2(), bounds);
    expect(ms.map((m) => [m.metric, m.measured, m.claimed, m.holds])).toEqual([
      ['depth', 1, 1, true],
      ['size', 1, 0, false],
    ]);
    expect(ms[0]!.params).toEqual({ w: 2 });
    expect(ms.every(isKernelMade)).toBe(true);
  });

  it('refuses a forged Verified and an unknown figure', () => {
    const forged = Object.create(Verified.prototype) as Verified<CircuitClaim<Params>>;
    const [m] = measureCircuit(forged, bounds);
    expect(m?.holds).toBe(false);
    expect(m?.problem).toBe('measureCircuit: not a circuit verified by the kernel');
    const [u] = measureCircuit(verifiedAnd2(), [{ metric: 'gates', figure: 'gates' as 'size', claimed: 10 }]);
    expect(u?.holds).toBe(false);
    expect(u?.problem).toMatch(/^measureCircuit: unknown figure 'gates'/);
  });

  it('checkBound: NaN or infinite figures never hold', () => {
    expect(checkBound('e', 1, 0.5).holds).toBe(true);
    expect(checkBound('e', 1, 1).holds).toBe(true);
    expect(checkBound('e', 1, 1.5).holds).toBe(false);
    expect(checkBound('e', Number.NaN, 0).holds).toBe(false);
    expect(checkBound('e', Number.POSITIVE_INFINITY, 0).holds).toBe(false);
    expect(checkBound('e', 1, Number.NaN).problem).toBe('claimed 1 and measured NaN must both be finite numbers');
  });
});

describe('judge', () => {
  const depthOk = (): Measurement[] => measureCircuit(verifiedAnd2(), [{ metric: 'depth', figure: 'depth', claimed: 1 }]);

  it('holds with a genuine holding run of every declared tier and every claim measured', () => {
    expect(judge(req, [goodRun()], depthOk())).toEqual({ verdict: 'holds', problems: [] });
  });

  it('fails, with reasons, on every vacuous or forged report (findings 1, 4, 5)', () => {
    const forgedRun = { tier: 'exhaustive', holds: true, statement: 's', cases: 10 } as const;
    const forgedMeasurement = { params: {}, metric: 'depth', claimed: 1, measured: 0, holds: true };
    const cases: [string, ReturnType<typeof judge>][] = [
      ['no tier ran: nothing was checked', judge(req, [], depthOk())],
      ['the statement declares no verification tier', judge({ tiers: [], claims: ['depth'] }, [goodRun()], depthOk())],
      ["the declared tier 'sat' did not run", judge({ tiers: ['exhaustive', 'sat'], claims: ['depth'] }, [goodRun()], depthOk())],
      ['tier run 1 was not made by the kernel', judge(req, [forgedRun], depthOk())],
      ["the claim on 'depth' was never measured", judge(req, [goodRun()], [])],
      ['measurement 1 was not made by the kernel', judge(req, [goodRun()], [forgedMeasurement])],
      ["measurement 2 is of 'size', which no claim names", judge(req, [goodRun()], [...depthOk(), checkBound('size', 5, 1)])],
      ['depth at {}: measured 2 exceeds the claimed 1', judge(req, [goodRun()], [checkBound('depth', 1, 2)])],
      ['tier run 1 (exhaustive) fails: nope', judge(req, [tierRun(left(checkFailure('exhaustive', 'nope')), 'exhaustive', 's')], depthOk())],
    ];
    for (const [problem, j] of cases) {
      expect(j.verdict, problem).toBe('fails');
      expect(j.problems, problem).toContain(problem);
    }
  });
});

describe('tradeoff check re-judges every report (finding 1)', () => {
  const lemma = (verify: Lemma['verify']): Lemma => ({
    id: 'forger',
    title: 't',
    statement: 's',
    reference: 'none',
    dependsOn: [],
    claimed: [{ metric: 'depth', figure: 'depth', formula: '1', at: () => 1, source: 'construction' }],
    tiers: ['exhaustive'],
    verify,
  });
  const run = async (l: Lemma) => (await checkLemmas({ seed: 1, full: false, lemmas: [l] }))[0]!.report;

  it('a verifier that returns { verdict: "holds" } with hand-made runs fails', async () => {
    const forged = {
      verdict: 'holds',
      problems: [],
      tiers: [{ tier: 'exhaustive', holds: true, statement: 's', cases: 1 }],
      measurements: [{ params: {}, metric: 'depth', claimed: 1, measured: 1, holds: true }],
      notes: [],
    } as LemmaReport;
    const r = await run(lemma(async () => forged));
    expect(r.verdict).toBe('fails');
    expect(r.problems).toEqual(['tier run 1 was not made by the kernel', 'measurement 1 was not made by the kernel']);
  });

  it('a verifier returning { holds: true } (no report shape at all) fails', async () => {
    const r = await run(lemma(async () => ({ holds: true }) as unknown as LemmaReport));
    expect(r.verdict).toBe('fails');
    expect(r.problems).toContain('no tier ran: nothing was checked');
  });

  it('a report with measurements but no tier fails', async () => {
    const measurements = measureCircuit(verifiedAnd2(), [{ metric: 'depth', figure: 'depth', claimed: 1 }]);
    const r = await run(lemma(async () => ({ verdict: 'holds', problems: [], tiers: [], measurements, notes: [] })));
    expect(r.verdict).toBe('fails');
    expect(r.problems).toEqual(['no tier ran: nothing was checked', "the declared tier 'exhaustive' did not run"]);
  });

  it('a genuine report holds, and a verifier that says it fails is believed', async () => {
    const measurements = measureCircuit(verifiedAnd2(), [{ metric: 'depth', figure: 'depth', claimed: 1 }]);
    const good = { verdict: 'holds', problems: [], tiers: [goodRun()], measurements, notes: [] } as const;
    expect((await run(lemma(async () => good))).verdict).toBe('holds');
    const r = await run(lemma(async () => ({ ...good, verdict: 'fails', problems: ['own reason'] })));
    expect(r.verdict).toBe('fails');
    expect(r.problems).toEqual(['own reason']);
  });

  it('a verifier that throws fails with its message', async () => {
    const r = await run(
      lemma(async () => {
        throw new Error('out of cheese');
      }),
    );
    expect(r).toMatchObject({ verdict: 'fails', problems: ['the verifier threw: out of cheese'] });
  });
});

describe('edge cases (mutation testing)', () => {
  it('runs and measurements carry no absent keys', () => {
    expect(goodRun()).toStrictEqual({ tier: 'exhaustive', holds: true, statement: 's', cases: 2 });
    expect(tierRun(left(checkFailure('exhaustive', 'no')), 'exhaustive', 's')).toStrictEqual({
      tier: 'exhaustive',
      holds: false,
      statement: 's',
      cases: 0,
      failure: { message: 'no' },
    });
    expect(checkBound('e', 2, 1, { p: 4 })).toStrictEqual({ params: { p: 4 }, metric: 'e', claimed: 2, measured: 1, holds: true });
    expect(combineRuns('exhaustive', 'c', [{ where: 'a', run: goodRun() }])).toStrictEqual({ tier: 'exhaustive', holds: true, statement: 'c', cases: 2 });
  });

  it('skipped cases and seeds pass from the evidence into runs, and add up when combined', () => {
    const skipping = () =>
      tierRun(checkCasesExhaustive([1, 2, 3, 4], (x) => (x === 1 ? SKIP : true), 'c', 's', { maxSkipFraction: 0.5 }), 'exhaustive', 's');
    expect(skipping()).toStrictEqual({ tier: 'exhaustive', holds: true, statement: 's', cases: 4, skipped: 1 });
    expect(combineRuns('exhaustive', 'c', [{ where: 'a', run: skipping() }, { where: 'b', run: skipping() }])).toStrictEqual({
      tier: 'exhaustive',
      holds: true,
      statement: 'c',
      cases: 8,
      skipped: 2,
    });
    const seeded = tierRun(checkProperty(fc.integer(), () => true, 'c', 's', { seed: 5, numRuns: 3 }), 'property', 's');
    expect(seeded).toStrictEqual({ tier: 'property', holds: true, statement: 's', cases: 3, seed: 5 });
  });

  it('a combined failure keeps the failing run’s seed when none is given', () => {
    const bad = tierRun(left(checkFailure('property', 'boom', { x: 1 }, 9)), 'property', 's');
    expect(combineRuns('property', 'c', [{ where: 'w', run: bad }])).toStrictEqual({
      tier: 'property',
      holds: false,
      statement: 'c',
      cases: 0,
      seed: 9,
      failure: { message: 'w: boom', counterexample: { x: 1 } },
    });
    expect(combineRuns('property', 'c', [{ where: 'w', run: bad }], 3).seed).toBe(3);
  });

  it('measures every known figure, and names them all when one is unknown', () => {
    const figures = ['depth', 'size', 'wires', 'maxFanIn', 'maxWeight', 'maxThreshold', 'depthP1', 'sizeP1', 'wiresP1'] as const;
    const ms = measureCircuit(
      verifiedAnd2(),
      figures.map((f) => ({ metric: f, figure: f, claimed: 100 })),
    );
    expect(ms.map((m) => m.measured)).toEqual([1, 1, 2, 2, 1, 0, 1, 1, 2]);
    expect(ms.every((m) => m.holds)).toBe(true);
    const [u] = measureCircuit(verifiedAnd2(), [{ metric: 'x', figure: 'x' as 'size', claimed: 1 }]);
    expect(u?.problem).toBe(`measureCircuit: unknown figure 'x' (known: ${figures.join(', ')})`);
  });

  it('a verified claim whose circuit no longer validates is a failing measurement', () => {
    const v = verifiedAnd2();
    // the Verified is frozen, but the circuit's typed arrays are not: break one after the check
    (v.claim.circuit.kind as unknown as Uint8Array)[2] = 99;
    const [m] = measureCircuit(v, [{ metric: 'depth', figure: 'depth', claimed: 1 }]);
    expect(m?.holds).toBe(false);
    expect(m?.problem).toMatch(/^measureCircuit: metrics: validateCircuit: /);
  });

  it('each claim needs a measurement of its own', () => {
    const j = judge({ tiers: ['exhaustive'], claims: ['depth', 'size'] }, [goodRun()], measureCircuit(verifiedAnd2(), [{ metric: 'depth', figure: 'depth', claimed: 1 }]));
    expect(j).toStrictEqual({ verdict: 'fails', problems: ["the claim on 'size' was never measured"] });
  });

  it('names the failing measurement’s own problem when it has one', () => {
    const j = judge({ tiers: ['exhaustive'], claims: ['e'] }, [goodRun()], [checkBound('e', Number.NaN, 1, { p: 2 })]);
    expect(j.problems).toEqual(['e at {"p":2}: claimed NaN and measured 1 must both be finite numbers']);
  });
});
