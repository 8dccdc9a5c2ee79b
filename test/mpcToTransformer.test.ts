import { right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { runMpc, tableProtocolToMpc } from '../src/core/mpc/index.js';
import { exampleProtocol, transformerOutput, verifyMpcToTransformer, type Compiler } from '../src/proofs/p2/mpcToTransformer.js';
import { mpcToTransformer, protocolLayout } from '../src/reductions/mpcToTransformer/compile.js';
import type { TransformerModel } from '../src/core/transformer.js';
import { decodeModel, encodeModel } from '../src/core/modelCodec.js';

const ctx = { seed: 5, full: false, progress: () => undefined };

describe('mpc-to-transformer (P2 Thm 3.1)', () => {
  it('compiles the example protocol: output equal to runMpc, R layers, one head, width R + 5', () => {
    const c = mpcToTransformer(exampleProtocol, 4);
    if (c._tag === 'Left') throw new Error(c.left);
    const input = [1, 2, 3, 0];
    const m = runMpc(tableProtocolToMpc(exampleProtocol), input);
    if (m._tag === 'Left') throw new Error(m.left.message);
    expect(m.right.output).toEqual([3, 0, 0, 2]);
    expect(transformerOutput(c.right, input)).toEqual({ words: [3, 0, 0, 2] });
    expect(c.right.figures).toMatchObject({ layers: 2, heads: 1, width: 7 });
  });

  it('the compiled model is a well-formed model file: it round-trips through the model codec (for tradeoff run)', () => {
    const c = mpcToTransformer(exampleProtocol, 4);
    if (c._tag === 'Left') throw new Error(c.left);
    const back = decodeModel(JSON.parse(JSON.stringify(encodeModel(c.right.model))));
    expect(back._tag === 'Right' ? back.right : back.left).toEqual(c.right.model);
  });

  it('refuses a protocol that reads a slot its memory lacks, naming machine and round', () => {
    const bad = { ...exampleProtocol, rounds: [{ programs: [[{ to: 0, words: [{ kind: 'slot' as const, slot: 5 }] }]] }] };
    const r = protocolLayout(bad, 4);
    expect(r).toEqual({ _tag: 'Left', left: 'mpcToTransformer: machine 0 in round 1 reads slot 5 of a memory of 2 words' });
  });

  it('holds (small run)', async () => {
    const r = await verifyMpcToTransformer(ctx, { numRuns: 10 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
  });

  it('rejects a compiler whose routing is off by one token, with a shrunk counterexample', async () => {
    const offByOne: Compiler = (tp, n) => {
      const c = mpcToTransformer(tp, n);
      if (c._tag === 'Left') return c;
      const m = c.right.model;
      const pos = m.positional;
      if (pos.kind !== 'table') return c;
      // shift every routing source σ_r(τ) by one token (mod N)
      const rows = pos.rows.map((row) => row.map((v, k) => (k >= 5 ? (v + 1) % pos.rows.length : v)));
      const model: TransformerModel = { ...m, positional: { kind: 'table', rows } };
      return right({ ...c.right, model });
    };
    const r = await verifyMpcToTransformer(ctx, { compile: offByOne, numRuns: 10 });
    expect(r.verdict).toBe('fails');
    const ex = r.tiers.find((t) => t.tier === 'exhaustive')!;
    expect(ex.failure?.counterexample).toMatchObject({ reason: expect.stringMatching(/the transformer gives \d+, runMpc gives \d+/) as unknown });
    const prop = r.tiers.find((t) => t.tier === 'property')!;
    expect(prop.holds).toBe(false);
    expect(prop.failure?.message).toMatch(/shrinks \(seed 5/);
  });

  it('rejects a compiler that drops the last hidden unit of each feed-forward block (a wrong table)', async () => {
    const drop: Compiler = (tp, n) => {
      const c = mpcToTransformer(tp, n);
      if (c._tag === 'Left') return c;
      const m = c.right.model;
      const layers = m.layers.map((l) => (l.ffn === null || l.ffn.b1.length <= 2 ? l : { ...l, ffn: { ...l.ffn, w1: l.ffn.w1.slice(0, -1), b1: l.ffn.b1.slice(0, -1), w2: l.ffn.w2.map((row) => row.slice(0, -1)) } }));
      return right({ ...c.right, model: { ...m, layers } });
    };
    const r = await verifyMpcToTransformer(ctx, { compile: drop, numRuns: 20 });
    expect(r.verdict).toBe('fails');
  });
});
