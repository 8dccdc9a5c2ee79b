// Mutation-killing tests for src/core/evaluateBitParallel.ts (docs/trust.md, "Mutation testing"):
// exact words and messages at the edges the random agreement tests rarely reach. Everything is
// computed inside `it`, so that a mutant that throws fails a test instead of the collection.
import { describe, expect, it } from 'vitest';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import {
  evaluateAllInputs,
  evaluateBatch,
  evaluateWords,
  inputWordsOf,
  LANES,
  MAX_EXHAUSTIVE_INPUTS,
  outputWords,
} from '../src/core/evaluateBitParallel.js';

/** A copy of `c` with gate `gate`'s param (threshold k) replaced: raw, no builder range check. */
const withParam = (c: Circuit, gate: number, param: number): Circuit => {
  const p = Int32Array.from(c.param);
  p[gate] = param;
  return { ...c, param: p };
};

const X0 = 0xaaaaaaaa; // input word of x0 in evaluateAllInputs' first chunk: lane b = bit 0 of b

describe('thresholds: the counter scratch is shared by all gates of a pass', () => {
  it('a large gate after a larger one ignores the counter bits above its own width', () => {
    const b = createBuilder();
    const [x] = b.inputs(1) as [number];
    const one = b.constant(1);
    // 300 = 0b1_0010_1100: leaves counter bit 8 set (all lanes)
    const big = b.ge(Array.from({ length: 300 }, () => one), 300);
    // fan-in 200 (8 counter bits): 100 ones + 100 × x, so the count is 100 or 200
    const args = [...Array.from({ length: 100 }, () => one), ...Array.from({ length: 100 }, () => x)];
    const ge = b.ge(args, 150);
    const le = b.le(args, 149);
    const ge2 = b.ge(args, 200);
    const le2 = b.le(args, 100);
    // weighted afterwards too (the weighted counter uses the same scratch)
    const c = b.build([big, ge, le, ge2, le2]);
    const words = outputWords(c, evaluateWords(c, Uint32Array.of(X0)));
    expect(Array.from(words)).toEqual([0xffffffff, X0, ~X0 >>> 0, X0, ~X0 >>> 0]);
  });

  it('weighted gates after large ones, and large ones after weighted ones', () => {
    const b = createBuilder();
    const [x] = b.inputs(1) as [number];
    const one = b.constant(1);
    const heavy = b.ge([one, one, x], 2 ** 30, [2 ** 29, 2 ** 29 - 1, 1]); // 2^30 − 1 + x ≥ 2^30 ⟺ x
    const light = b.ge([one, x], 3, [2, 1]); // 2 + x ≥ 3 ⟺ x
    const args = [...Array.from({ length: 130 }, () => one), x];
    const large = b.ge(args, 131);
    const light2 = b.le([one, x, one], 4, [1, 2, 2]); // 3 + 2x ≤ 4 ⟺ ¬x
    const c = b.build([heavy, light, large, light2]);
    const words = outputWords(c, evaluateWords(c, Uint32Array.of(X0)));
    expect(Array.from(words)).toEqual([X0, X0, X0, ~X0 >>> 0]);
  });
});

describe('thresholds: k beyond the largest possible count is decided up front', () => {
  it('small fan-in (count in 7 bits), k ≥ 128', () => {
    const b = createBuilder();
    const one = b.constant(1);
    const ge = b.ge([one, one, one], 0);
    const le = b.le([one, one, one], 0);
    let c = b.build([ge, le, ge, le]);
    c = withParam(withParam(c, ge, 129), le, 128); // 3 ≥ 129 is false; 3 ≤ 128 is true
    expect(Array.from(outputWords(c, evaluateWords(c, [])))).toEqual([0, 0xffffffff, 0, 0xffffffff]);
    for (const k of [128, 129, 131, 255, 2 ** 20 + 1, 2 ** 31 - 1]) {
      const d = withParam(c, ge, k);
      expect(outputWords(d, evaluateWords(d, []))[0], `k = ${k}`).toBe(0);
    }
  });

  it('large fan-in (general counter), k with low bits under the count', () => {
    const b = createBuilder();
    const one = b.constant(1);
    const args = Array.from({ length: 130 }, () => one);
    const ge = b.ge(args, 0);
    const le = b.le(args, 0);
    const c0 = b.build([ge, le]);
    for (const k of [131, 256 + 5, 2 ** 20 + 5, 2 ** 31 - 1]) {
      const c = withParam(withParam(c0, ge, k), le, k - 1);
      expect(Array.from(outputWords(c, evaluateWords(c, []))), `k = ${k}`).toEqual([0, 0xffffffff]);
    }
  });

  it('k at the ends of the range, weighted and unweighted, both fan-in paths', () => {
    for (const f of [1, 3, 8, 127, 128, 200]) {
      const b = createBuilder();
      const [x] = b.inputs(1) as [number];
      const args = Array.from({ length: f }, () => x);
      const outs = [b.ge(args, 0), b.ge(args, f), b.ge(args, f + 1), b.le(args, 0), b.le(args, f), b.le(args, -1)];
      const ws = args.map((_, j) => (j % 2 === 0 ? 3 : -2));
      const lo = ws.reduce((s, w) => s + Math.min(0, w), 0);
      const hi = ws.reduce((s, w) => s + Math.max(0, w), 0);
      outs.push(b.ge(args, lo, ws), b.ge(args, hi, ws), b.ge(args, hi + 1, ws), b.le(args, lo - 1, ws), b.le(args, lo, ws), b.le(args, hi, ws));
      const c = b.build(outs);
      const got = Array.from(outputWords(c, evaluateWords(c, Uint32Array.of(X0)))).map((w) => w & 0b11);
      // lane 0: x = 0, lane 1: x = 1; expected from the reference evaluator
      const want = outs.map((_, j) => evaluate(c, [0])[j]! | (evaluate(c, [1])[j]! << 1));
      expect(got, `fan-in ${f}`).toEqual(want);
    }
  });
});

describe('AND and OR fold four wires per step', () => {
  it('fan-in 1 … 9 with the one deciding wire in every position', () => {
    for (let f = 1; f <= 9; f++) {
      for (let pos = 0; pos < f; pos++) {
        const b = createBuilder();
        const [x, y] = b.inputs(2) as [number, number];
        const args = Array.from({ length: f }, (_, j) => (j === pos ? y : x));
        const c = b.build([b.and(args), b.or(args)]);
        // x = 1, y = lane pattern for AND; x = 0, y = lane pattern for OR
        const andW = evaluateWords(c, Uint32Array.of(0xffffffff, 0x12345678))[c.outputs[0]!];
        const orW = evaluateWords(c, Uint32Array.of(0, 0x12345678))[c.outputs[1]!];
        expect([andW, orW], `fan-in ${f}, position ${pos}`).toEqual([0x12345678, 0x12345678]);
      }
    }
  });
});

describe('argument checks, with exact messages', () => {
  const build = (): Circuit => {
    const b = createBuilder();
    const [x, y] = b.inputs(2) as [number, number];
    return b.build([b.and([x, y]), b.or([x, y])]); // 4 gates, 2 outputs
  };

  it('evaluateWords: input words and scratch', () => {
    const c = build();
    expect(() => evaluateWords(c, Uint32Array.of(1))).toThrow(new RangeError('evaluateWords: circuit has 2 inputs, got 1 words'));
    expect(() => evaluateWords(c, Uint32Array.of(1, 2, 3))).toThrow(new RangeError('evaluateWords: circuit has 2 inputs, got 3 words'));
    expect(() => evaluateWords(c, Uint32Array.of(1, 2), new Uint32Array(3))).toThrow(
      new RangeError('evaluateWords: scratch has 3 words, need 4'),
    );
    const exact = new Uint32Array(4);
    expect(evaluateWords(c, [0b1100, 0b1010], exact)).toBe(exact);
    expect(Array.from(exact)).toEqual([0b1100, 0b1010, 0b1000, 0b1110]);
    const longer = Uint32Array.of(9, 9, 9, 9, 7, 7);
    expect(evaluateWords(c, [0b1100, 0b1010], longer)).toBe(longer);
    expect(Array.from(longer)).toEqual([0b1100, 0b1010, 0b1000, 0b1110, 7, 7]);
    const fresh = evaluateWords(c, [0b1100, 0b1010]);
    expect(fresh).toBeInstanceOf(Uint32Array);
    expect(Array.from(fresh)).toEqual([0b1100, 0b1010, 0b1000, 0b1110]);
  });

  it('outputWords: gate words and into', () => {
    const c = build();
    const g = evaluateWords(c, [0b1100, 0b1010]);
    expect(() => outputWords(c, g.subarray(0, 3))).toThrow(new RangeError('outputWords: circuit has 4 gates, got 3 gate words'));
    expect(() => outputWords(c, g, new Uint32Array(1))).toThrow(new RangeError('outputWords: circuit has 2 outputs, into has 1 words'));
    const into = Uint32Array.of(5, 5, 7);
    expect(outputWords(c, g, into)).toBe(into);
    expect(Array.from(into)).toEqual([0b1000, 0b1110, 7]);
    expect(Array.from(outputWords(c, Uint32Array.of(1, 2, 3, 4, 5)))).toEqual([3, 4]);
  });

  it('inputWordsOf: at most 32 assignments, into of numInputs words, assignments of numInputs bits', () => {
    expect(() => inputWordsOf(1, Array.from({ length: 33 }, () => [1]))).toThrow(new RangeError('inputWordsOf: 33 assignments, at most 32'));
    expect(() => inputWordsOf(2, [[1, 0]], new Uint32Array(3))).toThrow(new RangeError('inputWordsOf: circuit has 2 inputs, into has 3 words'));
    expect(() => inputWordsOf(2, [[1, 0]], new Uint32Array(1))).toThrow(new RangeError('inputWordsOf: circuit has 2 inputs, into has 1 words'));
    expect(() => inputWordsOf(2, [[1, 0], [1]])).toThrow(new RangeError('inputWordsOf: circuit has 2 inputs, assignment 1 has 1 bits'));
    const all = inputWordsOf(3, Array.from({ length: LANES }, (_, a) => [a & 1, (a >> 1) & 1, (a >> 4) & 1]));
    expect(Array.from(all)).toEqual([0xaaaaaaaa, 0xcccccccc, 0xffff0000]);
    const into = Uint32Array.of(0xffffffff, 0xffffffff);
    expect(inputWordsOf(2, [[0, 1]], into)).toBe(into);
    expect(Array.from(into)).toEqual([0, 1]); // refilled: old lanes cleared
    expect(Array.from(inputWordsOf(2, []))).toEqual([0, 0]);
  });

  it('evaluateBatch: every assignment must have numInputs bits', () => {
    const c = build();
    expect(() => evaluateBatch(c, [[1, 1], [1, 1, 0]])).toThrow(new RangeError('evaluateBatch: circuit has 2 inputs, assignment 1 has 3 bits'));
    expect(() => evaluateBatch(c, [[1]])).toThrow(new RangeError('evaluateBatch: circuit has 2 inputs, assignment 0 has 1 bits'));
  });

  it('evaluateAllInputs: at most 40 inputs; 40 is accepted', () => {
    const wide = createBuilder();
    const xs = wide.inputs(MAX_EXHAUSTIVE_INPUTS);
    const c40 = wide.build([wide.and(xs), xs[39]!]);
    const calls: [number, number, number, number][] = [];
    expect(
      evaluateAllInputs(c40, (g, base, lanes) => {
        calls.push([base, lanes, g[c40.outputs[0]!]!, g[c40.outputs[1]!]!]);
        return false;
      }),
    ).toBe(32);
    expect(calls).toEqual([[0, 32, 0, 0]]);
    const w41 = createBuilder();
    const ys = w41.inputs(41);
    expect(() => evaluateAllInputs(w41.build([ys[0]!]), () => false)).toThrow(new RangeError('evaluateAllInputs: 41 inputs, at most 40'));
  });
});

describe('evaluateBatch and evaluateAllInputs: chunking', () => {
  const b = createBuilder();
  const xs = b.inputs(3);
  const c = b.build([b.ge(xs, 2), b.not(xs[0]!), b.le(xs, 0)]);
  const assignment = (a: number): number[] => [a & 1, (a >> 1) & 1, (a >> 2) & 1];

  it('0, 1, 31, 32, 33, 64 and 65 assignments, in order', () => {
    for (const n of [0, 1, 31, 32, 33, 64, 65]) {
      const as = Array.from({ length: n }, (_, i) => assignment((i * 5) % 8));
      const got = evaluateBatch(c, as);
      expect(got.length, `${n}`).toBe(n);
      expect(got, `${n}`).toEqual(as.map((a) => evaluate(c, a)));
    }
  });

  it('n = 0 … 7: one chunk of 2^n valid lanes, then n = 6, 7 in chunks of 32 with inputs ≥ 5 constant per chunk', () => {
    for (let n = 0; n <= 7; n++) {
      const bb = createBuilder();
      const ys = bb.inputs(n);
      const c2 = bb.build(ys.length === 0 ? [bb.constant(1)] : ys);
      const seen: [number, number, number[]][] = [];
      const count = evaluateAllInputs(c2, (g, base, lanes) => {
        seen.push([base, lanes, Array.from(c2.outputs, (o) => (g[o]! & (lanes === 32 ? 0xffffffff : 2 ** lanes - 1)) >>> 0)]);
      });
      expect(count, `n = ${n}`).toBe(2 ** n);
      const low = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];
      const want: [number, number, number[]][] = [];
      for (let base = 0; base < 2 ** n; base += 32) {
        const lanes = Math.min(32, 2 ** n);
        const mask = lanes === 32 ? 0xffffffff : 2 ** lanes - 1;
        want.push([
          base,
          lanes,
          n === 0 ? [1] : Array.from({ length: n }, (_, j) => ((j < 5 ? low[j]! : Math.floor(base / 2 ** j) % 2 === 1 ? 0xffffffff : 0) & mask) >>> 0),
        ]);
      }
      expect(seen, `n = ${n}`).toEqual(want);
    }
  });
});
