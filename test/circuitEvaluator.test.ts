/**
 * The circuit-evaluator transformer (P1 Lemma 3): its input format, the construction on P1's
 * examples and on random circuits, the lemma `transformer-evaluates-tc0` with its claims, broken
 * constructions rejected with shrunk counterexamples, and the round trip through the compiler.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics } from '../src/core/metrics.js';
import { P1_SERIAL_EXAMPLES, parseSerialOrThrow } from '../src/core/serialize.js';
import { runTransformer } from '../src/core/transformer.js';
import { decodeModel, encodeModel } from '../src/core/modelCodec.js';
import {
  arbBoundedDepthCircuit,
  circuitEvaluatorTransformer,
  evaluatorSymbols,
  evaluatorTokens,
  type EvaluatorFault,
} from '../src/reductions/circuitEvaluator/index.js';
import { evaluatorRoundTrip, roundTripAgrees } from '../src/proofs/circuitEvaluator/roundTrip.js';
import { compileArithmetic } from '../src/reductions/compile/index.js';
import { evaluatorAgrees, verifyTransformerEvaluatesTc0 } from '../src/proofs/circuitEvaluator/transformerEvaluatesTc0.js';

const ctx = { seed: 3, full: false, progress: () => undefined };

describe('the evaluator’s input', () => {
  it('spells P1’s repaired example one symbol per position, then the bits as F/T', () => {
    const c = parseSerialOrThrow(P1_SERIAL_EXAMPLES.thresholdFixedOneArg);
    const s = evaluatorSymbols(c);
    expect(s._tag === 'Right' && s.right.join(' ')).toBe('X X <= 0 & 1 >= 1 0 & & 1 1');
    const t = evaluatorTokens(c, [1, 0]);
    expect(t._tag === 'Right' && t.right.length).toBe(15);
  });

  it('refuses circuits it cannot read, with the reason', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const two = b.build([b.and([x!, y!]), b.or([x!, y!])]);
    expect(evaluatorSymbols(two)).toMatchObject({ _tag: 'Left', left: expect.stringContaining('one output') as unknown });
    const nb = createBuilder();
    const a = nb.input();
    const g = nb.not(a);
    const late = nb.input();
    const notPrefix = nb.build([nb.and([g, late])]);
    expect(evaluatorSymbols(notPrefix)).toMatchObject({ _tag: 'Left', left: expect.stringContaining('prefix form') as unknown });
    expect(evaluatorTokens(parseSerialOrThrow('X NOT &'), [1, 0])).toMatchObject({ _tag: 'Left', left: expect.stringContaining('1 inputs, got 2') as unknown });
  });

  it('random bounded-depth circuits respect the depth bound and print', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((d) => arbBoundedDepthCircuit({ depth: d }).map((c) => ({ d, c }))), ({ d, c }) => {
        expect(metrics(c).depth).toBeLessThanOrEqual(d);
        expect(evaluatorSymbols(c)._tag).toBe('Right');
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe('the construction', () => {
  it('evaluates P1’s examples on every input (depth 2), and the model is valid JSON for the codec', () => {
    const ev = circuitEvaluatorTransformer(2);
    for (const text of [P1_SERIAL_EXAMPLES.orNot, P1_SERIAL_EXAMPLES.thresholdFixedOneArg, P1_SERIAL_EXAMPLES.thresholdFixedTwoArgs]) {
      const c = parseSerialOrThrow(text);
      for (let a = 0; a < 2 ** c.numInputs; a++) {
        const bits = Array.from({ length: c.numInputs }, (_, i) => (a >> i) & 1);
        expect(evaluatorAgrees(ev, { d: 2, circuit: c, bits })).toBe(true);
      }
    }
    const back = decodeModel(JSON.parse(JSON.stringify(encodeModel(ev.model))));
    expect(back._tag).toBe('Right');
  });

  it('a depth-1 evaluator is wrong on a depth-2 circuit (the level count matters)', () => {
    const c = parseSerialOrThrow(P1_SERIAL_EXAMPLES.thresholdFixedOneArg);
    const r = evaluatorAgrees(circuitEvaluatorTransformer(1), { d: 1, circuit: c, bits: [0, 1] });
    expect(r).not.toBe(true);
  });

  it('agrees with the kernel’s circuit evaluation on random circuits (seeded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((d) =>
          arbBoundedDepthCircuit({ depth: d, maxGates: 5, maxFanIn: 3, maxInputs: 3 }).chain((circuit) =>
            fc.array(fc.integer({ min: 0, max: 1 }), { minLength: circuit.numInputs, maxLength: circuit.numInputs }).map((bits) => ({ d, circuit, bits })),
          ),
        ),
        (k) => {
          const tokens = evaluatorTokens(k.circuit, k.bits);
          if (tokens._tag === 'Left') throw new Error(tokens.left);
          const r = runTransformer(circuitEvaluatorTransformer(k.d).model, tokens.right);
          if (r._tag === 'Left') throw new Error(r.left);
          expect(r.right.accept).toBe(evaluate(k.circuit, k.bits)[0] === 1);
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  });
});

describe('transformer-evaluates-tc0', () => {
  it('holds, with layers 2d + 4, two per level, width 42 + 5d and c·min ≤ 2.5', async () => {
    const r = await verifyTransformerEvaluatesTc0(ctx, { numRuns: 4 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    const at = (metric: string, d: number): number | undefined => r.measurements.find((m) => m.metric === metric && m.params['d'] === d)?.measured;
    expect([1, 2, 3, 4].map((d) => at('layers', d))).toEqual([6, 8, 10, 12]);
    expect([1, 2, 3, 4].map((d) => at('layers·levels', d))).toEqual([2, 4, 6, 8]);
    expect(r.measurements.find((m) => m.metric === 'c·min')?.measured).toBeLessThanOrEqual(2.5);
    expect(r.notes.join('\n')).toMatch(/one step below fails — at c = \d/);
  });

  const broken = async (fault: EvaluatorFault) =>
    verifyTransformerEvaluatesTc0(ctx, { construct: (d, c) => circuitEvaluatorTransformer(d, c, fault), numRuns: 12 });

  it('rejects OR ties going to 1 (the OR word’s value flipped) with the smallest circuit', async () => {
    const r = await broken('or-tie-to-one');
    expect(r.verdict).toBe('fails');
    const ex = r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample;
    expect(ex).toMatchObject({ case: expect.stringMatching(/circuit X OR &, x = 0/) as unknown, reason: expect.stringContaining('C(x) = 0') as unknown });
  });

  it('rejects an evaluator one level short, with a shrunk random counterexample and its seed', async () => {
    const r = await broken('one-level-short');
    expect(r.verdict).toBe('fails');
    const prop = r.tiers.find((t) => t.tier === 'property');
    expect(prop?.holds).toBe(false);
    expect(prop?.failure?.message).toMatch(/seed/);
    expect(JSON.stringify(prop?.failure?.counterexample)).toMatch(/circuit/);
  });

  it('rejects swapped ≤/≥ margins on a one-gate circuit', async () => {
    const r = await broken('swap-le-ge');
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample).toMatchObject({ case: expect.stringMatching(/<=|>=/) as unknown });
  });
});

describe('circuit → transformer → circuit', () => {
  it('the depth-1 evaluator compiled at N = 4 computes X NOT &, X OR & and X AND & on both inputs (one compiled circuit)', () => {
    const rt = evaluatorRoundTrip();
    expect(rt.summary).toMatch(/every input agrees/);
    expect(rt.ok).toBe(true);
    expect(rt.rows[0]).toMatchObject({ N: 4, p: 10 });
  }, 120_000);

  it('the round-trip check rejects a compiled broken evaluator (OR ties to 1) on X OR &, x = 0', () => {
    const bad = compileArithmetic(circuitEvaluatorTransformer(1, undefined, 'or-tie-to-one').model, 4);
    if (bad._tag === 'Left') throw new Error(bad.left);
    const circuit = parseSerialOrThrow('X OR &');
    const r = roundTripAgrees({ text: 'X OR &', circuit, compiled: bad.right.circuit, N: 4, p: bad.right.p }, [0]);
    expect(r).toEqual({ circuit: 'X OR &', x: '0', reason: 'the compiled evaluator says 1, C(x) = 0' });
  }, 120_000);
});
