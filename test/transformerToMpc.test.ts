import { right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { runMpc } from '../src/core/mpc/index.js';
import { precisionAt, runTransformer } from '../src/core/transformer.js';
import { majorityTransformer } from '../src/reductions/majorityTransformer.js';
import { floatWord, mpcRounds, transformerToMpc, treeDepth } from '../src/reductions/transformerToMpc/simulate.js';
import { verifyTransformerToMpc, type Simulator } from '../src/proofs/p2/transformerToMpc.js';

const ctx = { seed: 11, full: false, progress: () => undefined };

describe('transformer-to-mpc (P2 Thm 3.4)', () => {
  it('simulates the MAJORITY model on 10110: the output is the encoded final states', () => {
    const model = majorityTransformer();
    const tokens = [1, 0, 1, 1, 0];
    const sim = transformerToMpc(model, tokens.length, 2);
    if (sim._tag === 'Left') throw new Error(sim.left);
    expect(sim.right.depth).toBe(treeDepth(5, 2));
    expect(sim.right.protocol.rounds).toBe(mpcRounds(1, 5, 2));
    expect(sim.right.protocol.rounds).toBe(2 + 1 * (4 * 3 + 1));
    const m = runMpc(sim.right.protocol, tokens);
    if (m._tag === 'Left') throw new Error(m.left.message);
    const r = runTransformer(model, tokens);
    const p = precisionAt(model.precision.c, 2, 5);
    if (r._tag === 'Left' || p._tag === 'Left') throw new Error('run');
    expect(m.right.output).toEqual(r.right.states.at(-1)!.flatMap((x) => x.map((f) => floatWord(p.right, f))));
  });

  it('holds (small run)', async () => {
    const r = await verifyTransformerToMpc(ctx, { numRuns: 8, maxExhaustive: 4, sweep: [4, 8] });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
  });

  it('rejects a simulation that drops the causal mask, with a shrunk counterexample', async () => {
    const unmasked: Simulator = (model, n, b) => transformerToMpc({ ...model, causal: false, layers: model.layers.map((l) => ({ ...l, heads: l.heads.map((h) => ({ ...h, causal: false })) })) }, n, b);
    const r = await verifyTransformerToMpc(ctx, { simulate: unmasked, numRuns: 40, maxExhaustive: 3, sweep: [4] });
    expect(r.verdict).toBe('fails');
    const prop = r.tiers.find((t) => t.tier === 'property')!;
    expect(prop.holds).toBe(false);
    expect(prop.failure?.message).toMatch(/shrinks \(seed 11/);
    expect(prop.failure?.counterexample).toMatchObject({ reason: expect.stringMatching(/position \d+, coordinate \d+: the protocol outputs/) as unknown });
  });

  it('rejects a simulation whose protocol loses a round (the output is read too early)', async () => {
    const short: Simulator = (model, n, b) => {
      const s = transformerToMpc(model, n, b);
      return s._tag === 'Left' ? s : right({ ...s.right, protocol: { ...s.right.protocol, rounds: s.right.protocol.rounds - 1 } });
    };
    const r = await verifyTransformerToMpc(ctx, { simulate: short, numRuns: 5, maxExhaustive: 2, sweep: [4] });
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')!.failure?.counterexample).toMatchObject({ tokens: '0' });
  });

  it('refuses a fan-in below 2', () => {
    expect(transformerToMpc(majorityTransformer(), 4, 1)).toEqual({ _tag: 'Left', left: 'transformerToMpc: the fan-in must be an integer ≥ 2, got 1' });
  });
});
