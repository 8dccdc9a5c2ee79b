import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluateGates } from '../src/core/evaluate.js';
import {
  evaluateAllInputs,
  evaluateBatch,
  evaluateWords,
  evaluateWordsWide,
  LANES,
  MAX_WORDS_PER_GATE,
} from '../src/core/evaluateBitParallel.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';
import { assignmentsArb, wideFaninCircuitArb } from './circuitArbs.helpers.js';

// Every path of the bit-parallel evaluator (one word per gate, W words per gate, batches,
// exhaustive enumeration) against the reference evaluator, gate by gate and lane by lane.

const WIDTHS = [1, 2, 3, 4, 5, 8] as const;

type WideEvaluator = (c: Circuit, inputWords: Uint32Array, W: number) => Uint32Array;

/** Input words for W words per gate: input j of assignment a at bit a % 32 of word j·W + ⌊a/32⌋. */
const packWide = (numInputs: number, W: number, assignments: readonly Uint8Array[]): Uint32Array => {
  const words = new Uint32Array(numInputs * W);
  assignments.forEach((a, idx) => {
    for (let j = 0; j < numInputs; j++) if (a[j]) words[j * W + Math.floor(idx / 32)]! |= 1 << idx % 32;
  });
  return words;
};

/** The first disagreement of `ev` with the reference evaluator, or null. */
const disagreement = (c: Circuit, W: number, assignments: readonly Uint8Array[], ev: WideEvaluator): string | null => {
  const words = ev(c, packWide(c.numInputs, W, assignments), W);
  for (let a = 0; a < assignments.length; a++) {
    const ref = evaluateGates(c, assignments[a]!);
    const q = Math.floor(a / 32);
    for (let i = 0; i < c.numGates; i++) {
      const got = (words[i * W + q]! >>> a % 32) & 1;
      if (got !== ref[i]) return `W = ${W}, gate ${i} (kind ${c.kind[i]}), assignment ${a}: bit-parallel ${got}, reference ${ref[i]}`;
    }
  }
  return null;
};

const wideFaninArb = wideFaninCircuitArb({ maxInputs: 8, maxSmallFanin: 20, maxWeight: 2 ** 20 });

const wide: WideEvaluator = (c, w, W) => evaluateWordsWide(c, w, W);

/** Deliberately wrong: word q of every gate taken from word (q + 1) mod W of its arguments. */
const rotated: WideEvaluator = (c, w, W) => {
  const rot = new Uint32Array(w.length);
  for (let j = 0; j < c.numInputs; j++) for (let q = 0; q < W; q++) rot[j * W + q] = w[j * W + ((q + 1) % W)]!;
  return evaluateWordsWide(c, rot, W);
};

describe('evaluateWordsWide agrees with the reference evaluator', () => {
  it('on random circuits with weights (src/reductions/randomCircuit.ts), every width', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WIDTHS),
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 30 }).chain((c) =>
          fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 8 * LANES)),
        ),
        (W, [c, as]) => {
          const d = disagreement(c, W, as.slice(0, W * LANES), wide);
          if (d !== null) throw new Error(d);
        },
      ),
      { seed: 0x13_03, numRuns: 300 },
    );
  });

  it('on large fan-ins and large weights, every width', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WIDTHS),
        wideFaninArb.chain((c) => fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 8 * LANES))),
        (W, [c, as]) => {
          const d = disagreement(c, W, as.slice(0, W * LANES), wide);
          if (d !== null) throw new Error(d);
        },
      ),
      { seed: 0x13_04, numRuns: 150 },
    );
  });

  it('W = 1 is evaluateWords, word for word', () => {
    fc.assert(
      fc.property(wideFaninArb, fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 8, maxLength: 8 }), (c, ws) => {
        const inputs = Uint32Array.from(ws.slice(0, c.numInputs));
        expect([...evaluateWordsWide(c, inputs, 1)]).toEqual([...evaluateWords(c, inputs)]);
      }),
      { seed: 0x13_05, numRuns: 50 },
    );
  });

  it('batches and exhaustive enumeration give the reference outputs', () => {
    fc.assert(
      fc.property(
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 9, maxGates: 30 }).chain((c) =>
          fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 600)),
        ),
        ([c, as]) => {
          const got = evaluateBatch(c, as);
          as.forEach((a, i) => {
            const ref = evaluateGates(c, a);
            expect([...got[i]!]).toEqual([...c.outputs].map((o) => ref[o]!));
          });
          const seen = new Set<number>();
          evaluateAllInputs(c, (words, base, lanes) => {
            for (let b = 0; b < lanes; b++) {
              const a = base + b;
              seen.add(a);
              const bits = Uint8Array.from({ length: c.numInputs }, (_, j) => Math.floor(a / 2 ** j) % 2);
              const ref = evaluateGates(c, bits);
              for (let i = 0; i < c.numGates; i++) expect((words[i]! >>> b) & 1).toBe(ref[i]);
            }
          });
          expect(seen.size).toBe(2 ** c.numInputs);
        },
      ),
      { seed: 0x13_06, numRuns: 60 },
    );
  });

  it('the check can fail: a word-rotating evaluator is caught, with a readable shrunk counterexample', () => {
    const details = fc.check(
      fc.property(
        fc.constantFrom(2, 4),
        arbitraryCircuit({ prefix: false, printable: false, maxInputs: 4, maxGates: 10 }).chain((c) =>
          fc.tuple(fc.constant(c), assignmentsArb(c.numInputs, 4 * LANES)),
        ),
        (W, [c, as]) => {
          const d = disagreement(c, W, as.slice(0, W * LANES), rotated);
          if (d !== null) throw new Error(d);
        },
      ),
      { seed: 0x13_07, numRuns: 300 },
    );
    expect(details.failed).toBe(true);
    expect(details.numShrinks).toBeGreaterThan(0);
    expect(String(details.errorInstance)).toMatch(/W = [24], gate \d+ \(kind \d\), assignment \d+: bit-parallel \d, reference \d/);
    // shrunk: a tiny circuit
    expect(details.counterexample?.[1][0].numGates ?? 99).toBeLessThanOrEqual(3);
  });

  it('refuses bad widths and lengths', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2) as [number, number];
    const c = b.build([b.and([x, y])]);
    expect(() => evaluateWordsWide(c, new Uint32Array(4), 0)).toThrow(/words per gate/);
    expect(() => evaluateWordsWide(c, new Uint32Array(2 * (MAX_WORDS_PER_GATE + 1)), MAX_WORDS_PER_GATE + 1)).toThrow(/words per gate/);
    expect(() => evaluateWordsWide(c, new Uint32Array(3), 2)).toThrow(/2 inputs × 2 words, got 3/);
    expect(() => evaluateWordsWide(c, new Uint32Array(4), 2, new Uint32Array(5))).toThrow(/need 6/);
    expect([...evaluateWordsWide(c, Uint32Array.of(0b1100, 1, 0b1010, 1), 2).slice(2 * c.outputs[0]!)]).toEqual([0b1000, 1]);
  });
});
