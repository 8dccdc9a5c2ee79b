import { describe, expect, it } from 'vitest';
import type { Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { gateDepths, metrics } from '../src/core/metrics.js';
import { verifyArithmeticFamily, type ArithmeticFamily } from '../src/proofs/arithmeticLemma.js';
import { floatIteratedSumFamily, floatIteratedSumSpec } from '../src/proofs/arithmetic/floatIteratedSum.js';
import {
  floatIteratedSumShallowBounds,
  floatIteratedSumShallowFamily,
  floatIteratedSumShallowLemma,
} from '../src/proofs/arithmetic/floatIteratedSumShallow.js';
import { floatIteratedSum } from '../src/reductions/arithmetic/floatIteratedSum.js';
import { floatIteratedSumShallow } from '../src/reductions/arithmetic/floatIteratedSumShallow.js';
import { seededInts } from '../src/reductions/random.js';
import { allAssignments, checkClaim, findCounterexample, kernelAccepts } from './arithmetic.helpers.js';
import { expectEveryTierFailsReadably } from './honesty.helpers.js';

const ctx = { seed: 1, full: false, progress: () => {} };

describe('floatIteratedSumShallow', () => {
  it('is bit-exact with iteratedSum on every input at k·p ≤ 12 and (k, p) = (1, 8)', () => {
    for (const [k, p] of [[1, 4], [2, 4], [3, 4], [1, 6], [2, 6], [1, 8]] as const) {
      const c = floatIteratedSumShallow(k, p).circuit;
      const spec = floatIteratedSumSpec(k, p);
      expect(findCounterexample(c, (x) => Array.from(spec(x)), allAssignments(k * p)), `k=${k} p=${p}`).toBeUndefined();
    }
  });

  it('agrees with float-iterated-sum (depth 9) on seeded random inputs up to k = 16, p = 10', () => {
    const draw = seededInts(21);
    for (const [k, p] of [[4, 8], [16, 8], [8, 10], [5, 10]] as const) {
      const a = floatIteratedSumShallow(k, p).circuit;
      const o = floatIteratedSum(k, p).circuit;
      for (let t = 0; t < 60; t++) {
        const bits = Array.from({ length: k * p }, () => draw(0, 1));
        expect(Array.from(evaluate(a, bits)), `k=${k} p=${p}`).toEqual(Array.from(evaluate(o, bits)));
      }
    }
  });

  it('has depth 6 (d_⊕) against 9, and meets its claims', () => {
    for (const [k, p] of [[1, 4], [2, 4], [2, 6], [8, 6], [4, 8], [16, 8], [8, 10]] as const) {
      const m = checkClaim(floatIteratedSumShallow(k, p).circuit, floatIteratedSumShallowBounds(k, p));
      if (p >= 6) {
        expect(m.depth, `k=${k} p=${p}`).toBe(6);
        expect(metrics(floatIteratedSum(k, p).circuit).depth).toBe(9);
      }
    }
    expect(kernelAccepts(floatIteratedSumShallow(3, 6).circuit)).toBe(true);
  });

  it('rejects bad parameters', () => {
    expect(() => floatIteratedSumShallow(0, 4)).toThrow(/^floatIteratedSumShallow: k/);
    expect(() => floatIteratedSumShallow(2, 5)).toThrow(/^floatIteratedSumShallow: p/);
    expect(() => floatIteratedSumShallow(2, 18)).toThrow(/^floatIteratedSumShallow: p/);
  });
});

describe('lemma float-iterated-sum-shallow', () => {
  const small: ArithmeticFamily = {
    ...floatIteratedSumShallowFamily,
    exhaustive: [{ n: 2, p: 4 }],
    property: [{ n: 4, p: 8 }],
    propertyRuns: { default: 300, full: 300 },
    sweep: { default: [{ n: 2, p: 4 }], full: [{ n: 2, p: 4 }] },
    sweepRuns: { default: 300, full: 300 },
    smt: { spec: floatIteratedSumShallowFamily.smt!.spec, points: [{ n: 2, p: 4 }] },
  };

  it('holds in every tier (the sat tier: float-iterated-sum\'s independent z3 formula), and reports float-iterated-sum beside it', async () => {
    const r = await floatIteratedSumShallowLemma.verify(ctx);
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.tiers.map((t) => t.tier)).toContain('sat');
    expect(r.notes.join('\n')).toMatch(/side by side with float-iterated-sum — n = 2, p = 4: depth 6 \(float-iterated-sum: 9\)/);
    expect(floatIteratedSumShallowFamily.spec({ n: 2, p: 4 })(new Uint8Array(8))).toEqual(floatIteratedSumFamily.spec({ n: 2, p: 4 })(new Uint8Array(8)));
  }, 30_000);

  it('honesty: a selector (layer 1) with its threshold raised by one is caught in every tier, with a shrunk counterexample', async () => {
    // the selector [e_0 = M ∧ a_0,q−2 = 1 ∧ σ_0 = 0] of float 0 (largest exponent, top mantissa bit, positive)
    const broken = (p: Record<string, number>): Circuit => {
      const c = floatIteratedSumShallowFamily.build(p);
      const q = p['p']! / 2;
      const M = 2 ** (q - 1) - 1;
      const g = c.numInputs + 2 * (2 * M * (q - 1) + (q - 2));
      expect(gateDepths(c)[g]).toBe(1);
      const param = Int32Array.from(c.param);
      param[g] = param[g]! + 1;
      return { ...c, param };
    };
    const r = await verifyArithmeticFamily(small, ctx, broken);
    expectEveryTierFailsReadably(r);
    const prop = r.tiers.find((t) => t.tier === 'property')!;
    const cex = prop.failure!.counterexample as { input: string };
    // shrunk: float 0 = ⟨a = 2^(q−2), e = M⟩ alone needs q − 1 ones (p = 8: 1 + 3)
    expect([...cex.input].filter((ch) => ch === '1').length).toBeLessThanOrEqual(6);
  }, 30_000);
});
