/**
 * Edge cases of the kernel checkers (src/core/check.ts), written to kill the mutants that the
 * main tests left alive (docs/trust.md, "Mutation testing").
 */
import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import {
  MAX_EXHAUSTIVE_INPUTS,
  SKIP,
  checkCasesExhaustive,
  checkCircuitExhaustive,
  checkCircuitProperty,
  checkCircuitSmt,
  checkFailure,
  checkProperty,
  isVerified,
  type CircuitStatement,
} from '../src/core/check.js';

const stmt = (inputs: number, outputs: number, spec: CircuitStatement['spec'], text = 's'): CircuitStatement => ({ inputs, outputs, spec, text });
const andOf = (n: number): Circuit => {
  const b = createBuilder();
  const xs = b.inputs(n);
  return b.build([b.and(xs)]);
};
const and2 = stmt(2, 1, (x) => [x[0]! & x[1]!], 'AND');

describe('checkFailure', () => {
  it('has its tag, and no counterexample or seed keys unless given', () => {
    expect(checkFailure('exhaustive', 'm')).toStrictEqual({ _tag: 'CheckFailure', tier: 'exhaustive', message: 'm' });
    expect(checkFailure('sat', 'm', { x: 1 }, 4)).toStrictEqual({ _tag: 'CheckFailure', tier: 'sat', message: 'm', counterexample: { x: 1 }, seed: 4 });
    expect('counterexample' in checkFailure('sat', 'm', undefined, 4)).toBe(false);
  });
});

describe('claims', () => {
  it('a typed-array claim is kept (it cannot be frozen) and a primitive claim is fine', () => {
    const r = checkCasesExhaustive([1], () => true, Uint8Array.of(1, 2), 's');
    expect(isRight(r) && Array.from(r.right.claim)).toEqual([1, 2]);
    const p = checkCasesExhaustive([1], () => true, 'text', 's');
    expect(isRight(p) && p.right.claim).toBe('text');
    expect(isVerified(1)).toBe(false);
    expect(isVerified('x')).toBe(false);
    expect(isVerified(undefined)).toBe(false);
  });
});

describe('statement widths', () => {
  it('refuse statements whose widths are not non-negative integers, naming the tier', () => {
    for (const [inputs, outputs, what, got] of [
      [-1, 1, 'inputs', '-1'],
      [1.5, 1, 'inputs', '1.5'],
      [2, Number.NaN, 'outputs', 'NaN'],
    ] as const) {
      const r = checkCircuitExhaustive(andOf(2), stmt(inputs, outputs, () => [0]), 'x');
      expect(isLeft(r) && r.left).toStrictEqual({
        _tag: 'CheckFailure',
        tier: 'exhaustive',
        message: `checkCircuitExhaustive: the statement's ${what} must be a non-negative integer, got ${got}`,
      });
    }
    const p = checkCircuitProperty(andOf(2), stmt(-1, 1, () => [0]), 'x', { seed: 1, numRuns: 5 });
    expect(isLeft(p) && p.left.tier).toBe('property');
  });

  it('accept a statement with no inputs (a constant circuit has one assignment)', () => {
    const b = createBuilder();
    const c = b.build([b.constant(1)]);
    const r = checkCircuitExhaustive(c, stmt(0, 1, () => [1]), 'one');
    expect(isRight(r) && r.right.evidence.cases).toBe(1);
  });
});

describe('checkCircuitExhaustive', () => {
  it('refuses more than MAX_EXHAUSTIVE_INPUTS inputs with a message', () => {
    const n = MAX_EXHAUSTIVE_INPUTS + 1;
    const r = checkCircuitExhaustive(andOf(n), stmt(n, 1, (x) => [x.every((b) => b === 1) ? 1 : 0]), 'x');
    expect(isLeft(r) && r.left).toStrictEqual({ _tag: 'CheckFailure', tier: 'exhaustive', message: `checkCircuitExhaustive: ${n} inputs is more than ${MAX_EXHAUSTIVE_INPUTS}` });
  });

  it('reports the least failing input even when another chunk of 32 fails too', () => {
    // AND of 6 bits; the spec is wrong at input 0 (says 1) and at input 63 (says 0)
    const spec = stmt(6, 1, (x) => {
      const a = x.reduce((s, b, j) => s + b * 2 ** j, 0);
      return [a === 0 ? 1 : a === 63 ? 0 : 0];
    });
    const r = checkCircuitExhaustive(andOf(6), spec, 'x');
    expect(isLeft(r) && r.left).toStrictEqual({
      _tag: 'CheckFailure',
      tier: 'exhaustive',
      message: 'checkCircuitExhaustive: circuit and spec differ on input 000000',
      counterexample: { input: '000000', expected: '1', actual: '0' },
    });
  });

  it('certifies the circuit, the statement and the parameters it checked', () => {
    const c = andOf(2);
    const r = checkCircuitExhaustive(c, and2, { w: 2 });
    expect(isRight(r) && r.right.claim).toStrictEqual({ circuit: c, statement: and2, params: { w: 2 } });
    expect(isRight(r) && r.right.evidence).toStrictEqual({ tier: 'exhaustive', statement: 'AND', cases: 4 });
  });
});

describe('checkCircuitProperty', () => {
  it('certifies the circuit it checked, with the property evidence', () => {
    const c = andOf(2);
    const r = checkCircuitProperty(c, and2, { w: 2 }, { seed: 3, numRuns: 12 });
    expect(isRight(r) && r.right.claim).toStrictEqual({ circuit: c, statement: and2, params: { w: 2 } });
    expect(isRight(r) && r.right.evidence).toStrictEqual({ tier: 'property', statement: 'AND', cases: 12, seed: 3 });
  });

  it('renames the failure to its own rule and names the tier', () => {
    const r = checkCircuitProperty(andOf(2), stmt(2, 1, () => [1]), 'x', { seed: 3, numRuns: 50 });
    expect(isLeft(r) && r.left.tier).toBe('property');
    expect(isLeft(r) && r.left.message).toMatch(/^checkCircuitProperty: fails after \d+ runs and \d+ shrinks \(seed 3, path "[\d:]*"\)$/);
  });

  it('passes with exactly the required number of distinct inputs, and fails with one fewer', () => {
    // 3 inputs, 8 runs: at least ⌈min(8, 8)/4⌉ = 2 distinct inputs
    const two = fc.constantFrom(Uint8Array.of(0, 0, 0), Uint8Array.of(1, 1, 1));
    const ok = checkCircuitProperty(andOf(3), stmt(3, 1, (x) => [x[0]! & x[1]! & x[2]!]), 'x', { seed: 1, numRuns: 8, inputs: two });
    expect(isRight(ok)).toBe(true);
    const one = fc.constant(Uint8Array.of(1, 1, 1));
    const bad = checkCircuitProperty(andOf(3), stmt(3, 1, (x) => [x[0]! & x[1]! & x[2]!]), 'x', { seed: 1, numRuns: 8, inputs: one });
    expect(isLeft(bad) && bad.left).toStrictEqual({
      _tag: 'CheckFailure',
      tier: 'property',
      message: 'checkCircuitProperty: only 1 distinct inputs in 8 runs (at least 2 required): the input generator is blind',
      seed: 1,
    });
  });
});

describe('checkCasesExhaustive and checkProperty', () => {
  it('a failing case is reported by number, with the tier', () => {
    const r = checkCasesExhaustive([5, 6], (x) => (x === 6 ? { x } : true), 'c', 's');
    expect(isLeft(r) && r.left).toStrictEqual({ _tag: 'CheckFailure', tier: 'exhaustive', message: 'checkCasesExhaustive: fails on case 2', counterexample: { x: 6 } });
  });

  it('no skipped key in the evidence when nothing was skipped', () => {
    const r = checkCasesExhaustive([1], () => true, 'c', 's', { maxSkipFraction: 0.5 });
    expect(isRight(r) && r.right.evidence).toStrictEqual({ tier: 'exhaustive', statement: 's', cases: 1 });
    const p = checkProperty(fc.integer(), () => true, 'c', 's', { seed: 1, numRuns: 3, maxSkipFraction: 0.5 });
    expect(isRight(p) && p.right.evidence).toStrictEqual({ tier: 'property', statement: 's', cases: 3, seed: 1 });
  });

  it('refuses a negative or above-one skip fraction', () => {
    for (const max of [-0.5, 1.5]) {
      const r = checkCasesExhaustive([1, 2], () => true, 'c', 's', { maxSkipFraction: max });
      expect(isLeft(r) && r.left.message).toBe(`checkCasesExhaustive: maxSkipFraction must be in [0, 1], got ${max}`);
      const p = checkProperty(fc.integer(), () => true, 'c', 's', { seed: 1, numRuns: 3, maxSkipFraction: max });
      expect(isLeft(p) && p.left).toStrictEqual({ _tag: 'CheckFailure', tier: 'property', message: `checkProperty: maxSkipFraction must be in [0, 1], got ${max}`, seed: 1 });
    }
  });

  it('a fraction exactly at the stated maximum is allowed', () => {
    const r = checkCasesExhaustive([1, 2, 3, 4], (x) => (x <= 2 ? SKIP : true), 'c', 's', { maxSkipFraction: 0.5 });
    expect(isRight(r) && r.right.evidence.skipped).toBe(2);
  });

  it('numRuns 1 is enough; the refusal names the tier and seed', () => {
    expect(isRight(checkProperty(fc.integer(), () => true, 'c', 's', { seed: 1, numRuns: 1 }))).toBe(true);
    const r = checkProperty(fc.integer(), () => true, 'c', 's', { seed: 9, numRuns: 0 });
    expect(isLeft(r) && r.left).toStrictEqual({ _tag: 'CheckFailure', tier: 'property', message: 'checkProperty: numRuns must be an integer ≥ 1, got 0: nothing would be checked', seed: 9 });
  });

  it('a predicate that throws is a failure that says so', () => {
    const r = checkProperty(
      fc.integer(),
      () => {
        throw new Error('boom');
      },
      'c',
      's',
      { seed: 2, numRuns: 5 },
    );
    // a throwing predicate is a failure (shrunk like any other), never an exception out of the kernel
    expect(isLeft(r) && r.left.message).toMatch(/^checkProperty: fails after 1 runs and \d+ shrinks \(seed 2/);
    expect(isLeft(r) && r.left.counterexample).toStrictEqual({ case: 0, reason: 'the predicate threw: boom' });
    const s = checkProperty(
      fc.integer(),
      () => {
        throw 'plain';
      },
      'c',
      's',
      { seed: 2, numRuns: 5 },
    );
    expect(isLeft(s) && s.left.counterexample).toStrictEqual({ case: 0, reason: 'the predicate threw: plain' });
  });

  it('when the shrunk case passes on replay (a flaky predicate), the case itself is the counterexample', () => {
    let calls = 0;
    const flaky = (x: number) => (calls++ < 1 ? { x } : true);
    const r = checkProperty(fc.constant(7), flaky, 'c', 's', { seed: 1, numRuns: 5 });
    expect(isLeft(r) && r.left.counterexample).toBe(7);
    let skipCalls = 0;
    const skipsOnReplay = (x: number) => (skipCalls++ < 1 ? { x } : SKIP);
    const q = checkProperty(fc.constant(8), skipsOnReplay, 'c', 's', { seed: 1, numRuns: 5 });
    expect(isLeft(q) && q.left.counterexample).toBe(8);
  });
});

describe('checkCircuitSmt', () => {
  it('proves a correct circuit, certifying it, with the tier and query count', async () => {
    const c = andOf(2);
    const r = await checkCircuitSmt(c, and2, ({ ctx, inputs }) => [ctx.And(inputs[0]!, inputs[1]!)], { w: 2 });
    expect(isRight(r)).toBe(true);
    if (isRight(r)) {
      expect(r.right.claim).toStrictEqual({ circuit: c, statement: and2, params: { w: 2 } });
      expect(r.right.evidence.tier).toBe('sat');
      expect(r.right.evidence.cases).toBe(1);
      expect(r.right.evidence.statement).toMatch(/^AND \(z3 miter unsat; 3 gates, \d+ ms\)$/);
    }
  });

  it('reports a counterexample from the miter', async () => {
    const r = await checkCircuitSmt(andOf(2), and2, ({ ctx, inputs }) => [ctx.Or(inputs[0]!, inputs[1]!)], 'x');
    expect(isLeft(r) && r.left.tier).toBe('sat');
    expect(isLeft(r) && r.left.message).toMatch(/^checkCircuitSmt: /);
    const cex = isLeft(r) ? (r.left.counterexample as { input: string; expected: string; actual: string }) : null;
    expect(cex?.expected).toBe('1');
    expect(cex?.actual).toBe('0');
    expect(['10', '01']).toContain(cex?.input);
  });

  it('refuses a circuit of the wrong width before calling the solver, and a spec error is no counterexample', async () => {
    const r = await checkCircuitSmt(andOf(3), and2, ({ ctx, inputs }) => [ctx.And(inputs[0]!, inputs[1]!)], 'x');
    expect(isLeft(r) && r.left).toStrictEqual({ _tag: 'CheckFailure', tier: 'sat', message: 'checkCircuitSmt: the statement has 2 inputs but the circuit has 3' });
    const e = await checkCircuitSmt(andOf(2), and2, () => [], 'x');
    expect(isLeft(e) && e.left.tier).toBe('sat');
    expect(isLeft(e) && 'counterexample' in e.left).toBe(false);
  });
});

describe('more edges', () => {
  it('an empty list and too many skips fail in the exhaustive tier, with the skip counts', () => {
    const e = checkCasesExhaustive([], () => true, 'c', 's');
    expect(isLeft(e) && e.left.tier).toBe('exhaustive');
    const k = checkCasesExhaustive([1, 2], (x) => (x === 1 ? SKIP : true), 'c', 's');
    expect(isLeft(k) && k.left).toStrictEqual({
      _tag: 'CheckFailure',
      tier: 'exhaustive',
      message: 'checkCasesExhaustive: 1 of 2 cases skipped (50.0 %), more than the stated 0.0 %',
      counterexample: { skipped: 1, cases: 2, maxSkipFraction: 0 },
    });
  });

});
