import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/core/evaluate.js';
import { leadingOne } from '../src/reductions/arithmetic/leadingOne.js';
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
  toBits,
} from './arithmetic.helpers.js';

/** One-hot, binary position, is-zero of x (the layout's output order). */
const expected = (x: bigint, w: number): number[] => {
  const top = x === 0n ? -1 : x.toString(2).length - 1;
  const oneHot = Array.from({ length: w }, (_, i) => (i === top ? 1 : 0));
  return [...oneHot, ...toBits(BigInt(Math.max(top, 0)), ceilLog2(w)), x === 0n ? 1 : 0];
};
const spec = (w: number) => (input: readonly number[]) => expected(fromBits(input), w);

/**
 * The bounds of leadingOne, as formulas of w (no lemma claims them: the family is a gadget of the
 * float constructions; the argument is in the header of `src/reductions/arithmetic/leadingOne.ts`):
 * depth 2, size ≤ w + ⌈log₂ w⌉ (exact for w ≥ 4).
 */
const leadingOneBounds = (w: number) => ({ depth: 2, size: w + ceilLog2(w) });

describe('leadingOne', () => {
  it('is exact on all inputs for w ≤ 14', () => {
    for (let w = 1; w <= 14; w++) expect(findCounterexample(leadingOne(w).circuit, spec(w), allAssignments(w)), `w=${w}`).toBeUndefined();
  });

  it('matches BigInt for w ≤ 64 (property, values of every length)', () => {
    const cache = new Map<number, ReturnType<typeof leadingOne>>();
    const arb = fc
      .integer({ min: 1, max: 64 })
      .chain((w) => fc.tuple(fc.constant(w), fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n }), fc.integer({ min: 0, max: w })));
    fc.assert(
      fc.property(arb, ([w, v, drop]) => {
        const x = v >> BigInt(drop);
        const ac = cache.get(w) ?? leadingOne(w);
        cache.set(w, ac);
        const out = evaluate(ac.circuit, toBits(x, w));
        const want = expected(x, w);
        const got = [...pick(out, ac.layout.oneHot), ...pick(out, ac.layout.binary), out[ac.layout.isZero]!];
        return got.every((b, i) => b === want[i]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('meets its claimed bounds (depth 2) for w ∈ {4, 16, 64, 256}', () => {
    for (const w of [1, 2, 4, 16, 64, 256]) {
      const m = checkClaim(leadingOne(w).circuit, leadingOneBounds(w), w >= 4);
      expect(m.depth).toBe(w <= 2 ? 1 : 2);
    }
    expect(kernelAccepts(leadingOne(9).circuit)).toBe(true);
  });

  it('a broken construction is caught (every OR→AND flip; a moved wire)', () => {
    const { circuit } = leadingOne(8);
    for (const g of andOrGates(circuit)) expect(findCounterexample(flipAndOr(circuit, g), spec(8), allAssignments(8))).toBeDefined();
    // oneHot_0 (gate 8) reads x_1 where it should read x_0
    expect(findCounterexample(moveWire(circuit, 8, 0, 1), spec(8), allAssignments(8))).toBeDefined();
  });

  it('rejects bad widths', () => {
    expect(() => leadingOne(0)).toThrow(/^leadingOne: w/);
  });
});
