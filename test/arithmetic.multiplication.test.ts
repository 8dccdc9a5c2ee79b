import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GateKind } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { multiplicationBounds } from '../src/proofs/arithmetic/multiplication.js';
import { multiplication } from '../src/reductions/arithmetic/multiplication.js';
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

const spec = (w: number) => (input: readonly number[]) => toBits(fromBits(input.slice(0, w)) * fromBits(input.slice(w, 2 * w)), 2 * w);

describe('multiplication', () => {
  it('is exact on all inputs for w ≤ 7', () => {
    for (let w = 1; w <= 7; w++) expect(findCounterexample(multiplication(w).circuit, spec(w), allAssignments(2 * w)), `w=${w}`).toBeUndefined();
  });

  it('matches BigInt products for w ≤ 64 (property)', () => {
    const cache = new Map<number, ReturnType<typeof multiplication>>();
    const arb = fc.integer({ min: 1, max: 64 }).chain((w) => {
      const max = (1n << BigInt(w)) - 1n;
      const num = fc.oneof(fc.bigInt({ min: 0n, max }), fc.constant(max));
      return fc.tuple(fc.constant(w), num, num);
    });
    fc.assert(
      fc.property(arb, ([w, x, y]) => {
        const ac = cache.get(w) ?? multiplication(w);
        cache.set(w, ac);
        const out = evaluate(ac.circuit, place(2 * w, [[ac.layout.x, x], [ac.layout.y, y]]));
        return fromBits(pick(out, ac.layout.product)) === x * y;
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('meets its claimed bounds: depth 9 (9 in P1\'s basis too) for w ∈ {4, 16, 64}, and for w ≤ 40', () => {
    for (const w of [4, 16, 64]) {
      const m = checkClaim(multiplication(w).circuit, multiplicationBounds(w));
      expect(m.depth).toBe(9);
      expect(m.depthP1).toBe(9);
    }
    for (let w = 1; w <= 40; w++) checkClaim(multiplication(w).circuit, multiplicationBounds(w));
    expect(kernelAccepts(multiplication(6).circuit)).toBe(true);
  });

  it('a broken construction is caught (every AND↔OR flip at w = 5; a moved partial-product wire)', () => {
    const { circuit } = multiplication(5);
    const flips = andOrGates(circuit);
    expect(flips.length).toBeGreaterThan(25); // 25 partial products and the adder's AND/OR gates
    for (const g of flips) {
      expect(findCounterexample(flipAndOr(circuit, g), spec(5), allAssignments(10)), `flip ${g}`).toBeDefined();
    }
    // the first partial product x_0 ∧ y_0 (gate 10) reads x_1 instead of x_0
    expect(findCounterexample(moveWire(circuit, 10, 0, 1), spec(5), allAssignments(10))).toBeDefined();
  });

  it('at w = 4 exactly one flip goes unnoticed: a semantically redundant propagate gate', () => {
    // Products are ≤ 225 < 2^8 and correlated: the carry pattern through that OR never occurs,
    // so turning it into AND changes no output on any of the 256 inputs (checked exhaustively).
    const { circuit } = multiplication(4);
    const undetected = andOrGates(circuit).filter((g) => findCounterexample(flipAndOr(circuit, g), spec(4), allAssignments(8)) === undefined);
    expect(undetected).toHaveLength(1);
    expect(circuit.kind[undetected[0]!]).toBe(GateKind.Or); // a propagate gate
  });

  it('rejects bad widths', () => {
    expect(() => multiplication(0)).toThrow(/^multiplication: w/);
  });
});
