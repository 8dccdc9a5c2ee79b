import { describe, expect, it } from 'vitest';
import { isLeft, isRight, left, right } from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import {
  SKIP,
  Verified,
  checkCasesExhaustive,
  checkCircuitExhaustive,
  checkCircuitProperty,
  checkProperty,
  isVerified,
  minDistinctInputs,
  type CircuitStatement,
} from '../src/core/check.js';

const majority3 = (): Circuit => {
  const b = createBuilder();
  const xs = b.inputs(3);
  return b.build([b.ge(xs, 2)]);
};
const stmt = (inputs: number, outputs: number, spec: CircuitStatement['spec'], text = 's'): CircuitStatement => ({ inputs, outputs, spec, text });
const maj = stmt(3, 1, (x) => [x[0]! + x[1]! + x[2]! >= 2 ? 1 : 0], 'majority');

describe('kernel checkers', () => {
  it('verify a correct circuit exhaustively, counting every input, and certify the very circuit', () => {
    const c = majority3();
    const r = checkCircuitExhaustive(c, maj, { n: 3 });
    expect(isRight(r) && r.right.evidence).toEqual({ tier: 'exhaustive', statement: 'majority', cases: 8 });
    expect(isRight(r) && r.right.claim.circuit).toBe(c);
    expect(isRight(r) && r.right.claim.params).toEqual({ n: 3 });
  });

  it('report the least failing input in binary order', () => {
    const r = checkCircuitExhaustive(majority3(), stmt(3, 1, (x) => [x[0]! + x[1]! + x[2]! >= 1 ? 1 : 0]), 'or');
    expect(isLeft(r) && r.left.counterexample).toEqual({ input: '100', expected: '1', actual: '0' });
  });

  it('find failures beyond the first 32-lane chunk', () => {
    const b = createBuilder();
    const xs = b.inputs(8);
    const c = b.build([b.and(xs)]);
    const r = checkCircuitExhaustive(c, stmt(8, 1, () => [0]), 'x');
    expect(isLeft(r) && r.left.counterexample).toEqual({ input: '11111111', expected: '0', actual: '1' });
  });

  it('shrink property failures and report the seed', () => {
    const p = checkProperty(fc.integer({ min: 0, max: 1000 }), (x) => (x < 100 ? true : { x }), 'c', 's', { seed: 3, numRuns: 100 });
    expect(isLeft(p) && p.left.counterexample).toEqual({ x: 100 });
    expect(isLeft(p) && p.left.seed).toBe(3);
    expect(isLeft(p) && p.left.message).toMatch(/seed 3/);
  });

  it('check finite case lists', () => {
    expect(isRight(checkCasesExhaustive([1, 2, 3], (x) => x > 0 || { x }, 'c', 's'))).toBe(true);
    const bad = checkCasesExhaustive([1, -2, 3], (x) => x > 0 || { x }, 'c', 's');
    expect(isLeft(bad) && bad.left.counterexample).toEqual({ x: -2 });
    expect(isLeft(bad) && bad.left.message).toBe('checkCasesExhaustive: fails on case 2');
  });
});

describe('finding 2: the statement fixes the widths', () => {
  const const0 = (inputs: number): Circuit => {
    const b = createBuilder();
    b.inputs(inputs);
    return b.build([b.constant(0)]);
  };
  const and3 = stmt(3, 1, (x) => [x[0]! & x[1]! & x[2]!], 'AND of 3 bits');

  it('a 0-input constant circuit is no proof of AND of 3 bits (audit: it used to pass after 1 case)', () => {
    const r = checkCircuitExhaustive(const0(0), and3, 'and3');
    expect(isLeft(r) && r.left.message).toBe('checkCircuitExhaustive: the statement has 3 inputs but the circuit has 0');
    const p = checkCircuitProperty(const0(0), and3, 'and3', { seed: 1, numRuns: 50 });
    expect(isLeft(p) && p.left.message).toBe('checkCircuitProperty: the statement has 3 inputs but the circuit has 0');
  });

  it('a circuit with the right inputs but the wrong number of outputs is refused', () => {
    const b = createBuilder();
    const xs = b.inputs(3);
    const c = b.build([b.and(xs), b.or(xs)]);
    const r = checkCircuitExhaustive(c, and3, 'and3');
    expect(isLeft(r) && r.left.message).toBe('checkCircuitExhaustive: the statement has 1 outputs but the circuit has 2');
  });

  it('with the right widths, the constant circuit is caught with a counterexample', () => {
    const r = checkCircuitExhaustive(const0(3), and3, 'and3');
    expect(isLeft(r) && r.left.counterexample).toEqual({ input: '111', expected: '1', actual: '0' });
  });

  it('a spec that answers with the wrong number of bits is a counterexample, not a pass', () => {
    const r = checkCircuitExhaustive(majority3(), stmt(3, 1, () => []), 'x');
    expect(isLeft(r) && r.left.counterexample).toEqual({ input: '000', expected: '', actual: '0' });
  });

  it('an invalid circuit (finding 8: Circuit is a plain interface) is refused before it is evaluated', () => {
    const c = majority3();
    const broken: Circuit = { ...c, fanin: Uint32Array.from([0, 1, 3]) }; // gate 3 reads itself
    const r = checkCircuitExhaustive(broken, maj, 'x');
    expect(isLeft(r) && r.left.message).toMatch(/^checkCircuitExhaustive: not a valid circuit: validateCircuit: /);
    const p = checkCircuitProperty({ ...c, numInputs: 2 }, maj, 'x', { seed: 1, numRuns: 10 });
    expect(isLeft(p) && p.left.message).toMatch(/not a valid circuit/);
  });

  it('a property input generator with the wrong width fails the check', () => {
    const r = checkCircuitProperty(majority3(), maj, 'x', { seed: 1, numRuns: 20, inputs: fc.constant(Uint8Array.of(1, 1)) });
    expect(isLeft(r) && JSON.stringify(r.left.counterexample)).toMatch(/the input generator gave 2 bits, the statement has 3/);
  });
});

describe('finding 7: the property tier cannot go blind', () => {
  // 24 inputs; the circuit differs from the spec exactly when inputs 0..3 are all 1 (1 in 16)
  const planted = (): Circuit => {
    const b = createBuilder();
    const xs = b.inputs(24);
    const parity = b.ge(xs.slice(4, 8), 2); // some function of inputs 4..7
    const trap = b.and(xs.slice(0, 4));
    return b.build([b.ge([parity, trap], 1, [1, 1])]); // parity OR trap
  };
  const spec = stmt(24, 1, (x) => [x[4]! + x[5]! + x[6]! + x[7]! >= 2 ? 1 : 0], 'majority-ish of inputs 4..7');

  it('finds a planted bug of density 1/16 with the default input generator, shrunk and seeded', () => {
    const r = checkCircuitProperty(planted(), spec, 'x', { seed: 7, numRuns: 200 });
    expect(isLeft(r)).toBe(true);
    if (isLeft(r)) {
      expect(r.left.seed).toBe(7);
      const cex = r.left.counterexample as { input: string; expected: string; actual: string };
      expect(cex.input.slice(0, 4)).toBe('1111');
      expect(cex.expected).toBe('0');
      expect(cex.actual).toBe('1');
      // shrunk: no more ones than the bug needs
      expect([...cex.input].filter((ch) => ch === '1').length).toBe(4);
    }
  });

  it('refuses a generator that produces (nearly) one input: a blind property check fails', () => {
    const blind = fc.constant(new Uint8Array(24));
    const r = checkCircuitProperty(planted(), spec, 'x', { seed: 7, numRuns: 200, inputs: blind });
    expect(isLeft(r) && r.left.message).toBe('checkCircuitProperty: only 1 distinct inputs in 200 runs (at least 50 required): the input generator is blind');
  });

  it('requires ⌈min(runs, 2^width)/4⌉ distinct inputs', () => {
    expect(minDistinctInputs(24, 200)).toBe(50);
    expect(minDistinctInputs(3, 200)).toBe(2);
    expect(minDistinctInputs(0, 200)).toBe(1);
    expect(minDistinctInputs(10, 1)).toBe(1);
  });
});

describe('finding 5: vacuous checks fail', () => {
  it('an empty case list fails', () => {
    const r = checkCasesExhaustive([], () => true, 'c', 's');
    expect(isLeft(r) && r.left.message).toBe('checkCasesExhaustive: the case list is empty: nothing was checked');
  });

  it('numRuns 0 (or negative, or fractional) fails', () => {
    for (const numRuns of [0, -1, 1.5]) {
      const r = checkProperty(fc.integer(), () => true, 'c', 's', { seed: 1, numRuns });
      expect(isLeft(r) && r.left.message).toMatch(/^checkProperty: numRuns must be an integer ≥ 1/);
      const c = checkCircuitProperty(majority3(), maj, 'x', { seed: 1, numRuns });
      expect(isLeft(c)).toBe(true);
    }
  });

  it('skipped cases: allowed up to the stated fraction, counted in the evidence', () => {
    const pred = (x: number) => (x % 4 === 0 ? SKIP : true);
    const ok = checkCasesExhaustive([1, 2, 3, 4, 5, 6, 7, 8], pred, 'c', 's', { maxSkipFraction: 0.25 });
    expect(isRight(ok) && ok.right.evidence).toEqual({ tier: 'exhaustive', statement: 's', cases: 8, skipped: 2 });
    const tooMany = checkCasesExhaustive([1, 2, 3, 4, 5, 6, 7, 8], pred, 'c', 's', { maxSkipFraction: 0.2 });
    expect(isLeft(tooMany) && tooMany.left.message).toBe('checkCasesExhaustive: 2 of 8 cases skipped (25.0 %), more than the stated 20.0 %');
    const undeclared = checkCasesExhaustive([1, 2, 3, 4], pred, 'c', 's');
    expect(isLeft(undeclared)).toBe(true);
    const all = checkCasesExhaustive([4, 8], pred, 'c', 's', { maxSkipFraction: 1 });
    expect(isLeft(all) && all.left.message).toBe('checkCasesExhaustive: every one of the 2 cases was skipped: nothing was checked');
    const bad = checkCasesExhaustive([1], pred, 'c', 's', { maxSkipFraction: 2 });
    expect(isLeft(bad) && bad.left.message).toMatch(/maxSkipFraction must be in \[0, 1\]/);
  });

  it('skipped cases in property checks likewise', () => {
    const arb = fc.integer({ min: 0, max: 99 });
    const ok = checkProperty(arb, (x) => (x < 10 ? SKIP : true), 'c', 's', { seed: 2, numRuns: 100, maxSkipFraction: 0.4 });
    expect(isRight(ok) && ok.right.evidence.skipped).toBe(32); // fast-check favours small values
    const over = checkProperty(arb, (x) => (x < 10 ? SKIP : true), 'c', 's', { seed: 2, numRuns: 100, maxSkipFraction: 0.3 });
    expect(isLeft(over) && over.left.message).toBe('checkProperty: 32 of 100 cases skipped (32.0 %), more than the stated 30.0 %');
    const all = checkProperty(arb, () => SKIP, 'c', 's', { seed: 2, numRuns: 100, maxSkipFraction: 0.5 });
    expect(isLeft(all) && all.left.message).toBe('checkProperty: every one of the 100 cases was skipped: nothing was checked');
  });
});

describe('finding 1: a Verified cannot be forged or changed', () => {
  it('the constructor refuses any key but the kernel’s', () => {
    const Ctor = Verified as unknown as new (key: symbol, claim: unknown, evidence: unknown) => unknown;
    expect(() => new Ctor(Symbol('kernel-mint'), 'claim', {})).toThrow(/only the kernel checkers/);
    expect(() => Reflect.construct(Verified, [undefined, 'claim', {}])).toThrow(/only the kernel checkers/);
  });

  it('has no static minter', () => {
    expect(Object.getOwnPropertyNames(Verified).filter((k) => !['length', 'name', 'prototype'].includes(k))).toEqual([]);
    expect((Verified as unknown as Record<string, unknown>)['_mint']).toBeUndefined();
  });

  it('Object.create(Verified.prototype) and plain look-alikes are not Verified', () => {
    const fake = Object.create(Verified.prototype) as Verified<string>;
    expect(fake instanceof Verified).toBe(false);
    expect(isVerified(fake)).toBe(false);
    expect(isVerified({ claim: 'x', evidence: { tier: 'exhaustive', statement: 's', cases: 1 } })).toBe(false);
    expect(isVerified(null)).toBe(false);
  });

  it('the class, its prototype and hasInstance cannot be replaced', () => {
    expect(() => Object.defineProperty(Verified, Symbol.hasInstance, { value: () => true })).toThrow(TypeError);
    expect(() => {
      (Verified.prototype as unknown as Record<string, unknown>)['x'] = 1;
    }).toThrow(TypeError);
  });

  it('a real Verified is frozen: claim and evidence cannot be overwritten', () => {
    const r = checkCasesExhaustive([1], () => true, { n: 1 }, 's');
    expect(isRight(r)).toBe(true);
    if (!isRight(r)) return;
    const v = r.right;
    expect(v instanceof Verified).toBe(true);
    expect(isVerified(v)).toBe(true);
    expect(() => {
      (v as unknown as { claim: unknown }).claim = { n: 2 };
    }).toThrow(TypeError);
    expect(() => {
      (v.evidence as unknown as { cases: number }).cases = 1000;
    }).toThrow(TypeError);
    expect(() => {
      (v.claim as { n: number }).n = 2;
    }).toThrow(TypeError);
    expect(v.claim).toEqual({ n: 1 });
  });

  it('either values carrying forged Verified are plain data that the verdict rules refuse (see verdict.test.ts)', () => {
    const forged = right(Object.create(Verified.prototype) as Verified<unknown>);
    expect(isRight(forged) && isVerified(forged.right)).toBe(false);
    expect(isLeft(left(1))).toBe(true);
  });
});
