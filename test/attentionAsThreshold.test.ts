import { describe, expect, it } from 'vitest';
import { verifyAttentionAsThreshold, type HeadConstruction } from '../src/proofs/transformer/attentionAsThreshold.js';
import { attentionHeadCircuit } from '../src/reductions/compile/attentionHeadCircuit.js';

const ctx = { seed: 3, full: false, progress: () => undefined };

describe('attention-as-threshold', () => {
  it('holds on a small sweep, every circuit measured against the claimed depth, in both bases', async () => {
    const r = await verifyAttentionAsThreshold(ctx, { sweep: [2, 4], heads: 1, numRuns: 20 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(new Set(r.measurements.map((m) => m.metric))).toEqual(new Set(['depth', 'depth·P1']));
    expect(r.measurements.every((m) => m.measured <= m.claimed)).toBe(true);
  });

  it('rejects a construction that negates the scores (W_K negated), with a counterexample', async () => {
    const broken: HeadConstruction = (head, d, n, params, causal) =>
      attentionHeadCircuit({ ...head, wk: head.wk.map((row) => row.map((w) => -w)) }, d, n, params, causal);
    const r = await verifyAttentionAsThreshold(ctx, { construct: broken, sweep: [2, 4], heads: 2, numRuns: 40 });
    expect(r.verdict).toBe('fails');
    const ex = r.tiers.find((t) => t.tier === 'exhaustive');
    expect(ex?.holds).toBe(false);
    expect(ex?.failure?.counterexample).toMatchObject({ states: expect.any(Array) as unknown, expected: expect.any(String) as unknown });
    const prop = r.tiers.find((t) => t.tier === 'property');
    expect(prop?.holds).toBe(false);
    expect(prop?.failure?.message).toMatch(/seed 3/);
  });

  it('rejects a construction that ignores the causal mask', async () => {
    const broken: HeadConstruction = (head, d, n, params) => attentionHeadCircuit(head, d, n, params, false);
    const r = await verifyAttentionAsThreshold(ctx, { construct: broken, sweep: [2, 4], heads: 2, numRuns: 40 });
    expect(r.verdict).toBe('fails');
    expect(r.problems.join('\n')).toMatch(/causal/);
  });
});
