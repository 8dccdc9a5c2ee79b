import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createBuilder, GateKind, makeCircuit, type Circuit, type GateSpec } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import {
  checkEquivalenceSmt,
  encodeCircuit,
  formatSmtFailure,
  getZ3,
  shutdownZ3,
  type SmtBitVec,
  type SmtBool,
  type SmtFailure,
  type SmtSpec,
  type SmtSuccess,
} from '../src/core/smt.js';

// ---------------------------------------------------------------------------------------------
// circuits
// ---------------------------------------------------------------------------------------------

type B = ReturnType<typeof createBuilder>;
const xor = (b: B, a: number, c: number): number => b.or([b.and([a, b.not(c)]), b.and([b.not(a), c])]);

/** n-bit ripple-carry adder; inputs x (bits 0…n−1) then y; outputs n + 1 sum bits. */
const rippleAdder = (n: number): Circuit => {
  const b = createBuilder();
  const x = b.inputs(n);
  const y = b.inputs(n);
  const out: number[] = [];
  let carry = -1;
  for (let i = 0; i < n; i++) {
    const p = xor(b, x[i]!, y[i]!);
    const g = b.and([x[i]!, y[i]!]);
    if (carry < 0) {
      out.push(p);
      carry = g;
    } else {
      out.push(xor(b, p, carry));
      carry = b.or([g, b.and([p, carry])]);
    }
  }
  out.push(carry);
  return b.build(out);
};

/** n-bit flat carry-lookahead adder (constant depth, unbounded fan-in AND/OR/NOT). */
const lookaheadAdder = (n: number): Circuit => {
  const b = createBuilder();
  const x = b.inputs(n);
  const y = b.inputs(n);
  const g = x.map((xi, i) => b.and([xi, y[i]!]));
  const p = x.map((xi, i) => b.or([xi, y[i]!]));
  const half = x.map((xi, i) => xor(b, xi, y[i]!));
  // carry into bit i: OR_{j<i} (g_j AND p_{j+1} … p_{i−1})
  const carry = (i: number): number =>
    b.or(Array.from({ length: i }, (_, j) => b.and([g[j]!, ...p.slice(j + 1, i)])));
  const out = half.map((h, i) => (i === 0 ? h : xor(b, h, carry(i))));
  out.push(carry(n));
  return b.build(out);
};

/**
 * Sum of m w-bit numbers by a depth-3 threshold circuit (the TC0 iterated-addition trick):
 * bit j of the sum is 1 iff S_j = Σ_i Σ_{l≤j} 2^l x_{i,l} lies in an interval
 * [(2t+1)·2^j, (2t+2)·2^j) for some t; each interval is AND(θ≥, θ≤).
 */
const iteratedAdder = (m: number, w: number): Circuit => {
  const b = createBuilder();
  const xs = Array.from({ length: m }, () => b.inputs(w));
  const outBits = w + Math.ceil(Math.log2(m));
  const out: number[] = [];
  for (let j = 0; j < outBits; j++) {
    const top = Math.min(j, w - 1);
    const args: number[] = [];
    const ws: number[] = [];
    for (const x of xs) {
      for (let l = 0; l <= top; l++) {
        args.push(x[l]!);
        ws.push(2 ** l);
      }
    }
    const max = m * (2 ** (top + 1) - 1);
    const terms: number[] = [];
    for (let lo = 2 ** j; lo <= max; lo += 2 ** (j + 1)) {
      const hi = lo + 2 ** j - 1;
      terms.push(hi >= max ? b.ge(args, lo, ws) : b.and([b.ge(args, lo, ws), b.le(args, hi, ws)]));
    }
    out.push(b.or(terms));
  }
  return b.build(out);
};

/** One weighted threshold gate: [x_1 + … + x_m ≥ 2^(w+⌈log m⌉−1)] for m w-bit numbers. */
const weightedMajority = (m: number, w: number): Circuit => {
  const b = createBuilder();
  const xs = Array.from({ length: m }, () => b.inputs(w));
  const k = 2 ** (w + Math.ceil(Math.log2(m)) - 1);
  return b.build([b.ge(xs.flat(), k, xs.flatMap(() => Array.from({ length: w }, (_, l) => 2 ** l)))]);
};

/** A copy of `c` with gate `gate`'s kind replaced. */
const withKind = (c: Circuit, gate: number, kind: GateKind): Circuit => {
  const k = Uint8Array.from(c.kind);
  k[gate] = kind;
  return { ...c, kind: k };
};
/** A copy of `c` with gate `gate`'s param (threshold k) replaced. */
const withParam = (c: Circuit, gate: number, param: number): Circuit => {
  const p = Int32Array.from(c.param);
  p[gate] = param;
  return { ...c, param: p };
};

// ---------------------------------------------------------------------------------------------
// specs
// ---------------------------------------------------------------------------------------------

/** m numbers of w bits, summed in a bit-vector of `outBits` bits. */
const sumSpec =
  (m: number, w: number, outBits: number): SmtSpec =>
  ({ bits, bvFromBits, bitsOf }) => {
    const terms = Array.from({ length: m }, (_, i) => bvFromBits(bits(i * w, w)).zeroExt(outBits - w));
    const [first, ...rest] = terms as [SmtBitVec, ...SmtBitVec[]];
    return bitsOf(rest.reduce((a, t) => a.add(t), first));
  };

/** Σ w_i·x_i as a signed bit-vector of `width` bits (independent of the PB / Int encodings). */
const signedSum = (h: Parameters<SmtSpec>[0], xs: readonly SmtBool[], ws: readonly number[], width: number): SmtBitVec => {
  const { ctx } = h;
  const zero = ctx.BitVec.val(0, width);
  return xs.reduce<SmtBitVec>((acc, x, i) => acc.add(ctx.If(x, ctx.BitVec.val(ws[i]!, width), zero)), zero);
};

const bitsToString = (n: number, width: number): string =>
  Array.from({ length: width }, (_, i) => String(Math.floor(n / 2 ** i) % 2)).join('');
const stringToBits = (s: string): number[] => Array.from(s, (ch) => (ch === '1' ? 1 : 0));

const expectHolds = (r: Either<SmtFailure, SmtSuccess>): SmtSuccess => {
  if (isLeft(r)) throw new Error(formatSmtFailure(r.left));
  expect(r.right.tier).toBe('sat');
  expect(r.right.statement).toBe('unsat miter');
  return r.right;
};

/** A counterexample, checked against the reference evaluator. */
const expectCounterexample = (c: Circuit, r: Either<SmtFailure, SmtSuccess>) => {
  if (isRight(r) || r.left._tag !== 'Counterexample') {
    throw new Error(`expected a counterexample, got ${isRight(r) ? 'success' : formatSmtFailure(r.left)}`);
  }
  const cex = r.left;
  expect(cex.input).toHaveLength(c.numInputs);
  expect(cex.expected).toHaveLength(c.outputs.length);
  expect(Array.from(evaluate(c, stringToBits(cex.input))).join('')).toBe(cex.actual);
  expect(cex.actual).not.toBe(cex.expected);
  return cex;
};

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe('smt: z3 lifetime', () => {
  it('initialises once per process', async () => {
    const t0 = performance.now();
    const a = await getZ3();
    const t1 = performance.now();
    const b = await getZ3();
    expect(b).toBe(a);
    console.info(`z3 init (first getZ3 in this worker): ${(t1 - t0).toFixed(0)} ms`);
  });

  it('a script that runs a check exits on its own (no shutdown, no process.exit)', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const smt = pathToFileURL(fileURLToPath(new URL('../src/core/smt.ts', import.meta.url))).href;
    const circ = pathToFileURL(fileURLToPath(new URL('../src/core/circuit.ts', import.meta.url))).href;
    // CommonJS `-e` with dynamic imports: z3's pthread workers inherit execArgv, and under the
    // tsx loader an inherited `--input-type=module` makes the worker fail to start.
    const script = `(async () => {
      const { checkEquivalenceSmt } = await import(${JSON.stringify(smt)});
      const { createBuilder } = await import(${JSON.stringify(circ)});
      const b = createBuilder(); const [x, y] = b.inputs(2);
      const r = await checkEquivalenceSmt(b.build([b.or([x, y])]), ({ ctx, inputs }) => [ctx.Or(inputs[0], inputs[1])]);
      console.log(r._tag);
    })()`;
    const t0 = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    expect(stdout.trim()).toBe('Right');
    expect(performance.now() - t0).toBeLessThan(15_000);
  });

  it('shutdownZ3 terminates the workers; the next getZ3 loads a fresh module', async () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const c = b.build([b.not(x!)]);
    const spec: SmtSpec = ({ inputs }) => [inputs[0]!.not()];
    const before = await getZ3();
    expectHolds(await checkEquivalenceSmt(c, spec));
    await shutdownZ3();
    expectHolds(await checkEquivalenceSmt(c, spec, { timeoutMs: 10_000 }));
    expect(await getZ3()).not.toBe(before);
  });
});

describe('smt: AND/OR/NOT circuits', () => {
  const adder4 = rippleAdder(4);
  const spec4 = sumSpec(2, 4, 5);

  it('4-bit ripple-carry adder = zero-extended bit-vector sum', async () => {
    const s = expectHolds(await checkEquivalenceSmt(adder4, spec4));
    expect(s).toMatchObject({ queries: 1, gates: adder4.numGates, inputs: 8, outputs: 5 });
  });

  it('flipping one AND to OR gives a counterexample confirmed by the evaluator', async () => {
    const firstAnd = Array.from(adder4.kind).indexOf(GateKind.And);
    // every AND gate of the adder matters; try the first and one in the middle
    for (const gate of [firstAnd, Array.from(adder4.kind).lastIndexOf(GateKind.And)]) {
      const broken = withKind(adder4, gate, GateKind.Or);
      const cex = expectCounterexample(broken, await checkEquivalenceSmt(broken, spec4));
      const bits = stringToBits(cex.input);
      const x = bits.slice(0, 4).reduce((a, v, i) => a + v * 2 ** i, 0);
      const y = bits.slice(4).reduce((a, v, i) => a + v * 2 ** i, 0);
      expect(cex.expected).toBe(bitsToString(x + y, 5));
      expect(Array.from(evaluate(adder4, bits)).join('')).toBe(cex.expected);
    }
  });

  it('AND() = 1, OR() = 0 and consts', async () => {
    const b = createBuilder();
    b.inputs(1);
    const c = b.build([b.and([]), b.or([]), b.constant(1), b.constant(0)]);
    expectHolds(await checkEquivalenceSmt(c, ({ ctx }) => [ctx.Bool.val(true), ctx.Bool.val(false), ctx.Bool.val(true), ctx.Bool.val(false)]));
  });
});

describe('smt: threshold circuits', () => {
  const ws = [2, -3, 1, -1];
  const build = (kMaj: number, kLe: number): Circuit => {
    const b = createBuilder();
    const x = b.inputs(5);
    return b.build([b.ge(x, kMaj), b.le(x.slice(0, 4), kLe, ws)]);
  };
  const spec: SmtSpec = (h) => {
    const x = h.inputs;
    return [
      signedSum(h, x, [1, 1, 1, 1, 1], 4).uge(3), // popcount of 5 bits fits in 4 bits
      signedSum(h, x.slice(0, 4), ws, 6).sle(1),
    ];
  };

  for (const enc of ['bv', 'pb', 'arith'] as const) {
    it(`majority-of-5 (θ≥3) and a weighted θ≤1 with negative weights hold (${enc})`, async () => {
      expectHolds(await checkEquivalenceSmt(build(3, 1), spec, { thresholdEncoding: enc }));
    });
  }

  it('off-by-one thresholds give counterexamples confirmed by the evaluator', async () => {
    for (const [kMaj, kLe] of [
      [2, 1],
      [3, 0],
      [4, 2],
    ] as const) {
      const c = build(kMaj, kLe);
      expectCounterexample(c, await checkEquivalenceSmt(c, spec));
    }
    // the same via a mutated k on the correct circuit
    const good = build(3, 1);
    const broken = withParam(good, good.outputs[0]!, 2);
    expectCounterexample(broken, await checkEquivalenceSmt(broken, spec));
  });

  it('large coefficients (PB path and the Int fallback above 2^30) agree with bit-vector arithmetic', async () => {
    const big = [2 ** 29, -(2 ** 29) + 1, 2 ** 28, 3];
    const huge = [2 ** 30 - 1, -(2 ** 30 - 1), 2 ** 30 - 1, -7];
    const b = createBuilder();
    const x = b.inputs(4);
    const c = b.build([b.ge(x, 2 ** 28 + 4, big), b.le(x, 2 ** 30 - 8, huge), b.ge(x, -(2 ** 30) + 1, huge)]);
    const s: SmtSpec = (h) => [
      signedSum(h, h.inputs, big, 40).sge(h.ctx.BitVec.val(2 ** 28 + 4, 40)),
      signedSum(h, h.inputs, huge, 40).sle(h.ctx.BitVec.val(2 ** 30 - 8, 40)),
      signedSum(h, h.inputs, huge, 40).sge(h.ctx.BitVec.val(-(2 ** 30) + 1, 40)),
    ];
    for (const enc of ['bv', 'pb', 'arith'] as const) {
      expectHolds(await checkEquivalenceSmt(c, s, { thresholdEncoding: enc }));
      const off = withParam(c, c.outputs[1]!, 2 ** 30 - 9); // x0 = x3 = 1 gives 2^30 − 8
      expectCounterexample(off, await checkEquivalenceSmt(off, s, { thresholdEncoding: enc }));
    }
  });

  it('4×8-bit iterated addition by a depth-3 threshold circuit = bit-vector sum', async () => {
    const c = iteratedAdder(4, 8);
    expectHolds(await checkEquivalenceSmt(c, sumSpec(4, 8, 10)));
  });
});

describe('smt: random circuits vs an independent encoding, against exhaustive evaluation', () => {
  const gateArb = (i: number, nIn: number): fc.Arbitrary<GateSpec> => {
    if (i < nIn) return fc.constant({ type: 'input' as const });
    const arg = fc.integer({ min: 0, max: i - 1 });
    const args = fc.array(arg, { minLength: 0, maxLength: 4 });
    const w = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -(2 ** 30) + 1, max: 2 ** 30 - 1 }));
    return fc.oneof(
      fc.record({ type: fc.constant('not' as const), args: fc.tuple(arg) }),
      fc.record({ type: fc.constantFrom('and' as const, 'or' as const), args }),
      args.chain((as) =>
        fc.record({
          type: fc.constantFrom('ge' as const, 'le' as const),
          args: fc.constant(as),
          weights: fc.array(w, { minLength: as.length, maxLength: as.length }),
        }).chain((g) => {
          const r = Math.min(5, g.weights.reduce((a, x) => a + Math.abs(x), 1)); // kernel: |k| ≤ Σ|w| + 1
          return fc.integer({ min: -r, max: r }).map((k) => ({ ...g, k }));
        }),
      ),
    );
  };
  const circuitArb = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }))
    .chain(([nIn, nGates]) =>
      fc.tuple(
        fc.tuple(...Array.from({ length: nIn + nGates }, (_, i) => gateArb(i, nIn))),
        fc.array(fc.integer({ min: 0, max: nIn + nGates - 1 }), { minLength: 1, maxLength: 3 }),
      ),
    )
    .map(([gates, outs]) => {
      const r = makeCircuit(gates, outs);
      if (isLeft(r)) throw new Error(r.left.message);
      return r.right;
    });

  const sameFunction = (a: Circuit, b: Circuit): boolean => {
    for (let m = 0; m < 2 ** a.numInputs; m++) {
      const bits = Array.from({ length: a.numInputs }, (_, j) => (m >> j) & 1);
      if (evaluate(a, bits).join('') !== evaluate(b, bits).join('')) return false;
    }
    return true;
  };

  it('the verdict matches exhaustive comparison (bv / pb encodings vs the Int encoding)', async () => {
    await fc.assert(
      fc.asyncProperty(circuitArb, fc.nat(), fc.integer({ min: -1, max: 1 }), fc.constantFrom('bv' as const, 'pb' as const), async (c, g, dk, enc) => {
        // a mutant: perturb one gate's k (thresholds) or swap AND/OR
        const gate = g % c.numGates;
        const kind = c.kind[gate]!;
        const mutant =
          kind === GateKind.Ge || kind === GateKind.Le
            ? withParam(c, gate, c.param[gate]! + dk)
            : kind === GateKind.And || kind === GateKind.Or
              ? withKind(c, gate, dk === 0 ? kind : kind === GateKind.And ? GateKind.Or : GateKind.And)
              : c;
        const spec: SmtSpec = ({ ctx, inputs }) => encodeCircuit(ctx, mutant, inputs, 'arith');
        const r = await checkEquivalenceSmt(c, spec, { thresholdEncoding: enc });
        if (sameFunction(c, mutant)) expectHolds(r);
        else {
          const cex = expectCounterexample(c, r);
          expect(Array.from(evaluate(mutant, stringToBits(cex.input))).join('')).toBe(cex.expected);
        }
      }),
      { numRuns: 20, seed: 20230531 },
    );
  });
});

describe('smt: failures that are not counterexamples', () => {
  const b = createBuilder();
  const [x, y] = b.inputs(2);
  const c = b.build([b.and([x!, y!])]);

  it('spec errors: wrong arity, throwing, foreign terms', async () => {
    const tags = async (s: SmtSpec) => {
      const r = await checkEquivalenceSmt(c, s);
      return isLeft(r) ? r.left._tag : 'Right';
    };
    expect(await tags(({ inputs }) => [inputs[0]!, inputs[1]!])).toBe('SpecError');
    expect(
      await tags(() => {
        throw new Error('boom');
      }),
    ).toBe('SpecError');
    const api = await getZ3();
    const other = new api.Context('main');
    expect(await tags(() => [other.Bool.const('z')])).toBe('SpecError');
    expect(await tags(({ bvFromBits }) => [bvFromBits([]).eq(0)])).toBe('SpecError');
  });

  it('a timeout is a Timeout failure, not a success', async () => {
    // circuit: constant 0; spec: the pigeonhole formula PHP(10 → 9) (unsat, hard for CDCL),
    // so the miter is unsat but z3 cannot show it within 150 ms.
    const n = 10;
    const m = 9;
    const bb = createBuilder();
    bb.inputs(n * m);
    const zero = bb.build([bb.constant(0)]);
    const php: SmtSpec = ({ ctx, inputs }) => {
      const p = (i: number, j: number): SmtBool => inputs[i * m + j]!;
      const clauses: SmtBool[] = [];
      for (let i = 0; i < n; i++) clauses.push(ctx.Or(...Array.from({ length: m }, (_, j) => p(i, j))));
      for (let j = 0; j < m; j++) for (let a = 0; a < n; a++) for (let d = a + 1; d < n; d++) clauses.push(ctx.Or(p(a, j).not(), p(d, j).not()));
      return [ctx.And(...clauses)];
    };
    const t0 = performance.now();
    const r = await checkEquivalenceSmt(zero, php, { timeoutMs: 150 });
    expect(isLeft(r) && r.left._tag).toBe('Timeout');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('smt: timings', () => {
  it('16-bit carry-lookahead adder, 4×8-bit threshold adder and weighted majority', async () => {
    await getZ3();
    const cla = lookaheadAdder(16);
    const r1 = expectHolds(await checkEquivalenceSmt(cla, sumSpec(2, 16, 17)));
    const ta = iteratedAdder(4, 8);
    const r2 = expectHolds(await checkEquivalenceSmt(ta, sumSpec(4, 8, 10)));
    const wm = weightedMajority(4, 8);
    const majSpec: SmtSpec = ({ bits, bvFromBits }) => {
      const xs = [0, 1, 2, 3].map((i) => bvFromBits(bits(8 * i, 8)).zeroExt(2));
      return [xs.reduce((a, b) => a.add(b)).uge(512)];
    };
    const r3 = expectHolds(await checkEquivalenceSmt(wm, majSpec));
    console.info(
      `16-bit CLA (${cla.numGates} gates): ${r1.ms.toFixed(0)} ms; ` +
        `4×8-bit threshold adder (${ta.numGates} gates): ${r2.ms.toFixed(0)} ms; ` +
        `4×8-bit weighted majority (1 gate, 32 inputs): ${r3.ms.toFixed(0)} ms`,
    );
  });
});
