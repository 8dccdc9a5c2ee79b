/**
 * The arithmetic route of the transformer compiler: the compiled circuit must equal
 * runTransformer on every input (exhaustively for n ≤ 5, seeded beyond), on hand-made and on
 * random models; its building blocks (folding builder, simplify, key comparison, unary tables)
 * against the kernel; a deliberately broken stage must be caught.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { evaluateBatch } from '../src/core/evaluateBitParallel.js';
import { encodeFloat, floatCompare, floatMul, floatParams, iteratedSum, type Float, type FloatParams } from '../src/core/float.js';
import { floatExp } from '../src/core/floatExp.js';
import { metrics } from '../src/core/metrics.js';
import { floatOfNumber, runTransformer, type TransformerModel } from '../src/core/transformer.js';
import { seededInts } from '../src/reductions/random.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';
import { arbTransformerModel, describeModel } from '../src/reductions/randomTransformer.js';
import {
  bitsOf,
  bitsPerToken,
  compareGe,
  compareKey,
  compileArithmetic,
  arithmeticDepthFormula,
  createBlockCache,
  createContext,
  embedCircuit,
  embedTokens,
  encodeTokens,
  feedForwardOp,
  foldingBuilder,
  headScores,
  normalFloats,
  normalizeScores,
  outputGates,
  projectHead,
  residualOp,
  simplify,
  unaryTableCircuit,
  weightedSum,
  wiresVal,
  type FloatVal,
} from '../src/reductions/compile/index.js';

const P = (p: number): FloatParams => {
  const r = floatParams(p);
  if (r._tag === 'Left') throw new Error(r.left);
  return r.right;
};

const majority = JSON.parse(readFileSync(new URL('../examples/majority.json', import.meta.url), 'utf8')) as TransformerModel;

/** Every token sequence of length n over |Σ| symbols (|Σ|^n of them). */
const allSequences = (sigma: number, n: number): number[][] => {
  const out: number[][] = [];
  for (let a = 0; a < sigma ** n; a++) out.push(Array.from({ length: n }, (_, i) => Math.floor(a / sigma ** i) % sigma));
  return out;
};

const seededSequences = (sigma: number, n: number, count: number, seed: number): number[][] => {
  const draw = seededInts(seed);
  return Array.from({ length: count }, () => Array.from({ length: n }, () => draw(0, sigma - 1)));
};

/** The kernel's expected output bits for tokens (verdict, or the encoded final states). */
const expectedBits = (model: TransformerModel, tokens: readonly number[]): number[] => {
  const run = runTransformer(model, tokens);
  if (run._tag === 'Left') throw new Error(run.left);
  if (model.output.kind === 'accept') return [run.right.accept ? 1 : 0];
  const params = P(run.right.p);
  const last = run.right.states[run.right.states.length - 1]!;
  return last.flatMap((x) => x.flatMap((f) => Array.from(encodeFloat(params, f))));
};

/** The first input on which the circuit differs from runTransformer, or null. */
const firstMismatch = (model: TransformerModel, circuit: Circuit, inputs: readonly (readonly number[])[]): string | null => {
  const got = evaluateBatch(
    circuit,
    inputs.map((t) => encodeTokens(model.alphabet.length, t)),
  );
  for (let i = 0; i < inputs.length; i++) {
    const want = expectedBits(model, inputs[i]!);
    const have = Array.from(got[i]!);
    if (want.join('') !== have.join('')) return `tokens ${JSON.stringify(inputs[i])}: expected ${want.join('')}, got ${have.join('')}`;
  }
  return null;
};

/** Compile and check on the given inputs; also the depth claim. */
const check = (model: TransformerModel, n: number, inputs: readonly (readonly number[])[]): Circuit => {
  const r = compileArithmetic(model, n);
  if (r._tag === 'Left') throw new Error(`${r.left} for ${describeModel(model)}`);
  const c = r.right.circuit;
  expect(firstMismatch(model, c, inputs), describeModel(model)).toBeNull();
  const m = metrics(c);
  expect(m.depth).toBeLessThanOrEqual(r.right.depthClaim.depth);
  expect(r.right.breakdown.reduce((s, x) => s + x.gates, 0)).toBe(m.size);
  expect(r.right.breakdown.reduce((s, x) => s + x.depth, 0)).toBe(m.depth);
  expect(c.numInputs).toBe(n * r.right.bitsPerToken);
  return c;
};

const checkExhaustive = (model: TransformerModel, nMax: number): void => {
  for (let n = 1; n <= nMax; n++) check(model, n, allSequences(model.alphabet.length, n));
};

// ---------------------------------------------------------------------------------------------
// hand-made models
// ---------------------------------------------------------------------------------------------

const head = (attention: 'softmax' | 'saturated' | 'hard', wq: number[][], wk: number[][], wv: number[][], wo: number[][]) => ({
  attention,
  wq,
  wk,
  wv,
  wo,
});

/** Causal saturated head over a two-letter alphabet with real scores, a feed-forward block, state outputs. */
const causalSaturated: TransformerModel = {
  alphabet: ['a', 'b'],
  dModel: 2,
  precision: { c: 1 },
  causal: true,
  tokenEmbedding: [
    [1, 0.5],
    [-0.5, 1],
  ],
  positional: { kind: 'affine', constant: [0, 0.25], index: [0.25, 0], fraction: [0, -1] },
  layers: [
    {
      heads: [head('saturated', [[1, 0.5]], [[0.5, 1]], [[1, 0], [0, 1]], [[1, 0], [0.5, 1]])],
      ffn: { w1: [[1, -1], [0.5, 0.5]], b1: [0.25, -0.5], w2: [[1, 0.5], [-1, 1]], b2: [0, 0.125] },
    },
  ],
  output: { kind: 'state' },
};

/** Hard attention: the leftmost position with the largest score, three letters. */
const hardModel: TransformerModel = {
  alphabet: ['a', 'b', 'c'],
  dModel: 2,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [
    [1, 0],
    [0, 1],
    [0.5, -1],
  ],
  positional: { kind: 'table', rows: [[0, 0.25], [0.5, 0], [0, -0.5]] },
  layers: [{ heads: [head('hard', [[1, 1]], [[1, -1]], [[1, 0.5]], [[1], [-1]])], ffn: null }],
  output: { kind: 'accept', coordinate: 1 },
};

/** Softmax, two layers, one with a feed-forward block. */
const softmaxModel: TransformerModel = {
  alphabet: ['0', '1'],
  dModel: 2,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [
    [0.5, -1],
    [1, 0.75],
  ],
  positional: { kind: 'none' },
  layers: [
    { heads: [head('softmax', [[1, 0.5]], [[0.5, 1]], [[1, -1]], [[0.5], [1]])], ffn: null },
    {
      heads: [head('softmax', [[0.25, 1]], [[1, 0]], [[1, 1]], [[1], [0]])],
      ffn: { w1: [[1, 1]], b1: [-0.5], w2: [[1], [-1]], b2: [0.25, 0] },
    },
  ],
  output: { kind: 'accept', coordinate: 0 },
};

/** A feed-forward block only (no heads), state outputs. */
const ffnOnly: TransformerModel = {
  alphabet: ['x', 'y', 'z', 'w'],
  dModel: 3,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [
    [1, 0, -1],
    [0.5, 0.5, 0],
    [-1, 1, 0.25],
    [0, -0.75, 1],
  ],
  positional: { kind: 'affine', constant: [0, 0, 0], index: [0.25, 0, 0], fraction: [0, 1, 0] },
  layers: [{ heads: [], ffn: { w1: [[1, 1, 0], [0, -1, 1]], b1: [0.3, -0.1], w2: [[1, 0], [0, 1], [1, -1]], b2: [0, 0.5, 0] } }],
  output: { kind: 'state' },
};

/** Two layers, all three kinds, causal. */
const mixed: TransformerModel = {
  alphabet: ['a', 'b'],
  dModel: 2,
  precision: { c: 1 },
  causal: true,
  tokenEmbedding: [
    [1, -1],
    [-0.5, 0.5],
  ],
  positional: { kind: 'affine', constant: [0, 0], index: [0, 0.5], fraction: [0.5, 0] },
  layers: [
    {
      heads: [head('hard', [[1, 0]], [[0, 1]], [[1, 1]], [[1], [0]]), head('saturated', [[0.5, 0.5]], [[1, -1]], [[0, 1]], [[0], [1]])],
      ffn: null,
    },
    { heads: [head('softmax', [[1, 0]], [[1, 1]], [[0.5, 0.5]], [[1], [1]])], ffn: { w1: [[1, -1]], b1: [0], w2: [[1], [0.5]], b2: [0, 0] } },
  ],
  output: { kind: 'accept', coordinate: 0 },
};

describe('compileArithmetic on hand-made models', () => {
  it('majority.json: exhaustive for n ≤ 5, and 6 … 10', () => {
    checkExhaustive(majority, 5);
    for (const n of [6, 8, 10]) check(majority, n, allSequences(2, n));
  });

  it('majority.json: seeded inputs at n = 16, 32', () => {
    for (const n of [16, 32]) check(majority, n, seededSequences(2, n, 64, n));
  });

  it('a causal saturated head with real scores, a feed-forward block and state outputs', () => {
    checkExhaustive(causalSaturated, 5);
    check(causalSaturated, 8, seededSequences(2, 8, 64, 8));
  });

  it('hard attention over three letters', () => {
    checkExhaustive(hardModel, 5);
  });

  it('softmax, two layers', () => {
    checkExhaustive(softmaxModel, 5);
  });

  it('a feed-forward block only', () => {
    checkExhaustive(ffnOnly, 4);
  });

  it('two layers mixing hard, saturated and softmax heads, causal', () => {
    checkExhaustive(mixed, 5);
    check(mixed, 7, seededSequences(2, 7, 48, 7));
  });
});

describe('compileArithmetic on random models', () => {
  it('agrees with runTransformer on every input for n ≤ 4 (and seeded at n = 5)', () => {
    fc.assert(
      fc.property(
        arbTransformerModel({ c: [1, 1.5, 2], layers: { min: 1, max: 2 }, dModel: { min: 1, max: 3 }, alphabetSize: { min: 1, max: 3 } }),
        fc.integer({ min: 1, max: 5 }),
        (model, n) => {
          const inputs = n <= 4 ? allSequences(model.alphabet.length, n) : seededSequences(model.alphabet.length, n, 40, n);
          check(model, n, inputs);
        },
      ),
      { numRuns: 60, seed: 20230601 },
    );
  });

  it('seeded inputs at n = 6 … 9', () => {
    fc.assert(
      fc.property(
        arbTransformerModel({ c: [1], layers: { min: 1, max: 2 }, dModel: { min: 1, max: 2 }, alphabetSize: { min: 2, max: 3 }, dHead: { min: 1, max: 1 } }),
        fc.integer({ min: 6, max: 9 }),
        (model, n) => {
          check(model, n, seededSequences(model.alphabet.length, n, 24, n));
        },
      ),
      { numRuns: 12, seed: 99 },
    );
  });

  it('with per-head masks and ReGLU gates (the kernel extensions of the circuit-evaluator construction)', () => {
    fc.assert(
      fc.property(
        arbTransformerModel({
          c: [1, 2],
          layers: { min: 1, max: 2 },
          dModel: { min: 1, max: 3 },
          alphabetSize: { min: 1, max: 3 },
          headMasks: true,
          gate: 'either',
          ffn: true,
        }),
        fc.integer({ min: 1, max: 4 }),
        (model, n) => {
          check(model, n, allSequences(model.alphabet.length, n));
        },
      ),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('with non-dyadic weights (fl truncates them)', () => {
    fc.assert(
      fc.property(
        arbTransformerModel({
          c: [1],
          layers: { min: 1, max: 1 },
          dModel: { min: 1, max: 2 },
          alphabetSize: { min: 2, max: 2 },
          weight: fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }),
        }),
        fc.integer({ min: 2, max: 4 }),
        (model, n) => {
          check(model, n, allSequences(2, n));
        },
      ),
      { numRuns: 15, seed: 7 },
    );
  });
});

describe('refusals and the depth claim', () => {
  it('refuses what a building block cannot do', () => {
    const big = { ...softmaxModel, precision: { c: 4 } };
    const r = compileArithmetic(big, 64); // p = 48
    expect(r._tag).toBe('Left');
    if (r._tag === 'Left') expect(r.left).toMatch(/p = 48/);
    const s = compileArithmetic(softmaxModel, 2 ** 11); // p = 22 > 20: exp table
    expect(s._tag).toBe('Left');
    if (s._tag === 'Left') expect(s.left).toMatch(/exp_p/);
    expect(compileArithmetic(majority, 0)._tag).toBe('Left');
  });

  it('refuses up front when the estimated size exceeds the kernel limits', () => {
    // softmax at p = 20: the dry run's family bounds cross 8× the limits within the first rows
    const r = compileArithmetic({ ...softmaxModel, precision: { c: 1 } }, 1024);
    expect(r._tag).toBe('Left');
    if (r._tag === 'Left') expect(r.left).toMatch(/exceeds the kernel's limits, refused up front|exceeds the kernel's limits \(/);
  });

  it('states the claimed depth as a formula and a number', () => {
    const f = arithmeticDepthFormula(mixed, 8);
    expect(f._tag).toBe('Right');
    if (f._tag === 'Right') {
      expect(f.right.formula).toContain('d_⊕');
      expect(f.right.formula.endsWith(`= ${f.right.depth}`)).toBe(true);
    }
  });

  it('reports progress per component', () => {
    const seen: string[] = [];
    const r = compileArithmetic(mixed, 3, { onProgress: (done, total, stage) => seen.push(`${done}/${total} ${stage}`) });
    expect(r._tag).toBe('Right');
    expect(seen[0]).toBe('0/12 size estimate');
    expect(seen[seen.length - 1]).toBe('12/12 output');
  });
});

// ---------------------------------------------------------------------------------------------
// a broken stage is caught
// ---------------------------------------------------------------------------------------------

/** The arithmetic route assembled from its exported stages, optionally with scores negated. */
const assemble = (model: TransformerModel, n: number, params: FloatParams, negateScores: boolean): Circuit => {
  const b = foldingBuilder(createBuilder());
  const ctx = createContext(b, createBlockCache(params), model.alphabet.length, n, bitsPerToken(model.alphabet.length), 0);
  const negate = (v: FloatVal): FloatVal => {
    const bits = [...bitsOf(ctx, v)];
    bits[params.q - 1] = b.not(bits[params.q - 1]!);
    return wiresVal(bits);
  };
  let xs: FloatVal[][] = embedTokens(params, model, n);
  for (const layer of model.layers) {
    const proj = layer.heads.map((h) => projectHead(ctx, h, xs));
    const scores = proj.map((pr) => headScores(ctx, pr, model.causal).map((row) => (negateScores ? row.map(negate) : row)));
    const norms = layer.heads.map((h, hi) => normalizeScores(ctx, h.attention, scores[hi]!));
    const att = norms.map((nm, hi) => weightedSum(ctx, nm, proj[hi]!.v));
    xs = xs.map((x, i) =>
      feedForwardOp(
        ctx,
        layer.ffn,
        residualOp(
          ctx,
          layer,
          x,
          att.map((a) => a[i]!),
        ),
      ),
    );
  }
  return b.build(outputGates(ctx, model.output, xs));
};

describe('a deliberately broken stage', () => {
  it('the stages assembled by hand agree; with the scores negated, a counterexample is found', () => {
    for (const model of [causalSaturated, hardModel]) {
      const n = 4;
      const params = P(4);
      const inputs = allSequences(model.alphabet.length, n);
      expect(firstMismatch(model, assemble(model, n, params, false), inputs)).toBeNull();
      expect(firstMismatch(model, assemble(model, n, params, true), inputs)).not.toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// building blocks
// ---------------------------------------------------------------------------------------------

const allInputs = (k: number): number[][] => Array.from({ length: 2 ** k }, (_, a) => Array.from({ length: k }, (_, i) => (a >> i) & 1));

describe('foldingBuilder and simplify', () => {
  it('simplify preserves the function of random circuits with const gates', () => {
    fc.assert(
      fc.property(arbitraryCircuit({ prefix: false, printable: false, maxInputs: 5, maxGates: 40 }), (c) => {
        const s = simplify(c);
        expect(s.numInputs).toBe(c.numInputs);
        expect(s.numGates - s.numInputs).toBeLessThanOrEqual(c.numGates - c.numInputs);
        for (const x of allInputs(c.numInputs)) expect(Array.from(evaluate(s, x))).toEqual(Array.from(evaluate(c, x)));
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('folds constants into thresholds and shares NOTs', () => {
    const b = foldingBuilder(createBuilder());
    const [x, y] = b.inputs(2);
    const one = b.constant(1);
    expect(b.ge([x!, one], 2)).toBe(x); // x + 1 ≥ 2
    expect(b.ge([x!, one], 1)).toBe(b.constant(1));
    expect(b.le([x!, y!, one], 2)).not.toBe(b.constant(1));
    const nx = b.not(x!);
    expect(b.not(x!)).toBe(nx);
    expect(b.not(nx)).toBe(x);
    expect(b.and([x!, b.constant(0)])).toBe(b.constant(0));
    expect(b.or([x!, x!])).toBe(x);
    expect(b.ge([x!], 0, [-3])).toBe(nx);
  });

  it('embedCircuit wires a copied circuit to given gates', () => {
    const inner = createBuilder();
    const [u, v] = inner.inputs(2);
    const xor = inner.build([inner.ge([u!, v!, inner.and([u!, v!])], 1, [1, 1, -2])]);
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const out = embedCircuit(b, xor, [z!, x!]);
    const c = b.build([...out, y!]);
    for (const a of allInputs(3)) expect(evaluate(c, a)[0]).toBe(a[2]! ^ a[0]!);
  });
});

describe('key comparison of normal floats', () => {
  it('agrees with floatCompare on every pair of normal floats, p = 4, 6, 8', () => {
    for (const p of [4, 6, 8]) {
      const params = P(p);
      const b = createBuilder();
      const a = b.inputs(p);
      const c = b.inputs(p);
      const ka = compareKey(b, params, a);
      const kc = compareKey(b, params, c);
      const circuit = b.build([compareGe(b, ka, kc, false), compareGe(b, ka, kc, true)]);
      const floats = normalFloats(params);
      const pairs: number[][] = [];
      const want: number[][] = [];
      for (const x of floats) {
        for (const y of floats) {
          pairs.push([...encodeFloat(params, x), ...encodeFloat(params, y)]);
          const cmp = floatCompare(x, y);
          want.push([cmp >= 0 ? 1 : 0, cmp > 0 ? 1 : 0]);
        }
      }
      const got = evaluateBatch(circuit, pairs).map((r) => Array.from(r));
      expect(got).toEqual(want);
      expect(metrics(circuit).depth).toBe(2);
    }
  });
});

describe('unary tables on the normal floats', () => {
  const checkTable = (params: FloatParams, f: (x: Float) => Float): void => {
    const c = unaryTableCircuit(params, f);
    expect(metrics(c).depth).toBeLessThanOrEqual(2);
    const xs = normalFloats(params);
    const got = evaluateBatch(
      c,
      xs.map((x) => encodeFloat(params, x)),
    );
    xs.forEach((x, i) => expect(Array.from(got[i]!)).toEqual(Array.from(encodeFloat(params, f(x)))));
  };

  it('exp_p, c ⊗ x and ⊕ with constants, p = 4 … 10', () => {
    for (const p of [4, 6, 8, 10]) {
      const params = P(p);
      checkTable(params, (x) => floatExp(params, x));
      for (const w of [0.5, -1.25, 3, 0.1]) checkTable(params, (x) => floatMul(params, floatOfNumber(params, w), x));
      checkTable(params, (x) => iteratedSum(params, [floatOfNumber(params, 0.75), floatOfNumber(params, -2), x]));
    }
  });
});
