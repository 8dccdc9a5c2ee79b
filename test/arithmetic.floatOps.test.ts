import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createBuilder, GateKind, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { evaluateAllInputs, evaluateBatch } from '../src/core/evaluateBitParallel.js';
import {
  decodeFloat,
  encodeFloat,
  floatCompare,
  floatDiv,
  floatMul,
  floatParams,
  showFloat,
  type Float,
  type FloatParams,
} from '../src/core/float.js';
import { metrics } from '../src/core/metrics.js';
import { tryConstruct, type ArithmeticCircuit } from '../src/reductions/arithmetic/arithmeticCircuit.js';
import {
  floatCompareArithBounds,
  floatDivArithBounds,
  floatLookupBounds,
  floatMulArithBounds,
} from '../src/proofs/arithmetic/floatOps.js';
import {
  floatCompareArith,
  floatCompareGadget,
  floatCompareLookup,
  floatDivArith,
  floatDivLookup,
  floatMulArith,
  floatMulGadget,
  floatMulLookup,
  floatOpTruthTable,
  type FloatOp,
} from '../src/reductions/arithmetic/floatOps.js';
import { andOrGates, flipAndOr, kernelAccepts } from './arithmetic.helpers.js';

const paramsOf = (p: number): FloatParams => {
  const e = floatParams(p);
  if (isLeft(e)) throw new Error(e.left);
  return e.right;
};

const decode = (params: FloatParams, bits: readonly number[]): Float => {
  const e = decodeFloat(params, bits);
  if (isLeft(e)) throw new Error(e.left);
  return e.right;
};

/** The specification: float.ts on the 2p input bits (a = bits 0…p−1, b = p…2p−1). */
const spec = (op: FloatOp, params: FloatParams, bits: readonly number[]): number[] => {
  const p = params.p;
  const a = decode(params, bits.slice(0, p));
  const b = decode(params, bits.slice(p, 2 * p));
  if (op === 'compare') {
    const c = floatCompare(a, b);
    return [c < 0 ? 1 : 0, c === 0 ? 1 : 0];
  }
  return Array.from(encodeFloat(params, op === 'mul' ? floatMul(params, a, b) : floatDiv(params, a, b)));
};

const arith = (op: FloatOp, p: number): ArithmeticCircuit<unknown> =>
  op === 'mul' ? floatMulArith(p) : op === 'div' ? floatDivArith(p) : floatCompareArith(p);
const lookupRoute = (op: FloatOp, p: number): ArithmeticCircuit<unknown> =>
  op === 'mul' ? floatMulLookup(p) : op === 'div' ? floatDivLookup(p) : floatCompareLookup(p);

const tables = new Map<string, ReturnType<typeof floatOpTruthTable>>();
const tableOf = (p: number, op: FloatOp) => {
  const key = `${op}/${p}`;
  const t = tables.get(key) ?? floatOpTruthTable(p, op);
  tables.set(key, t);
  return t;
};

/** The first assignment (all 2^(2p) of them, bit-parallel) on which c disagrees with the table. */
const firstDisagreement = (c: Circuit, p: number, op: FloatOp): number | undefined => {
  const t = tableOf(p, op);
  let found: number | undefined;
  evaluateAllInputs(c, (g, base, lanes) => {
    for (let j = 0; j < c.outputs.length; j++) {
      const w = g[c.outputs[j]!]!;
      for (let l = 0; l < lanes; l++) {
        if (((w >>> l) & 1) !== t.bits[(base + l) * t.m + j]) {
          found = base + l;
          return false;
        }
      }
    }
    return true;
  });
  return found;
};

const bitsOf = (x: number, n: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(x / 2 ** i) % 2);

const OPS: readonly FloatOp[] = ['mul', 'div', 'compare'];

describe('the truth tables are float.ts', () => {
  it('agree with float.ts on sampled rows (p = 6)', () => {
    const params = paramsOf(6);
    for (const op of OPS) {
      const t = tableOf(6, op);
      expect(t.k).toBe(12);
      for (const x of [0, 1, 77, 1234, 2048, 4095]) {
        expect(Array.from(t.bits.slice(x * t.m, x * t.m + t.m)), `${op} row ${x}`).toEqual(spec(op, params, bitsOf(x, 12)));
      }
    }
  });
});

describe('arithmetic route: exhaustive against float.ts', () => {
  for (const p of [4, 6, 8]) {
    for (const op of OPS) {
      it(`${op}, p = ${p}: all 2^${2 * p} input pairs`, () => {
        expect(firstDisagreement(arith(op, p).circuit, p, op)).toBeUndefined();
      });
    }
  }
});

describe('lookup route (P1 Lemma 1)', () => {
  for (const p of [4, 6]) {
    for (const op of OPS) {
      it(`${op}, p = ${p}: exhaustive, depth ≤ 3, size ≤ 2^(2p) + 2p + m, the same in P1's basis`, () => {
        const ac = lookupRoute(op, p);
        expect(firstDisagreement(ac.circuit, p, op)).toBeUndefined();
        const m = metrics(ac.circuit);
        const claim = floatLookupBounds(p, op);
        expect(claim).toEqual({ depth: 3, size: 2 ** (2 * p) + 2 * p + (op === 'compare' ? 2 : p), depthP1: 3, sizeP1: claim.size });
        expect(m.depth).toBeLessThanOrEqual(3);
        expect(m.size).toBeLessThanOrEqual(claim.size);
        expect(m.depthP1).toBeLessThanOrEqual(3);
        expect(m.sizeP1).toBeLessThanOrEqual(claim.size);
      });
    }
  }

  it('p = 8: both routes agree with each other and float.ts on 2048 seeded pairs; bounds hold', () => {
    const params = paramsOf(8);
    const inputs = fc.sample(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 16, maxLength: 16 }), { seed: 8, numRuns: 2048 });
    for (const op of OPS) {
      const look = lookupRoute(op, 8);
      const m = metrics(look.circuit);
      expect(m.depth).toBeLessThanOrEqual(3);
      expect(m.size).toBeLessThanOrEqual(floatLookupBounds(8, op).size);
      expect(m.sizeP1).toBeLessThanOrEqual(floatLookupBounds(8, op).sizeP1);
      const viaLookup = evaluateBatch(look.circuit, inputs);
      const viaArith = evaluateBatch(arith(op, 8).circuit, inputs);
      inputs.forEach((x, i) => {
        expect(Array.from(viaLookup[i]!), `${op} lookup vs arith`).toEqual(Array.from(viaArith[i]!));
        expect(Array.from(viaArith[i]!), `${op} vs float.ts`).toEqual(spec(op, params, x));
      });
    }
  });

  it('refuses p > 10 up front, with the public name', () => {
    expect(() => floatMulLookup(12)).toThrow(/^floatMulLookup: p must be an even integer in 4\.\.10 \(the lookup route tabulates 2\^\(2p\)/);
    expect(() => floatDivLookup(16)).toThrow(/^floatDivLookup: p must be/);
    expect(() => floatCompareLookup(7)).toThrow(/^floatCompareLookup: p must be/);
    expect(() => floatOpTruthTable(2, 'mul')).toThrow(/^floatOpTruthTable: p must be/);
    const r = tryConstruct(floatMulLookup)(64);
    expect(isLeft(r) && r.left.message.startsWith('floatMulLookup')).toBe(true);
  });
});

/** Operands built from fields, biased towards the edges (zero, ±0, 1, I^max, top exponents). */
const operandBits = (params: FloatParams) => {
  const r = params.q - 1;
  const M = 2 ** r - 1;
  const mag = fc.oneof(fc.integer({ min: 0, max: M }), fc.constantFrom(0, 1, M, 2 ** (r - 1), M - 1));
  const sign = fc.integer({ min: 0, max: 1 });
  return { r, M, mag, sign };
};

const fieldsToBits = (r: number, m: number, ms: number, e: number, es: number): number[] => [
  ...bitsOf(m, r),
  ms,
  ...bitsOf(e, r),
  es,
];

/**
 * Pairs of operands: free, or with b's exponent chosen so that the result's exponent lands near
 * a boundary (±M, 0, the underflow cut-off): e_b = target − e_a (product) or e_a − target
 * (quotient), clipped to the range.
 */
const pairBits = (params: FloatParams, op: FloatOp) => {
  const { r, M, mag, sign } = operandBits(params);
  const exp = fc.oneof(fc.integer({ min: -M, max: M }), fc.constantFrom(-M, M, 0, 1, -1));
  const delta = fc.integer({ min: -(2 * r + 2), max: 2 * r + 2 });
  const target = fc.constantFrom(M, -M, 0, -M - r);
  return fc
    .tuple(mag, sign, exp, mag, sign, exp, fc.boolean(), target, delta, sign, sign)
    .map(([ma, sa, ea, mb, sb, eb0, boundary, t, d, za, zb]) => {
      const want = op === 'div' ? ea - (t + d) : t + d - ea;
      const eb = boundary ? Math.max(-M, Math.min(M, want)) : eb0;
      // sign bits of zero exponents are free (negative zero decodes to 0)
      const esA = ea < 0 ? 1 : ea === 0 ? za : 0;
      const esB = eb < 0 ? 1 : eb === 0 ? zb : 0;
      return [...fieldsToBits(r, ma, sa, Math.abs(ea), esA), ...fieldsToBits(r, mb, sb, Math.abs(eb), esB)];
    });
};

/**
 * Comparison pairs: free pairs, and "twins": b = a re-represented as ⟨m·2^k, e − k⟩ (or
 * ⟨m/2^k, e + k⟩ when exact), then possibly nudged by one unit of the mantissa or negated, so
 * that equal values with different representations and nearest neighbours are common.
 */
const comparePairBits = (params: FloatParams) => {
  const { r, M, mag, sign } = operandBits(params);
  const exp = fc.oneof(fc.integer({ min: -M, max: M }), fc.constantFrom(-M, M, 0));
  const free = pairBits(params, 'compare');
  const twin = fc
    .tuple(mag, sign, exp, fc.integer({ min: -r, max: r }), fc.constantFrom(-1, 0, 0, 0, 1), fc.constantFrom(0, 0, 0, 1))
    .map(([m, s, e, k, nudge, flip]) => {
      let mb = m;
      let eb = e;
      if (k > 0 && m * 2 ** k <= M && e - k >= -M) [mb, eb] = [m * 2 ** k, e - k];
      if (k < 0 && m % 2 ** -k === 0 && e - k <= M) [mb, eb] = [m / 2 ** -k, e - k];
      mb = Math.max(0, Math.min(M, mb + nudge));
      const sb = flip === 1 ? 1 - s : s;
      return [
        ...fieldsToBits(r, m, s, Math.abs(e), e < 0 ? 1 : 0),
        ...fieldsToBits(r, mb, sb, Math.abs(eb), eb < 0 ? 1 : 0),
      ];
    });
  return fc.oneof(free, twin);
};

describe('arithmetic route: seeded property tests against float.ts', () => {
  const cases: readonly (readonly [FloatOp, number])[] = [
    ['mul', 10],
    ['mul', 12],
    ['mul', 16],
    ['mul', 32],
    ['div', 10],
    ['div', 12],
    ['div', 16],
    ['compare', 10],
    ['compare', 12],
    ['compare', 16],
    ['compare', 32],
  ];
  for (const [op, p] of cases) {
    it(`${op}, p = ${p}`, () => {
      const params = paramsOf(p);
      const { circuit } = arith(op, p);
      const scratch = new Uint8Array(circuit.numGates);
      fc.assert(
        fc.property(op === 'compare' ? comparePairBits(params) : pairBits(params, op), (x) => {
          expect(Array.from(evaluate(circuit, x, scratch))).toEqual(spec(op, params, x));
        }),
        { seed: 1000 + p, numRuns: 600 },
      );
    });
  }

  it('the worked examples of docs/semantics.md (p = 8)', () => {
    const params = paramsOf(8);
    const run = (ac: ArithmeticCircuit<unknown>, a: Float, b: Float): number[] =>
      Array.from(evaluate(ac.circuit, [...encodeFloat(params, a), ...encodeFloat(params, b)]));
    const f = (m: bigint, e: bigint): Float => ({ m, e });
    const enc = (x: Float): number[] => Array.from(encodeFloat(params, x));
    const mul = floatMulArith(8);
    const div = floatDivArith(8);
    const cmp = floatCompareArith(8);
    expect(run(mul, f(3n, 0n), f(5n, 0n))).toEqual(enc(f(7n, 1n))); // 15 → 14
    expect(run(div, f(1n, 0n), f(3n, 0n))).toEqual(enc(f(5n, -4n))); // 1/3 → 5/16
    expect(run(div, f(-1n, 0n), f(3n, 0n))).toEqual(enc(f(-5n, -4n)));
    expect(run(mul, f(1n, -7n), f(1n, -1n))).toEqual(enc(f(0n, -7n))); // underflow
    expect(run(div, f(-5n, 0n), f(0n, 3n))).toEqual(enc(f(-7n, 7n))); // −5/0
    expect(run(div, f(0n, 0n), f(0n, 3n))).toEqual(enc(f(0n, -7n))); // 0/0
    expect(run(mul, f(7n, 7n), f(-7n, 7n))).toEqual(enc(f(-7n, 7n))); // saturation keeps the sign
    expect(run(cmp, f(1n, 0n), f(4n, -2n))).toEqual([0, 1]); // same value, other representation
    expect(run(cmp, f(-1n, 7n), f(0n, -7n))).toEqual([1, 0]);
    expect(run(cmp, f(0n, 5n), f(0n, -3n))).toEqual([0, 1]); // zeros with any exponent
  });
});

describe('claimed bounds', () => {
  it('floatMulArith: depth ≤ 17 (= 17 for every p ≥ 10), size ≤ claimed, depth·P1 ≤ 17 (= 17 for p ≥ 10), p = 4…60', () => {
    for (let p = 4; p <= 60; p += 2) {
      const ac = floatMulArith(p);
      const m = metrics(ac.circuit);
      const claim = floatMulArithBounds(p);
      expect(m.depth, `p=${p}`).toBeLessThanOrEqual(claim.depth);
      if (p >= 10) expect(m.depth, `p=${p}`).toBe(17);
      expect(m.size, `p=${p}`).toBeLessThanOrEqual(claim.size);
      expect(m.depthP1, `p=${p}`).toBeLessThanOrEqual(claim.depthP1);
      if (p >= 10) expect(m.depthP1, `p=${p}`).toBe(17);
      expect(m.sizeP1, `p=${p}`).toBeLessThanOrEqual(claim.sizeP1);
      expect(m.maxWeight).toBeLessThan(2 ** 30);
    }
  });

  it('floatDivArith: depth ≤ 14 (= 14 for every p ≥ 12), size ≤ claimed, depth·P1 ≤ 15 (= 15 for p ≥ 12), p = 4…24', () => {
    for (let p = 4; p <= 24; p += 2) {
      const ac = floatDivArith(p);
      const m = metrics(ac.circuit);
      const claim = floatDivArithBounds(p);
      expect(m.depth, `p=${p}`).toBeLessThanOrEqual(claim.depth);
      if (p >= 12) expect(m.depth, `p=${p}`).toBe(14);
      expect(m.size, `p=${p}`).toBeLessThanOrEqual(claim.size);
      expect(m.depthP1, `p=${p}`).toBeLessThanOrEqual(claim.depthP1);
      if (p >= 12) expect(m.depthP1, `p=${p}`).toBe(15);
      expect(m.sizeP1, `p=${p}`).toBeLessThanOrEqual(claim.sizeP1);
      expect(m.maxWeight).toBeLessThan(2 ** 30);
    }
  });

  it('floatCompareArith: depth ≤ 6 (= 6 for every p ≥ 8), size exactly as claimed, depth·P1 ≤ 7 (= 7 for p ≥ 8), p = 4…60', () => {
    for (let p = 4; p <= 60; p += 2) {
      const ac = floatCompareArith(p);
      const m = metrics(ac.circuit);
      const claim = floatCompareArithBounds(p);
      expect(m.depth, `p=${p}`).toBeLessThanOrEqual(claim.depth);
      if (p >= 8) expect(m.depth, `p=${p}`).toBe(6);
      expect(m.size, `p=${p}`).toBe(claim.size);
      expect(m.depthP1, `p=${p}`).toBeLessThanOrEqual(claim.depthP1);
      if (p >= 8) expect(m.depthP1, `p=${p}`).toBe(7);
      expect(m.sizeP1, `p=${p}`).toBeLessThanOrEqual(claim.sizeP1);
      expect(m.maxWeight).toBeLessThan(2 ** 30);
    }
  });

  it('the kernel accepts the circuits (thresholds in range)', () => {
    for (const op of OPS) expect(kernelAccepts(arith(op, 8).circuit), op).toBe(true);
    expect(kernelAccepts(floatMulArith(60).circuit)).toBe(true);
    expect(kernelAccepts(floatCompareArith(60).circuit)).toBe(true);
  });

  it('refuses odd p, p < 4, and p beyond each route’s range', () => {
    expect(() => floatMulArith(62)).toThrow(/^floatMulArith: p must be an even integer in 4\.\.60/);
    expect(() => floatCompareArith(9)).toThrow(/^floatCompareArith: p must be/);
    expect(() => floatDivArith(34)).toThrow(/^floatDivArith: p must be an even integer in 4\.\.32/);
    expect(() => floatDivArith(2)).toThrow(/^floatDivArith/);
  });
});

describe('broken constructions are caught', () => {
  for (const op of OPS) {
    it(`${op}: every AND↔OR flip at p = 8 is caught, exhaustively`, () => {
      const { circuit } = arith(op, 8);
      const flips = andOrGates(circuit);
      expect(flips.length).toBeGreaterThan(20);
      for (const g of flips) expect(firstDisagreement(flipAndOr(circuit, g), 8, op), `flip ${g}`).toBeDefined();
    });
  }

  it('flipping the exponent sign OR(zero, signD) to AND: ⟨0, 3⟩·⟨0, 0⟩ is the first counterexample', () => {
    const params = paramsOf(8);
    const { circuit } = floatMulArith(8);
    const g = circuit.outputs[7]!; // the exponent sign bit of the result
    const broken = flipAndOr(circuit, g);
    const x = firstDisagreement(broken, 8, 'mul');
    expect(x).toBe(48); // a = ⟨0, 3⟩, b = ⟨0, 0⟩: D = 3 + 0 − r = 0, so signD does not mask the flip
    const bits = bitsOf(x!, 16);
    expect(showFloat(decode(params, bits.slice(0, 8)))).toBe('⟨0, 3⟩');
    expect(showFloat(decode(params, bits.slice(8)))).toBe('⟨0, 0⟩');
    const wrong = decode(params, Array.from(evaluate(broken, bits)));
    expect(showFloat(wrong)).toBe('⟨0, 7⟩'); // not the normal zero ⟨0, −7⟩
    expect(showFloat(floatMul(params, decode(params, bits.slice(0, 8)), decode(params, bits.slice(8))))).toBe('⟨0, -7⟩');
  });

  it('at p = 6 exactly one product flip goes unnoticed: an OR of the exponent arithmetic whose inputs never differ in the way AND vs OR would show', () => {
    const { circuit } = floatMulArith(6);
    const undetected = andOrGates(circuit).filter((g) => firstDisagreement(flipAndOr(circuit, g), 6, 'mul') === undefined);
    expect(undetected).toHaveLength(1);
    expect(circuit.kind[undetected[0]!]).toBe(GateKind.Or);
  });
});

describe('gadgets compose in one builder', () => {
  it('[a·b < c] at p = 6, exhaustively over a and b for a few c', () => {
    const params = paramsOf(6);
    const bld = createBuilder();
    const a = bld.inputs(6);
    const b = bld.inputs(6);
    const c = bld.inputs(6);
    const prod = floatMulGadget(bld, params, a, b);
    const { lt } = floatCompareGadget(bld, params, prod, c);
    const circuit = bld.build([lt]);
    for (const cv of [0, 5, 37, 63]) {
      const cBits = bitsOf(cv, 6);
      const fc_ = decode(params, cBits);
      for (let x = 0; x < 4096; x += 7) {
        const ab = bitsOf(x, 12);
        const prodF = floatMul(params, decode(params, ab.slice(0, 6)), decode(params, ab.slice(6)));
        expect(evaluate(circuit, [...ab, ...cBits])[0]).toBe(floatCompare(prodF, fc_) < 0 ? 1 : 0);
      }
    }
  });
});
