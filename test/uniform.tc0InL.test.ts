import { describe, expect, it } from 'vitest';
import type { Program } from '../src/core/logspace/program.js';
import { uniformEvaluator } from '../src/reductions/uniform/evaluate.js';
import { uniformTc0InLClaims, verifyUniformTc0InL } from '../src/proofs/uniform/uniformTc0InL.js';

const ctx = { seed: 5, full: false, progress: () => undefined };

/** Replace every `op` of one kind by another in a program's JSON (a deliberately broken evaluator). */
const mutate = (p: Program, from: string, to: string): Program => JSON.parse(JSON.stringify(p).replaceAll(`"op":"${from}"`, `"op":"${to}"`)) as Program;

describe('uniform-tc0-in-l', () => {
  it('holds: evaluator = evaluate(), space within (d + 2)(a·log₂ n + b), frames 2d + 4', async () => {
    const r = await verifyUniformTc0InL(ctx, { numRuns: 10 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    const layered = r.measurements.filter((m) => m.metric === 'space·layered');
    // at n = 8 the space grows with the depth d = 2, 3, 4
    const byDepth = layered.filter((m) => m.params['n'] === 8).map((m) => m.measured);
    expect(byDepth.length).toBe(3);
    expect(byDepth[0]! < byDepth[1]! && byDepth[1]! < byDepth[2]!).toBe(true);
  });

  it('rejects an evaluator that computes OR as "at least 0 ones" (always 1), with a shrunk input', async () => {
    const broken = (g: Program, b: Parameters<typeof uniformEvaluator>[1]): Program => mutate(uniformEvaluator(g, b), 'gt', 'ge');
    const r = await verifyUniformTc0InL(ctx, { evaluator: broken, numRuns: 10 });
    expect(r.verdict).toBe('fails');
    const ex = r.tiers.find((t) => t.tier === 'exhaustive');
    expect(ex?.failure?.counterexample).toMatchObject({ family: 'lookup-table', uniformEvaluator: expect.stringMatching(/^1+$/) as unknown });
    const prop = r.tiers.find((t) => t.tier === 'property');
    expect(prop?.holds).toBe(false);
  });

  it('rejects an evaluator whose bounds are too small: the machine names the register', async () => {
    const tight = (g: Program, b: Parameters<typeof uniformEvaluator>[1]): Program => uniformEvaluator(g, { ...b, fanIn: 1 });
    const r = await verifyUniformTc0InL(ctx, { evaluator: tight, numRuns: 5 });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample as { problem: string };
    expect(ce.problem).toMatch(/register '\w+' of 'gateValue' would be set to \d+, which is not below its bound \d+/);
  });

  it('fails when a claim is too small (2d + 2 frames)', async () => {
    const claims = uniformTc0InLClaims.map((c) => (c.metric === 'frames' ? { ...c, at: (p: Readonly<Record<string, number>>) => 2 * (p['d'] ?? 0) + 2 } : c));
    const r = await verifyUniformTc0InL(ctx, { claims, numRuns: 5 });
    expect(r.verdict).toBe('fails');
  });
});
