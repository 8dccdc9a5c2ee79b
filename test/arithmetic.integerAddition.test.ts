import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/core/evaluate.js';
import { integerAdditionBounds } from '../src/proofs/arithmetic/integerAddition.js';
import { integerAddition } from '../src/reductions/arithmetic/integerAddition.js';
import { tryConstruct } from '../src/reductions/arithmetic/arithmeticCircuit.js';
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
  toBits,
} from './arithmetic.helpers.js';

const spec = (w: number) => (input: readonly number[]) => toBits(fromBits(input.slice(0, w)) + fromBits(input.slice(w, 2 * w)), w + 1);

describe('integerAddition', () => {
  it('is exact on all inputs for w ≤ 8', () => {
    for (let w = 1; w <= 8; w++) {
      const { circuit } = integerAddition(w);
      expect(findCounterexample(circuit, spec(w), allAssignments(2 * w))).toBeUndefined();
    }
  });

  it('matches BigInt addition for w ≤ 64 (property)', () => {
    const cache = new Map<number, ReturnType<typeof integerAddition>>();
    const arb = fc.integer({ min: 1, max: 64 }).chain((w) =>
      fc.tuple(fc.constant(w), fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n }), fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n })),
    );
    fc.assert(
      fc.property(arb, ([w, x, y]) => {
        const ac = cache.get(w) ?? integerAddition(w);
        cache.set(w, ac);
        const out = evaluate(ac.circuit, place(2 * w, [[ac.layout.x, x], [ac.layout.y, y]]));
        return fromBits(pick(out, ac.layout.sum)) === x + y;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('meets its claimed bounds exactly (size) and depth 4 (4 in P1\'s basis too) for w ∈ {4, 16, 64, 256}', () => {
    for (const w of [1, 2, 3, 4, 16, 64, 256]) {
      const ac = integerAddition(w);
      const m = checkClaim(ac.circuit, integerAdditionBounds(w), true);
      expect(m.depth).toBe(w === 1 ? 2 : 4);
      expect(m.depthP1).toBe(w === 1 ? 2 : 4);
    }
    expect(kernelAccepts(integerAddition(5).circuit)).toBe(true);
  });

  it('a broken construction is caught: every single AND↔OR flip (w = 4) has a counterexample', () => {
    const { circuit } = integerAddition(4);
    const gates = andOrGates(circuit);
    expect(gates.length).toBeGreaterThan(10);
    for (const g of gates) {
      const cex = findCounterexample(flipAndOr(circuit, g), spec(4), allAssignments(8));
      expect(cex, `flip of gate ${g}`).toBeDefined();
    }
    // moving one wire: the low sum bit reads x_1 (input gate 1) instead of x_0
    const cex = findCounterexample(moveWire(circuit, circuit.outputs[0]!, 0, 1), spec(4), allAssignments(8));
    expect(cex).toBeDefined();
    expect(cex!.actual[0]).not.toBe(cex!.expected[0]);
  });

  it('rejects bad widths', () => {
    expect(() => integerAddition(0)).toThrow(/^integerAddition: w/);
    expect(tryConstruct(integerAddition)(1.5)._tag).toBe('Left');
    expect(tryConstruct(integerAddition)(3)._tag).toBe('Right');
  });
});
