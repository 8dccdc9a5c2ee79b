/**
 * The two kernel extensions the circuit-evaluator transformer needs (P1 Lemma 3): a head's own
 * causal mask (`Head.causal`) and the ReGLU gate of a feed-forward block (`FeedForward.gate`),
 * in the p-precision semantics, the float64 reading and the JSON model codec.
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { floatEquals, floatOfRational, floatParams, showFloat, type FloatParams } from '../src/core/float.js';
import { decodeModel, encodeModel } from '../src/core/modelCodec.js';
import { headIsCausal, runTransformer, runTransformer64, type TransformerModel } from '../src/core/transformer.js';
import { arbModelAndInput, arbTransformerModel, describeModel } from '../src/reductions/randomTransformer.js';
import { errs, ok } from './modelCodec.helpers.js';

const P = (p: number): FloatParams => {
  const r = floatParams(p);
  if (r._tag === 'Left') throw new Error(r.left);
  return r.right;
};

const states = (m: TransformerModel, tokens: readonly number[]): string => {
  const r = runTransformer(m, tokens);
  if (!isRight(r)) throw new Error(r.left);
  return r.right.states.map((s) => s.map((x) => x.map(showFloat).join(',')).join(';')).join('|');
};

/** One saturated head that averages the first coordinate: the mask decides over which positions. */
const averaging = (causal: boolean, headCausal?: boolean): TransformerModel => ({
  alphabet: ['a', 'b'],
  dModel: 2,
  precision: { c: 2 },
  causal,
  tokenEmbedding: [
    [1, 0],
    [0, 0],
  ],
  positional: { kind: 'none' },
  layers: [
    {
      heads: [{ attention: 'saturated', wq: [[0, 0]], wk: [[0, 0]], wv: [[1, 0]], wo: [[0], [1]], ...(headCausal === undefined ? {} : { causal: headCausal }) }],
      ffn: null,
    },
  ],
  output: { kind: 'state' },
});

describe('a head’s own mask', () => {
  it('overrides the model’s mask either way, and absent means the model’s', () => {
    const tokens = [0, 1, 1, 0];
    expect(states(averaging(false, true), tokens)).toBe(states(averaging(true), tokens));
    expect(states(averaging(true, false), tokens)).toBe(states(averaging(false), tokens));
    expect(states(averaging(true, true), tokens)).not.toBe(states(averaging(false), tokens));
    expect(headIsCausal({ causal: true }, averaging(false).layers[0]!.heads[0]!)).toBe(true);
  });

  it('the masked prefix averages of [1, 0, 0] are 1, 1/2 and fl(1/3) (the unmasked head gives fl(1/3) everywhere)', () => {
    const r = runTransformer(averaging(false, true), [0, 1, 1]);
    if (!isRight(r)) throw new Error(r.left);
    const params = P(r.right.p);
    const got = r.right.states[1]!.map((x) => x[1]!);
    expect(floatEquals(got[0]!, floatOfRational(params, { num: 1n, den: 1n }))).toBe(true);
    expect(floatEquals(got[1]!, floatOfRational(params, { num: 1n, den: 2n }))).toBe(true);
    expect(floatEquals(got[2]!, got[2]!)).toBe(true);
    const u = runTransformer(averaging(false), [0, 1, 1]);
    if (!isRight(u)) throw new Error(u.left);
    const all = u.right.states[1]!.map((x) => x[1]!);
    expect(all.every((x) => floatEquals(x, got[2]!))).toBe(true);
  });

  it('float64 reading honours it too', () => {
    const a = runTransformer64(averaging(false, true), [0, 1, 1]);
    if (!isRight(a)) throw new Error(a.left);
    expect(a.right.states[1]!.map((x) => x[1])).toEqual([1, 0.5, 1 / 3]);
  });
});

describe('a ReGLU gate', () => {
  const gated: TransformerModel = {
    alphabet: ['a', 'b'],
    dModel: 2,
    precision: { c: 3 },
    causal: false,
    tokenEmbedding: [
      [3, 0],
      [-2, 0],
    ],
    positional: { kind: 'affine', constant: [0, 0], index: [0, 0], fraction: [0, 0] },
    layers: [{ heads: [], ffn: { w1: [[1, 0]], b1: [0], w2: [[0], [1]], b2: [0, 0], gate: { w: [[1, 0]], b: [1] } } }],
    output: { kind: 'state' },
  };

  it('multiplies each hidden unit by its gate: x[1] = ReLU(x[0]) · (x[0] + 1)', () => {
    const r = runTransformer(gated, [0, 1]);
    if (!isRight(r)) throw new Error(r.left);
    const params = P(r.right.p);
    const out = r.right.states[1]!.map((x) => x[1]!);
    expect(floatEquals(out[0]!, floatOfRational(params, { num: 12n, den: 1n }))).toBe(true); // 3 · 4
    expect(floatEquals(out[1]!, floatOfRational(params, { num: 0n, den: 1n }))).toBe(true); // ReLU(−2) = 0
    const f = runTransformer64(gated, [0, 1]);
    if (!isRight(f)) throw new Error(f.left);
    expect(f.right.states[1]!.map((x) => x[1])).toEqual([12, 0]);
  });

  it('without the gate the same block is the plain ReLU block', () => {
    const { gate: _gate, ...plain } = gated.layers[0]!.ffn!;
    const m: TransformerModel = { ...gated, layers: [{ heads: [], ffn: plain }] };
    const f = runTransformer64(m, [0, 1]);
    if (!isRight(f)) throw new Error(f.left);
    expect(f.right.states[1]!.map((x) => x[1])).toEqual([3, 0]);
  });
});

describe('the model codec', () => {
  it('round-trips random models with per-head masks and gates', () => {
    fc.assert(
      fc.property(arbTransformerModel({ headMasks: true, gate: 'either' }), (m) => {
        const back = ok(decodeModel(JSON.parse(JSON.stringify(encodeModel(m)))));
        expect(back).toEqual(m);
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('names the path and the expected type of a bad mask or gate', () => {
    const doc = encodeModel(averaging(false, true)) as unknown as { layers: { heads: Record<string, unknown>[]; ffn: unknown }[] };
    doc.layers[0]!.heads[0]!['causal'] = 'yes';
    expect(errs(decodeModel(doc))).toMatch(/layers\[0\]\.heads\[0\]\.causal.*boolean/);
    const g = encodeModel(averaging(false)) as unknown as { layers: { heads: unknown[]; ffn: unknown }[] };
    g.layers[0]!.ffn = { w1: [[1, 0]], b1: [0], w2: [[0], [1]], b2: [0, 0], gate: { w: [[1, 0, 0]], b: [1] } };
    expect(errs(decodeModel(g))).toMatch(/layers\[0\]\.ffn\.gate\.w\[0\]: expected 2 numbers/);
    g.layers[0]!.ffn = { w1: [[1, 0]], b1: [0], w2: [[0], [1]], b2: [0, 0], gate: { w: [[1, 0]] } };
    expect(errs(decodeModel(g))).toMatch(/layers\[0\]\.ffn\.gate\.b/);
  });
});

describe('float64 and p-precision agree in verdict on coarse random models with both extensions (sanity)', () => {
  it('runs without error on every (model, input)', () => {
    fc.assert(
      fc.property(arbModelAndInput({ model: arbTransformerModel({ headMasks: true, gate: 'either' }), n: { min: 1, max: 6 } }), ({ model, tokens }) => {
        const a = runTransformer(model, tokens);
        const b = runTransformer64(model, tokens);
        if (!isRight(a) || !isRight(b)) throw new Error(`${describeModel(model)} failed`);
        expect(a.right.states.length).toBe(b.right.states.length);
      }),
      { numRuns: 50, seed: 5 },
    );
  });
});
