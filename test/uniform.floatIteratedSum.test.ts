import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { GATE_STREAM_TAGS, add, emit, eq, pipe, pow2, proc, program, r, runProgram, streamComparer, when, type Program } from '../src/core/logspace/index.js';
import { floatIteratedSum } from '../src/reductions/arithmetic/floatIteratedSum.js';
import { FIS_ENTRY, FIS_OUTPUT_ID, FIS_SIZE, floatIteratedSumGenerator, floatIteratedSumPrinter, floatIteratedSumProcs } from '../src/reductions/uniform/floatIteratedSum.js';
import { floatIteratedSumUniformClaims, verifyFloatIteratedSumUniform } from '../src/proofs/uniform/floatIteratedSumUniform.js';

const ctx = { seed: 1, full: false, progress: () => undefined };

/** Replace the first occurrence of a JSON fragment in a program (a deliberately broken generator). */
const mutate = (p: Program, from: string, to: string): Program => {
  const s = JSON.stringify(p);
  expect(s.includes(from)).toBe(true);
  return JSON.parse(s.replace(from, to)) as Program;
};

describe('float-iterated-sum-uniform', () => {
  it('holds for p = 4, n ≤ 8: the printed stream is the circuit, fisSize and fisOutputId agree, space within the claim', async () => {
    const r = await verifyFloatIteratedSumUniform(ctx, { maxN: 8, maxP: 4, numRuns: 2 });
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
    expect(r.tiers.map((t) => t.tier)).toEqual(['exhaustive', 'property']);
    const at8 = r.measurements.find((m) => m.metric === 'space' && m.params['n'] === 8 && m.params['p'] === 4);
    expect(at8?.measured).toBe(2111);
    expect(r.measurements.filter((m) => m.metric === 'frames').every((m) => m.measured <= 16)).toBe(true);
  });

  it('prints floatIteratedSum(3, 6) record for record (a p = 6 point with folded adder gates)', () => {
    const cmp = streamComparer(floatIteratedSum(3, 6).circuit);
    const run = runProgram(floatIteratedSumGenerator(), { n: 3, params: { p: 6 }, sink: cmp.sink });
    expect(isLeft(run)).toBe(false);
    const same = cmp.result();
    expect(isLeft(same) ? same.left.message : 'equal').toBe('equal');
  });

  it('exports composable procs: every name starts with fis, no tape, the documented entry points', () => {
    const pr = floatIteratedSumPrinter();
    expect(pr.procs.every((q) => q.name.startsWith('fis'))).toBe(true);
    expect(pr.tapes).toEqual([]);
    expect([pr.entry, pr.size, pr.outputId]).toEqual([FIS_ENTRY, FIS_SIZE, FIS_OUTPUT_ID]);
    expect(pr.procs.find((q) => q.name === FIS_ENTRY)?.params).toEqual([]);
    expect(pr.procs.find((q) => q.name === FIS_SIZE)?.params).toEqual([]);
    expect(pr.procs.find((q) => q.name === FIS_OUTPUT_ID)?.params).toHaveLength(1);
    expect(floatIteratedSumGenerator().params).toEqual(['p']);
    expect(floatIteratedSumProcs().length).toBe(pr.procs.length);
  });

  it('embeds: a caller pipes fisEntry and re-emits every record, ids shifted by an offset it chooses', () => {
    const off = 1000;
    const c = floatIteratedSum(2, 4).circuit;
    const shifted = (tag: string, f: readonly number[]): number[] => (tag === 'arg' || tag === 'gate' || tag === 'out' ? [f[0]! - off, ...f.slice(1)] : [...f]);
    const cmp = streamComparer(c);
    const caller = program({ main: 'main', tags: GATE_STREAM_TAGS, params: ['p'] }, [
      ...floatIteratedSumProcs(),
      proc('main', { tg: 4, a: pow2(20), b: pow2(20), c: pow2(20), d: pow2(20) }, [], [], [
        pipe(FIS_ENTRY, [], { tag: 'tg', fields: ['a', 'b', 'c', 'd'] }, [
          when(eq(r('tg'), 0), [emit('gate', add(r('a'), off), r('b'), r('c'), r('d'))]),
          when(eq(r('tg'), 1), [emit('arg', add(r('a'), off), r('b'), r('c'))]),
          when(eq(r('tg'), 2), [emit('out', add(r('a'), off))]),
        ]),
      ]),
    ]);
    const run = runProgram(caller, { n: 2, params: { p: 4 }, sink: (tag, f) => cmp.sink(tag, shifted(tag, f)) });
    expect(isLeft(run)).toBe(false);
    const same = cmp.result();
    expect(isLeft(same) ? same.left.message : 'equal').toBe('equal');
  });

  it('rejects a printer with one wrong argument (the sign of a selector’s exponent-sign wire), with the first difference', async () => {
    // the exponent-sign argument of the alignment selectors gets the opposite weight (+1 ↔ −1);
    // at n = 1, p = 4 the first selector (exponent −1) is gate 4 and reads the sign (input 3) with weight +1
    const broken = mutate(floatIteratedSumGenerator(), '"fields":[{"op":"add","a":{"op":"mul","a":{"op":"reg","name":"i"},"b":{"op":"param","name":"p"}},"b":{"op":"sub","a":{"op":"param","name":"p"},"b":{"op":"const","value":1}}},{"op":"not","a":{"op":"reg","name":"vn"}}', '"fields":[{"op":"add","a":{"op":"mul","a":{"op":"reg","name":"i"},"b":{"op":"param","name":"p"}},"b":{"op":"sub","a":{"op":"param","name":"p"},"b":{"op":"const","value":1}}},{"op":"reg","name":"vn"}');
    const r = await verifyFloatIteratedSumUniform(ctx, { generator: broken, maxN: 4, maxP: 4, numRuns: 1 });
    expect(r.verdict).toBe('fails');
    const ce = r.tiers[0]?.failure?.counterexample as { n: number; p: number; problem: string };
    expect(ce).toMatchObject({ n: 1, p: 4 });
    expect(ce.problem).toBe("record 6: printed 'arg 3 1 1', the circuit has 'arg 3 0 1'");
  });

  it('rejects a printer whose adder is off by one gate id, at the first point it matters', async () => {
    // the T gates' ids start one later: every later id differs
    const broken = mutate(floatIteratedSumGenerator(), '"proc":"fisPrT","args":[{"op":"reg","name":"sg"},{"op":"reg","name":"fa"},{"op":"reg","name":"l"},{"op":"reg","name":"g"}]', '"proc":"fisPrT","args":[{"op":"reg","name":"sg"},{"op":"reg","name":"fa"},{"op":"reg","name":"l"},{"op":"add","a":{"op":"reg","name":"g"},"b":{"op":"const","value":1}}]');
    const r = await verifyFloatIteratedSumUniform(ctx, { generator: broken, maxN: 2, maxP: 4, numRuns: 1 });
    expect(r.verdict).toBe('fails');
    expect((r.tiers[0]?.failure?.counterexample as { problem: string }).problem).toMatch(/^record \d+: printed 'gate \d+ 5 /);
  });

  it('fails when the claimed space is a constant', async () => {
    const claims = [{ ...floatIteratedSumUniformClaims[0]!, at: () => 1900 }, floatIteratedSumUniformClaims[1]!];
    const r = await verifyFloatIteratedSumUniform(ctx, { claims, maxN: 8, maxP: 4, numRuns: 1 });
    expect(r.verdict).toBe('fails');
    expect(r.problems.some((p) => p.includes('exceeds the claimed 1900'))).toBe(true);
  });
});
