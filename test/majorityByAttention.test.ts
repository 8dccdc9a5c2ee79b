import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyMajorityByAttention } from '../src/proofs/transformer/majorityByAttention.js';
import { majorityTransformer } from '../src/reductions/majorityTransformer.js';
import type { TransformerModel } from '../src/core/transformer.js';

const ctx = { seed: 7, full: false, progress: () => undefined };

describe('majority-by-attention', () => {
  it('examples/majority.json is the model the lemma checks', () => {
    const json = JSON.parse(readFileSync(new URL('../examples/majority.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const { format: _f, version: _v, description: _d, ...model } = json;
    expect(model).toEqual(majorityTransformer());
  });

  it('holds (small sweep)', async () => {
    const r = await verifyMajorityByAttention(ctx, { maxExhaustive: 8, maxN: 64, numRuns: 10 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
  });

  it('rejects a model with the token embedding swapped (it computes minority), with a shrunk counterexample', async () => {
    const good = majorityTransformer();
    const bad: TransformerModel = { ...good, tokenEmbedding: [good.tokenEmbedding[1]!, good.tokenEmbedding[0]!] };
    const r = await verifyMajorityByAttention(ctx, { model: bad, maxExhaustive: 6, maxN: 64, numRuns: 10 });
    expect(r.verdict).toBe('fails');
    const ex = r.tiers.find((t) => t.tier === 'exhaustive');
    expect(ex?.failure?.counterexample).toEqual({ word: '0', reason: expect.stringContaining('MAJORITY says reject') as unknown });
    const prop = r.tiers.find((t) => t.tier === 'property');
    expect(prop?.holds).toBe(false);
    expect(prop?.failure?.message).toMatch(/seed/);
  });

  it('rejects a model that breaks ties toward accept (a bias of 1/2 added by its feed-forward block)', async () => {
    const good = majorityTransformer();
    // accept on a tie: an ffn that always adds 1/2 to coordinate 1
    const bad: TransformerModel = {
      ...good,
      layers: [{ ...good.layers[0]!, ffn: { w1: [[0, 0]], b1: [1], w2: [[0], [1 / 2]], b2: [0, 0] } }],
    };
    const r = await verifyMajorityByAttention(ctx, { model: bad, maxExhaustive: 6, maxN: 64, numRuns: 10 });
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample).toMatchObject({ word: '10' });
  });

  it('reports the claims as measured', async () => {
    const good = majorityTransformer();
    const two: TransformerModel = { ...good, layers: [good.layers[0]!, { heads: [], ffn: null }] };
    const r = await verifyMajorityByAttention(ctx, { model: two, maxExhaustive: 4, maxN: 32, numRuns: 3 });
    expect(r.verdict).toBe('fails');
    expect(r.problems.join('\n')).toMatch(/layers .*measured 2 exceeds the claimed 1/);
  });
});
