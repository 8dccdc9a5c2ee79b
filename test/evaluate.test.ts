import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createBuilder, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { evaluate, evaluateGates } from '../src/core/evaluate.js';
import { evaluateAllInputs, evaluateBatch, evaluateWords, inputWordsOf, outputWords } from '../src/core/evaluateBitParallel.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';

/** x0, x1, x2 → [x0 ∧ x1, θ≥2(x0, x1, x2)] (3 inputs, 5 gates, 2 outputs). */
const c3 = ((): Circuit => {
  const b = createBuilder();
  const [x0, x1, x2] = b.inputs(3);
  return b.build([b.and([x0!, x1!]), b.ge([x0!, x1!, x2!], 2)]);
})();

describe('input lengths: every evaluator refuses a short or long input with a RangeError', () => {
  it('evaluate and evaluateGates, with and without scratch', () => {
    for (const bad of [[], [1, 0], [1, 0, 1, 1]]) {
      const msg = `evaluate: circuit has 3 inputs, got ${bad.length} bits`;
      expect(() => evaluate(c3, bad)).toThrow(new RangeError(msg));
      expect(() => evaluateGates(c3, bad)).toThrow(new RangeError(msg));
      expect(() => evaluate(c3, bad, new Uint8Array(5))).toThrow(new RangeError(msg));
      expect(() => evaluateGates(c3, bad, new Uint8Array(100))).toThrow(new RangeError(msg));
    }
    expect(() => evaluate(c3, [1, 0, 1])).not.toThrow();
  });

  it('evaluate and evaluateGates refuse a scratch shorter than numGates, and use a long enough one', () => {
    expect(() => evaluateGates(c3, [1, 1, 0], new Uint8Array(4))).toThrow(
      new RangeError('evaluate: scratch has 4 entries, need numGates = 5'),
    );
    expect(() => evaluate(c3, [1, 1, 0], new Uint8Array(0))).toThrow(RangeError);
    const exact = new Uint8Array(5);
    expect(evaluateGates(c3, [1, 1, 0], exact)).toBe(exact);
    expect(Array.from(exact)).toEqual([1, 1, 0, 1, 1]);
    const long = new Uint8Array(8).fill(7);
    expect(evaluateGates(c3, [0, 1, 1], long)).toBe(long);
    expect(Array.from(long)).toEqual([0, 1, 1, 0, 1, 7, 7, 7]);
    expect(Array.from(evaluate(c3, [1, 0, 1], long))).toEqual([0, 1]);
  });

  it('evaluateBatch: names the assignment (its index in the whole batch) and both lengths', () => {
    const good = Array.from({ length: 40 }, (_, a) => [a & 1, (a >> 1) & 1, (a >> 2) & 1]);
    expect(() => evaluateBatch(c3, [[1, 0]])).toThrow(new RangeError('evaluateBatch: circuit has 3 inputs, assignment 0 has 2 bits'));
    expect(() => evaluateBatch(c3, [[1, 0, 1], [1, 0, 1, 0]])).toThrow(
      new RangeError('evaluateBatch: circuit has 3 inputs, assignment 1 has 4 bits'),
    );
    const late = [...good];
    late[37] = [1];
    expect(() => evaluateBatch(c3, late)).toThrow(new RangeError('evaluateBatch: circuit has 3 inputs, assignment 37 has 1 bits'));
    const last = [...good, []];
    expect(() => evaluateBatch(c3, last)).toThrow(/assignment 40 has 0 bits/);
    expect(evaluateBatch(c3, good).map((o) => Array.from(o))).toEqual(good.map((a) => Array.from(evaluate(c3, a))));
    expect(evaluateBatch(c3, [])).toEqual([]);
  });

  it('evaluateWords: with and without scratch', () => {
    for (const bad of [[], [1, 2], [1, 2, 3, 4]]) {
      const msg = `evaluateWords: circuit has 3 inputs, got ${bad.length} words`;
      expect(() => evaluateWords(c3, bad)).toThrow(new RangeError(msg));
      expect(() => evaluateWords(c3, bad, new Uint32Array(5))).toThrow(new RangeError(msg));
    }
    expect(() => evaluateWords(c3, [1, 2, 3], new Uint32Array(4))).toThrow(new RangeError('evaluateWords: scratch has 4 words, need 5'));
  });

  it('inputWordsOf: every assignment, and into, must have numInputs entries', () => {
    expect(() => inputWordsOf(3, [[1, 0, 1], [1]])).toThrow(new RangeError('inputWordsOf: circuit has 3 inputs, assignment 1 has 1 bits'));
    expect(() => inputWordsOf(3, [[1, 0, 1]], new Uint32Array(2))).toThrow(
      new RangeError('inputWordsOf: circuit has 3 inputs, into has 2 words'),
    );
    expect(() => inputWordsOf(3, [[1, 0, 1]], new Uint32Array(4))).toThrow(/into has 4 words/);
    const into = new Uint32Array(3).fill(0xff);
    expect(inputWordsOf(3, [[1, 0, 1], [1, 1, 0]], into)).toBe(into);
    expect(Array.from(into)).toEqual([0b11, 0b10, 0b01]);
  });

  it('outputWords: gate words for every gate, into for every output', () => {
    const g = evaluateWords(c3, [0b1010, 0b1100, 0b0110]);
    expect(() => outputWords(c3, g.subarray(0, 4))).toThrow(new RangeError('outputWords: circuit has 5 gates, got 4 gate words'));
    expect(() => outputWords(c3, g, new Uint32Array(1))).toThrow(new RangeError('outputWords: circuit has 2 outputs, into has 1 words'));
    expect(Array.from(outputWords(c3, g))).toEqual([0b1000, 0b1110]);
    const into = new Uint32Array(3).fill(9);
    expect(outputWords(c3, g, into)).toBe(into);
    expect(Array.from(into)).toEqual([0b1000, 0b1110, 9]);
  });

  it('evaluateAllInputs takes no input: it enumerates all of them', () => {
    let count = 0;
    expect(evaluateAllInputs(c3, (_g, _base, lanes) => void (count += lanes))).toBe(8);
    expect(count).toBe(8);
  });
});

// ---------------------------------------------------------------------------------------------
// The reference evaluator's semantics, gate by gate
// ---------------------------------------------------------------------------------------------

/** An independent evaluator over the object-per-gate form. */
const referenceEval = (c: Circuit, input: readonly number[]): number[] => {
  const gates = toGateSpecs(c);
  const v: number[] = [];
  let next = 0;
  for (const g of gates) {
    switch (g.type) {
      case 'input':
        v.push(input[next++]! ? 1 : 0);
        break;
      case 'const':
        v.push(g.value);
        break;
      case 'not':
        v.push(1 - v[g.args[0]!]!);
        break;
      case 'and':
        v.push(g.args.every((a) => v[a] === 1) ? 1 : 0);
        break;
      case 'or':
        v.push(g.args.some((a) => v[a] === 1) ? 1 : 0);
        break;
      default: {
        const sum = g.args.reduce((s, a, j) => s + v[a]! * (g.weights?.[j] ?? 1), 0);
        v.push((g.type === 'ge' ? sum >= g.k : sum <= g.k) ? 1 : 0);
      }
    }
  }
  return v;
};

const allInputs = (n: number): number[][] =>
  Array.from({ length: 2 ** n }, (_, a) => Array.from({ length: n }, (_, j) => (a >> j) & 1));

describe('evaluate: semantics', () => {
  it('input gates read the input bit of their number, wherever they are', () => {
    const b = createBuilder();
    const k = b.constant(1);
    const x0 = b.input();
    const n = b.not(k);
    const x1 = b.input();
    const c = b.build([x1, x0, n]);
    expect(Array.from(evaluate(c, [1, 0]))).toEqual([0, 1, 0]);
    expect(Array.from(evaluate(c, [0, 1]))).toEqual([1, 0, 0]);
    expect(Array.from(evaluateGates(c, [0, 1]))).toEqual([1, 0, 0, 1]);
  });

  it('any truthy input entry reads as 1', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([x!, y!, b.and([x!, y!])]);
    expect(Array.from(evaluate(c, [2, -1]))).toEqual([1, 1, 1]);
    expect(Array.from(evaluate(c, [0.5, 0]))).toEqual([1, 0, 0]);
  });

  it('const, NOT, AND, OR, and the empty AND() = 1, OR() = 0', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([
      b.constant(0),
      b.constant(1),
      b.not(x!),
      b.and([x!, y!]),
      b.or([x!, y!]),
      b.and([]),
      b.or([]),
      b.and([y!, x!, x!]),
      b.or([y!, y!, x!]),
    ]);
    const table = allInputs(2).map((a) => Array.from(evaluate(c, a)));
    expect(table).toEqual([
      [0, 1, 1, 0, 0, 1, 0, 0, 0],
      [0, 1, 0, 0, 1, 1, 0, 0, 1],
      [0, 1, 1, 0, 1, 1, 0, 0, 1],
      [0, 1, 0, 1, 1, 1, 0, 1, 1],
    ]);
  });

  it('θ≥k and θ≤k, unweighted, at every k in range', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const outs: number[] = [];
    for (let k = -4; k <= 4; k++) outs.push(b.ge([x!, y!, z!], k), b.le([x!, y!, z!], k));
    const c = b.build(outs);
    for (const a of allInputs(3)) {
      const s = a[0]! + a[1]! + a[2]!;
      const want: number[] = [];
      for (let k = -4; k <= 4; k++) want.push(s >= k ? 1 : 0, s <= k ? 1 : 0);
      expect(Array.from(evaluate(c, a))).toEqual(want);
    }
  });

  it('weighted thresholds: Σ w·x with negative and zero weights, the last wire included', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const outs: number[] = [];
    for (let k = -6; k <= 6; k++) outs.push(b.ge([x!, y!, z!], k, [2, 0, -3]), b.le([z!, x!, y!], k, [-1, 1, 4]));
    const c = b.build(outs);
    for (const a of allInputs(3)) {
      const s1 = 2 * a[0]! - 3 * a[2]!;
      const s2 = -a[2]! + a[0]! + 4 * a[1]!;
      const want: number[] = [];
      for (let k = -6; k <= 6; k++) want.push(s1 >= k ? 1 : 0, s2 <= k ? 1 : 0);
      expect(Array.from(evaluate(c, a))).toEqual(want);
    }
  });

  it('thresholds with no arguments compare 0 with k', () => {
    const b = createBuilder();
    const c = b.build([b.ge([], 0), b.ge([], 1), b.le([], 0), b.le([], -1)]);
    expect(Array.from(evaluate(c, []))).toEqual([1, 0, 1, 0]);
  });

  it('an unweighted gate in a weighted circuit has weight 1 on every wire', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const g = b.ge([x!, y!], 2);
    const c = b.build([g, b.ge([x!, y!], 1, [-1, 2])]);
    expect(c.weight).not.toBeNull();
    expect(allInputs(2).map((a) => Array.from(evaluate(c, a)))).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
  });

  it('evaluateGates returns every gate, evaluate the outputs in order (repeated ones too)', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const a = b.and([x!, y!]);
    const n = b.not(a);
    const c = b.build([n, a, n, x!]);
    expect(Array.from(evaluateGates(c, [1, 1]))).toEqual([1, 1, 1, 0]);
    expect(Array.from(evaluate(c, [1, 1]))).toEqual([0, 1, 0, 1]);
    expect(Array.from(evaluate(c, [0, 1]))).toEqual([1, 0, 1, 0]);
  });

  it('a scratch array is overwritten, whatever it held', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.or([x!, y!]), b.and([x!, y!]), b.not(x!)]);
    const s = new Uint8Array(5).fill(1);
    expect(Array.from(evaluate(c, [0, 0], s))).toEqual([0, 0, 1]);
    expect(Array.from(s)).toEqual([0, 0, 0, 0, 1]);
    s.fill(0);
    expect(Array.from(evaluate(c, [1, 1], s))).toEqual([1, 1, 0]);
  });

  it('agrees with an independent evaluator on random circuits and inputs', () => {
    fc.assert(
      fc.property(
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 40 }).chain((c) =>
          fc.tuple(fc.constant(c), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: c.numInputs, maxLength: c.numInputs })),
        ),
        ([c, input]) => {
          const all = referenceEval(c, input);
          expect(Array.from(evaluateGates(c, input))).toEqual(all);
          expect(Array.from(evaluate(c, input))).toEqual(Array.from(c.outputs, (o) => all[o]));
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});
