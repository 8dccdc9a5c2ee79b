import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import { iteratedAdditionBounds } from '../src/proofs/arithmetic/iteratedAddition.js';
import { iteratedAddition } from '../src/reductions/arithmetic/iteratedAddition.js';
import { ceilLog2 } from '../src/reductions/arithmetic/arithmeticCircuit.js';
import {
  allAssignments,
  andOrGates,
  checkClaim,
  findCounterexample,
  flipAndOr,
  fromBits,
  kernelAccepts,
  moveWire,
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

describe('iteratedAddition', () => {
  it('is exact on all inputs for n·w ≤ 12 (and n = 4, w = 4)', () => {
    const cases: [number, number][] = [[4, 4]];
    for (let n = 1; n <= 14; n++) for (let w = 1; n * w <= 12; w++) cases.push([n, w]);
    for (const [n, w] of cases) {
      const { circuit } = iteratedAddition(n, w);
      expect(findCounterexample(circuit, spec(n, w), allAssignments(n * w)), `n=${n} w=${w}`).toBeUndefined();
    }
  });

  it('matches BigInt sums for n ≤ 64 numbers of w ≤ 64 bits (property)', () => {
    const cache = new Map<string, ReturnType<typeof iteratedAddition>>();
    const arb = fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 })).chain(([n, w]) => {
      const max = (1n << BigInt(w)) - 1n;
      // all-ones numbers exercise the top output bit and the longest carry chains
      const num = fc.oneof(fc.bigInt({ min: 0n, max }), fc.constant(max));
      return fc.tuple(fc.constant(n), fc.constant(w), fc.array(num, { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(arb, ([n, w, xs]) => {
        const key = `${n}:${w}`;
        const ac = cache.get(key) ?? iteratedAddition(n, w);
        cache.set(key, ac);
        const out = evaluate(ac.circuit, place(n * w, ac.layout.numbers.map((pos, i) => [pos, xs[i]!] as const)));
        return ac.layout.sum.length === w + ceilLog2(n) && fromBits(pick(out, ac.layout.sum)) === xs.reduce((a, b) => a + b, 0n);
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('handles the edge cases n = 1 (outputs are the inputs) and w = 1 (one bit count)', () => {
    const one = iteratedAddition(1, 5);
    expect(metrics(one.circuit)).toMatchObject({ size: 0, depth: 0 });
    expect(Array.from(one.circuit.outputs)).toEqual([0, 1, 2, 3, 4]);
    const ones = iteratedAddition(100, 1);
    expect(metrics(ones.circuit).depth).toBe(2);
    expect(fromBits(evaluate(ones.circuit, new Array<number>(100).fill(1)))).toBe(100n);
    const all = iteratedAddition(7, 3); // 7·7 = 49 needs 6 bits, W = 3 + 3
    expect(fromBits(evaluate(all.circuit, new Array<number>(21).fill(1)))).toBe(49n);
  });

  it('meets its claimed bounds: depth 8 (8 in P1\'s basis too) for n ∈ {4, 16, 64, 256} (w = 8), and on a grid', () => {
    for (const n of [4, 16, 64, 256]) {
      const t = performance.now();
      const ac = iteratedAddition(n, 8);
      const elapsed = performance.now() - t;
      const m = checkClaim(ac.circuit, iteratedAdditionBounds(n, 8));
      expect(m.depth).toBe(8);
      expect(m.depthP1).toBe(8);
      expect(elapsed).toBeLessThan(3000);
    }
    for (let n = 1; n <= 24; n++) {
      for (let w = 1; w <= 10; w++) checkClaim(iteratedAddition(n, w).circuit, iteratedAdditionBounds(n, w));
    }
    expect(kernelAccepts(iteratedAddition(9, 5).circuit)).toBe(true);
  });

  it('a broken construction is caught (flip AND↔OR in the adder, move a wire in a column count)', () => {
    const [n, w] = [4, 3];
    const { circuit } = iteratedAddition(n, w);
    const flips = andOrGates(circuit);
    expect(flips.length).toBeGreaterThan(0);
    for (const g of flips) expect(findCounterexample(flipAndOr(circuit, g), spec(n, w), allAssignments(n * w)), `flip ${g}`).toBeDefined();
    // the first column-count gate θ≥2 over column 0 reads bit 1 of number 0 instead of bit 0
    const first = thresholdGates(circuit)[0]!;
    const cex = findCounterexample(moveWire(circuit, first, 0, 1), spec(n, w), allAssignments(n * w));
    expect(cex).toBeDefined();
  });

  it('rejects bad parameters', () => {
    expect(() => iteratedAddition(0, 3)).toThrow(/^iteratedAddition: n/);
    expect(() => iteratedAddition(3, 0)).toThrow(/^iteratedAddition: w/);
  });
});
