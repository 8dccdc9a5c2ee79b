import { describe, expect, it } from 'vitest';
import { checkLemmas } from '../src/proofs/checkAll.js';
import {
  HOP_BOTTOM,
  ballIsPath,
  cycleInstances,
  cycleProtocol,
  cycleProtocolRounds,
  hopKByDefinition,
  kHopDepthLowerBoundLemma,
  oneVsTwoCyclesLemma,
  p2LowerBoundLemmas,
  prefixClasses,
  rnnKHopLowerBoundLemma,
  verifyOneVsTwoCycles,
  verifyRnnKHop,
} from '../src/proofs/p2/lowerBounds.js';
import { judgeCited } from '../src/core/verdict.js';
import { formatTree } from '../src/cli/format.js';

const ctx = { seed: 3, full: false, progress: () => undefined };
const tok = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) - 97);

describe('hop_k (P2 Def 4.1)', () => {
  it("the paper's example: on baebcabebdea the last 1-hop answer is b and the 2-hop answer is c", () => {
    const x = tok('baebcabebdea');
    expect(hopKByDefinition(x, 1).at(-1)).toBe(tok('b')[0]);
    expect(hopKByDefinition(x, 2).at(-1)).toBe(tok('c')[0]);
    expect(hopKByDefinition(tok('ab'), 1)).toEqual([HOP_BOTTOM, HOP_BOTTOM]);
  });
});

describe('one-vs-two-cycles (P2 Conj 2.4, cited)', () => {
  it('enumerates (n−1)!/2 one-cycle and C(n,n/2)/2·((n/2−1)!/2)² two-cycles graphs at n = 8', () => {
    const all = [...cycleInstances(8)];
    expect(all.filter((g) => g.kind === 'one').length).toBe(2520);
    expect(all.filter((g) => g.kind === 'two').length).toBe(35 * 9);
  });

  it('is cited, not holds, under the checker; its finite instance ran', async () => {
    const [c] = await checkLemmas({ seed: 1, full: false, lemmas: [oneVsTwoCyclesLemma] });
    expect(c!.report.verdict).toBe('cited');
    expect(c!.report.tiers[0]!.holds).toBe(true);
    expect(formatTree([c!]).join('\n')).toMatch(/§ cited \(not checked\)/);
    expect(formatTree([c!]).join('\n')).not.toMatch(/✔ holds/);
  });

  it('rejects a radius one too large, with the closing cycle as counterexample', async () => {
    const r = await verifyOneVsTwoCycles(ctx, { sizes: [8], radius: (n) => Math.floor((n / 2 - 1) / 2) + 1 });
    expect(r.verdict).toBe('fails');
    expect(r.tiers[0]!.failure!.counterexample).toMatchObject({ n: 8, kind: 'two', radius: 2 });
    expect(ballIsPath([[1, 2], [0, 2], [1, 0]], 0, 1)).toBe(true);
    expect(ballIsPath([[1, 2], [0, 2], [1, 0]], 0, 2)).toBe(false);
  });
});

describe('one-vs-two-cycles: the pointer-doubling upper bound', () => {
  it('decides every labelled instance at n = 8 in ⌈log₂ n⌉ + ⌈log₄ n⌉ + 3 = 8 rounds, measured', async () => {
    expect(cycleProtocolRounds(8)).toBe(8);
    const r = await verifyOneVsTwoCycles(ctx, { sizes: [8] });
    expect(r.verdict).toBe('holds'); // the finite instance holds; the lemma itself is cited (above)
    expect(r.measurements.map((m) => [m.metric, m.measured, m.claimed])).toEqual([['rounds', 8, 8]]);
  });

  it('rejects a protocol that stops one round early, with the instance and the output', async () => {
    const early = (n: number) => ({ ...cycleProtocol(n), rounds: cycleProtocolRounds(n) - 1 });
    const r = await verifyOneVsTwoCycles(ctx, { sizes: [6], protocol: early });
    expect(r.verdict).toBe('fails');
    expect(r.tiers[0]!.failure!.counterexample).toMatchObject({ n: 6, kind: 'one', reason: expect.stringMatching(/the protocol outputs \[9, 0.*\], not \[0\]/) as unknown });
  });
});

describe('rnn-k-hop-lower-bound (cited, fooling sets checked)', () => {
  it('counts prefix classes and is cited', async () => {
    expect(prefixClasses(2, 4, 1, 2).reps.length).toBeGreaterThan(1);
    const [c] = await checkLemmas({ seed: 1, full: false, lemmas: [rnnKHopLowerBoundLemma] });
    expect(c!.report.problems).toEqual([]);
    expect(c!.report.verdict).toBe('cited');
  });

  it('rejects a fooling set with two prefixes in the same class', async () => {
    // ab and bb followed by any suffix: hop_1 at the end of a length-3 word never reads position 1 … 
    const { reps } = prefixClasses(2, 4, 1, 2);
    const dup = [...reps, reps[0]!];
    const r = await verifyRnnKHop(ctx, { foolingSets: [{ a: 2, n: 4, k: 1, t: 2, prefixes: dup }] });
    expect(r.verdict).toBe('fails');
    expect(r.tiers[0]!.failure!.counterexample).toMatchObject({ reason: expect.stringContaining('no suffix separates') as unknown });
  });
});

describe('cited statements without a finite check', () => {
  it('are cited; a cited statement is never holds, and a failing finite check is fails', async () => {
    const [c] = await checkLemmas({ seed: 1, full: false, lemmas: [kHopDepthLowerBoundLemma] });
    expect(c!.report.verdict).toBe('cited');
    expect(judgeCited({ tiers: [], claims: [] }, [], []).verdict).toBe('cited');
    expect(judgeCited({ tiers: ['exhaustive'], claims: [] }, [], []).verdict).toBe('fails');
    const all = await checkLemmas({ seed: 1, full: false, lemmas: p2LowerBoundLemmas });
    expect(all.map((x) => x.report.verdict)).toEqual(p2LowerBoundLemmas.map(() => 'cited'));
  });
});

describe('judgeCited (kernel)', () => {
  it('is cited only when every declared finite check holds; a failing or missing run is fails; a stray run is fails', async () => {
    const { checkCasesExhaustive } = await import('../src/core/check.js');
    const { tierRun, checkBound } = await import('../src/core/verdict.js');
    const good = tierRun(checkCasesExhaustive([1, 2], () => true, {}, 'ok'), 'exhaustive', 'ok');
    const bad = tierRun(checkCasesExhaustive([1, 2], (x) => (x === 2 ? { x } : true), {}, 'bad'), 'exhaustive', 'bad');
    const req = { tiers: ['exhaustive' as const], claims: [] };
    expect(judgeCited(req, [good], []).verdict).toBe('cited');
    expect(judgeCited(req, [bad], [])).toMatchObject({ verdict: 'fails', problems: [expect.stringContaining('fails on case 2') as unknown] });
    expect(judgeCited(req, [], []).verdict).toBe('fails');
    expect(judgeCited(req, [{ ...good }], []).verdict).toBe('fails'); // a copy is not kernel-made
    expect(judgeCited({ tiers: [], claims: [] }, [good], []).verdict).toBe('fails');
    expect(judgeCited({ tiers: [], claims: [] }, [], [checkBound('x', 1, 0)]).verdict).toBe('fails');
    expect(judgeCited({ tiers: ['exhaustive'], claims: ['x'] }, [good], [checkBound('x', 1, 2)]).verdict).toBe('fails');
    expect(judgeCited({ tiers: ['exhaustive'], claims: ['x'] }, [good], [checkBound('x', 1, 1)]).verdict).toBe('cited');
  });
});
