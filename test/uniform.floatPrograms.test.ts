import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { allDistinctFloats, floatCompare, floatDiv, floatMul, floatParams, type Float, type FloatParams } from '../src/core/float.js';
import { collectingSink, runProgram } from '../src/core/logspace/machine.js';
import { floatProgram } from '../src/reductions/uniform/floatPrograms.js';
import { seededInts } from '../src/reductions/random.js';

const paramsOf = (p: number): FloatParams => {
  const r = floatParams(p);
  if (r._tag === 'Left') throw new Error(r.left);
  return r.right;
};
/** A float as the programs read it: sign of m, |m|, e + I^max. */
const cells = (P: FloatParams, f: Float): number[] => [f.m < 0n ? 1 : 0, Number(f.m < 0n ? -f.m : f.m), Number(f.e + P.iMax)];
const show = (P: FloatParams, f: Float): string => cells(P, f).join(' ');

describe('float operations as metered programs', () => {
  for (const p of [16, 24]) {
    it(`agrees with float.ts on 40² seeded random pairs at p = ${p}, in O(p) bits`, () => {
      const P = paramsOf(p);
      const draw = seededInts(p);
      const big = Number(P.iMax);
      const floats: Float[] = Array.from({ length: 40 }, () => ({ m: BigInt(draw(-big, big)), e: BigInt(draw(-big, big)) }));
      const tape = floats.flatMap((f) => cells(P, f));
      for (const op of ['floatMul', 'floatDiv', 'floatCompare'] as const) {
        const s = collectingSink();
        const m = runProgram(floatProgram(op), { n: 1, params: { p }, tapes: { a: tape, b: tape }, sink: s.sink });
        expect(isRight(m)).toBe(true);
        const want = floats.flatMap((a) => floats.map((b) => (op === 'floatCompare' ? String(floatCompare(a, b) + 1) : show(P, op === 'floatMul' ? floatMul(P, a, b) : floatDiv(P, a, b)))));
        expect(s.records().map((r) => r.fields.join(' '))).toEqual(want);
        if (isRight(m)) expect(m.right.peakBits).toBeLessThanOrEqual(13 * p + 60);
      }
    });
  }

  for (const p of [4, 6, 8]) {
    const P = paramsOf(p);
    const floats = [...allDistinctFloats(P)];
    const tape = floats.flatMap((f) => cells(P, f));
    for (const op of ['floatMul', 'floatDiv', 'floatCompare'] as const) {
      it(`${op} equals float.ts on all ${floats.length}² pairs of distinct floats at p = ${p}`, () => {
        const s = collectingSink();
        const m = runProgram(floatProgram(op), { n: 1, params: { p }, tapes: { a: tape, b: tape }, sink: s.sink });
        expect(isRight(m)).toBe(true);
        const got = s.records();
        expect(got.length).toBe(floats.length ** 2);
        let k = 0;
        const bad: string[] = [];
        for (const a of floats) {
          for (const b of floats) {
            const want = op === 'floatCompare' ? String(floatCompare(a, b) + 1) : show(P, op === 'floatMul' ? floatMul(P, a, b) : floatDiv(P, a, b));
            const have = got[k++]!.fields.join(' ');
            if (have !== want && bad.length < 3) bad.push(`${op}(${show(P, a)}; ${show(P, b)}) = ${have}, float.ts says ${want}`);
          }
        }
        expect(bad).toEqual([]);
        // O(p) work bits: every register is below a bound of O(2^q)
        // O(p) work bits (measured 105, 130, 155 for the products at p = 4, 6, 8)
        if (isRight(m)) expect(m.right.peakBits).toBeLessThanOrEqual(13 * p + 60);
      });
    }
  }
});
