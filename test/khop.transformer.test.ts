import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../src/core/modelCodec.js';
import { runTransformer } from '../src/core/transformer.js';
import { hopK } from '../src/core/tasks/khop.js';
import type { Matrix, TransformerModel } from '../src/core/transformer.js';
import { verifyKHopTransformer, type KHopBuilder } from '../src/proofs/p2/khopTransformer.js';
import { decodeKHopOutput, khopLayers, khopPlan, khopPrecision, khopTransformer, KHOP_COORDS, KHOP_WIDTH } from '../src/reductions/inductionHeads/khopTransformer.js';
import { KHOP_CONTENT_COORDS, khopContentLayers, khopContentMaxN, khopContentTransformer } from '../src/reductions/inductionHeads/khopContentTransformer.js';

const ctx = { seed: 5, full: false, progress: () => undefined };
const small = { exhaustive: { binary: 4, ternary: 2, maxK: 3 }, property: { maxN: 12, maxK: 8, numRuns: 4 }, precisionPoints: [[8, 2, 3]] as const, precisionInstances: 1 };

const build = (k: number, n: number, alphabet: readonly string[], precision?: number): TransformerModel => {
  const m = khopTransformer(k, n, alphabet, precision === undefined ? {} : { precision });
  if (m._tag === 'Left') throw new Error(m.left);
  return m.right;
};
const mapLayer = (m: TransformerModel, l: number, f: (layer: TransformerModel['layers'][number]) => TransformerModel['layers'][number]): TransformerModel => ({
  ...m,
  layers: m.layers.map((x, i) => (i === l ? f(x) : x)),
});

describe('the k-hop transformer (construction)', () => {
  it("computes the paper's example: 1-hop b, 2-hop c at the last position", () => {
    const alphabet = ['a', 'b', 'c', 'd', 'e'];
    const x = [...'baebcabebdea'].map((c) => alphabet.indexOf(c));
    for (const [k, want] of [[1, 'b'], [2, 'c']] as const) {
      const r = runTransformer(build(k, 12, alphabet), x);
      if (r._tag === 'Left') throw new Error(r.left);
      const out = decodeKHopOutput(r.right.states.at(-1)!, 5);
      expect(out.map((a) => (a === null || a === undefined ? null : alphabet[a]))).toEqual(hopK([...'baebcabebdea'], k));
      expect(alphabet[out.at(-1)!]).toBe(want);
    }
  });

  it('has ⌈log₂ k⌉ + 2 layers, one head each, width 17; the plan adds up to k', () => {
    for (let k = 1; k <= 64; k++) {
      const m = build(k, 8, ['a', 'b']);
      expect(m.layers).toHaveLength(khopLayers(k));
      expect(m.layers.every((l) => l.heads.length === 1)).toBe(true);
      expect(m.dModel).toBe(KHOP_WIDTH);
      const plan = khopPlan(k);
      expect((plan[0] ? 1 : 0) + plan.slice(1).reduce((s, a, t) => s + (a ? 2 ** t : 0), 0)).toBe(k);
    }
    expect([1, 2, 3, 4, 5, 8, 9, 16, 17, 64].map(khopLayers)).toEqual([2, 3, 4, 4, 5, 5, 6, 6, 7, 8]);
  });

  it('runs at the claimed precision (p = 2⌈c·log₂ N⌉)', () => {
    const r = runTransformer(build(3, 100, ['a', 'b', 'c']), Array.from({ length: 100 }, (_, i) => (i * 7) % 3));
    expect(r._tag === 'Right' && r.right.p).toBe(khopPrecision(100, 3));
  });

  it('exports as a model document that decodes to the same model', () => {
    const m = build(5, 16, ['a', 'b', 'c']);
    expect(decodeModel(JSON.parse(JSON.stringify(encodeModel(m))))).toEqual({ _tag: 'Right', right: m });
  });

  it('refuses k < 1 and N < 1', () => {
    expect(khopTransformer(0, 4, ['a'])._tag).toBe('Left');
    expect(khopTransformer(1, 0, ['a'])._tag).toBe('Left');
  });
});

describe('the content-hop k-hop transformer (P2 Thm 4.2 layer count)', () => {
  it("has ⌊log₂ k⌋ + 2 layers and computes the paper's example (k = 3 in 3 layers)", () => {
    const alphabet = ['a', 'b', 'c', 'd', 'e'];
    const x = [...'baebcabebdea'].map((c) => alphabet.indexOf(c));
    for (const k of [1, 2, 3]) {
      const m = khopContentTransformer(k, 12, alphabet);
      if (m._tag === 'Left') throw new Error(m.left);
      expect(m.right.layers).toHaveLength(khopContentLayers(k));
      const r = runTransformer(m.right, x);
      if (r._tag === 'Left') throw new Error(r.left);
      const out = decodeKHopOutput(r.right.states.at(-1)!, 5, KHOP_CONTENT_COORDS.TR);
      expect(out.map((a) => (a === null || a === undefined ? null : alphabet[a]))).toEqual(hopK([...'baebcabebdea'], k));
    }
    expect([1, 2, 3, 4, 7, 8, 63, 64].map(khopContentLayers)).toEqual([2, 3, 3, 4, 4, 5, 7, 8]);
  });

  it('refuses N beyond the double range of its positional features', () => {
    expect(khopContentMaxN()).toBe(226);
    expect(khopContentTransformer(2, 227, ['a', 'b'])).toMatchObject({ _tag: 'Left', left: expect.stringMatching(/beyond 226/) as unknown });
  });
});

describe('k-hop-transformer (lemma)', () => {
  it('holds (small sweep)', async () => {
    const r = await verifyKHopTransformer(ctx, small);
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.measurements.some((m) => m.metric === 'layers·P2')).toBe(true);
  });

  it('rejects a find¹ head without the mismatch penalty (B = 1), with a shrunk counterexample', async () => {
    const broken: KHopBuilder = (k, n, a, p) =>
      mapLayer(build(k, n, a, p), 1, (l) => ({ ...l, heads: l.heads.map((h) => ({ ...h, wq: h.wq.map((row) => row.map((w) => (Math.abs(w) === n || Math.abs(w) === 2 * n ? Math.sign(w) * (Math.abs(w) / n) : w))) })) }));
    const r = await verifyKHopTransformer(ctx, { ...small, build: broken });
    expect(r.verdict).toBe('fails');
    const ex = r.tiers.find((t) => t.tier === 'exhaustive');
    expect(ex?.failure?.counterexample).toMatchObject({ k: 1, reason: expect.stringMatching(/position \d+: the transformer says .*, hop_1 says/) as unknown });
    const prop = r.tiers.find((t) => t.tier === 'property');
    expect(prop?.failure?.message).toMatch(/seed 5/);
  });

  it('rejects a model one doubling layer short', async () => {
    const broken: KHopBuilder = (k, n, a, p) => {
      const m = build(k, n, a, p);
      return m.layers.length > 2 ? { ...m, layers: m.layers.slice(0, -1) } : m;
    };
    const r = await verifyKHopTransformer(ctx, { ...small, build: broken });
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample).toMatchObject({ k: 2 });
  });

  it('rejects a model that forgets that X_0 is absent (no previous-token fix at position 1)', async () => {
    const broken: KHopBuilder = (k, n, a, p) => mapLayer(build(k, n, a, p), 0, (l) => ({ ...l, ffn: null }));
    const r = await verifyKHopTransformer(ctx, { ...small, build: broken });
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample).toMatchObject({ k: 1, X: 'aa' });
  });

  it('rejects a model run at too little precision, and a precision claim that is too small', async () => {
    const low: KHopBuilder = (k, n, a) => build(k, n, a, 8);
    const r = await verifyKHopTransformer(ctx, { ...small, build: low });
    expect(r.verdict).toBe('fails');
    expect(r.problems.join('\n')).toMatch(/property.*fails/);
    // a construction that only works 2 bits above the claim: the precision measurement exceeds it
    const needsMore: KHopBuilder = (k, n, a, p) => (p !== undefined && p <= khopPrecision(n, a.length) ? build(k, n, a, 8) : build(k, n, a, p));
    const r2 = await verifyKHopTransformer(ctx, { ...small, build: needsMore, exhaustive: { binary: 1, ternary: 1, maxK: 1 }, property: { maxN: 1, maxK: 1, numRuns: 1 } });
    expect(r2.problems.join('\n')).toMatch(/precision at .*measured \d+ exceeds the claimed \d+/);
  });

  it('rejects a content-hop model without the one-sided position penalty (μ = 0), naming the model', async () => {
    const broken: KHopBuilder = (k, n, a, p) => {
      const m = khopContentTransformer(k, n, a, p === undefined ? {} : { precision: p });
      if (m._tag === 'Left') return m.left;
      const pos = m.right.positional;
      if (pos.kind !== 'table') return m.right;
      return { ...m.right, positional: { kind: 'table', rows: pos.rows.map((r) => r.map((v, c) => (c === KHOP_CONTENT_COORDS.mu ? 0 : v))) } };
    };
    const r = await verifyKHopTransformer(ctx, { ...small, buildContent: broken });
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample).toMatchObject({ model: 'content', k: 2 });
  });

  it('reports a layer claim exceeded', async () => {
    const extra: KHopBuilder = (k, n, a, p) => {
      const m = build(k, n, a, p);
      const zero: Matrix = Array.from({ length: 1 }, () => Array.from({ length: KHOP_WIDTH }, () => 0));
      return { ...m, layers: [...m.layers, { heads: [{ attention: 'hard', wq: zero, wk: zero, wv: zero, wo: Array.from({ length: KHOP_WIDTH }, () => [0]) }], ffn: null }] };
    };
    const r = await verifyKHopTransformer(ctx, { ...small, build: extra, exhaustive: { binary: 2, ternary: 1, maxK: 1 }, property: { maxN: 3, maxK: 2, numRuns: 1 } });
    expect(r.verdict).toBe('fails');
    expect(r.problems.join('\n')).toMatch(/layers at \{"k":1,"N":32,"A":4\}: measured 3 exceeds the claimed 2/);
    expect(KHOP_COORDS.TR).toBe(13);
  });
});
