import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { makeCircuit, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { gateDepths, metrics } from '../src/core/metrics.js';
import { verifyArithmeticFamily, type ArithmeticFamily } from '../src/proofs/arithmeticLemma.js';
import {
  multiplicationShallowBounds,
  multiplicationShallowFamily,
  multiplicationShallowLemma,
} from '../src/proofs/arithmetic/multiplicationShallow.js';
import { multiplication } from '../src/reductions/arithmetic/multiplication.js';
import { multiplicationShallow } from '../src/reductions/arithmetic/multiplicationShallow.js';
import { allAssignments, checkClaim, findCounterexample, fromBits, kernelAccepts, pick, place, thresholdGates, toBits } from './arithmetic.helpers.js';

const spec = (w: number) => (input: readonly number[]) =>
  toBits(fromBits(input.slice(0, w)) * fromBits(input.slice(w, 2 * w)), 2 * w);

/** The circuit with the threshold of gate `g` lowered by one. */
const lowerThreshold = (c: Circuit, g: number): Circuit => {
  const param = Int32Array.from(c.param);
  param[g] = param[g]! - 1;
  return { ...c, param };
};

describe('multiplicationShallow', () => {
  it('is exact on all inputs for w ≤ 7', () => {
    for (let w = 1; w <= 7; w++) {
      expect(findCounterexample(multiplicationShallow(w).circuit, spec(w), allAssignments(2 * w)), `w=${w}`).toBeUndefined();
    }
  });

  it('matches BigInt products for w ≤ 40 (property, seeded, 80 runs)', () => {
    const cache = new Map<number, ReturnType<typeof multiplicationShallow>>();
    const arb = fc.integer({ min: 1, max: 40 }).chain((w) => {
      const max = (1n << BigInt(w)) - 1n;
      const num = fc.oneof(fc.bigInt({ min: 0n, max }), fc.constant(max));
      return fc.tuple(fc.constant(w), num, num);
    });
    fc.assert(
      fc.property(arb, ([w, x, y]) => {
        const ac = cache.get(w) ?? multiplicationShallow(w);
        cache.set(w, ac);
        const out = evaluate(ac.circuit, place(2 * w, [[ac.layout.x, x], [ac.layout.y, y]]));
        return fromBits(pick(out, ac.layout.product)) === x * y;
      }),
      { seed: 17, numRuns: 80 },
    );
  });

  it('has depth 4 from w = 2 on and meets its claims for w ≤ 40', () => {
    for (let w = 1; w <= 40; w++) {
      const m = checkClaim(multiplicationShallow(w).circuit, multiplicationShallowBounds(w));
      if (w >= 2) expect(m.depth, `w=${w}`).toBe(4);
    }
    expect(kernelAccepts(multiplicationShallow(9).circuit)).toBe(true);
    for (const p of multiplicationShallowFamily.sweep.default) {
      expect(metrics(multiplication(p['w']!).circuit).depth).toBe(9);
    }
  });

  it('rejects bad parameters', () => {
    expect(() => multiplicationShallow(0)).toThrow(/^multiplicationShallow: w/);
    expect(() => multiplicationShallow(514)).toThrow(/^multiplicationShallow: w/);
  });
});

describe('lemma multiplication-shallow', () => {
  const ctx = { seed: 1, full: false, progress: () => {} };
  const small: ArithmeticFamily = {
    ...multiplicationShallowFamily,
    exhaustive: [{ w: 5 }],
    property: [{ w: 16 }],
    propertyRuns: { default: 300, full: 300 },
    sweep: { default: [{ w: 8 }], full: [{ w: 8 }] },
  };

  it('holds, and reports multiplication beside it', async () => {
    const r = await multiplicationShallowLemma.verify(ctx);
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.notes.join('\n')).toMatch(/side by side with multiplication — w = 4: depth 4 \(multiplication: 9\)/);
  }, 30_000);

  it('honesty: a layer-3 gate with its threshold lowered by one is caught, with a shrunk counterexample', async () => {
    const broken = (p: Record<string, number>): Circuit => {
      const c = multiplicationShallowFamily.build(p);
      const d = gateDepths(c);
      const g = thresholdGates(c).find((i) => d[i] === 3);
      if (g === undefined) throw new Error('no layer-3 gate');
      return lowerThreshold(c, g);
    };
    const r = await verifyArithmeticFamily(small, ctx, broken);
    expect(r.verdict).toBe('fails');
    for (const t of r.tiers) expect(t.holds, t.tier).toBe(false);
    const prop = r.tiers.find((t) => t.tier === 'property')!;
    const cex = prop.failure!.counterexample as { input: string; expected: string; actual: string };
    expect(cex.input).toMatch(/^[01]+$/);
    expect([...cex.input].filter((ch) => ch === '1').length).toBeLessThanOrEqual(6);
    const bits = [...cex.input].map(Number);
    expect(Array.from(evaluate(broken({ w: 16 }), bits)).join('')).not.toBe(spec(16)(bits).join(''));
    expect(r.measurements).toEqual([]);
  }, 30_000);

  it('rejects a construction with output 0 negated in every tier (the property tier shrinks to all zeros), and an understated size claim', async () => {
    const negated = (p: Record<string, number>): Circuit => {
      const c = multiplicationShallowFamily.build(p);
      const specs = toGateSpecs(c);
      const outs = Array.from(c.outputs);
      specs.push({ type: 'not', args: [outs[0]!] });
      outs[0] = specs.length - 1;
      const r = makeCircuit(specs, outs);
      if (!isRight(r)) throw new Error('mutation made an invalid circuit');
      return r.right;
    };
    const r = await verifyArithmeticFamily(small, ctx, negated);
    expect(r.verdict).toBe('fails');
    for (const t of r.tiers) expect(t.holds, t.tier).toBe(false);
    const prop = r.tiers.find((t) => t.tier === 'property')!;
    expect((prop.failure!.counterexample as { input: string }).input).toMatch(/^0+$/);
    const claimed = multiplicationShallowFamily.claimed.map((c) => (c.figure === 'size' ? { ...c, at: () => 0 } : c));
    const u = await verifyArithmeticFamily({ ...small, exhaustive: [], property: [] }, ctx, multiplicationShallowFamily.build, claimed);
    expect(u.verdict).toBe('fails');
    expect(u.problems).toContainEqual(expect.stringMatching(/^size at \{.*\}: measured \d+ exceeds the claimed 0$/));
  });
});
