// Mutation-killing tests for src/core/smt.ts (docs/trust.md, "Mutation testing"): fast and exact.
// Part 1 checks `encodeCircuit` without any solver call: every encoded output is evaluated in a
// z3 model that fixes the inputs (synchronous), and compared with the reference evaluator on
// every assignment; the 'bv' encoding's documented shape (terms sorted by |w|, tight widths)
// and the PB → Int fallback are read off the terms. Part 2 runs few, tiny miter checks, each
// asserting exact results and messages. Module-level z3 state (init failure, thread shutdown)
// is tested in mutation.smtInit.test.ts.
import fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import {
  checkEquivalenceSmt,
  encodeCircuit,
  formatSmtFailure,
  getZ3,
  shutdownZ3,
  type SmtBitVec,
  type SmtBool,
  type SmtContext,
  type SmtFailure,
  type SmtSpec,
  type SmtSpecHelpers,
  type SmtSuccess,
  type ThresholdEncoding,
} from '../src/core/smt.js';

const ENCODINGS: readonly ThresholdEncoding[] = ['bv', 'pb', 'arith'];

/** A copy of `c` with gate `gate`'s param replaced (raw: no range check). */
const withParam = (c: Circuit, gate: number, param: number): Circuit => {
  const p = Int32Array.from(c.param);
  p[gate] = param;
  return { ...c, param: p };
};

/** Smallest two's complement width holding every integer of [lo, hi] (independent of smt.ts). */
const tightWidth = (lo: number, hi: number): number => {
  let b = 1;
  while (-(2 ** (b - 1)) > lo || 2 ** (b - 1) - 1 < hi) b++;
  return b;
};

// ---------------------------------------------------------------------------------------------
// Part 1: encodeCircuit, evaluated in models (one z3 module, no solver)
// ---------------------------------------------------------------------------------------------

describe('encodeCircuit: every output equals the reference evaluator in every model', () => {
  let ctx: SmtContext;
  let xs: SmtBool[];
  beforeAll(async () => {
    const api = await getZ3();
    ctx = new api.Context('main');
    xs = Array.from({ length: 8 }, (_, j) => ctx.Bool.const(`x_${j}`));
  });
  // retire the module, as checkEquivalenceSmt does after each check
  afterAll(async () => {
    await shutdownZ3();
  });

  /** Outputs of `c` encoded with `enc`, as bit strings, on every one of the 2^n assignments. */
  const table = (c: Circuit, enc: ThresholdEncoding): string[] => {
    const outs = encodeCircuit(ctx, c, xs.slice(0, c.numInputs), enc);
    const rows: string[] = [];
    for (let a = 0; a < 2 ** c.numInputs; a++) {
      const m = new ctx.Model();
      for (let j = 0; j < c.numInputs; j++) m.updateValue(xs[j]!, ctx.Bool.val(((a >> j) & 1) === 1));
      rows.push(
        outs
          .map((o) => {
            const v = m.eval(o, true);
            if (ctx.isTrue(v)) return '1';
            if (ctx.isFalse(v)) return '0';
            throw new Error(`output is not a constant in a full model: ${v.sexpr()}`);
          })
          .join(''),
      );
    }
    return rows;
  };
  const reference = (c: Circuit): string[] =>
    Array.from({ length: 2 ** c.numInputs }, (_, a) =>
      Array.from(evaluate(c, Array.from({ length: c.numInputs }, (_, j) => (a >> j) & 1))).join(''),
    );
  const expectAgrees = (c: Circuit): void => {
    const want = reference(c);
    for (const enc of ENCODINGS) expect(table(c, enc), enc).toEqual(want);
  };

  it('every gate kind: input, const, NOT, AND, OR (empty and wide), θ≥, θ≤ (empty, weighted, all-zero weights)', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3) as [number, number, number];
    const c = b.build([
      x,
      z,
      b.constant(0),
      b.constant(1),
      b.not(y),
      b.and([]),
      b.or([]),
      b.and([x, y]),
      b.or([x, y, z]),
      b.and([x, y, z, x, b.not(z)]),
      b.ge([x, y, z], 2),
      b.le([x, y, z], 1),
      b.ge([x, y], 2),
      b.ge([], 0),
      b.ge([], 1),
      b.ge([], -1),
      b.le([], 0),
      b.le([], 1),
      b.le([], -1),
      b.ge([x, y, z], 1, [2, -3, 1]),
      b.le([x, y, z], -1, [2, -3, 1]),
      b.ge([x, y], 0, [0, 0]),
      b.ge([x, y], 1, [0, 0]),
      b.le([x, y], 0, [0, 0]),
      b.le([x, y], -1, [0, 0]),
      b.ge([x, y, z], 0, [0, 1, 0]),
      b.ge([x, y, z], 1, [0, 1, 0]),
    ]);
    expectAgrees(c);
  });

  it('thresholds with k far outside the range of the sum (raw k, up to ±(2^31 − 1))', () => {
    for (const k of [-(2 ** 31) + 1, -(2 ** 31), -70, -5, -4, -3, 3, 4, 5, 70, 2 ** 31 - 1]) {
      const b = createBuilder();
      const [x, y, z] = b.inputs(3) as [number, number, number];
      const gates = [b.ge([x, y, z], 0), b.le([x, y, z], 0), b.ge([x, y], 0, [2, -1]), b.le([x, y], 0, [2, -1]), b.ge([], 0), b.le([], 0)];
      let c = b.build(gates);
      for (const g of gates) c = withParam(c, g, k);
      expectAgrees(c);
    }
  });

  it('sums at the edges of every bit-vector width (weights ±2^m, ±(2^m − 1), ±(2^m + 1)), every k around the range', () => {
    const sets: number[][] = [
      [1],
      [-1],
      [2],
      [-2],
      [3],
      [-3],
      [4],
      [-4],
      [5, -5],
      [1, 1, 1],
      [1, 1, 1, 1],
      [-1, -1, -1, -1],
      [1, 2, 4],
      [-1, -2, -4],
      [1, -1, 2, -2],
      [7, -8],
      [8, -9],
      [3, 4, -7],
      [2, 2, 2, -1],
      [1, 6, -1],
    ];
    for (const ws of sets) {
      const lo = ws.reduce((s, w) => s + Math.min(0, w), 0);
      const hi = ws.reduce((s, w) => s + Math.max(0, w), 0);
      const b = createBuilder();
      const x = b.inputs(ws.length);
      const raw: [number, number][] = [];
      const outs: number[] = [];
      for (let k = lo - 2; k <= hi + 2; k++) {
        const ge = b.ge(x, 0, ws);
        const le = b.le(x, 0, ws);
        raw.push([ge, k], [le, k]);
        outs.push(ge, le);
      }
      let c = b.build(outs);
      for (const [g, k] of raw) c = withParam(c, g, k);
      expectAgrees(c);
    }
  });

  it('large weights near the int range: bit-vector, PB and the Int fallback stay exact', () => {
    const sets: number[][] = [
      [2 ** 30 - 1, -(2 ** 30 - 1), 2 ** 30 - 1, -7],
      [2 ** 29, -(2 ** 29) + 1, 2 ** 28, 3],
      [-(2 ** 30) + 1, 2 ** 30 - 1, 1],
      [2 ** 30 - 1, 2 ** 30 - 1, 2 ** 30 - 1],
    ];
    for (const ws of sets) {
      const sums = Array.from({ length: 2 ** ws.length }, (_, a) => ws.reduce((s, w, j) => s + ((a >> j) & 1) * w, 0));
      const ks = [...new Set(sums.flatMap((s) => [s - 1, s, s + 1]))].filter((k) => Math.abs(k) <= 2 ** 31 - 1);
      const b = createBuilder();
      const x = b.inputs(ws.length);
      const raw: [number, number][] = [];
      const outs: number[] = [];
      for (const k of ks) {
        const ge = b.ge(x, 0, ws);
        const le = b.le(x, 0, ws);
        raw.push([ge, k], [le, k]);
        outs.push(ge, le);
      }
      let c = b.build(outs);
      for (const [g, k] of raw) c = withParam(c, g, k);
      expectAgrees(c);
    }
  });

  it('random weighted and unweighted circuits (seeded), all three encodings', () => {
    const gateArb = fc.record({
      kind: fc.constantFrom('not', 'and', 'or', 'ge', 'le', 'ge', 'le'),
      args: fc.array(fc.nat(), { maxLength: 5 }),
      weights: fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -(2 ** 30), max: 2 ** 30 })), { minLength: 5, maxLength: 5 }),
      k: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const prop = fc.property(fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.array(gateArb, { minLength: 1, maxLength: 6 }), (n, weighted, gates) => {
      const b = createBuilder();
      b.inputs(n);
      for (const g of gates) {
        const size = b.size();
        const args = g.args.map((a) => a % size);
        if (g.kind === 'not') b.not(args[0] ?? size - 1);
        else if (g.kind === 'and') b.and(args);
        else if (g.kind === 'or') b.or(args);
        else {
          const ws = weighted ? g.weights.slice(0, args.length) : args.map(() => 1);
          const lo = ws.reduce((s, w) => s + Math.min(0, w), 0);
          const hi = ws.reduce((s, w) => s + Math.max(0, w), 0);
          const k = Math.round(lo - 1 + g.k * (hi - lo + 2));
          (g.kind === 'ge' ? b.ge : b.le)(args, k, weighted ? ws : undefined);
        }
      }
      const c = b.build(Array.from({ length: b.size() - n }, (_, j) => n + j));
      expectAgrees(c);
    });
    fc.assert(prop, { seed: 7, numRuns: 40 });
  });

  it('AND/OR with fan-in above the 4096-argument chunk, and far above what a spread call takes', () => {
    for (const fanIn of [4097, 9000, 200_000]) {
      const b = createBuilder();
      const [x, y] = b.inputs(2) as [number, number];
      const many = Array.from({ length: fanIn }, () => x);
      // the distinguishing argument comes last, in the last chunk
      const c = b.build([b.and([...many, y]), b.or([...many, y]), b.and([y, ...many])]);
      expect(table(c, 'bv')).toEqual(reference(c));
    }
    // 1.2 M arguments: a spread call would need ~10 MB of stack (a worker thread has 4 MB)
    const b = createBuilder();
    const [x, y] = b.inputs(2) as [number, number];
    const c = b.build([b.and([...Array.from({ length: 1_200_000 }, () => x), y])]);
    expect(table(c, 'bv')).toEqual(['0', '0', '0', '1']);
  });

  it('outputs in output order, repeated outputs share one term, inputs beyond numInputs are ignored', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2) as [number, number];
    const a = b.and([x, y]);
    const c = b.build([y, a, x, a]);
    const outs = encodeCircuit(ctx, c, xs.slice(0, 5));
    expect(outs.map((o) => o.sexpr())).toEqual(['x_1', '(and x_0 x_1)', 'x_0', '(and x_0 x_1)']);
    expect(outs[1]).toBe(outs[3]);
  });

  it('refuses fewer input variables than the circuit has inputs (exact message)', () => {
    const b = createBuilder();
    b.inputs(3);
    const c = b.build([0]);
    expect(() => encodeCircuit(ctx, c, xs.slice(0, 2))).toThrow(new RangeError('encodeCircuit: circuit has 3 inputs, got 2 variables'));
    expect(encodeCircuit(ctx, c, xs.slice(0, 3))[0]!.sexpr()).toBe('x_0');
  });

  describe('the shape of each encoding (implementation notes)', () => {
    const one = (ws: readonly number[], k: number, ge: boolean, enc: ThresholdEncoding) => {
      const b = createBuilder();
      const x = b.inputs(ws.length);
      const g = (ge ? b.ge : b.le)(x, 0, ws);
      return encodeCircuit(ctx, withParam(b.build([g]), g, k), xs.slice(0, ws.length), enc)[0]!;
    };

    it("'bv' compares signed (bvsge / bvsle), 'pb' uses PbGe / PbLe, 'arith' compares Int sums", () => {
      expect(one([1, -2], 1, true, 'bv').decl().name()).toBe('bvsge');
      expect(one([1, -2], 1, false, 'bv').decl().name()).toBe('bvsle');
      expect(one([1, -2], 1, true, 'pb').decl().name()).toBe('pbge');
      expect(one([1, -2], 1, false, 'pb').decl().name()).toBe('pble');
      expect(one([1, -2], 1, true, 'arith').decl().name()).toBe('>=');
      expect(one([1, -2], 1, false, 'arith').decl().name()).toBe('<=');
      const b = createBuilder();
      const x = b.inputs(2);
      const dflt = encodeCircuit(ctx, b.build([b.ge(x, 1)]), xs.slice(0, 2))[0]!;
      expect(dflt.decl().name()).toBe('bvsge');
    });

    it("'pb' falls back to Int exactly when Σ|w| + |k| exceeds 2^30", () => {
      // z3 may normalise a PB constraint to at-least / at-most, still a PB term
      const family = (e: SmtBool): string => {
        const name = String(e.decl().name());
        return ['pbge', 'pble', 'pbeq', 'at-least', 'at-most'].includes(name) ? 'pb' : name;
      };
      expect(family(one([2 ** 29, 2 ** 29 - 1], 1, true, 'pb'))).toBe('pb'); // mass 2^30
      expect(family(one([2 ** 29, 2 ** 29], 1, true, 'pb'))).toBe('>='); // 2^30 + 1
      expect(family(one([-(2 ** 29), -(2 ** 29) + 1], -1, false, 'pb'))).toBe('pb');
      expect(family(one([-(2 ** 29), -(2 ** 29)], -1, false, 'pb'))).toBe('<=');
      expect(family(one([1], 2 ** 30 - 1, true, 'pb'))).toBe('pb');
      expect(family(one([1], 2 ** 30, true, 'pb'))).toBe('>=');
      expect(family(one([1], -(2 ** 30) + 1, true, 'pb'))).toBe('pb');
      expect(family(one([1], -(2 ** 30), true, 'pb'))).toBe('>=');
      expect(family(one([1], -(2 ** 30), false, 'arith'))).toBe('<=');
    });

    /** A bit-vector numeral as a signed number (z3-solver 5.2's asSignedValue misreads #b… numerals). */
    const signed = (t: SmtBitVec): number => {
      const u = (t as unknown as { value: () => bigint }).value();
      const w = BigInt(t.size());
      return Number(u >= 1n << (w - 1n) ? u - (1n << w) : u);
    };
    /** The 'bv' term of one gate, read back: comparison, width, k, then the terms in summation order. */
    const bvShape = (e: SmtBool) => {
      type Node = SmtBitVec;
      const strip = (t: Node): Node => (t.decl().name() === 'sign_extend' ? (t.arg(0) as Node) : t);
      const term = (t: Node) => {
        expect(t.decl().name()).toBe('if');
        expect(signed(t.arg(2) as Node)).toBe(0);
        return { input: t.arg(0).sexpr(), w: signed(t.arg(1) as Node), width: t.size() };
      };
      const sum = e.arg(0) as Node;
      const terms: { input: string; w: number; width: number }[] = [];
      const partial: number[] = [];
      let cur = strip(sum);
      while (cur.decl().name() === 'bvadd') {
        partial.unshift(cur.size());
        terms.unshift(term(strip(cur.arg(1) as Node)));
        cur = strip(cur.arg(0) as Node);
      }
      partial.unshift(cur.size());
      terms.unshift(term(cur));
      return { op: e.decl().name(), width: sum.size(), k: signed(e.arg(1) as Node), terms, partial };
    };
    /** What the implementation notes promise, computed independently. */
    const expectedShape = (ws: readonly number[], k: number, ge: boolean) => {
      const order = ws
        .map((w, j) => ({ w, j }))
        .filter(({ w }) => w !== 0)
        .sort((a, b) => Math.abs(a.w) - Math.abs(b.w) || a.j - b.j);
      let lo = 0;
      let hi = 0;
      const partial = order.map(({ w }) => {
        lo += Math.min(0, w);
        hi += Math.max(0, w);
        return tightWidth(lo, hi);
      });
      return {
        op: ge ? 'bvsge' : 'bvsle',
        width: Math.max(partial[partial.length - 1]!, tightWidth(Math.min(0, k), Math.max(0, k))),
        k,
        terms: order.map(({ w, j }) => ({ input: `x_${j}`, w, width: tightWidth(Math.min(0, w), Math.max(0, w)) })),
        partial,
      };
    };

    it("'bv': terms sorted by |w| (ties by position), zero weights skipped, each partial sum exactly as wide as its range", () => {
      const cases: [number[], number, boolean][] = [
        [[1], 0, true],
        [[1, 1, 1], 2, true],
        [[1, 1, 1, 1], 4, false],
        [[4, -1, 0, 2], 1, true],
        [[-8, 7, 1], -3, false],
        [[3, -3, 2, -2, 1, 0, -1], 0, true],
        [[5, 1], 100, true],
        [[1, 2], -100, false],
        [[2 ** 30 - 1, -(2 ** 30 - 1), 2 ** 30 - 1], 2 ** 31 - 1, true],
        [[1, 1], -(2 ** 31), false],
      ];
      for (const [ws, k, ge] of cases) expect(bvShape(one(ws, k, ge, 'bv')), JSON.stringify([ws, k, ge])).toEqual(expectedShape(ws, k, ge));
    });

    it("'bv': a gate whose weights are all 0 is the constant 0 ≥ k / 0 ≤ k", () => {
      expect(one([0, 0], 0, true, 'bv').sexpr()).toBe('true');
      expect(one([0, 0], 1, true, 'bv').sexpr()).toBe('false');
      expect(one([0, 0], 0, false, 'bv').sexpr()).toBe('true');
      expect(one([0, 0], -1, false, 'bv').sexpr()).toBe('false');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Part 2: the miter check, few and tiny
// ---------------------------------------------------------------------------------------------

const leftOf = (r: Either<SmtFailure, SmtSuccess>): SmtFailure => {
  if (isRight(r)) throw new Error('expected a failure, got a success');
  return r.left;
};

describe('formatSmtFailure', () => {
  it('one line per failure kind', () => {
    expect(formatSmtFailure({ _tag: 'Counterexample', input: '101', expected: '00', actual: '10' })).toBe(
      'Counterexample: input 101: spec gives 00, circuit gives 10',
    );
    expect(formatSmtFailure({ _tag: 'Timeout', reason: 'r1' })).toBe('Timeout: r1');
    expect(formatSmtFailure({ _tag: 'Unknown', reason: 'r2' })).toBe('Unknown: r2');
    expect(formatSmtFailure({ _tag: 'SpecError', reason: 'r3' })).toBe('SpecError: r3');
  });
});

describe('checkEquivalenceSmt (each check loads a z3 module: few checks, many assertions each)', () => {
  const b = createBuilder();
  const [x0, x1, x2] = b.inputs(3) as [number, number, number];
  /** out0 = x0 ∧ ¬x1 ∧ x2 (true on 101 only), out1 = θ≥2(x0, x1, x2) */
  const c = b.build([b.and([x0, b.not(x1), x2]), b.ge([x0, x1, x2], 2)]);
  const spec3: SmtSpec = ({ ctx, inputs: [a, bb, cc] }) => [ctx.And(a!, bb!.not(), cc!), ctx.Or(ctx.And(a!, bb!), ctx.And(a!, cc!), ctx.And(bb!, cc!))];
  const majority = (ctx: SmtContext, [a, bb, cc]: readonly SmtBool[]): SmtBool =>
    ctx.Or(ctx.And(a!, bb!), ctx.And(a!, cc!), ctx.And(bb!, cc!));

  /** Wrap `spec` so that it records which threshold constructors the encoding calls on its context. */
  const spying =
    (calls: string[], spec: SmtSpec): SmtSpec =>
    (h) => {
      const ctx = h.ctx as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const name of ['PbGe', 'PbLe', 'Sum']) {
        const f = ctx[name]!.bind(h.ctx);
        ctx[name] = (...args: unknown[]) => {
          calls.push(name);
          return f(...args);
        };
      }
      return spec(h);
    };

  it('success: the exact record; getZ3 keeps one module until the check retires it; default encoding bv', async () => {
    // 3 × 4-bit sum by a depth-3 weighted-threshold circuit against a bit-vector adder: needs
    // real solving (with a 1 ms budget this is a Timeout)
    const bb = createBuilder();
    const xs = Array.from({ length: 3 }, () => bb.inputs(4));
    const outs: number[] = [];
    for (let j = 0; j < 6; j++) {
      const args: number[] = [];
      const ws: number[] = [];
      for (const x of xs) {
        for (let l = 0; l <= Math.min(j, 3); l++) {
          args.push(x[l]!);
          ws.push(2 ** l);
        }
      }
      const max = 3 * (2 ** (Math.min(j, 3) + 1) - 1);
      const terms: number[] = [];
      for (let lo = 2 ** j; lo <= max; lo += 2 ** (j + 1)) {
        const hi = lo + 2 ** j - 1;
        terms.push(hi >= max ? bb.ge(args, lo, ws) : bb.and([bb.ge(args, lo, ws), bb.le(args, hi, ws)]));
      }
      outs.push(bb.or(terms));
    }
    const sum = bb.build(outs);
    const calls: string[] = [];
    const a = await getZ3();
    expect(await getZ3()).toBe(a);
    const r = await checkEquivalenceSmt(
      sum,
      spying(calls, ({ bits, bvFromBits, bitsOf }) => {
        const [p, q, t] = [0, 4, 8].map((i) => bvFromBits(bits(i, 4)).zeroExt(2)) as [SmtBitVec, SmtBitVec, SmtBitVec];
        return bitsOf(p.add(q).add(t));
      }),
    );
    if (isLeft(r)) throw new Error(formatSmtFailure(r.left));
    const { ms, ...rest } = r.right;
    expect(rest).toEqual({ tier: 'sat', statement: 'unsat miter', queries: 1, gates: sum.numGates, inputs: 12, outputs: 6 });
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
    expect(calls).toEqual([]);
    expect(await getZ3()).not.toBe(a);
  });

  it("the unique counterexample, bits in order, inputs z3 left out of its model read as 0 (no time budget, 'pb')", async () => {
    // the spec differs from the circuit in out0 on input 101· only; out2 = ¬x3 is the same term
    // on both sides, so x3 drops out of the miter and of z3's model: the input, and every value
    // read from the model, must use model completion (x3 = 0), as the reference evaluator does
    const bb = createBuilder();
    const [y0, y1, y2, y3] = bb.inputs(4) as [number, number, number, number];
    const c4 = bb.build([bb.and([y0, bb.not(y1), y2]), bb.ge([y0, y1, y2], 2), bb.not(y3)]);
    const calls: string[] = [];
    const r = await checkEquivalenceSmt(
      c4,
      spying(calls, ({ ctx, inputs }) => [ctx.Bool.val(false), majority(ctx, inputs), inputs[3]!.not()]),
      { timeoutMs: Infinity, thresholdEncoding: 'pb' },
    );
    expect(leftOf(r)).toEqual({ _tag: 'Counterexample', input: '1010', expected: '011', actual: '111' });
    expect(calls).toEqual(['PbGe']);
  });

  it("the spec helpers: bits, bvFromBits (bit 0 first), bitOf, bitsOf, their range errors ('arith')", async () => {
    const bb = createBuilder();
    const xs = bb.inputs(4);
    const circ = bb.build([bb.and([xs[0]!, bb.not(xs[1]!)]), xs[3]!, bb.ge(xs.slice(0, 3), 2)]);
    const seen: string[] = [];
    const calls: string[] = [];
    const r = await checkEquivalenceSmt(
      circ,
      spying(calls, (h: SmtSpecHelpers) => {
        const { ctx, inputs, bits, bvFromBits, bitOf, bitsOf } = h;
        const err = (f: () => unknown): string => {
          try {
            f();
            return 'no error';
          } catch (e) {
            return `${(e as Error).name}: ${(e as Error).message}`;
          }
        };
        expect(inputs.map((i) => i.sexpr())).toEqual(['x_0', 'x_1', 'x_2', 'x_3']);
        expect(bits(1, 2)).toEqual([inputs[1], inputs[2]]);
        expect(bits(0, 4)).toEqual([...inputs]);
        expect(bits(4, 0)).toEqual([]);
        expect(bits(2, 2)).toEqual([inputs[2], inputs[3]]);
        for (const [s, l] of [
          [-1, 1],
          [0.5, 1],
          [0, 1.5],
          [0, -1],
          [3, 2],
          [5, 0],
        ] as const) {
          seen.push(err(() => bits(s, l)));
        }
        seen.push(err(() => bvFromBits([])));
        const v = bvFromBits(bits(0, 3)); // x0 + 2 x1 + 4 x2
        expect(v.size()).toBe(3);
        expect(bvFromBits([inputs[3]!]).size()).toBe(1);
        const m = new ctx.Model();
        for (const [j, val] of [true, true, false, true].entries()) m.updateValue(inputs[j]!, ctx.Bool.val(val));
        const num = (t: SmtBitVec): string => m.eval(t, true).sexpr();
        expect(num(v)).toBe('#b011');
        expect(num(bvFromBits([inputs[3]!]))).toBe('#b1');
        expect(num(bvFromBits([inputs[2]!, inputs[0]!]))).toBe('#b10');
        const w = ctx.BitVec.val(0b0110, 4);
        expect(bitsOf(w).map((t) => m.eval(t, true).sexpr())).toEqual(['false', 'true', 'true', 'false']);
        expect([0, 1, 2, 3].map((i) => m.eval(bitOf(w, i), true).sexpr())).toEqual(['false', 'true', 'true', 'false']);
        for (const i of [-1, 4, 0.5]) seen.push(err(() => bitOf(w, i)));
        return [ctx.And(inputs[0]!, inputs[1]!.not()), bitOf(bvFromBits(bits(0, 4)), 3), majority(ctx, inputs)];
      }),
      { thresholdEncoding: 'arith' },
    );
    if (isLeft(r)) throw new Error(formatSmtFailure(r.left));
    expect(calls).toEqual(['Sum']);
    expect(seen).toEqual([
      'RangeError: bits: range -1+1 is outside the 4 inputs',
      'RangeError: bits: range 0.5+1 is outside the 4 inputs',
      'RangeError: bits: range 0+1.5 is outside the 4 inputs',
      'RangeError: bits: range 0+-1 is outside the 4 inputs',
      'RangeError: bits: range 3+2 is outside the 4 inputs',
      'RangeError: bits: range 5+0 is outside the 4 inputs',
      'RangeError: bvFromBits: a bit-vector needs at least one bit',
      'RangeError: bitOf: bit -1 of a 4-bit vector',
      'RangeError: bitOf: bit 4 of a 4-bit vector',
      'RangeError: bitOf: bit 0.5 of a 4-bit vector',
    ]);
  });

  it('spec errors, with exact reasons', async () => {
    const reason = async (s: SmtSpec): Promise<string> => formatSmtFailure(leftOf(await checkEquivalenceSmt(c, s)));
    expect(
      await reason(() => {
        throw new Error('boom');
      }),
    ).toBe('SpecError: the spec threw: boom');
    expect(await reason(({ inputs }) => inputs[0] as unknown as SmtBool[])).toBe('SpecError: the spec returned a non-array outputs, the circuit has 2');
    expect(await reason(({ inputs }) => [inputs[0]!])).toBe('SpecError: the spec returned 1 outputs, the circuit has 2');
    const api = await getZ3();
    const other = new api.Context('main');
    expect(await reason(({ inputs }) => [inputs[0]!, other.Bool.const('z')])).toBe("SpecError: spec output 1 is not a Bool of this check's context");
    // a term whose inspection throws is not a Bool either (isBool reads its sort)
    const throwing = (t: SmtBool): SmtBool =>
      new Proxy(t, {
        get: (target, p, receiver): unknown => {
          if (p === 'sort') throw new Error('no sort');
          return Reflect.get(target, p, receiver) as unknown;
        },
      });
    expect(await reason(({ inputs }) => [inputs[0]!, throwing(inputs[1]!)])).toBe("SpecError: spec output 1 is not a Bool of this check's context");
  });

  it("z3's answers, by fault injection through the spec's context: 'canceled' is a Timeout, a model without the difference is internal", async () => {
    const canceled = await checkEquivalenceSmt(c, (h) => {
      const Base = h.ctx.Solver;
      (h.ctx as unknown as Record<string, unknown>)['Solver'] = class extends Base {
        override check(): Promise<'unknown'> {
          return Promise.resolve('unknown');
        }
        override reasonUnknown(): string {
          return 'canceled';
        }
      };
      return spec3(h);
    });
    expect(formatSmtFailure(leftOf(canceled))).toMatch(/^Timeout: z3 gave up after \d+ ms \(budget 60000 ms\): canceled$/);
    const bb = createBuilder();
    const [y] = bb.inputs(1) as [number];
    const blind = await checkEquivalenceSmt(bb.build([y]), (h) => {
      (h.ctx as unknown as Record<string, unknown>)['isTrue'] = () => false; // every model value reads as 0
      return [h.inputs[0]!.not()];
    });
    expect(formatSmtFailure(leftOf(blind))).toBe('Unknown: internal: z3 reported a difference on input 0 but circuit and spec both give 0');
  });

  it('a non-positive or NaN time budget is refused before z3 is asked', async () => {
    for (const t of [0, -5, NaN]) {
      expect(formatSmtFailure(leftOf(await checkEquivalenceSmt(c, spec3, { timeoutMs: t })))).toBe(
        `Unknown: checkEquivalenceSmt: timeoutMs must be positive, got ${t}`,
      );
    }
  });

  /** PHP(10 → 9): unsat and hard for CDCL, so z3 cannot refute it quickly. */
  const pigeons =
    (interruptAfterMs?: number): SmtSpec =>
    ({ ctx, inputs }) => {
      const n = 10;
      const m = 9;
      const p = (i: number, j: number): SmtBool => inputs[i * m + j]!;
      const clauses: SmtBool[] = [];
      for (let i = 0; i < n; i++) clauses.push(ctx.Or(...Array.from({ length: m }, (_, j) => p(i, j))));
      for (let j = 0; j < m; j++) for (let a = 0; a < n; a++) for (let d = a + 1; d < n; d++) clauses.push(ctx.Or(p(a, j).not(), p(d, j).not()));
      if (interruptAfterMs !== undefined) {
        // repeated: an interrupt that lands before the solver starts (a slow encoding on a loaded
        // machine) is lost, and z3 then proves the instance; later ones are no-ops once it returns
        const every = setInterval(() => ctx.interrupt(), interruptAfterMs);
        every.unref();
        setTimeout(() => clearInterval(every), 60_000).unref();
      }
      return [ctx.And(...clauses)];
    };
  const zero90 = (() => {
    const bb = createBuilder();
    bb.inputs(90);
    return bb.build([bb.constant(0)]);
  })();

  it('a time budget that runs out is a Timeout naming the budget', async () => {
    const f = leftOf(await checkEquivalenceSmt(zero90, pigeons(), { timeoutMs: 150 }));
    expect(f._tag).toBe('Timeout');
    expect(formatSmtFailure(f)).toMatch(/^Timeout: z3 gave up after \d+ ms \(budget 150 ms\): (timeout|canceled)$/);
  });

  it('unknown for another reason (an interrupt) is Unknown with z3 reason', async () => {
    const f = leftOf(await checkEquivalenceSmt(zero90, pigeons(100)));
    expect(formatSmtFailure(f)).toBe('Unknown: z3 returned unknown: interrupted');
  });

  it('a counterexample the reference evaluator does not confirm is an internal Unknown', async () => {
    // outside the Circuit contract on purpose: a const gate with param NaN is 0 for the
    // reference evaluator and true for the encoding
    const bb = createBuilder();
    bb.inputs(2);
    const c0 = bb.build([bb.constant(1)]);
    const bad: Circuit = { ...c0, param: Float64Array.from(c0.param, (p, i) => (i === 2 ? NaN : p)) as unknown as Circuit['param'] };
    const f = leftOf(await checkEquivalenceSmt(bad, ({ ctx }) => [ctx.Bool.val(false)]));
    expect(formatSmtFailure(f)).toBe('Unknown: internal: on input 00 the reference evaluator gives 0 but the z3 encoding gives 1');
  });

  it('an error inside z3 or the encoding is Unknown, not a rejection', async () => {
    // outside the Circuit contract on purpose: an input gate reading input bit 5 of 2
    const bb = createBuilder();
    bb.inputs(2);
    const c0 = bb.build([1]);
    const bad: Circuit = { ...c0, param: Int32Array.of(0, 5) };
    const f = leftOf(await checkEquivalenceSmt(bad, ({ inputs }) => [inputs[1]!]));
    expect(f._tag).toBe('Unknown');
    expect(formatSmtFailure(f)).toMatch(/^Unknown: z3 error: ./);
  });
});
