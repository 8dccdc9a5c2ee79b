import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { makeCircuit, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { gateDepths, metrics } from '../src/core/metrics.js';
import { verifyArithmeticFamily, type ArithmeticFamily } from '../src/proofs/arithmeticLemma.js';
import {
  iteratedAdditionShallowBounds,
  iteratedAdditionShallowFamily,
  iteratedAdditionShallowLemma,
} from '../src/proofs/arithmetic/iteratedAdditionShallow.js';
import { shallowBlock } from '../src/proofs/arithmetic/shallowFamilies.js';
import { ceilLog2 } from '../src/reductions/arithmetic/arithmeticCircuit.js';
import { iteratedAddition } from '../src/reductions/arithmetic/iteratedAddition.js';
import { iteratedAdditionShallow, shallowBlockSize } from '../src/reductions/arithmetic/iteratedAdditionShallow.js';
import {
  allAssignments,
  checkClaim,
  findCounterexample,
  fromBits,
  kernelAccepts,
  pick,
  place,
  thresholdGates,
  toBits,
} from './arithmetic.helpers.js';

const spec = (n: number, w: number) => (input: readonly number[]) => {
  let s = 0n;
  for (let i = 0; i < n; i++) s += fromBits(input.slice(i * w, (i + 1) * w));
  return toBits(s, w + ceilLog2(n));
};

/** The circuit with the threshold of gate `g` raised by one. */
const raiseThreshold = (c: Circuit, g: number): Circuit => {
  const param = Int32Array.from(c.param);
  param[g] = param[g]! + 1;
  return { ...c, param };
};

describe('iteratedAdditionShallow', () => {
  it('is exact on all inputs for n·w ≤ 12, and for the carry-heavy n = 2, w = 8 and n = 3, w = 5', () => {
    const cases: [number, number][] = [
      [2, 8],
      [3, 5],
    ];
    for (let n = 1; n <= 12; n++) for (let w = 1; n * w <= 12; w++) cases.push([n, w]);
    for (const [n, w] of cases) {
      const { circuit } = iteratedAdditionShallow(n, w);
      expect(findCounterexample(circuit, spec(n, w), allAssignments(n * w)), `n=${n} w=${w}`).toBeUndefined();
    }
  });

  it('matches BigInt sums for n ≤ 32 numbers of w ≤ 32 bits (property, seeded)', () => {
    const cache = new Map<string, ReturnType<typeof iteratedAdditionShallow>>();
    const arb = fc.tuple(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 32 })).chain(([n, w]) => {
      const max = (1n << BigInt(w)) - 1n;
      // all-ones numbers and numbers just below a block boundary exercise the block carries
      const num = fc.oneof(fc.bigInt({ min: 0n, max }), fc.constant(max), fc.constant(max >> 1n));
      return fc.tuple(fc.constant(n), fc.constant(w), fc.array(num, { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(arb, ([n, w, xs]) => {
        const key = `${n}:${w}`;
        const ac = cache.get(key) ?? iteratedAdditionShallow(n, w);
        cache.set(key, ac);
        const out = evaluate(ac.circuit, place(n * w, ac.layout.numbers.map((pos, i) => [pos, xs[i]!] as const)));
        return fromBits(pick(out, ac.layout.sum)) === xs.reduce((a, b) => a + b, 0n);
      }),
      { seed: 13, numRuns: 80 },
    );
  });

  it('meets its claims on a grid (depth ≤ 3; 0 for n = 1) and has depth exactly 3 once block carries occur', () => {
    expect(metrics(iteratedAdditionShallow(1, 5).circuit)).toMatchObject({ size: 0, depth: 0 });
    for (let n = 1; n <= 24; n++) {
      for (let w = 1; w <= 10; w++) {
        checkClaim(iteratedAdditionShallow(n, w).circuit, iteratedAdditionShallowBounds(n, w));
      }
    }
    for (const [n, w] of [[2, 4], [3, 3], [5, 8], [9, 9]] as const) expect(metrics(iteratedAdditionShallow(n, w).circuit).depth).toBe(3);
    for (const n of [4, 16, 64]) {
      const m = checkClaim(iteratedAdditionShallow(n, 16).circuit, iteratedAdditionShallowBounds(n, 16));
      expect(m.depth).toBe(3);
      expect(m.maxWeight).toBeLessThan(2 ** 30);
    }
    expect(kernelAccepts(iteratedAdditionShallow(9, 5).circuit)).toBe(true);
  });

  it('is shallower than iterated-addition at every default sweep point', () => {
    for (const p of iteratedAdditionShallowFamily.sweep.default) {
      const a = metrics(iteratedAdditionShallow(p['n']!, p['w']!).circuit);
      const o = metrics(iteratedAddition(p['n']!, p['w']!).circuit);
      expect(a.depth).toBe(3);
      expect(o.depth).toBe(8);
    }
  });

  it('uses the block size the claims assume, and weights below 2^30 up to n = 513', () => {
    for (let h = 1; h <= 600; h++) expect(shallowBlockSize(h)).toBe(shallowBlock(h));
    expect(shallowBlockSize(513)).toBe(9);
    expect(2 ** 27 + 2 ** 18).toBeLessThan(2 ** 30); // the largest threshold bound at ℓ = 9
    const m = metrics(iteratedAdditionShallow(129, 3).circuit); // ℓ = 7
    expect(m.maxWeight).toBeLessThan(2 ** 14);
    expect(m.maxThreshold).toBeLessThan(2 ** 21 + 2 ** 14);
  });

  it('rejects bad parameters', () => {
    expect(() => iteratedAdditionShallow(0, 3)).toThrow(/^iteratedAdditionShallow: n/);
    expect(() => iteratedAdditionShallow(514, 3)).toThrow(/^iteratedAdditionShallow: n/);
    expect(() => iteratedAdditionShallow(3, 0)).toThrow(/^iteratedAdditionShallow: w/);
  });
});

describe('lemma iterated-addition-shallow', () => {
  const ctx = { seed: 1, full: false, progress: () => {} };
  const small: ArithmeticFamily = {
    ...iteratedAdditionShallowFamily,
    exhaustive: [{ n: 3, w: 4 }],
    property: [{ n: 2, w: 24 }],
    propertyRuns: { default: 300, full: 300 },
    sweep: { default: [{ n: 4, w: 16 }], full: [{ n: 4, w: 16 }] },
  };

  it('holds, and reports iterated-addition beside it', async () => {
    const r = await iteratedAdditionShallowLemma.verify(ctx);
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.notes.join('\n')).toMatch(/side by side with iterated-addition — n = 4, w = 16: depth 3 \(iterated-addition: 8\)/);
  }, 30_000);

  it('honesty: a carry term with its threshold raised by one is caught, with a shrunk counterexample', async () => {
    // the first layer-2 gate of the adder is a block-carry term G_r ∧ P… (module header, step 1)
    const broken = (p: Record<string, number>): Circuit => {
      const c = iteratedAdditionShallowFamily.build(p);
      const d = gateDepths(c);
      const g = thresholdGates(c).find((i) => d[i] === 2);
      if (g === undefined) throw new Error('no layer-2 gate');
      return raiseThreshold(c, g);
    };
    const r = await verifyArithmeticFamily(small, ctx, broken);
    expect(r.verdict).toBe('fails');
    for (const t of r.tiers) expect(t.holds, t.tier).toBe(false);
    const prop = r.tiers.find((t) => t.tier === 'property')!;
    const cex = prop.failure!.counterexample as { input: string; expected: string; actual: string };
    expect(cex.input).toMatch(/^[01]+$/);
    expect(cex.expected).not.toBe(cex.actual);
    // shrunk: a carry out of a block needs few ones; the shrinker leaves at most a handful
    expect([...cex.input].filter((ch) => ch === '1').length).toBeLessThanOrEqual(8);
    // and it is a genuine counterexample of the broken circuit
    const bits = [...cex.input].map(Number);
    const c = broken({ n: 2, w: 24 });
    expect(Array.from(evaluate(c, bits)).join('')).not.toBe(spec(2, 24)(bits).join(''));
    expect(r.measurements).toEqual([]);
  }, 30_000);

  it('rejects an understated depth claim, naming the measurement', async () => {
    const claimed = iteratedAdditionShallowFamily.claimed.map((c) => (c.figure === 'depth' ? { ...c, at: () => 2 } : c));
    const r = await verifyArithmeticFamily({ ...small, exhaustive: [], property: [] }, ctx, iteratedAdditionShallowFamily.build, claimed);
    expect(r.verdict).toBe('fails');
    expect(r.problems).toContainEqual(expect.stringMatching(/^depth at \{.*\}: measured 3 exceeds the claimed 2$/));
  });

  it('rejects a construction with output 0 negated in every tier (the property tier shrinks to all zeros), and an understated size claim', async () => {
    const negated = (p: Record<string, number>): Circuit => {
      const c = iteratedAdditionShallowFamily.build(p);
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
    const claimed = iteratedAdditionShallowFamily.claimed.map((c) => (c.figure === 'size' ? { ...c, at: () => 0 } : c));
    const u = await verifyArithmeticFamily({ ...small, exhaustive: [], property: [] }, ctx, iteratedAdditionShallowFamily.build, claimed);
    expect(u.verdict).toBe('fails');
    expect(u.problems).toContainEqual(expect.stringMatching(/^size at \{.*\}: measured \d+ exceeds the claimed 0$/));
  });
});
