import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { GateKind, type Circuit } from '../src/core/circuit.js';
import { evaluateAllInputs, evaluateBatch } from '../src/core/evaluateBitParallel.js';
import { decodeFloat, encodeFloat, floatParams, iteratedSum, showFloat, type Float, type FloatParams } from '../src/core/float.js';
import { metrics } from '../src/core/metrics.js';
import { tryConstruct } from '../src/reductions/arithmetic/arithmeticCircuit.js';
import { floatIteratedSumBounds, floatIteratedSumFormula } from '../src/proofs/arithmetic/floatIteratedSum.js';
import {
  floatIteratedSum,
  floatIteratedSumGateCount,
  floatIteratedSumShape,
  floatIteratedSumStages,
  floatIteratedSumWireBound,
} from '../src/reductions/arithmetic/floatIteratedSum.js';
import { checkClaim, kernelAccepts } from './arithmetic.helpers.js';

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

const paramsOf = (p: number): FloatParams => {
  const r = floatParams(p);
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};

const decodeBits = (params: FloatParams, bits: ArrayLike<number>): Float => {
  const r = decodeFloat(params, bits);
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};

/** The k floats of an input vector (float i on bits i·p … i·p + p − 1). */
const floatsOf = (params: FloatParams, k: number, input: ArrayLike<number>): Float[] =>
  Array.from({ length: k }, (_, i) => decodeBits(params, Array.from({ length: params.p }, (_, j) => input[i * params.p + j]!)));

/** Expected output bits: the kernel's ⊕, encoded. */
const expectedBits = (params: FloatParams, floats: readonly Float[]): Uint8Array => encodeFloat(params, iteratedSum(params, floats));

/** A counterexample as text, naming the input floats, the expected sum and what the circuit gave. */
const describeCounterexample = (params: FloatParams, floats: readonly Float[], actual: ArrayLike<number>): string => {
  const expected = iteratedSum(params, floats);
  const got = decodeBits(params, actual);
  const bits = (x: ArrayLike<number>): string => Array.from(x).join('');
  return `⊕(${floats.map(showFloat).join(', ')}): expected ${showFloat(expected)} (bits ${bits(encodeFloat(params, expected))}), circuit gave ${showFloat(got)} (bits ${bits(actual)}) at p = ${params.p}`;
};

/** Exhaustive check on all 2^(k·p) input patterns; the first counterexample as text, or undefined. */
const exhaustiveCounterexample = (circuit: Circuit, k: number, p: number): string | undefined => {
  const params = paramsOf(p);
  let found: string | undefined;
  const input = new Array<number>(k * p);
  evaluateAllInputs(circuit, (gates, base, lanes) => {
    for (let lane = 0; lane < lanes; lane++) {
      const a = base + lane;
      for (let j = 0; j < k * p; j++) input[j] = Math.floor(a / 2 ** j) % 2;
      const floats = floatsOf(params, k, input);
      const exp = expectedBits(params, floats);
      const actual = Array.from({ length: p }, (_, j) => (gates[circuit.outputs[j]!]! >>> lane) & 1);
      if (actual.some((x, j) => x !== exp[j])) {
        found = describeCounterexample(params, floats, actual);
        return false;
      }
    }
    return true;
  });
  return found;
};

const bitsOf = (v: number, w: number): number[] => Array.from({ length: w }, (_, i) => Math.floor(v / 2 ** i) % 2);

/** A raw float bit pattern from its four fields (negative zeros allowed). */
const pattern = (q: number, mMag: number, mNeg: boolean, eMag: number, eNeg: boolean): number[] => [
  ...bitsOf(mMag, q - 1),
  mNeg ? 1 : 0,
  ...bitsOf(eMag, q - 1),
  eNeg ? 1 : 0,
];

/** Vectors of k raw float patterns: uniform, edge values, saturating, clustered, cancelling. */
const vectorArb = (k: number, p: number): fc.Arbitrary<number[][]> => {
  const q = p / 2;
  const M = 2 ** (q - 1) - 1;
  const mag = fc.integer({ min: 0, max: M });
  const edgeMag = fc.constantFrom(0, 1, M, M - 1, 2 ** (q - 2), 2 ** (q - 2) - 1);
  const any = fc.tuple(mag, fc.boolean(), mag, fc.boolean()).map(([a, s, e, t]) => pattern(q, a, s, e, t));
  const edge = fc.tuple(edgeMag, fc.boolean(), fc.oneof(edgeMag, mag), fc.boolean()).map(([a, s, e, t]) => pattern(q, a, s, e, t));
  const vec = (f: fc.Arbitrary<number[]>): fc.Arbitrary<number[][]> => fc.array(f, { minLength: k, maxLength: k });
  // same sign, exponents at the top: overflow and saturation (or sums just below it)
  const saturating = fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: Math.min(M, 3) }))
    .chain(([neg, spread]) =>
      vec(
        fc
          .tuple(fc.integer({ min: Math.max(1, M >> 1), max: M }), fc.integer({ min: M - spread, max: M }))
          .map(([a, e]) => pattern(q, a, neg, Math.abs(e), e < 0)),
      ),
    );
  // exponents within a small window anywhere: carries and cancellation
  const clustered = fc.integer({ min: -M, max: M }).chain((e0) =>
    vec(
      fc.tuple(mag, fc.boolean(), fc.integer({ min: 0, max: 3 })).map(([a, s, d]) => {
        const e = Math.max(-M, Math.min(M, e0 - d));
        return pattern(q, a, s, Math.abs(e), e < 0);
      }),
    ),
  );
  // a vector and its negation (sum 0), then maybe one perturbation: cancellation down to the last bit
  const cancelling = vec(any).chain((xs) =>
    fc.tuple(fc.nat({ max: k - 1 }), edge, fc.boolean()).map(([i, extra, perturb]) => {
      const half = xs.slice(0, Math.floor(k / 2));
      const negated = half.map((f) => f.map((bit, j) => (j === q - 1 ? 1 - bit : bit)));
      const out = [...half, ...negated];
      while (out.length < k) out.push(extra);
      if (perturb) out[i] = extra;
      return out;
    }),
  );
  return fc.oneof(vec(any), vec(edge), saturating, clustered, cancelling);
};

/** Property: 32 vectors per run, evaluated in one bit-parallel batch. */
const checkRandom = (k: number, p: number, seed: number, numRuns: number): void => {
  const params = paramsOf(p);
  const { circuit } = floatIteratedSum(k, p);
  fc.assert(
    fc.property(fc.array(vectorArb(k, p), { minLength: 1, maxLength: 32 }), (vectors) => {
      const inputs = vectors.map((v) => v.flat());
      const outs = evaluateBatch(circuit, inputs);
      outs.forEach((out, n) => {
        const floats = floatsOf(params, k, inputs[n]!);
        const exp = expectedBits(params, floats);
        if (Array.from(out).some((x, j) => x !== exp[j])) throw new Error(describeCounterexample(params, floats, out));
      });
    }),
    { seed, numRuns },
  );
};

/** The circuit with gate g complemented (θ≥t ↔ θ≤t−1; AND ↔ OR). */
const complement = (c: Circuit, g: number): Circuit => {
  const kind = Uint8Array.from(c.kind);
  const param = Int32Array.from(c.param);
  if (kind[g] === GateKind.Ge) {
    kind[g] = GateKind.Le;
    param[g] = param[g]! - 1;
  } else if (kind[g] === GateKind.Le) {
    kind[g] = GateKind.Ge;
    param[g] = param[g]! + 1;
  } else if (kind[g] === GateKind.And) kind[g] = GateKind.Or;
  else if (kind[g] === GateKind.Or) kind[g] = GateKind.And;
  else throw new RangeError(`complement: gate ${g} is not a logic gate`);
  return { ...c, kind, param };
};

const fanIn = (c: Circuit, g: number): number => c.faninStart[g + 1]! - c.faninStart[g]!;

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe('floatIteratedSum', () => {
  it('is bit-exact with iteratedSum on every input pattern (p = 4, k ≤ 4; p = 6, 8, k ≤ 2; p = 10, k = 1)', () => {
    const cases: [number, number][] = [
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
      [1, 6],
      [2, 6],
      [1, 8],
      [2, 8],
      [1, 10],
    ];
    for (const [k, p] of cases) {
      const { circuit } = floatIteratedSum(k, p);
      expect(exhaustiveCounterexample(circuit, k, p), `k = ${k}, p = ${p}`).toBeUndefined();
    }
  });

  it('computes the worked examples of docs/semantics.md (p = 8), saturation with its sign included', () => {
    const params = paramsOf(8);
    const cases: [[number, number][], [number, number]][] = [
      [[[7, 0], [1, -7]], [7, 0]],
      [[[7, 0], [-1, -7]], [6, 0]],
      [[[4, 0], [7, 0]], [5, 1]],
      [[[5, 0], [-5, 0]], [0, -7]],
      [[[7, 7], [1, 6]], [7, 7]], // above F^max, below 1024: truncated, not saturated
      [[[7, 7], [7, 7]], [7, 7]], // saturated
      [[[-7, 7], [-7, 7]], [-7, 7]], // saturated, sign kept
    ];
    const { circuit } = floatIteratedSum(2, 8);
    for (const [ins, [m, e]] of cases) {
      const input = ins.flatMap(([mi, ei]) => Array.from(encodeFloat(params, { m: BigInt(mi), e: BigInt(ei) })));
      const out = evaluateBatch(circuit, [input])[0]!;
      expect(decodeBits(params, out), JSON.stringify(ins)).toEqual({ m: BigInt(m), e: BigInt(e) });
    }
    // 64 copies of ±F^max at p = 16 saturate with their sign; negative zeros never come out
    const p16 = paramsOf(16);
    const { circuit: c64 } = floatIteratedSum(64, 16);
    const fmax = Array.from(encodeFloat(p16, { m: 127n, e: 127n }));
    const negZero = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]; // ⟨−0, −0⟩
    const neg = fmax.map((bit, j) => (j === 7 ? 1 : bit));
    const outs = evaluateBatch(c64, [Array(64).fill(fmax).flat(), Array(64).fill(neg).flat(), Array(64).fill(negZero).flat()]);
    expect(outs.map((o) => showFloat(decodeBits(p16, o)))).toEqual(['⟨127, 127⟩', '⟨-127, 127⟩', '⟨0, -127⟩']);
    expect(Array.from(outs[2]!)).toEqual(Array.from(encodeFloat(p16, { m: 0n, e: -127n })));
  });

  it('matches iteratedSum on random and edge-heavy floats for p ∈ {8, 10, 12, 16}, k up to 64 (property)', () => {
    const cases: [number, number, number][] = [
      // [k, p, runs]
      [2, 8, 20],
      [3, 8, 20],
      [16, 8, 15],
      [64, 8, 8],
      [4, 10, 15],
      [33, 10, 8],
      [7, 12, 12],
      [64, 12, 6],
      [2, 16, 12],
      [16, 16, 8],
      [64, 16, 5],
    ];
    cases.forEach(([k, p, runs], i) => checkRandom(k, p, 1000 + i, runs));
  });

  it('has constant depth 9 (10 in P1\'s basis) across k at p = 8 and across p at k = 4; size and wires within their bounds', () => {
    const measure = (k: number, p: number): { depth: number; depthP1: number } => {
      const ac = floatIteratedSum(k, p);
      const m = checkClaim(ac.circuit, floatIteratedSumBounds(k, p));
      expect(m.wires, `wires k = ${k}, p = ${p}`).toBeLessThanOrEqual(floatIteratedSumWireBound(k, p));
      expect(m.maxWeight).toBeLessThan(2 ** 30);
      expect(m.maxThreshold).toBeLessThan(2 ** 30);
      return { depth: m.depth, depthP1: m.depthP1 };
    };
    const byK = [2, 3, 4, 5, 8, 13, 16, 31, 64].map((k) => measure(k, 8));
    const byP = [6, 8, 10, 12, 14, 16].map((p) => measure(4, p));
    expect(new Set([...byK, ...byP].map((m) => m.depth))).toEqual(new Set([9]));
    expect(new Set([...byK, ...byP].map((m) => m.depthP1))).toEqual(new Set([10]));
    expect(floatIteratedSumBounds(4, 8)).toMatchObject({ depth: 9, depthP1: 10 });
    expect(floatIteratedSumFormula.depth).toBe('9');
    // degenerate members are shallower, never deeper
    for (const [k, p] of [
      [1, 4],
      [1, 12],
      [2, 4],
      [4, 4],
      [16, 4],
    ] as const) {
      const m = measure(k, p);
      expect(m.depth).toBeLessThanOrEqual(9);
      expect(m.depthP1).toBeLessThanOrEqual(10);
    }
  });

  it("its size claim, the construction's gate count, is the closed form of the claim's formula, every symbol as defined there", () => {
    const floorLog2 = (x: number): number => Math.floor(Math.log2(x));
    for (const k of [1, 2, 3, 4, 7, 16, 100, 256, 512]) {
      for (const p of [4, 6, 8, 10, 12, 16, 18]) {
        const sh = floatIteratedSumShape(k, p);
        const q = p / 2;
        const M = 2 ** (q - 1) - 1;
        const W = 2 * M + q - 1;
        const beta = floorLog2(k) + 1;
        const h = 2 * beta;
        const Wp = 2 * M + floorLog2(k * M) + 2;
        const ell = sh.blockWidth;
        const lmin = Math.ceil(Math.log2(h));
        expect(sh).toMatchObject({ q, iMax: M, columns: W, countBits: beta, height: h, sumWidth: Wp });
        expect(ell).toBeGreaterThanOrEqual(lmin);
        expect(ell).toBeLessThanOrEqual(Math.min(lmin + 10, 14));
        const nB = Math.ceil(Wp / ell);
        expect(sh.blocks).toBe(nB);
        const nu = Wp - 2 * M - q;
        const closed =
          k * (2 * M + 1) * (q - 1) +
          2 * k * W +
          (k >= 2 ? 2 * W * (Math.floor(k / 2) + beta - 1) : 0) +
          2 * (nB * (2 * h + 2 ** ell - 1) + ((ell + 1) * nB * (nB - 1)) / 2 + Wp) +
          2 * (2 * M * (q - 1) + q - 1 + nu) +
          2 * q +
          5;
        expect(floatIteratedSumGateCount(k, p), `k = ${k}, p = ${p}`).toBe(closed);
        expect(floatIteratedSumBounds(k, p).size).toBe(closed);
        expect(floatIteratedSumBounds(k, p).sizeP1).toBe(2 * closed + k * p);
      }
    }
    expect(floatIteratedSumFormula.size).toMatch(/construction's own dense count/);
    for (const sym of ['n =', 'p =', 'q =', 'M =', 'W =', 'β =', 'h =', "W′ =", 'ℓ =', 'n_B =', 'ν =']) expect(floatIteratedSumFormula.size).toContain(sym);
    // the formula is written in the lemma's parameter n (the column `n` of the printed table), not P1's k
    expect(floatIteratedSumFormula.size.replace('P1 Lemma 5 calls it k', '')).not.toMatch(/\bk\b/);
  });

  it('builds the benchmark points k ∈ {16, 32, 64, 128} at p = 2⌈log₂ k⌉ quickly, within the claims', () => {
    for (const k of [16, 32, 64, 128]) {
      const p = 2 * Math.ceil(Math.log2(k));
      const t = performance.now();
      const ac = floatIteratedSum(k, p);
      expect(performance.now() - t).toBeLessThan(5000);
      expect(checkClaim(ac.circuit, floatIteratedSumBounds(k, p)).depth).toBe(9);
    }
  });

  it('reports its stages: contiguous, in order, summing to the size', () => {
    const ac = floatIteratedSum(5, 8);
    const { stages } = ac.layout;
    expect(stages.map((s) => s.stage)).toEqual(['decode', 'alignment', 'column sums', 'final addition', 'sign', 'truncation', 'encode']);
    expect(stages[0]!.firstGate).toBe(5 * 8);
    stages.forEach((s, i) => {
      expect(s.gates).toBe(s.endGate - s.firstGate);
      if (i > 0) expect(s.firstGate).toBe(stages[i - 1]!.endGate);
    });
    expect(stages.reduce((a, s) => a + s.gates, 0)).toBe(metrics(ac.circuit).size);
    expect(stages.find((s) => s.stage === 'decode')!.gates).toBe(0);
    expect(floatIteratedSumStages(5, 8)).toEqual(stages);
  });

  it('has the documented layout and shape, and passes the kernel validation', () => {
    const ac = floatIteratedSum(3, 6);
    expect(ac.layout.floats).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
      [12, 13, 14, 15, 16, 17],
    ]);
    expect(ac.layout.mantissa).toEqual([0, 1, 2]);
    expect(ac.layout.exponent).toEqual([3, 4, 5]);
    expect(ac.circuit.numInputs).toBe(18);
    expect(ac.circuit.outputs.length).toBe(6);
    expect(kernelAccepts(ac.circuit)).toBe(true);
    const sh = floatIteratedSumShape(256, 16);
    expect(sh).toMatchObject({ q: 8, iMax: 127, columns: 261, countBits: 9, height: 18, sumWidth: 270 });
    expect(2 ** sh.blockWidth).toBeGreaterThanOrEqual(sh.height);
  });

  it('refuses bad parameters and members beyond the kernel limits, up front', () => {
    const build = tryConstruct(floatIteratedSum);
    for (const [k, p, msg] of [
      [0, 8, 'k must be'],
      [2, 7, 'p must be even'],
      [2, 2, 'p must be'],
      [2, 34, 'p must be'],
      [1.5, 8, 'k must be'],
    ] as const) {
      const r = build(k, p);
      expect(isLeft(r) && r.left.message).toContain(msg);
    }
    const t = performance.now();
    const big = build(1024, 20);
    expect(isLeft(big) && big.left.message).toMatch(/^floatIteratedSum: k = 1024, p = 20 needs up to \d+ wires/);
    expect(isLeft(build(1, 24))).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  describe('broken constructions are caught, with a counterexample naming the floats', () => {
    it('without the saturation terms', () => {
      const k = 2;
      const p = 4;
      const ac = floatIteratedSum(k, p);
      const c = ac.circuit;
      const trunc = ac.layout.stages.find((s) => s.stage === 'truncation')!;
      // the saturation gates are the truncation stage's fan-in-2 gates [|z|_u = 1 ∧ s as selected]
      const sat = new Set<number>();
      for (let g = trunc.firstGate; g < trunc.endGate; g++) if (fanIn(c, g) === 2 && c.kind[g] === GateKind.Ge) sat.add(g);
      expect(sat.size).toBeGreaterThan(0);
      // drop them from every output OR (redirect to the OR's first argument, which OR ignores)
      const fanin = Uint32Array.from(c.fanin);
      for (const o of c.outputs) {
        if (c.kind[o] !== GateKind.Or) continue;
        const first = fanin[c.faninStart[o]!]!;
        for (let w = c.faninStart[o]!; w < c.faninStart[o + 1]!; w++) if (sat.has(fanin[w]!)) fanin[w] = first;
      }
      const broken = { ...c, fanin };
      const cx = exhaustiveCounterexample(broken, k, p);
      expect(cx).toBeDefined();
      expect(cx).toMatch(/^⊕\(⟨-?\d+, -?\d+⟩, ⟨-?\d+, -?\d+⟩\): expected ⟨/);
      expect(cx).toContain('⟨1, 1⟩'); // an overflowing sum: the saturated result is ⟨±1, 1⟩
      expect(exhaustiveCounterexample(c, k, p)).toBeUndefined();
    });

    it('with one gate complemented, in every stage', () => {
      const k = 3;
      const p = 4;
      const ac = floatIteratedSum(k, p);
      for (const s of ac.layout.stages) {
        if (s.gates === 0) continue;
        const g = s.firstGate + Math.floor(s.gates / 2);
        const cx = exhaustiveCounterexample(complement(ac.circuit, g), k, p);
        expect(cx, `stage ${s.stage}, gate ${g}`).toMatch(/^⊕\(⟨.*expected ⟨.*circuit gave ⟨/);
      }
    });
  });
});
