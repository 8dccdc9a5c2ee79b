/**
 * The export contract of README "Exported circuits": what `tradeoff export` prints, parsed back
 * from the P1 serialization with "the last k gates are the outputs", computes the documented
 * function on the documented bit layout.
 */
import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { printSerial, withOutputsLast, parseSerial } from '../src/core/serialize.js';
import { evaluate } from '../src/core/evaluate.js';
import { decodeFloat, encodeFloat, floatParams, iteratedSum, type Float } from '../src/core/float.js';
import { findLemma } from '../src/proofs/registry.js';
import { bigIntToBits, bitsToBigInt } from '../src/proofs/arithmeticLemma.js';
import { seededInts } from '../src/reductions/random.js';
import { expandWeights } from '../src/reductions/expandWeights.js';
import type { ArithmeticFamily } from '../src/proofs/arithmeticLemma.js';
import { sweptFamilies } from '../src/proofs/sweeps.js';

const exported = (id: string, opts: Record<string, number>, numOutputs: number) => {
  const built = findLemma(id)!.exportCircuit!.build(opts);
  if (!isRight(built)) throw new Error(built.left);
  // what `tradeoff export --format serial` does
  const expanded = expandWeights(built.right);
  if (!isRight(expanded)) throw new Error(expanded.left);
  const text = printSerial(withOutputsLast(expanded.right));
  if (!isRight(text)) throw new Error(text.left.message);
  const parsed = parseSerial(text.right, { numOutputs });
  if (!isRight(parsed)) throw new Error(parsed.left.message);
  return parsed.right;
};

describe('tradeoff export, serial format', () => {
  it('float-iterated-sum --n K --p P: the last P gates are ⊕ of the K floats, kernel layout', () => {
    const K = 3;
    const P = 6;
    const c = exported('float-iterated-sum', { n: K, p: P }, P);
    const params = floatParams(P);
    if (!isRight(params)) throw new Error('p');
    const draw = seededInts(4);
    for (let t = 0; t < 300; t++) {
      const bits = Array.from({ length: K * P }, () => draw(0, 1));
      const floats: Float[] = [];
      for (let i = 0; i < K; i++) {
        const f = decodeFloat(params.right, bits.slice(i * P, i * P + P));
        if (!isRight(f)) throw new Error('decode');
        floats.push(f.right);
      }
      expect(Array.from(evaluate(c, bits))).toEqual(Array.from(encodeFloat(params.right, iteratedSum(params.right, floats))));
    }
  });

  it('integer-addition --w W: x then y, the last w + 1 gates are the sum', () => {
    const w = 5;
    const c = exported('integer-addition', { w }, w + 1);
    for (let x = 0; x < 32; x++) {
      for (let y = 0; y < 32; y += 3) {
        const input = [...bigIntToBits(BigInt(x), w), ...bigIntToBits(BigInt(y), w)];
        expect(bitsToBigInt(evaluate(c, input), 0, w + 1)).toBe(BigInt(x + y));
      }
    }
  });

  it('iterated-addition --n K --w W: the last W + ⌈log₂ K⌉ gates are the sum', () => {
    const K = 5;
    const W = 3;
    const out = W + Math.ceil(Math.log2(K));
    const c = exported('iterated-addition', { n: K, w: W }, out);
    const draw = seededInts(8);
    for (let t = 0; t < 200; t++) {
      const nums = Array.from({ length: K }, () => draw(0, 2 ** W - 1));
      const input = nums.flatMap((v) => bigIntToBits(BigInt(v), W));
      expect(bitsToBigInt(evaluate(c, input), 0, out)).toBe(BigInt(nums.reduce((a, b) => a + b, 0)));
    }
  });

  it.each(sweptFamilies.map((f) => [f.id, f] as const))('%s: the exported circuit has the widths its statement declares', (_id, fam: ArithmeticFamily) => {
    const p = fam.exhaustive[fam.exhaustive.length - 1]!;
    const built = findLemma(fam.id)!.exportCircuit!.build(p);
    if (!isRight(built)) throw new Error(built.left);
    expect(built.right.numInputs).toBe(fam.inputs(p));
    expect(built.right.outputs.length).toBe(fam.outputs(p));
  });

  it('refuses sizes that do not fit, with a message', () => {
    const r = findLemma('float-iterated-sum')!.exportCircuit!.build({ n: 1024, p: 20 });
    expect(r._tag).toBe('Left');
    const s = findLemma('float-iterated-sum')!.exportCircuit!.build({ n: 2, p: 30 });
    expect(r._tag === 'Left' && s._tag === 'Left' && s.left).toMatch(/--p must be ≤ 22/);
  });
});
