/** The README's TypeScript example, with the package entry points replaced by their sources. */
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { createBuilder, evaluate, metrics, checkCircuitExhaustive } from '../src/core/index.js';
import { lookupTableCircuit } from '../src/reductions/index.js';

describe('README example', () => {
  it('runs as printed', () => {
    const b = createBuilder();
    const [x, y, z] = b.inputs(3);
    const maj = b.build([b.ge([x!, y!, z!], 2)]);
    expect(Array.from(evaluate(maj, [1, 0, 1]))).toEqual([1]);
    expect(metrics(maj)).toMatchObject({ size: 1, depth: 1, wires: 3 });
    const xor = { k: 2, m: 1, bits: Uint8Array.from([0, 1, 1, 0]) };
    const c = lookupTableCircuit(xor);
    const xorStatement = { inputs: 2, outputs: 1, spec: (i: Uint8Array) => [i[0]! ^ i[1]!], text: 'c computes XOR' };
    const verdict = checkCircuitExhaustive(c, xorStatement, { k: 2 });
    expect(isRight(verdict)).toBe(true);
  });
});
