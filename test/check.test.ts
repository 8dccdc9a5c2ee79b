import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { createBuilder } from '../src/core/circuit.js';
import {
  Verified,
  checkBound,
  checkCasesExhaustive,
  checkCircuitExhaustive,
  checkCircuitProperty,
  checkProperty,
} from '../src/core/check.js';

const majority3 = () => {
  const b = createBuilder();
  const xs = b.inputs(3);
  return b.build([b.ge(xs, 2)]);
};

describe('kernel checkers', () => {
  it('verify a correct circuit exhaustively, counting every input', () => {
    const r = checkCircuitExhaustive(majority3(), (x) => [x[0]! + x[1]! + x[2]! >= 2 ? 1 : 0], 'maj', 'majority');
    expect(isRight(r) && r.right.evidence).toEqual({ tier: 'exhaustive', statement: 'majority', cases: 8 });
  });

  it('report the least failing input in binary order', () => {
    const r = checkCircuitExhaustive(majority3(), (x) => [x[0]! + x[1]! + x[2]! >= 1 ? 1 : 0], 'or', 'or');
    expect(isLeft(r) && r.left.counterexample).toEqual({ input: '100', expected: '1', actual: '0' });
  });

  it('find failures beyond the first 32-lane chunk', () => {
    const b = createBuilder();
    const xs = b.inputs(8);
    const c = b.build([b.and(xs)]);
    // claims AND of 8 bits is 0 everywhere: the only failure is the last input
    const r = checkCircuitExhaustive(c, () => [0], 'x', 'x');
    expect(isLeft(r) && r.left.counterexample).toEqual({ input: '11111111', expected: '0', actual: '1' });
  });

  it('shrink property failures and report the seed', () => {
    const b = createBuilder();
    const xs = b.inputs(20);
    const c = b.build([b.ge(xs, 20)]); // AND of 20 bits
    const r = checkCircuitProperty(c, () => [0], 'x', 'x', { seed: 5, numRuns: 200, inputs: fc.constant(Uint8Array.from({ length: 20 }, () => 1)) });
    expect(isLeft(r) && r.left.seed).toBe(5);
    const p = checkProperty(fc.integer({ min: 0, max: 1000 }), (x) => (x < 100 ? true : { x }), 'c', 's', { seed: 3, numRuns: 100 });
    expect(isLeft(p) && p.left.counterexample).toEqual({ x: 100 });
  });

  it('check finite case lists and bounds', () => {
    expect(isRight(checkCasesExhaustive([1, 2, 3], (x) => x > 0 || { x }, 'c', 's'))).toBe(true);
    const bad = checkCasesExhaustive([1, -2, 3], (x) => x > 0 || { x }, 'c', 's');
    expect(isLeft(bad) && bad.left.counterexample).toEqual({ x: -2 });
    expect(isRight(checkBound('depth', 3, 3))).toBe(true);
    expect(isLeft(checkBound('depth', 3, 4))).toBe(true);
  });

  it('cannot be forged: the Verified constructor refuses callers outside the kernel', () => {
    const Ctor = Verified as unknown as new (token: symbol, claim: unknown, evidence: unknown) => unknown;
    expect(() => new Ctor(Symbol('kernel-mint'), 'claim', {})).toThrow(/only the kernel checkers/);
  });
});
