import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { createBuilder } from '../src/core/circuit.js';
import { metrics } from '../src/core/metrics.js';
import { printSerial, withOutputsLast } from '../src/core/serialize.js';
import { expandWeights } from '../src/reductions/expandWeights.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';
import { sameFunction } from './serialize.fixtures.js';

describe('expandWeights', () => {
  it('computes the same function and is printable in the P1 §3 format, for random circuits', () => {
    fc.assert(
      fc.property(arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 30 }), (c) => {
        const r = expandWeights(c);
        if (!isRight(r)) return false;
        const m = metrics(r.right);
        return sameFunction(c, r.right) && m.gates.const === 0 && isRight(printSerial(withOutputsLast(r.right)));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('rewrites a negative weight as a NOT with k raised', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.ge([x!, y!], 1, [2, -1])]);
    const r = expandWeights(c);
    expect(isRight(r) && printSerial(r.right)).toEqual({ _tag: 'Right', right: 'X X NOT &1 >= 110 & & &11' });
  });

  it('is caught by the same check when it is wrong (dropping the k adjustment)', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const c = b.build([b.ge([x!, y!], 1, [2, -1])]);
    const wrong = createBuilder();
    const [u, v] = wrong.inputs(2);
    const bad = wrong.build([wrong.ge([u!, u!, wrong.not(v!)], 1)]);
    expect(sameFunction(c, bad)).toBe(false);
  });
});
