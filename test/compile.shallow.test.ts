/**
 * The compilers' opt-in shallow arithmetic: `compilePaper(…, { shallowSum: true })` and
 * `compileArithmetic(…, { shallow: true })` compute what the transformer computes, are shallower
 * than the defaults and meet P1's bound with the shallow d_⊕; the defaults are unchanged (the
 * option off gives the same circuit, record for record).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import { precisionAt, runGeneral, runTransformer, type GeneralModel, type TransformerModel } from '../src/core/transformer.js';
import { floatIteratedSumShallow } from '../src/reductions/arithmetic/floatIteratedSumShallow.js';
import { compileArithmetic } from '../src/reductions/compile/arithmeticRoute.js';
import { compilePaper, paperDepthClaim } from '../src/reductions/compile/paperRoute.js';
import { encodeRunOutputs, encodeTokens } from '../src/reductions/compile/types.js';
import { saturatedDenseExample, softmaxTwoLayerExample } from '../src/reductions/exampleModels.js';
import { majorityTransformer } from '../src/reductions/majorityTransformer.js';
import { arbGeneralModel } from '../src/reductions/randomTransformer.js';
import { arithmeticShallowDepthClaim, architectureParams } from '../src/proofs/transformer/transformerToTc0.js';

const sameRecords = (a: Circuit, b: Circuit): boolean =>
  a.numInputs === b.numInputs &&
  a.numGates === b.numGates &&
  [a.kind, a.param, a.faninStart, a.fanin, a.outputs].every((x, i) => {
    const y = [b.kind, b.param, b.faninStart, b.fanin, b.outputs][i]!;
    return x.length === y.length && x.every((v, j) => v === y[j]);
  }) &&
  (a.weight === null) === (b.weight === null) &&
  (a.weight === null || a.weight.every((v, j) => v === b.weight![j]));

/** Every token sequence of length n over |Σ| symbols. */
const allTokens = (sigma: number, n: number): number[][] => {
  const out: number[][] = [[]];
  for (let i = 0; i < n; i++) out.splice(0, out.length, ...out.flatMap((t) => Array.from({ length: sigma }, (_, s) => [...t, s])));
  return out;
};

const expectComputes = (c: Circuit, model: GeneralModel | TransformerModel, n: number, run: (t: number[]) => ReturnType<typeof runGeneral>): void => {
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') throw new Error(pe.left);
  for (const t of allTokens(model.alphabet.length, n)) {
    const r = run(t);
    if (r._tag === 'Left') continue;
    expect(Array.from(evaluate(c, encodeTokens(model.alphabet.length, t))), `tokens ${t.join('')}`).toEqual(Array.from(encodeRunOutputs(pe.right, r.right)));
  }
};

describe('compilePaper with the shallow ⊕ (opt-in)', () => {
  const models = fc.sample(
    arbGeneralModel({ alphabetSize: { min: 2, max: 2 }, width: { min: 1, max: 1 }, heads: { min: 1, max: 2 }, layers: { min: 1, max: 2 }, c: [1] }),
    { seed: 3, numRuns: 2 },
  );

  it('default unchanged: shallowSum false gives the same circuit record for record', () => {
    for (const m of models) {
      const a = compilePaper(m, 3);
      const b = compilePaper(m, 3, { shallowSum: false });
      expect(a._tag === 'Right' && b._tag === 'Right' && sameRecords(a.right.circuit, b.right.circuit)).toBe(true);
    }
  }, 120_000);

  it('computes runGeneral on every input (n ≤ 4), with depth = 3 + (9 + 2·d_⊕)·d − slack ≤ P1\'s bound, d_⊕ ≤ 6 (P1 basis ≤ 7)', () => {
    for (const m of models) {
      for (const n of [2, 3, 4]) {
        const r = compilePaper(m, n, { shallowSum: true });
        const d0 = compilePaper(m, n);
        if (r._tag === 'Left' || d0._tag === 'Left') throw new Error('refused');
        expectComputes(r.right.circuit, m, n, (t) => runGeneral(m, t));
        const sm = metrics(floatIteratedSumShallow(n, r.right.p).circuit);
        expect(sm.depth).toBeLessThanOrEqual(6);
        expect(sm.depthP1).toBeLessThanOrEqual(7);
        const cm = metrics(r.right.circuit);
        expect(cm.depth).toBeLessThanOrEqual(paperDepthClaim(m.layers.length, sm.depth));
        expect(cm.depthP1).toBeLessThanOrEqual(paperDepthClaim(m.layers.length, sm.depthP1));
        expect(cm.depth).toBeLessThan(metrics(d0.right.circuit).depth);
      }
    }
  }, 120_000);

  it('beyond the shallow ⊕\'s range (n > 256): a Left with a message, not a throw', () => {
    const r = compilePaper(models[0]!, 300, { shallowSum: true });
    expect(r._tag === 'Left' && r.left).toMatch(/^paper route: /);
  });
});

describe('compileArithmetic with the shallow arithmetic (opt-in)', () => {
  it('default unchanged: shallow false gives the same circuit record for record', () => {
    const a = compileArithmetic(softmaxTwoLayerExample(), 4);
    const b = compileArithmetic(softmaxTwoLayerExample(), 4, { shallow: false });
    expect(a._tag === 'Right' && b._tag === 'Right' && sameRecords(a.right.circuit, b.right.circuit)).toBe(true);
  }, 120_000);

  it.each([
    ['majority.json', majorityTransformer(), 5],
    ['softmax-2layer.json', softmaxTwoLayerExample(), 4],
    ['a dense saturated model', saturatedDenseExample(), 4],
  ] as const)('%s: computes runTransformer on every input up to n = %i, shallower than the default, within its claim', (_name, model, maxN) => {
    for (let n = 1; n <= maxN; n++) {
      const r = compileArithmetic(model, n, { shallow: true });
      const d0 = compileArithmetic(model, n);
      if (r._tag === 'Left' || d0._tag === 'Left') throw new Error('refused');
      expectComputes(r.right.circuit, model, n, (t) => runTransformer(model, t));
      const m = metrics(r.right.circuit);
      expect(m.depth).toBeLessThanOrEqual(r.right.depthClaim.depth);
      expect(m.depth).toBeLessThanOrEqual(arithmeticShallowDepthClaim(architectureParams(model, n, r.right.p)));
      expect(m.depth).toBeLessThanOrEqual(metrics(d0.right.circuit).depth);
    }
  }, 120_000);
});
