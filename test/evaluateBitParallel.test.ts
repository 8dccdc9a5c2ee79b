import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createBuilder, GateKind, type Circuit } from '../src/core/circuit.js';
import { evaluate, evaluateGates } from '../src/core/evaluate.js';
import {
  evaluateAllInputs,
  evaluateBatch,
  evaluateWords,
  inputWordsOf,
  LANES,
  outputWords,
} from '../src/core/evaluateBitParallel.js';

// ---------------------------------------------------------------------------------------------
// Random circuits
// ---------------------------------------------------------------------------------------------

type KindName = 'input' | 'const' | 'not' | 'and' | 'or' | 'ge' | 'le';

/** How a threshold's k is chosen, relative to its range (edges on purpose). */
type KMode = 'zero' | 'fanin' | 'beyond' | 'below' | 'random' | 'lowEdge' | 'highEdge';

interface GateRecipe {
  readonly kind: KindName;
  /** Raw argument picks; argument j of gate i is `args[j] % i`. */
  readonly args: readonly number[];
  readonly kMode: KMode;
  readonly kRandom: number;
  /** Raw weights (used when the circuit is weighted), aligned with `args`. */
  readonly weights: readonly number[];
}

interface Recipe {
  readonly numInputs: number;
  readonly weighted: boolean;
  readonly gates: readonly GateRecipe[];
  readonly outputs: readonly number[];
}

const weightArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -4, max: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 29), max: 2 ** 29 }) },
  { weight: 1, arbitrary: fc.constantFrom(0x3fffffff, -0x3fffffff, 0, 1, -1) },
);

const gateArb = (maxFanIn: number): fc.Arbitrary<GateRecipe> =>
  fc
    .record({
      kind: fc.constantFrom<KindName>('input', 'const', 'not', 'and', 'or', 'ge', 'le', 'ge', 'le', 'and', 'or'),
      args: fc.oneof(
        { weight: 4, arbitrary: fc.array(fc.nat(), { maxLength: 12 }) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: 0, max: maxFanIn }).chain((n) => fc.array(fc.nat(), { minLength: n, maxLength: n })),
        },
      ),
      kMode: fc.constantFrom<KMode>('zero', 'fanin', 'beyond', 'below', 'random', 'random', 'lowEdge', 'highEdge'),
      kRandom: fc.double({ min: 0, max: 1, noNaN: true }),
      weights: fc.array(weightArb, { minLength: maxFanIn, maxLength: maxFanIn }),
    })
    .map((g) => ({ ...g, weights: g.weights.slice(0, g.args.length) }));

const recipeArb = (opts: { maxInputs: number; maxGates: number; maxFanIn: number }): fc.Arbitrary<Recipe> =>
  fc.record({
    numInputs: fc.integer({ min: 0, max: opts.maxInputs }),
    weighted: fc.boolean(),
    gates: fc.array(gateArb(opts.maxFanIn), { minLength: 1, maxLength: opts.maxGates }),
    outputs: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  });

const pickK = (g: GateRecipe, lo: number, hi: number): number => {
  switch (g.kMode) {
    case 'zero':
      return 0;
    case 'fanin':
      return hi;
    case 'beyond':
      return hi + 1 + Math.floor(g.kRandom * 3);
    case 'below':
      return lo - 1 - Math.floor(g.kRandom * 3);
    case 'lowEdge':
      return lo + Math.floor(g.kRandom * 2);
    case 'highEdge':
      return hi - Math.floor(g.kRandom * 2);
    default:
      return lo - 1 + Math.floor(g.kRandom * (hi - lo + 3));
  }
};

/** Clamp k into the builder's range: |k| ≤ Σ|w| + 1 and |k| < 2^31. */
const clampK = (k: number, total: number): number => {
  const m = Math.min(total + 1, 0x7fffffff);
  return Math.max(-m, Math.min(m, k));
};

/** Build a circuit from a recipe with the kernel's builder (k may lie just outside the sum's range). */
const buildCircuit = (r: Recipe): Circuit => {
  const b = createBuilder();
  b.inputs(r.numInputs);
  b.constant(1); // so that NOT always has something to point to
  for (const g of r.gates) {
    const i = b.size();
    const args = g.args.map((a) => a % i);
    switch (g.kind) {
      case 'input':
        b.input();
        break;
      case 'const':
        b.constant((g.kRandom < 0.5 ? 0 : 1) as 0 | 1);
        break;
      case 'not':
        b.not(args[0] ?? i - 1);
        break;
      case 'and':
        b.and(args);
        break;
      case 'or':
        b.or(args);
        break;
      default: {
        const f = g.kind === 'ge' ? b.ge : b.le;
        if (r.weighted) {
          let pos = 0;
          let neg = 0;
          for (const w of g.weights) if (w > 0) pos += w;
          else neg += w;
          f(args, clampK(pickK(g, neg, pos), pos - neg), g.weights);
        } else f(args, clampK(pickK(g, 0, args.length), args.length));
      }
    }
  }
  const n = b.size();
  return b.build(r.outputs.map((o) => o % n));
};

// ---------------------------------------------------------------------------------------------
// The agreement check, parameterised by the word evaluator under test
// ---------------------------------------------------------------------------------------------

type WordEvaluator = (c: Circuit, inputWords: Uint32Array) => Uint32Array;

/**
 * Check a word evaluator against the reference evaluator on up to 32 assignments: every gate,
 * every lane. Returns a description of the first disagreement, or null.
 */
const disagreement = (c: Circuit, assignments: readonly Uint8Array[], ev: WordEvaluator): string | null => {
  const words = ev(c, inputWordsOf(c.numInputs, assignments));
  for (let b = 0; b < assignments.length; b++) {
    const ref = evaluateGates(c, assignments[b]!);
    for (let i = 0; i < c.numGates; i++) {
      if (((words[i]! >>> b) & 1) !== ref[i]) {
        return `gate ${i} (kind ${c.kind[i]}) lane ${b}: bit-parallel ${(words[i]! >>> b) & 1}, reference ${ref[i]}`;
      }
    }
  }
  return null;
};

const assignmentsArb = (numInputs: number): fc.Arbitrary<Uint8Array[]> =>
  fc.array(fc.uint8Array({ min: 0, max: 1, minLength: numInputs, maxLength: numInputs }), { minLength: 1, maxLength: LANES });

const circuitAndAssignments = (opts: { maxInputs: number; maxGates: number; maxFanIn: number }) =>
  recipeArb(opts).chain((r) => {
    const c = buildCircuit(r);
    return fc.tuple(fc.constant(c), assignmentsArb(c.numInputs));
  });

const agreementProperty = (ev: WordEvaluator, opts: { maxInputs: number; maxGates: number; maxFanIn: number }) =>
  fc.property(circuitAndAssignments(opts), ([c, as]) => {
    const d = disagreement(c, as, ev);
    if (d !== null) throw new Error(d);
  });

const bitParallel: WordEvaluator = (c, w) => evaluateWords(c, w);

/** A deliberately wrong evaluator: θ≥k computed as Σ > k (i.e. θ≥(k+1)). */
const geAsGreater: WordEvaluator = (c, w) => {
  const param = Int32Array.from(c.param as Int32Array);
  for (let i = 0; i < c.numGates; i++) if (c.kind[i] === GateKind.Ge) param[i] = param[i]! + 1;
  return evaluateWords({ ...c, param }, w);
};

/** A deliberately wrong evaluator: ignores the sign of negative weights. */
const absWeights: WordEvaluator = (c, w) =>
  evaluateWords({ ...c, weight: c.weight === null ? null : (c.weight as Int32Array).map((x) => Math.abs(x)) }, w);

// ---------------------------------------------------------------------------------------------

describe('evaluateWords: small cases', () => {
  const b = createBuilder();
  const [x, y, z] = b.inputs(3) as [number, number, number];
  const gates = {
    and0: b.and([]),
    or0: b.or([]),
    c0: b.constant(0),
    c1: b.constant(1),
    notX: b.not(x),
    and: b.and([x, y]),
    or: b.or([x, y, z]),
    maj: b.ge([x, y, z], 2),
    le1: b.le([x, y, z], 1),
    geNeg: b.ge([x, y], -1),
    geBig: b.ge([x, y], 3),
    leNeg: b.le([x, y], -1),
    w: b.ge([x, y, z], 1, [2, -3, 1]), // 2x − 3y + z ≥ 1
    w0: b.le([x, y], 0, [0, 0]),
  };
  const c = b.build(Object.values(gates));
  // lanes: all 8 assignments of (x, y, z), assignment a sets x = a&1, y = a>>1&1, z = a>>2&1
  const words = evaluateWords(c, Uint32Array.of(0xaa, 0xcc, 0xf0));
  const lanesOf = (g: number): number[] => Array.from({ length: 8 }, (_, a) => (words[g]! >>> a) & 1);
  const expected = (f: (x: number, y: number, z: number) => boolean): number[] =>
    Array.from({ length: 8 }, (_, a) => (f(a & 1, (a >> 1) & 1, (a >> 2) & 1) ? 1 : 0));

  it('AND() = 1 and OR() = 0 in every lane; consts', () => {
    expect(words[gates.and0]).toBe(0xffffffff);
    expect(words[gates.or0]).toBe(0);
    expect(words[gates.c0]).toBe(0);
    expect(words[gates.c1]).toBe(0xffffffff);
  });
  it('NOT, AND, OR, thresholds lane by lane', () => {
    expect(lanesOf(gates.notX)).toEqual(expected((x) => !x));
    expect(lanesOf(gates.and)).toEqual(expected((x, y) => x + y === 2));
    expect(lanesOf(gates.or)).toEqual(expected((x, y, z) => x + y + z >= 1));
    expect(lanesOf(gates.maj)).toEqual(expected((x, y, z) => x + y + z >= 2));
    expect(lanesOf(gates.le1)).toEqual(expected((x, y, z) => x + y + z <= 1));
    expect(lanesOf(gates.geNeg)).toEqual(expected(() => true));
    expect(lanesOf(gates.geBig)).toEqual(expected(() => false));
    expect(lanesOf(gates.leNeg)).toEqual(expected(() => false));
    expect(lanesOf(gates.w)).toEqual(expected((x, y, z) => 2 * x - 3 * y + z >= 1));
    expect(lanesOf(gates.w0)).toEqual(expected(() => true));
  });
  it('input j reads input bit param[j], and outputWords picks the outputs', () => {
    expect(words[x]).toBe(0xaa);
    expect(words[z]).toBe(0xf0);
    expect(Array.from(outputWords(c, words))).toEqual(Object.values(gates).map((g) => words[g]));
  });
  it('refuses wrong input and scratch sizes, reuses scratch', () => {
    expect(() => evaluateWords(c, Uint32Array.of(1, 2))).toThrow(RangeError);
    expect(() => evaluateWords(c, Uint32Array.of(1, 2, 3), new Uint32Array(2))).toThrow(RangeError);
    const scratch = new Uint32Array(c.numGates);
    expect(evaluateWords(c, Uint32Array.of(0xaa, 0xcc, 0xf0), scratch)).toBe(scratch);
    expect(Array.from(scratch)).toEqual(Array.from(words));
  });
  it('inputWordsOf packs lanes and checks lengths', () => {
    expect(Array.from(inputWordsOf(2, [Uint8Array.of(1, 0), Uint8Array.of(1, 1)]))).toEqual([3, 2]);
    expect(() => inputWordsOf(2, [Uint8Array.of(1)])).toThrow(RangeError);
    expect(() => inputWordsOf(1, Array.from({ length: 33 }, () => [0]))).toThrow(RangeError);
  });
});

describe('evaluateWords agrees with the reference evaluator', () => {
  it('the random circuits cover the corner cases (sanity check of the generator)', () => {
    const seen = { emptyAnd: 0, emptyOr: 0, not: 0, const: 0, negWeight: 0, bigWeight: 0, fanIn64: 0, k0: 0, kFanIn: 0, kBeyond: 0, kNeg: 0 };
    for (const r of fc.sample(recipeArb({ maxInputs: 8, maxGates: 40, maxFanIn: 100 }), { seed: 42, numRuns: 300 })) {
      const c = buildCircuit(r);
      for (let i = 0; i < c.numGates; i++) {
        const f = c.faninStart[i + 1]! - c.faninStart[i]!;
        const k = c.kind[i]!;
        if (k === GateKind.And && f === 0) seen.emptyAnd++;
        if (k === GateKind.Or && f === 0) seen.emptyOr++;
        if (k === GateKind.Not) seen.not++;
        if (k === GateKind.Const) seen.const++;
        if (k === GateKind.Ge || k === GateKind.Le) {
          if (f >= 64) seen.fanIn64++;
          const p = c.param[i]!;
          if (p === 0) seen.k0++;
          if (c.weight === null && p === f) seen.kFanIn++;
          if (c.weight === null && p === f + 1) seen.kBeyond++;
          if (p < 0) seen.kNeg++;
          for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) {
            if (c.weight !== null && c.weight[w]! < 0) seen.negWeight++;
            if (c.weight !== null && Math.abs(c.weight[w]!) > 1000) seen.bigWeight++;
          }
        }
      }
    }
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(5);
  });

  it('random circuits, all gate kinds, fan-in up to 100, k at and beyond the edges', () => {
    fc.assert(agreementProperty(bitParallel, { maxInputs: 8, maxGates: 40, maxFanIn: 100 }), { seed: 42, numRuns: 300 });
  });

  it('large fan-in (128 … 300: the general counter path), weighted and unweighted', () => {
    const prop = fc.property(
      fc.integer({ min: 128, max: 300 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (fanIn, weighted, seed) => {
        let s = seed;
        const rnd = (): number => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return s / 2 ** 32;
        };
        const b = createBuilder();
        const xs = b.inputs(10);
        const layer = Array.from({ length: 40 }, (_, j) => (j % 2 ? b.and : b.or)([xs[j % 10]!, xs[(j * 3 + 1) % 10]!]));
        const pool = [...xs, ...layer];
        const args = Array.from({ length: fanIn }, () => pool[Math.floor(rnd() * pool.length)]!);
        const ws = weighted ? args.map(() => Math.floor(rnd() * 2 ** 30) * (rnd() < 0.5 ? -1 : 1)) : undefined;
        const outs: number[] = [];
        const span = weighted ? ws!.reduce((t, w) => t + Math.abs(w), 0) : fanIn;
        for (const k of [0, 1, fanIn, fanIn + 1, -1, Math.floor(rnd() * fanIn), Math.floor((rnd() - 0.5) * span)]) {
          outs.push(b.ge(args, clampK(k, span), ws), b.le(args, clampK(k, span), ws));
        }
        const c = b.build(outs);
        const as = Array.from({ length: 32 }, () => Uint8Array.from({ length: 10 }, () => (rnd() < 0.5 ? 1 : 0)));
        const d = disagreement(c, as, bitParallel);
        if (d !== null) throw new Error(d);
      },
    );
    fc.assert(prop, { seed: 42, numRuns: 60 });
  });

  it('dense sums: fan-in 1 … 130 over mostly-1 arguments, every k, so counts reach the top bits', () => {
    const prop = fc.property(
      fc.integer({ min: 1, max: 130 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (fanIn, density, seed) => {
        let s = seed;
        const rnd = (): number => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return s / 2 ** 32;
        };
        const b = createBuilder();
        const xs = b.inputs(6);
        const one = b.constant(1);
        const args = Array.from({ length: fanIn }, () => (rnd() < density ? one : xs[Math.floor(rnd() * 6)]!));
        const outs: number[] = [];
        for (let k = -1; k <= fanIn + 1; k++) outs.push(b.ge(args, k), b.le(args, k));
        const c = b.build(outs);
        const as = Array.from({ length: 32 }, () => Uint8Array.from({ length: 6 }, () => (rnd() < 0.5 ? 1 : 0)));
        const d = disagreement(c, as, bitParallel);
        if (d !== null) throw new Error(d);
      },
    );
    fc.assert(prop, { seed: 42, numRuns: 200 });
  });

  it('thresholds far outside the builder\'s k range (raw circuits), ±2^31 − 1', () => {
    const prop = fc.property(
      circuitAndAssignments({ maxInputs: 6, maxGates: 30, maxFanIn: 40 }),
      fc.array(fc.oneof(fc.constantFrom(0x7fffffff, -0x7fffffff, -0x80000000), fc.integer()), { minLength: 1, maxLength: 8 }),
      ([c0, as], ks) => {
        const param = Int32Array.from(c0.param as Int32Array);
        let j = 0;
        for (let i = 0; i < c0.numGates; i++) {
          if (c0.kind[i] === GateKind.Ge || c0.kind[i] === GateKind.Le) param[i] = ks[j++ % ks.length]!;
        }
        const c: Circuit = { ...c0, param };
        const d = disagreement(c, as, bitParallel);
        if (d !== null) throw new Error(d);
      },
    );
    fc.assert(prop, { seed: 42, numRuns: 100 });
  });

  it('evaluateBatch equals evaluate one by one, any number of assignments (chunks of 32)', () => {
    const prop = fc.property(
      recipeArb({ maxInputs: 6, maxGates: 25, maxFanIn: 20 }).chain((r) => {
        const c = buildCircuit(r);
        return fc.tuple(
          fc.constant(c),
          fc.array(fc.uint8Array({ min: 0, max: 1, minLength: c.numInputs, maxLength: c.numInputs }), { maxLength: 100 }),
        );
      }),
      ([c, as]) => {
        expect(evaluateBatch(c, as)).toEqual(as.map((a) => evaluate(c, a)));
      },
    );
    fc.assert(prop, { seed: 42, numRuns: 100 });
  });
});

describe('evaluateAllInputs: exhaustive agreement on small circuits', () => {
  const exhaustiveDisagreement = (c: Circuit): string | null => {
    let found: string | null = null;
    let expectBase = 0;
    const count = evaluateAllInputs(c, (gates, base, lanes) => {
      if (base !== expectBase) found = `chunk base ${base}, expected ${expectBase}`;
      expectBase += LANES;
      for (let b = 0; b < lanes && found === null; b++) {
        const a = base + b;
        const bits = Array.from({ length: c.numInputs }, (_, j) => Math.floor(a / 2 ** j) % 2);
        const ref = evaluateGates(c, bits);
        for (let i = 0; i < c.numGates; i++) {
          if (((gates[i]! >>> b) & 1) !== ref[i]) {
            found = `assignment ${a}, gate ${i}`;
            break;
          }
        }
      }
      return found === null;
    });
    if (found === null && count !== 2 ** c.numInputs) found = `evaluated ${count} assignments, not ${2 ** c.numInputs}`;
    return found;
  };

  it('all 2^n inputs for n ≤ 9 (partial single chunks for n < 5)', () => {
    const prop = fc.property(recipeArb({ maxInputs: 9, maxGates: 30, maxFanIn: 40 }), (r) => {
      const d = exhaustiveDisagreement(buildCircuit(r));
      if (d !== null) throw new Error(d);
    });
    fc.assert(prop, { seed: 42, numRuns: 150 });
  });

  it('stops when the callback returns false and reports how many were done', () => {
    const b = createBuilder();
    const xs = b.inputs(8);
    const c = b.build([b.ge(xs, 4)]);
    let calls = 0;
    expect(evaluateAllInputs(c, () => (++calls < 3 ? undefined : false))).toBe(96);
    expect(calls).toBe(3);
    const tiny = createBuilder();
    const [t] = tiny.inputs(2);
    const seen: number[] = [];
    expect(evaluateAllInputs(tiny.build([t!]), (g, base, lanes) => void seen.push(g[0]! & 0xf, base, lanes))).toBe(4);
    expect(seen).toEqual([0xa, 0, 4]);
    const wide = createBuilder();
    const ws = wide.inputs(41);
    expect(() => evaluateAllInputs(wide.build([ws[0]!]), () => false)).toThrow(RangeError);
  });

  it('counts majority-of-7 exactly', () => {
    const b = createBuilder();
    const xs = b.inputs(7);
    const c = b.build([b.ge(xs, 4)]);
    let ones = 0;
    evaluateAllInputs(c, (g, _base, lanes) => {
      const w = g[c.outputs[0]!]!;
      for (let b = 0; b < lanes; b++) ones += (w >>> b) & 1;
    });
    expect(ones).toBe(64); // Σ_{j ≥ 4} C(7, j) = 35 + 21 + 7 + 1
  });
});

describe('the agreement check can fail', () => {
  it('catches θ≥k computed as Σ > k', () => {
    const r = fc.check(agreementProperty(geAsGreater, { maxInputs: 8, maxGates: 40, maxFanIn: 100 }), { seed: 42, numRuns: 300 });
    expect(r.failed).toBe(true);
    expect(String(r.errorInstance)).toMatch(/reference/);
  });
  it('catches negative weights treated as positive', () => {
    const r = fc.check(agreementProperty(absWeights, { maxInputs: 8, maxGates: 40, maxFanIn: 100 }), { seed: 42, numRuns: 300 });
    expect(r.failed).toBe(true);
  });
});
