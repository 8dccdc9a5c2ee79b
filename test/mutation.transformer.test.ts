/**
 * Mutation tests of `src/core/transformer.ts` (`npm run mutate -- transformer`): the boundaries
 * of the precision rule and of the token check with their exact messages, the exact reading of
 * doubles, ReLU, positional tables shorter than the input, an output coordinate that is exactly
 * 0, the plain `attend`, and the float64 reading against an independent float64 reference.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight, left, type Either } from 'fp-ts/lib/Either.js';
import { floatOfRational, floatParams, floatToNumber, zeroFloat, type FloatParams } from '../src/core/float.js';
import {
  ATTENTION_KINDS,
  attend,
  floatOfNumber,
  floatRelu,
  positionalAt,
  precisionAt,
  rationalOfNumber,
  runGeneral,
  runTransformer,
  runTransformer64,
  type GeneralModel,
  type Head,
  type TransformerModel,
} from '../src/core/transformer.js';
import { arbDyadicWeight, arbModelAndInput } from '../src/reductions/randomTransformer.js';

const right = <A>(r: Either<string, A>): A => {
  if (isLeft(r)) throw new Error(r.left);
  return r.right;
};
const P = (p: number): FloatParams => right(floatParams(p));
const pOf = (r: Either<string, FloatParams>): number => right(r).p;

describe('precisionAt at its boundaries', () => {
  it('n and c: exact messages', () => {
    expect(precisionAt(1, 2, 0)).toEqual(left('the length n must be an integer ≥ 1, got 0'));
    expect(precisionAt(1, 2, 1.5)).toEqual(left('the length n must be an integer ≥ 1, got 1.5'));
    expect(precisionAt(0, 2, 4)).toEqual(left('the precision constant c must be a positive number, got 0'));
    expect(precisionAt(Number.POSITIVE_INFINITY, 2, 4)).toEqual(left('the precision constant c must be a positive number, got Infinity'));
    expect(precisionAt(Number.NaN, 2, 4)).toEqual(left('the precision constant c must be a positive number, got NaN'));
    expect(pOf(precisionAt(1, 1, 1))).toBe(4);
    expect(pOf(precisionAt(1e-9, 1, 2))).toBe(4);
  });
  it('p = 64 runs, p = 66 is refused (with the message)', () => {
    expect(pOf(precisionAt(4, 2, 256))).toBe(64);
    expect(precisionAt(4.1, 2, 256)).toEqual(left('p = 2⌈c·log₂ n⌉ = 66 at c = 4.1, n = 256 exceeds the kernel\'s 64 bits'));
  });
  it('p = ⌈log₂|Σ|⌉ + ⌈log₂ n⌉ runs, one bit less is refused; ⌈log₂⌉ at powers of two', () => {
    // c = 1, n = 16: p = 8; |Σ| = 16 needs 4 + 4 = 8, |Σ| = 17 needs 5 + 4 = 9
    expect(pOf(precisionAt(1, 16, 16))).toBe(8);
    expect(precisionAt(1, 17, 16)).toEqual(left('p = 8 at c = 1, n = 16 is too small for log|Σ| + log n = 9 bits (P1 Def 12)'));
    // c = 1, n = 17: p = 10; |Σ| = 32 needs 5 + 5 = 10, |Σ| = 33 needs 11
    expect(pOf(precisionAt(1, 32, 17))).toBe(10);
    expect(isLeft(precisionAt(1, 33, 17))).toBe(true);
    // |Σ| = 1 and n = 1 need 0 bits
    expect(pOf(precisionAt(0.5, 1, 1))).toBe(4);
  });
});

describe('rationalOfNumber and floatOfNumber', () => {
  it('the exact value of a double', () => {
    expect(rationalOfNumber(5)).toEqual({ num: 5n, den: 1n });
    expect(rationalOfNumber(-3)).toEqual({ num: -3n, den: 1n });
    expect(rationalOfNumber(0.75)).toEqual({ num: 3n, den: 4n });
    expect(rationalOfNumber(-0.375)).toEqual({ num: -3n, den: 8n });
    expect(rationalOfNumber(2 ** -30)).toEqual({ num: 1n, den: 2n ** 30n });
    expect(rationalOfNumber(0.1)).toEqual({ num: 3602879701896397n, den: 2n ** 55n });
    expect(() => rationalOfNumber(Number.NaN)).toThrow(new RangeError('rationalOfNumber: NaN is not finite'));
    expect(() => rationalOfNumber(Number.NEGATIVE_INFINITY)).toThrow(new RangeError('rationalOfNumber: -Infinity is not finite'));
  });
  it('fl(x) = floatOfRational of the exact value, on first and repeated reads, −0 as 0', () => {
    const params = P(8);
    for (const x of [0.3, -0.3, 1.75, -6, 0, -0, 100, 1e-9]) {
      const want = floatOfRational(params, rationalOfNumber(x));
      expect(floatOfNumber(params, x), `fl(${x})`).toEqual(want);
      expect(floatOfNumber(params, x), `fl(${x}) again`).toEqual(want);
    }
    expect(floatOfNumber(params, -0)).toEqual(floatOfNumber(params, 0));
    // another params object at another p: its own values
    expect(floatOfNumber(P(4), 1.75)).toEqual(floatOfRational(P(4), { num: 7n, den: 4n }));
  });
});

describe('floatRelu', () => {
  it('x when x > 0, else the zero float (also for a zero that is not in normal form)', () => {
    const params = P(8);
    expect(floatRelu(params, { m: 3n, e: -1n })).toEqual({ m: 3n, e: -1n });
    expect(floatRelu(params, { m: -3n, e: -1n })).toEqual(zeroFloat(params));
    expect(floatRelu(params, { m: 0n, e: 2n })).toEqual(zeroFloat(params));
  });
});

describe('attend', () => {
  it('with no value vectors: empty outputs; with one: the value (weight 1)', () => {
    const params = P(8);
    const one = floatOfNumber(params, 1);
    const two = floatOfNumber(params, 2);
    expect(attend(params, [[one]], [], () => true)).toEqual([[]]);
    expect(attend(params, [[one]], [[two]], () => true)).toEqual([[two]]);
    // nothing visible: Z = 0 and the sum of nothing is 0
    expect(attend(params, [[one]], [[two]], () => false)).toEqual([[zeroFloat(params)]]);
  });
});

// a one-symbol, one-coordinate model whose state is its embedding
const trivial = (embedding: number, output: TransformerModel['output']): TransformerModel => ({
  alphabet: ['a', 'b'],
  dModel: 1,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [[embedding], [1]],
  positional: { kind: 'none' },
  layers: [],
  output,
});

describe('tokens and the output rule', () => {
  it('token checks: exact messages and boundaries (both readings)', () => {
    const m = trivial(0, { kind: 'state' });
    for (const run of [runTransformer, runTransformer64] as ((m: TransformerModel, t: readonly number[]) => Either<string, unknown>)[]) {
      expect(run(m, [])).toEqual(left('the input must have at least one token'));
      expect(run(m, [2])).toEqual(left('token 0 is 2, not an index in 0..1'));
      expect(run(m, [0, -1])).toEqual(left('token 1 is -1, not an index in 0..1'));
      expect(run(m, [0, 1, 0.5])).toEqual(left('token 2 is 0.5, not an index in 0..1'));
      expect(isRight(run(m, [1]))).toBe(true);
      expect(isRight(run(m, [0, 1]))).toBe(true);
    }
  });
  it('accept iff x_n[coordinate] > 0: a coordinate exactly 0 rejects (both readings)', () => {
    expect(right(runTransformer(trivial(0, { kind: 'accept', coordinate: 0 }), [0])).accept).toBe(false);
    expect(right(runTransformer64(trivial(0, { kind: 'accept', coordinate: 0 }), [0])).accept).toBe(false);
    expect(right(runTransformer(trivial(-1, { kind: 'accept', coordinate: 0 }), [0])).accept).toBe(false);
    expect(right(runTransformer(trivial(0, { kind: 'accept', coordinate: 0 }), [0, 1])).accept).toBe(true);
    expect(right(runTransformer64(trivial(0, { kind: 'accept', coordinate: 0 }), [0, 1])).accept).toBe(true);
    expect(right(runTransformer(trivial(0, { kind: 'state' }), [1])).accept).toBeNull();
    expect(right(runTransformer64(trivial(0, { kind: 'state' }), [1])).accept).toBeNull();
  });
  it('runGeneral: the same token checks, and accept reads the last state', () => {
    const g: GeneralModel = {
      alphabet: ['a', 'b'],
      width: 1,
      precision: { c: 1 },
      embed: (params, token) => [token === 1 ? floatOfNumber(params, 1) : zeroFloat(params)],
      layers: [],
      output: { kind: 'accept', coordinate: 0 },
    };
    expect(runGeneral(g, [])).toEqual(left('the input must have at least one token'));
    expect(runGeneral(g, [3])).toEqual(left('token 0 is 3, not an index in 0..1'));
    expect(right(runGeneral(g, [1, 0])).accept).toBe(false);
    expect(right(runGeneral(g, [0, 1])).accept).toBe(true);
    expect(runGeneral({ ...g, precision: { c: 0 } }, [0])).toEqual(left('the precision constant c must be a positive number, got 0'));
    // a general model is not validated: a coordinate beyond its width reads as 0 (reject), no throw
    expect(right(runGeneral({ ...g, output: { kind: 'accept', coordinate: 3 } }, [1])).accept).toBe(false);
  });
  it('ATTENTION_KINDS', () => {
    expect(ATTENTION_KINDS).toEqual(['softmax', 'saturated', 'hard']);
  });
});

describe('positional tables shorter than the input read zero beyond the table', () => {
  it('p-precision and float64', () => {
    const m: TransformerModel = { ...trivial(0, { kind: 'state' }), positional: { kind: 'table', rows: [[0.5], [-1]] } };
    const run = right(runTransformer(m, [0, 0, 0, 0]));
    expect(run.states[0]!.map((s) => floatToNumber(s[0]!))).toEqual([0.5, -1, 0, 0]);
    expect(right(runTransformer64(m, [0, 0, 0, 0])).states[0]!.map((s) => s[0])).toEqual([0.5, -1, 0, 0]);
    const params = P(8);
    expect(positionalAt(params, m, 3, 4)).toEqual([zeroFloat(params)]);
  });
  it('affine: c + a·i + b·i/n', () => {
    const m: TransformerModel = { ...trivial(0, { kind: 'state' }), precision: { c: 4 }, positional: { kind: 'affine', constant: [1], index: [2], fraction: [-4] } };
    expect(right(runTransformer(m, [0, 0, 0, 0])).states[0]!.map((s) => floatToNumber(s[0]!))).toEqual([2, 3, 4, 5]);
    expect(right(runTransformer64(m, [0, 0, 0, 0])).states[0]!.map((s) => s[0])).toEqual([2, 3, 4, 5]);
  });
});

// -------------------------------------------------------------------------------------------
// the float64 reading against an independent float64 implementation
// -------------------------------------------------------------------------------------------

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const apply = (w: readonly (readonly number[])[], x: readonly number[]): number[] => w.map((row) => dot(row, x));

/** The float64 reading, written out directly from the module header (softmax with the maximum subtracted). */
const ref64 = (model: TransformerModel, tokens: readonly number[]): number[][][] => {
  const n = tokens.length;
  const pos = (i: number): number[] => {
    const P = model.positional;
    if (P.kind === 'none') return new Array<number>(model.dModel).fill(0);
    if (P.kind === 'table') return Array.from({ length: model.dModel }, (_, k) => (i - 1 < P.rows.length ? P.rows[i - 1]![k]! : 0));
    return P.constant.map((c, k) => c + P.index[k]! * i + P.fraction[k]! * (i / n));
  };
  let xs = tokens.map((t, i) => {
    const p = pos(i + 1);
    return model.tokenEmbedding[t]!.map((e, k) => e + p[k]!);
  });
  const states = [xs];
  for (const layer of model.layers) {
    const head = (h: Head): number[][] => {
      const q = xs.map((x) => apply(h.wq, x));
      const k = xs.map((x) => apply(h.wk, x));
      const v = xs.map((x) => apply(h.wv, x));
      return q.map((qi, i) => {
        const js = xs.map((_, j) => j).filter((j) => !model.causal || j <= i);
        const s = js.map((j) => dot(qi, k[j]!));
        const mx = Math.max(...s);
        if (h.attention === 'hard') return v[js[s.findIndex((x) => x === mx)]!]!;
        const w = s.map((x) => (h.attention === 'softmax' ? Math.exp(x - mx) : x === mx ? 1 : 0));
        const z = w.reduce((a, b) => a + b, 0);
        return v[0]!.map((_, r) => js.reduce((acc, j, t) => acc + (w[t]! / z) * v[j]![r]!, 0));
      });
    };
    const heads = layer.heads.map(head);
    const ys = xs.map((x, i) => x.map((xk, k) => xk + layer.heads.reduce((s, h, hi) => s + dot(h.wo[k]!, heads[hi]![i]!), 0)));
    const f = layer.ffn;
    xs =
      f === null
        ? ys
        : ys.map((y) => {
            const r = f.w1.map((row, t) => Math.max(0, dot(row, y) + f.b1[t]!));
            return y.map((yk, k) => yk + dot(f.w2[k]!, r) + f.b2[k]!);
          });
    states.push(xs);
  }
  return states;
};

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('runTransformer64 against a direct float64 reference', () => {
  it('random models (all attention kinds, masks, ffn, positional kinds), every state', () => {
    fc.assert(
      fc.property(arbModelAndInput({ n: { min: 1, max: 6 }, weight: arbDyadicWeight(8, 3) }), ({ model, tokens }) => {
        const got = right(runTransformer64(model, tokens));
        const want = ref64(model, tokens);
        expect(got.states.length).toBe(want.length);
        got.states.forEach((layer, l) =>
          layer.forEach((x, i) =>
            x.forEach((v, k) => {
              if (!close(v, want[l]![i]![k]!)) throw new Error(`layer ${l}, position ${i}, coordinate ${k}: ${v} ≠ ${want[l]![i]![k]!}`);
            }),
          ),
        );
        const last = want[want.length - 1]![tokens.length - 1]!;
        expect(got.accept).toBe(model.output.kind === 'accept' ? last[model.output.coordinate]! > 0 : null);
      }),
      { seed: 5, numRuns: 300 },
    );
  });
  it('softmax with scores near 1000: the maximum is subtracted first, so nothing overflows', () => {
    const m: TransformerModel = {
      alphabet: ['a', 'b'],
      dModel: 2,
      precision: { c: 1 },
      causal: false,
      tokenEmbedding: [
        [30, 1],
        [30, -1],
      ],
      positional: { kind: 'none' },
      layers: [{ heads: [{ attention: 'softmax', wq: [[1, 0]], wk: [[1, 1]], wv: [[0, 1]], wo: [[0], [1]] }], ffn: null }],
      output: { kind: 'accept', coordinate: 1 },
    };
    // scores 30·31 = 930 (key a) and 30·29 = 870 (key b): the weight of a is 1/(1 + e^(−60)) ≈ 1
    const r = right(runTransformer64(m, [0, 1]));
    expect(r.states[1]!.map((x) => x[1])).toEqual([2, 0]);
    expect(r.accept).toBe(false);
    const ref = ref64(m, [0, 1]);
    expect(ref[1]!.map((x) => x[1])).toEqual([2, 0]);
  });
  it('hard attention picks the leftmost maximizer in float64 too', () => {
    const m: TransformerModel = {
      alphabet: ['a', 'b'],
      dModel: 2,
      precision: { c: 4 },
      causal: false,
      tokenEmbedding: [
        [1, 1],
        [1, -1],
      ],
      positional: { kind: 'table', rows: [[0, 0], [0, 5]] },
      layers: [{ heads: [{ attention: 'hard', wq: [[0, 0]], wk: [[1, 0]], wv: [[0, 1]], wo: [[0], [1]] }], ffn: null }],
      output: { kind: 'state' },
    };
    // every score is 0: a tie, the leftmost (position 1, v = 1 or −1) wins
    const r = right(runTransformer64(m, [1, 0, 0]));
    expect(r.states[1]!.map((x) => x[1])).toEqual([-2, 5, 0]);
    const p = right(runTransformer(m, [1, 0, 0]));
    expect(p.states[1]!.map((x) => floatToNumber(x[1]!))).toEqual([-2, 5, 0]);
  });
});

