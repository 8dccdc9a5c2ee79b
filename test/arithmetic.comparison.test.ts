import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/core/evaluate.js';
import { comparisonBounds } from '../src/proofs/arithmetic/comparison.js';
import { comparison } from '../src/reductions/arithmetic/comparison.js';
import { tryConstruct } from '../src/reductions/arithmetic/arithmeticCircuit.js';
import type { ComparisonMethod } from '../src/reductions/arithmetic/gadgets.js';
import {
  allAssignments,
  andOrGates,
  checkClaim,
  findCounterexample,
  flipAndOr,
  fromBits,
  kernelAccepts,
  moveWire,
  place,
} from './arithmetic.helpers.js';

const spec = (w: number) => (input: readonly number[]) => {
  const x = fromBits(input.slice(0, w));
  const y = fromBits(input.slice(w, 2 * w));
  return [x < y ? 1 : 0, x === y ? 1 : 0];
};

describe('comparison', () => {
  it('is exact on all inputs for w ≤ 8 (both methods)', () => {
    for (const method of ['lookahead', 'weighted'] as const) {
      for (let w = 1; w <= 8; w++) {
        expect(findCounterexample(comparison(w, method).circuit, spec(w), allAssignments(2 * w))).toBeUndefined();
      }
    }
  });

  it('matches BigInt comparison for w ≤ 64 (lookahead) and w ≤ 30 (weighted)', () => {
    const cache = new Map<string, ReturnType<typeof comparison>>();
    // y is often x or x with one bit flipped, so that equality and near ties are exercised.
    const arb = fc.constantFrom<ComparisonMethod>('lookahead', 'weighted').chain((method) =>
      fc.integer({ min: 1, max: method === 'weighted' ? 30 : 64 }).chain((w) => {
        const num = fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n });
        return fc.tuple(
          fc.constant(method),
          fc.constant(w),
          num,
          fc.oneof(num, fc.constant(-1n), fc.integer({ min: 0, max: w - 1 }).map((i) => -2n - BigInt(i))),
        );
      }),
    );
    fc.assert(
      fc.property(arb, ([method, w, x, yy]) => {
        const y = yy === -1n ? x : yy < -1n ? x ^ (1n << (-yy - 2n)) : yy;
        const key = `${method}:${w}`;
        const ac = cache.get(key) ?? comparison(w, method);
        cache.set(key, ac);
        const out = evaluate(ac.circuit, place(2 * w, [[ac.layout.x, x], [ac.layout.y, y]]));
        return out[ac.layout.lt] === (x < y ? 1 : 0) && out[ac.layout.eq] === (x === y ? 1 : 0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('meets its claimed bounds for w ∈ {4, 16, 64, 256}, in both bases', () => {
    for (const w of [1, 4, 16, 64, 256]) {
      const m = checkClaim(comparison(w).circuit, comparisonBounds(w), w > 1);
      expect(m.depth).toBe(w === 1 ? 2 : 3);
      expect(m.depthP1).toBe(w === 1 ? 3 : 4);
      expect(m.maxWeight).toBe(1);
    }
    for (const w of [1, 4, 16, 30]) {
      const m = checkClaim(comparison(w, 'weighted').circuit, comparisonBounds(w, 'weighted'), true);
      expect(m.depth).toBe(2);
      expect(m.depthP1).toBe(3);
      expect(m.maxWeight).toBe(2 ** (w - 1));
    }
    expect(kernelAccepts(comparison(6).circuit)).toBe(true);
    expect(kernelAccepts(comparison(30, 'weighted').circuit)).toBe(true);
  });

  it('a broken construction is caught (flip AND↔OR, move a wire)', () => {
    const { circuit } = comparison(4);
    for (const g of andOrGates(circuit)) {
      expect(findCounterexample(flipAndOr(circuit, g), spec(4), allAssignments(8)), `flip ${g}`).toBeDefined();
    }
    // lt_0 reads y_1 instead of y_0: wrong e.g. on x = 0, y = 1
    const lt = circuit.outputs[0]!;
    const firstTerm = circuit.fanin[circuit.faninStart[lt]!]!;
    const cex = findCounterexample(moveWire(circuit, firstTerm, 0, 5), spec(4), allAssignments(8));
    expect(cex).toBeDefined();
  });

  it('rejects bad parameters', () => {
    expect(() => comparison(0)).toThrow(/^comparison: w/);
    expect(tryConstruct(comparison)(31, 'weighted')._tag).toBe('Left');
    expect(tryConstruct(comparison)(31)._tag).toBe('Right');
  });
});
