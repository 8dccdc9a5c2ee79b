import { describe, expect, it } from 'vitest';
import type { Program } from '../src/core/logspace/program.js';
import { iteratedAdditionGenerator } from '../src/reductions/uniform/iteratedAddition.js';
import { iteratedAdditionUniformClaims, verifyIteratedAdditionUniform } from '../src/proofs/uniform/iteratedAdditionUniform.js';

const ctx = { seed: 1, full: false, progress: () => undefined };

/** Replace every `op` of one kind by another in a program's JSON (a deliberately broken generator). */
const mutate = (p: Program, from: string, to: string): Program => JSON.parse(JSON.stringify(p).replaceAll(`"op":"${from}"`, `"op":"${to}"`)) as Program;

describe('iterated-addition-uniform', () => {
  it('holds for n ≤ 64: the printed stream is the circuit, space within the claim', async () => {
    const r = await verifyIteratedAdditionUniform(ctx, { maxN: 64 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.measurements.find((m) => m.params['n'] === 64 && m.params['w'] === 1)?.measured).toBe(478);
  });

  it('rejects a printer that keeps the top bit of every block count as a gate of its own, at the first point it matters', async () => {
    const r = await verifyIteratedAdditionUniform(ctx, { generator: mutate(iteratedAdditionGenerator(), 'ne', 'ge'), maxN: 64 });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers[0]?.failure?.counterexample as { n: number; w: number; problem: string };
    expect(ce).toMatchObject({ n: 4, w: 4 });
    expect(ce.problem).toMatch(/^record \d+: printed '.*', the circuit has '.*'$/);
  });

  it('fails when the claimed space is a constant', async () => {
    const claims = [{ ...iteratedAdditionUniformClaims[0]!, at: () => 400 }];
    const r = await verifyIteratedAdditionUniform(ctx, { claims, maxN: 64 });
    expect(r.verdict).toBe('fails');
    expect(r.problems.some((p) => p.includes('exceeds the claimed 400'))).toBe(true);
  });
});
