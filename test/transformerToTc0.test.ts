import { describe, expect, it } from 'vitest';
import type { TransformerModel } from '../src/core/transformer.js';
import {
  architectureParams,
  arithmeticDepthClaim,
  arithmeticShallowDepthClaim,
  paperDepthBound,
  paperDepthBoundP1,
  transformerToTc0Claims,
  verifyTransformerToTc0,
} from '../src/proofs/transformer/transformerToTc0.js';
import { compileArithmetic, type CompileFault } from '../src/reductions/compile/index.js';
import { majorityTransformer } from '../src/reductions/majorityTransformer.js';

const ctx = { seed: 11, full: false, progress: () => undefined };
const small = { exhaustiveModels: 1, maxExhaustiveN: 3, paperModels: 1, depthSweep: [2, 4] } as const;

const broken = (fault: CompileFault) => (model: TransformerModel, n: number) => compileArithmetic(model, n, { fault });

describe('transformer-to-tc0', () => {
  it('holds on a small sweep: both routes, every circuit measured against its claimed depth', async () => {
    const r = await verifyTransformerToTc0(ctx, { ...small, propertyRuns: 8 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    const metrics = new Set(r.measurements.map((m) => m.metric));
    expect(metrics).toEqual(
      new Set([
        'depth·arith',
        'depth·paper',
        'depth·P1·arith',
        'depth·P1·paper',
        'depth·arith·shallow',
        'depth·paper·shallow',
        'depth·P1·arith·shallow',
        'depth·P1·paper·shallow',
      ]),
    );
    // in P1's basis the measured depth stays within one level of the kernel's
    for (const m of r.measurements.filter((x) => x.metric === 'depth·P1·arith')) expect(m.measured).toBeLessThanOrEqual(m.claimed);
    expect(r.notes.join('\n')).toMatch(/paper route depths/);
  });

  it('claims: the paper route 3 + (9 + 2·d_⊕)·d, the arithmetic route a constant per architecture', () => {
    expect(paperDepthBound({ dPlus: 9, layers: 2 })).toBe(57);
    expect(paperDepthBoundP1({ dPlusP1: 10, layers: 2 })).toBe(61);
    const m = majorityTransformer();
    // 1 saturated layer, accept: 2 + [0 + (26 + 6 + 26) + 26 + 0] + 1 = 87 whatever n
    expect(arithmeticDepthClaim(architectureParams(m, 16, 8))).toBe(87);
    expect(arithmeticDepthClaim(architectureParams(m, 1024, 20))).toBe(87);
    // shallow arithmetic (d_⊗ 4 at p ≤ 16, d_⊕ 6): 2 + [0 + (10 + 6 + 10) + 10 + 0] + 1 = 39; d_⊗ 5 at p = 18: 42
    expect(arithmeticShallowDepthClaim(architectureParams(m, 16, 8))).toBe(39);
    expect(arithmeticShallowDepthClaim(architectureParams(m, 512, 18))).toBe(42);
    const paperShallow = transformerToTc0Claims.find((c) => c.metric === 'depth·paper·shallow')!;
    expect(paperShallow.at({ dPlusShallow: 6, layers: 2 })).toBe(45);
  });

  it('rejects a broken shallow compiler (every score negated), naming the shallow route', async () => {
    const r = await verifyTransformerToTc0(ctx, {
      ...small,
      propertyRuns: 8,
      compileArithmeticShallow: (model, n) => compileArithmetic(model, n, { fault: 'negate-score', shallow: true }),
    });
    expect(r.verdict).toBe('fails');
    const failed = r.tiers.filter((t) => !t.holds);
    expect(failed.length).toBeGreaterThan(0);
    expect(JSON.stringify(failed.map((t) => t.failure))).toMatch(/shallow arithmetic/);
  }, 120_000);

  for (const [fault, why] of [
    ['negate-score', 'every score negated'],
    ['skip-truncation', 'the truncation of the maximizer count skipped'],
    ['mask-off-by-one', 'the causal mask off by one'],
  ] as const) {
    it(`rejects a compiler with ${why}, with a shrunk counterexample (model and input)`, async () => {
      const r = await verifyTransformerToTc0(ctx, { ...small, compileArithmetic: broken(fault), propertyRuns: 300 });
      expect(r.verdict).toBe('fails');
      const prop = r.tiers.find((t) => t.tier === 'property');
      expect(prop?.holds).toBe(false);
      const cx = prop?.failure?.counterexample as { model: string; tokens: string } | undefined;
      expect(cx?.model).toMatch(/^model\(/);
      expect(typeof cx?.tokens).toBe('string');
      expect(prop?.failure?.message).toMatch(/seed 11/);
      // shrunk: a short input
      expect(cx!.tokens.split(' ').length).toBeLessThanOrEqual(4);
    }, 120_000);
  }
});
