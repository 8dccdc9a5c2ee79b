/**
 * A concrete softmax transformer read as a P1 general transformer (`asGeneral`) computes the
 * same thing as the concrete semantics, bit for bit: same precision, same verdict, and every
 * general state carries the concrete state in its first d_model floats.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { floatEquals, showFloat } from '../src/core/float.js';
import { decodeModelText } from '../src/core/modelCodec.js';
import { runGeneral, runTransformer, type State, type TransformerModel } from '../src/core/transformer.js';
import { arbModelAndInput, arbSoftmaxModel, arbTokens, arbTransformerModel, describeModel } from '../src/reductions/randomTransformer.js';
import { asGeneral, concreteState, generalLayout } from '../src/reductions/transformerAsGeneral.js';

const sameState = (a: State, b: State): boolean => a.length === b.length && a.every((x, k) => floatEquals(x, b[k]!) && x.m === b[k]!.m && x.e === b[k]!.e);

/** Why the two readings differ on (model, tokens), or null when they agree. */
const disagreement = (model: TransformerModel, tokens: readonly number[]): string | null => {
  const g = asGeneral(model);
  if (isLeft(g)) return `asGeneral refused: ${g.left}`;
  const a = runTransformer(model, tokens);
  const b = runGeneral(g.right, tokens);
  if (isLeft(a) || isLeft(b)) return isLeft(a) && isLeft(b) ? null : `one run failed: ${JSON.stringify([a, b], (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`;
  if (a.right.p !== b.right.p) return `p differs: ${a.right.p} vs ${b.right.p}`;
  if (a.right.accept !== b.right.accept) return `verdict differs: ${a.right.accept} vs ${b.right.accept}`;
  if (a.right.states.length !== b.right.states.length) return 'number of layers differs';
  for (let l = 0; l < a.right.states.length; l++) {
    for (let i = 0; i < tokens.length; i++) {
      const x = a.right.states[l]![i]!;
      const h = b.right.states[l]![i]!;
      if (h.length !== generalLayout(model).width) return `general state width ${h.length}`;
      if (!sameState(x, concreteState(model, h))) {
        return `after ${l === 0 ? 'the embedding' : `layer ${l}`}, position ${i + 1}: concrete [${x.map(showFloat).join(', ')}] vs general [${concreteState(model, h).map(showFloat).join(', ')}]`;
      }
    }
  }
  return null;
};

const check = (arb: fc.Arbitrary<{ readonly model: TransformerModel; readonly tokens: readonly number[] }>, numRuns: number): void => {
  const r = fc.check(
    fc.property(arb, ({ model, tokens }) => disagreement(model, tokens) === null),
    { seed: 42, numRuns },
  );
  if (r.failed && r.counterexample !== null) {
    const [{ model, tokens }] = r.counterexample;
    throw new Error(`asGeneral disagrees (seed 42, ${r.numRuns} runs, path ${r.counterexamplePath}):\n${describeModel(model)}\ntokens ${JSON.stringify(tokens)}\n${disagreement(model, tokens)}`);
  }
  expect(r.failed).toBe(false);
};

describe('asGeneral: a softmax model as a P1 general model', () => {
  it('agrees with runTransformer on random softmax models and inputs (causal and not)', () => {
    check(arbModelAndInput({ model: arbSoftmaxModel(), n: { min: 1, max: 7 } }), 150);
  });

  it('agrees under the causal mask with several layers and heads', () => {
    check(arbModelAndInput({ model: arbSoftmaxModel({ causal: true, layers: { min: 2, max: 3 }, heads: { min: 2, max: 2 } }), n: { min: 2, max: 6 } }), 60);
  });

  it('agrees with per-head masks and ReGLU gates', () => {
    check(arbModelAndInput({ model: arbSoftmaxModel({ headMasks: true, gate: 'either', layers: { min: 1, max: 2 } }), n: { min: 1, max: 6 } }), 60);
  });

  it('agrees at larger precision (c = 2, 3) with coarse weights (k/2 in [−4, 4])', () => {
    const weight = fc.integer({ min: -8, max: 8 }).map((k) => (k === 0 ? 0 : k / 2));
    check(arbModelAndInput({ model: arbSoftmaxModel({ c: [2, 3], weight }), n: { min: 1, max: 6 } }), 60);
  });

  it('agrees when p ≈ log n (c = 1/2, |Σ| = 1, n = 9 … 24): positions need more than one digit', () => {
    // at n ≤ 16, p = 4: one float ⟨1, I^min + i⟩ holds only i ≤ 2 (q = 2); three base-3 digits hold 27
    check(
      arbModelAndInput({
        model: arbSoftmaxModel({ c: [0.5], alphabetSize: { min: 1, max: 1 }, layers: { min: 1, max: 2 }, causal: true, dModel: { min: 1, max: 2 } }),
        n: { min: 9, max: 24 },
      }),
      20,
    );
  });

  it('agrees on examples/softmax-2layer.json', () => {
    const m = decodeModelText(readFileSync(new URL('../examples/softmax-2layer.json', import.meta.url), 'utf8'));
    if (isLeft(m)) throw new Error('softmax-2layer.json does not decode');
    check(arbTokens(3, { min: 1, max: 12 }).map((tokens) => ({ model: m.right, tokens })), 40);
  });

  it('refuses saturated and hard heads, naming the head and the reason', () => {
    fc.assert(
      fc.property(arbTransformerModel({ attention: ['saturated', 'hard'] }), (m) => {
        const g = asGeneral(m);
        expect(isLeft(g)).toBe(true);
        if (isLeft(g)) {
          expect(g.left).toMatch(/^layers\[\d+\]\.heads\[\d+\] is (saturated|hard) attention/);
          expect(g.left).toContain('maximum');
        }
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('the layout: x first, then 3 position digits, then q, k, v of each next-layer head', () => {
    fc.assert(
      fc.property(arbSoftmaxModel(), (m) => {
        const L = generalLayout(m);
        expect(L.position).toBe(m.dModel);
        const widest = Math.max(0, ...m.layers.map((l) => l.heads.reduce((s, h) => s + 3 * h.wq.length, 0)));
        expect(L.width).toBe(m.dModel + 3 + widest);
        expect(isRight(asGeneral(m))).toBe(true);
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});
