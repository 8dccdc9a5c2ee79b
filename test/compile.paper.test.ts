import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { evaluateBatch } from '../src/core/evaluateBitParallel.js';
import {
  decodeFloat,
  encodeFloat,
  floatMul,
  floatOfRational,
  floatParams,
  iteratedSum,
  showFloat,
  type Float,
  type FloatParams,
} from '../src/core/float.js';
import { floatExp } from '../src/core/floatExp.js';
import { metrics } from '../src/core/metrics.js';
import { runGeneral, type GeneralModel, type OutputRule, type State } from '../src/core/transformer.js';
import { lookupTableCircuit, type TruthTable } from '../src/reductions/lookupTable.js';
import { embedCircuit } from '../src/reductions/compile/embedSubcircuit.js';
import { compilePaper, paperDepthClaim, paperPlan, type PaperCompiled, type PaperOptions } from '../src/reductions/compile/paperRoute.js';
import { bitsPerToken, encodeTokens } from '../src/reductions/compile/types.js';
import { arbGeneralModel } from '../src/reductions/randomTransformer.js';

// ---------------------------------------------------------------------------------------------
// a seeded random general model: random total tables over float bit patterns
// ---------------------------------------------------------------------------------------------

/** A 32-bit mix of integers (murmur3 finalizer over a running hash). */
const mix = (...xs: readonly number[]): number => {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
};

const floatOfPattern = (params: FloatParams, a: number): Float => {
  const bits = Array.from({ length: params.p }, (_, j) => (a >> j) & 1);
  const r = decodeFloat(params, bits);
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};

/** The bit pattern of floats, as integer chunks of p bits (one chunk per float). */
const keyOf = (params: FloatParams, floats: readonly Float[]): number[] =>
  floats.map((f) => encodeFloat(params, f).reduce((acc, bit, j) => acc + bit * 2 ** j, 0));

/** A random float for these keys: the table entry of a random total function. */
const randomFloat = (params: FloatParams, ...key: readonly number[]): Float => floatOfPattern(params, mix(...key) & (2 ** params.p - 1));

interface Shape {
  readonly alphabet: number;
  readonly width: number;
  readonly heads: readonly number[];
  readonly c: number;
  readonly output: OutputRule;
}

/** A general model whose φ, s and f are random total tables, drawn from the seed (lazily, by hashing). */
const randomGeneralModel = (seed: number, shape: Shape): GeneralModel => ({
  alphabet: Array.from({ length: shape.alphabet }, (_, t) => String.fromCharCode(97 + t)),
  width: shape.width,
  precision: { c: shape.c },
  embed: (params, token, position, n) =>
    Array.from({ length: shape.width }, (_, r) => randomFloat(params, seed, 1, params.p, token, position, n, r)),
  layers: shape.heads.map((H, l) => ({
    heads: Array.from(
      { length: H },
      (_, h) => (params: FloatParams, hi: State, hj: State) => randomFloat(params, seed, 2, params.p, l, h, ...keyOf(params, [...hi, ...hj])),
    ),
    update: (params: FloatParams, attended: readonly State[], hi: State) => {
      const key = keyOf(params, [...attended.flat(), ...hi]);
      return Array.from({ length: shape.width }, (_, r) => randomFloat(params, seed, 3, params.p, l, r, ...key));
    },
  })),
  output: shape.output,
});

const one = (params: FloatParams): Float => floatOfRational(params, { num: 1n, den: 1n });

/**
 * A structured model: token ↦ ±1, softmax-like scores exp_p(h_i ⊗ h_j) in layer 1 and uniform
 * attention (s = 1) in layer 2, residual updates h + a; accept iff the last state is positive.
 */
const structuredModel = (output: OutputRule): GeneralModel => ({
  alphabet: ['0', '1'],
  width: 1,
  precision: { c: 1 },
  embed: (params, token) => [floatOfRational(params, { num: token === 1 ? 1n : -1n, den: 1n })],
  layers: [
    {
      heads: [(params, hi, hj) => floatExp(params, floatMul(params, hi[0]!, hj[0]!))],
      update: (params, a, h) => [iteratedSum(params, [h[0]!, a[0]![0]!])],
    },
    {
      heads: [(params) => one(params)],
      update: (params, a, h) => [iteratedSum(params, [h[0]!, a[0]![0]!])],
    },
  ],
  output,
});

// ---------------------------------------------------------------------------------------------
// exhaustive check against runGeneral
// ---------------------------------------------------------------------------------------------

/** Every token sequence of length n over an alphabet of size s. */
const allSequences = (s: number, n: number): number[][] => {
  const out: number[][] = [];
  for (let x = 0; x < s ** n; x++) out.push(Array.from({ length: n }, (_, i) => Math.floor(x / s ** i) % s));
  return out;
};

/** What the compiled circuit must output on these tokens, per the export contract. */
const expectedOutput = (model: GeneralModel, tokens: readonly number[]): Uint8Array => {
  const run = runGeneral(model, tokens);
  if (isLeft(run)) throw new Error(run.left);
  if (model.output.kind === 'accept') return Uint8Array.of(run.right.accept === true ? 1 : 0);
  const last = run.right.states[run.right.states.length - 1]!;
  const params = paramsFor(run.right.p);
  return Uint8Array.from(last.flatMap((st) => st.flatMap((f) => Array.from(encodeFloat(params, f)))));
};

const paramsFor = (p: number): FloatParams => {
  const r = floatParams(p);
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};

/** The first input on which the circuit differs from runGeneral, as text; null if none. */
const firstCounterexample = (model: GeneralModel, compiled: PaperCompiled): string | null => {
  const seqs = allSequences(model.alphabet.length, compiled.n);
  const got = evaluateBatch(
    compiled.circuit,
    seqs.map((t) => encodeTokens(model.alphabet.length, t)),
  );
  for (let x = 0; x < seqs.length; x++) {
    const want = expectedOutput(model, seqs[x]!);
    const have = got[x]!;
    if (want.length !== have.length || want.some((bit, j) => bit !== have[j])) {
      const params = paramsFor(compiled.p);
      const show = (bits: Uint8Array): string =>
        model.output.kind === 'accept'
          ? String(bits[0])
          : Array.from({ length: bits.length / compiled.p }, (_, t) => {
              const f = decodeFloat(params, bits.slice(t * compiled.p, (t + 1) * compiled.p));
              return isLeft(f) ? f.left : showFloat(f.right);
            }).join(' ');
      return `tokens [${seqs[x]!.join(', ')}] (n = ${compiled.n}, p = ${compiled.p}): runGeneral gives ${show(want)}, the circuit ${show(have)}`;
    }
  }
  return null;
};

const compileOrThrow = (model: GeneralModel, n: number, options: PaperOptions = {}): PaperCompiled => {
  const r = compilePaper(model, n, options);
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};

/**
 * The depth of the embedding tables, from φ alone: a Lemma 1 table is 3 deep when some
 * non-zero entry sits at a token pattern with a 0 bit (its term reads a NOT), 2 when only the
 * all-ones pattern has one, 1 when every entry is 0 (OR() gates).
 */
const embeddingDepth = (model: GeneralModel, n: number): number => {
  const run = runGeneral(model, Array.from({ length: n }, () => 0));
  if (isLeft(run)) throw new Error(run.left);
  const params = paramsFor(run.right.p);
  const b = bitsPerToken(model.alphabet.length);
  const verdictOnly = model.output.kind === 'accept' && model.layers.length === 0;
  const positions = verdictOnly ? [n] : Array.from({ length: n }, (_, i) => i + 1);
  let depth = 1;
  for (const i of positions) {
    for (let t = 0; t < model.alphabet.length; t++) {
      const st = model.embed(params, t, i, n);
      const nonzero =
        verdictOnly && model.output.kind === 'accept'
          ? (st[model.output.coordinate]?.m ?? 0n) > 0n
          : st.some((f) => encodeFloat(params, f).some((bit) => bit === 1));
      if (nonzero) depth = Math.max(depth, t === 2 ** b - 1 ? 2 : 3);
    }
  }
  return depth;
};

const stageDepths = (compiled: PaperCompiled): Record<string, number> =>
  Object.fromEntries(compiled.breakdown.map((b) => [b.component, b.depth]));

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe('embedCircuit', () => {
  it('copies a table onto given wires, gate for gate', () => {
    const xor: TruthTable = { k: 2, m: 1, bits: Uint8Array.from([0, 1, 1, 0]) };
    const t = lookupTableCircuit(xor);
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const [o1] = embedCircuit(b, t, [x!, y!]);
    const [o2] = embedCircuit(b, t, [o1!, z!]);
    const c = b.build([o2!]);
    expect(c.numGates).toBe(3 + 2 * (t.numGates - 2));
    for (let a = 0; a < 8; a++) {
      const bits = [a & 1, (a >> 1) & 1, (a >> 2) & 1];
      expect(Array.from(evaluate(c, bits))).toEqual([bits[0]! ^ bits[1]! ^ bits[2]!]);
    }
    expect(metrics(c).depth).toBe(6);
  });

  it('refuses a wrong number of input wires', () => {
    const t = lookupTableCircuit({ k: 2, m: 1, bits: Uint8Array.from([0, 1, 1, 0]) });
    const b = createBuilder();
    const [x] = b.inputs(1);
    expect(() => embedCircuit(b, t, [x!])).toThrow(/2 inputs, got 1 wires/);
  });
});

describe('paperDepthClaim', () => {
  it('is 3 + (9 + 2·d_⊕)·d', () => {
    expect(paperDepthClaim(0, 9)).toBe(3);
    expect(paperDepthClaim(1, 9)).toBe(30);
    expect(paperDepthClaim(2, 8)).toBe(53);
  });
});

/** The random shapes checked exhaustively: (alphabet, width, heads per layer, c, output, lengths). */
const CASES: readonly { readonly shape: Shape; readonly lengths: readonly number[] }[] = [
  { shape: { alphabet: 2, width: 1, heads: [1], c: 1, output: { kind: 'state' } }, lengths: [1, 2, 3, 4] },
  { shape: { alphabet: 2, width: 1, heads: [1], c: 1, output: { kind: 'accept', coordinate: 0 } }, lengths: [1, 2, 3, 4] },
  { shape: { alphabet: 2, width: 1, heads: [2], c: 1, output: { kind: 'state' } }, lengths: [2, 3, 4] },
  { shape: { alphabet: 2, width: 1, heads: [1, 2], c: 1, output: { kind: 'state' } }, lengths: [3, 4] },
  { shape: { alphabet: 2, width: 1, heads: [2, 1], c: 1, output: { kind: 'accept', coordinate: 0 } }, lengths: [2, 4] },
  { shape: { alphabet: 2, width: 2, heads: [1], c: 1, output: { kind: 'state' } }, lengths: [2, 3] },
  { shape: { alphabet: 2, width: 2, heads: [1], c: 1, output: { kind: 'accept', coordinate: 1 } }, lengths: [3] },
  { shape: { alphabet: 3, width: 1, heads: [1], c: 1, output: { kind: 'state' } }, lengths: [2, 3] },
  { shape: { alphabet: 2, width: 1, heads: [], c: 1, output: { kind: 'state' } }, lengths: [3] },
  { shape: { alphabet: 2, width: 1, heads: [1], c: 0.5, output: { kind: 'state' } }, lengths: [5, 6] },
];

describe('compilePaper: equals runGeneral on every input', () => {
  for (const [ci, { shape, lengths }] of CASES.entries()) {
    for (const n of lengths) {
      const seed = 1000 + 17 * ci + n;
      const what = `|Σ| = ${shape.alphabet}, width ${shape.width}, heads [${shape.heads.join(', ')}], c = ${shape.c}, ${shape.output.kind}, n = ${n}, seed ${seed}`;
      it(what, () => {
        const model = randomGeneralModel(seed, shape);
        const compiled = compileOrThrow(model, n);
        expect(firstCounterexample(model, compiled), what).toBeNull();
        // the depth: P1's claim with the measured d_⊕, the embedding's own depth in place of 3
        const d = shape.heads.length;
        const e = embeddingDepth(model, n);
        const depths = stageDepths(compiled);
        expect(depths['embedding'], what).toBe(e);
        expect(metrics(compiled.circuit).depth).toBe(compiled.depth);
        if (shape.heads.every((H) => H > 0)) {
          expect(compiled.depth, what).toBe(paperDepthClaim(d, compiled.dPlus ?? 0) - (3 - e));
          if (e === 3) expect(compiled.depth, what).toBe(compiled.claimedDepth);
          for (let l = 1; l <= d; l++) {
            expect(depths[`layer ${l}: similarities`]).toBe(3);
            expect(depths[`layer ${l}: normalizer`]).toBe(compiled.dPlus);
            expect(depths[`layer ${l}: weights·values`]).toBe(3);
            expect(depths[`layer ${l}: weighted sum`]).toBe(compiled.dPlus);
            expect(depths[`layer ${l}: update`]).toBe(3);
          }
        } else {
          // a layer without heads is only its update table: 3 levels
          expect(compiled.depth).toBe(e + 3 * d);
        }
        const total = compiled.breakdown.reduce((a, b) => a + b.gates, 0);
        expect(total + compiled.circuit.numInputs).toBe(compiled.circuit.numGates);
        expect(compiled.circuit.numGates).toBeLessThanOrEqual(compiled.plan.gatesBound);
        expect(compiled.circuit.fanin.length).toBeLessThanOrEqual(compiled.plan.wiresBound);
      });
    }
  }

  it('a structured model (exp_p scores, then uniform attention), n = 1 … 4, state and accept', () => {
    for (const output of [{ kind: 'state' }, { kind: 'accept', coordinate: 0 }] as const) {
      const model = structuredModel(output);
      for (let n = 1; n <= 4; n++) {
        const compiled = compileOrThrow(model, n);
        expect(firstCounterexample(model, compiled), `${output.kind}, n = ${n}`).toBeNull();
        expect(compiled.depth).toBe(paperDepthClaim(2, compiled.dPlus!));
      }
    }
  });

  it('no layers: the embedding alone, depth 3', () => {
    for (const output of [{ kind: 'state' }, { kind: 'accept', coordinate: 0 }] as const) {
      const model = randomGeneralModel(7, { alphabet: 2, width: 2, heads: [], c: 1, output });
      const compiled = compileOrThrow(model, 4);
      expect(firstCounterexample(model, compiled)).toBeNull();
      expect(compiled.depth).toBe(embeddingDepth(model, 4));
      expect(compiled.claimedDepth).toBe(3);
      expect(compiled.dPlus).toBeNull();
    }
  });
});

describe('compilePaper: property, with arbGeneralModel', () => {
  it('equals runGeneral on every input, depth e + (9 + 2·d_⊕)·d, for random feasible models', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          ...[false, true].map((negativeScores) =>
            arbGeneralModel({ alphabetSize: { min: 1, max: 3 }, width: { min: 1, max: 2 }, c: [1, 0.5], negativeScores }),
          ),
        ),
        fc.integer({ min: 1, max: 4 }),
        (model, n) => {
          const r = compilePaper(model, n);
          fc.pre(r._tag === 'Right'); // infeasible shapes (tables > 20 inputs) are refused, not compiled
          const compiled = r.right;
          expect(firstCounterexample(model, compiled)).toBeNull();
          const e = embeddingDepth(model, n);
          expect(compiled.depth).toBe(paperDepthClaim(model.layers.length, compiled.dPlus ?? 0) - (3 - e));
        },
      ),
      { seed: 20230, numRuns: 25 },
    );
  });
});

describe('compilePaper: breakage is caught', () => {
  const shape: Shape = { alphabet: 2, width: 1, heads: [1], c: 1, output: { kind: 'state' } };
  const n = 3;
  const model = randomGeneralModel(42, shape);

  it('one similarity entry flipped (the one tokens 000 reach for (h_1, h_1))', () => {
    const run = runGeneral(model, [0, 0, 0]);
    if (isLeft(run)) throw new Error(run.left);
    const params = paramsFor(run.right.p);
    const h1 = run.right.states[0]![0]!;
    const [a] = keyOf(params, h1);
    const entry = a! + a! * 2 ** params.p; // (h_i, h_j) = (h_1, h_1)
    let flipped = 0;
    const compiled = compileOrThrow(model, n, {
      tamperTable: (site, t) => {
        if (site.kind !== 'similarity') return t;
        flipped++;
        const bits = t.bits.slice();
        bits[entry * t.m] = 1 - bits[entry * t.m]!; // bit 0 of s(h_1, h_1)
        return { ...t, bits };
      },
    });
    expect(flipped).toBe(1);
    const cex = firstCounterexample(model, compiled);
    expect(cex).not.toBeNull();
    expect(cex).toMatch(/tokens \[/);
  });

  it('the normalizer skipped (Z_i := 1)', () => {
    const compiled = compileOrThrow(model, n, { skipNormalizer: true });
    expect(firstCounterexample(model, compiled)).not.toBeNull();
  });

  it('one update entry flipped is caught too', () => {
    const compiled = compileOrThrow(model, n, {
      tamperTable: (site, t) => {
        if (site.kind !== 'update') return t;
        const bits = t.bits.slice();
        for (let x = 0; x < 2 ** t.k; x++) bits[x * t.m + 1] = 1 - bits[x * t.m + 1]!; // bit 1 of every f entry
        return { ...t, bits };
      },
    });
    expect(firstCounterexample(model, compiled)).not.toBeNull();
  });
});

describe('compilePaper: refusals up front', () => {
  it('a table beyond MAX_TABLE_INPUTS', () => {
    // p = 6 at n = 5 (c = 1): weights·values has 18 inputs, but width 2 makes similarity 24
    const model = randomGeneralModel(1, { alphabet: 2, width: 2, heads: [1], c: 1, output: { kind: 'state' } });
    const r = compilePaper(model, 5);
    expect(isLeft(r) && r.left).toMatch(/similarity table would have 24 input bits.*MAX_TABLE_INPUTS = 20/);
    // p = 8 at n = 9: weights·values would have 24 inputs
    const m1 = randomGeneralModel(1, { alphabet: 2, width: 1, heads: [1], c: 1, output: { kind: 'state' } });
    const r1 = compilePaper(m1, 9);
    expect(isLeft(r1) && r1.left).toMatch(/weight·value table would have 24 input bits/);
    // three heads at p = 6: update 24 inputs
    const m3 = randomGeneralModel(1, { alphabet: 2, width: 1, heads: [3], c: 1, output: { kind: 'state' } });
    expect(isLeft(compilePaper(m3, 5))).toBe(true);
  });

  it("beyond the kernel's limits", () => {
    const model = randomGeneralModel(1, { alphabet: 2, width: 1, heads: [1], c: 1, output: { kind: 'state' } });
    const r = compilePaper(model, 8); // p = 6: 64 copies of a 2^18-entry table
    expect(isLeft(r) && r.left).toMatch(/beyond the kernel's limits/);
  });

  it('precision refused by the kernel', () => {
    const model = randomGeneralModel(1, { alphabet: 2, width: 1, heads: [1], c: 0.5, output: { kind: 'state' } });
    expect(isLeft(compilePaper(model, 16))).toBe(true); // p = 4 < 1 + 4
    expect(isLeft(compilePaper(model, 0))).toBe(true);
  });

  it('paperPlan counts the tables of a feasible shape', () => {
    const model = randomGeneralModel(1, { alphabet: 2, width: 1, heads: [2], c: 1, output: { kind: 'state' } });
    const plan = paperPlan(model, 4);
    if (isLeft(plan)) throw new Error(plan.left);
    expect(plan.right.p).toBe(4);
    expect(plan.right.tables.map((t) => [t.name, t.k, t.m, t.copies])).toEqual([
      ['embedding', 1, 4, 4],
      ['layer 1: similarity', 8, 4, 32],
      ['layer 1: weight·value', 12, 4, 32],
      ['layer 1: update', 12, 4, 4],
    ]);
    expect(plan.right.sums).toBe(2 * 4 * 2);
  });
});
