import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/core/evaluate.js';
import { leftShift, rightShift } from '../src/reductions/arithmetic/shift.js';
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
  toBits,
} from './arithmetic.helpers.js';

const mask = (w: number) => (1n << BigInt(w)) - 1n;
const specL = (w: number, s: number) => (input: readonly number[]) =>
  toBits((fromBits(input.slice(0, w)) << fromBits(input.slice(w, w + s))) & mask(w), w);
const specR = (w: number, s: number) => (input: readonly number[]) =>
  toBits(fromBits(input.slice(0, w)) >> fromBits(input.slice(w, w + s)), w);

/**
 * The bounds of both shifts, as formulas of w and s (no lemma claims them: they are gadgets of
 * the float constructions; the argument is in the header of `src/reductions/arithmetic/shift.ts`):
 * depth 2 and size exactly T·w − T(T−1)/2 + (w − 1)·[T ≥ 2] with T = min(2^s, w).
 */
const shiftBounds = (w: number, s: number) => {
  const T = Math.min(2 ** s, w);
  return { depth: 2, size: T * w - (T * (T - 1)) / 2 + (T >= 2 ? w - 1 : 0) };
};

describe('shifts', () => {
  it('are exact on all inputs for w ≤ 8, s ≤ 4', () => {
    for (let w = 1; w <= 8; w++) {
      for (let s = 1; s <= 4; s++) {
        expect(findCounterexample(leftShift(w, s).circuit, specL(w, s), allAssignments(w + s)), `left w=${w} s=${s}`).toBeUndefined();
        expect(findCounterexample(rightShift(w, s).circuit, specR(w, s), allAssignments(w + s)), `right w=${w} s=${s}`).toBeUndefined();
      }
    }
  });

  it('match BigInt shifts for w ≤ 64, s ≤ 8 (property)', () => {
    const cache = new Map<string, ReturnType<typeof leftShift>>();
    const arb = fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 8 })).chain(([left, w, s]) =>
      fc.tuple(fc.constant(left), fc.constant(w), fc.constant(s), fc.bigInt({ min: 0n, max: mask(w) }), fc.bigInt({ min: 0n, max: mask(s) })),
    );
    fc.assert(
      fc.property(arb, ([left, w, s, x, a]) => {
        const key = `${left}:${w}:${s}`;
        const ac = cache.get(key) ?? (left ? leftShift(w, s) : rightShift(w, s));
        cache.set(key, ac);
        const out = fromBits(pick(evaluate(ac.circuit, place(w + s, [[ac.layout.x, x], [ac.layout.amount, a]])), ac.layout.out));
        return out === (left ? (x << a) & mask(w) : x >> a);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('meet their claimed bounds (exact size, depth 2) for w ∈ {4, 16, 64, 256}', () => {
    for (const w of [4, 16, 64, 256]) {
      for (const s of [1, ceilLog2(w), ceilLog2(w) + 2]) {
        for (const f of [leftShift, rightShift]) {
          expect(checkClaim(f(w, s).circuit, shiftBounds(w, s), true).depth).toBe(2);
        }
      }
    }
    expect(kernelAccepts(leftShift(7, 3).circuit)).toBe(true);
  });

  it('a broken construction is caught (every OR→AND flip; a moved wire)', () => {
    const [w, s] = [6, 3];
    for (const [f, spec] of [[leftShift, specL], [rightShift, specR]] as const) {
      const { circuit } = f(w, s);
      for (const g of andOrGates(circuit)) expect(findCounterexample(flipAndOr(circuit, g), spec(w, s), allAssignments(w + s))).toBeDefined();
      // the term for amount 0 at output bit 0 reads amount bit 0 in place of amount bit 1
      const firstTerm = w + s;
      expect(findCounterexample(moveWire(circuit, firstTerm, 1, w), spec(w, s), allAssignments(w + s))).toBeDefined();
    }
  });

  it('reject bad parameters', () => {
    expect(() => leftShift(0, 2)).toThrow(/^leftShift: w/);
    expect(() => rightShift(4, 0)).toThrow(/^rightShift: s/);
  });
});
