import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { allDistinctFloats, floatMul, floatOfRational, floatParams, iteratedSum, showFloat, type Float, type FloatParams } from '../src/core/float.js';
import { floatExp } from '../src/core/floatExp.js';
import { add, call, div, emit, len, log2ceil, loop, mul, param, proc, program, r, read, set, type Proc, type Program } from '../src/core/logspace/index.js';
import { collectingSink, runProgram, type SpaceMeter } from '../src/core/logspace/machine.js';
import { FLOAT_PROCS } from '../src/reductions/uniform/floatPrograms.js';
import { ALL_FLOAT_PROCS, floatSumProc, floatSumTapeProgram, floatUnaryProgram } from '../src/reductions/uniform/floatProgramsMore.js';
import { seededInts } from '../src/reductions/random.js';

const paramsOf = (p: number): FloatParams => {
  const r = floatParams(p);
  if (r._tag === 'Left') throw new Error(r.left);
  return r.right;
};
/** A float as the programs read it: sign of m, |m|, e + I^max. */
const cells = (P: FloatParams, f: Float): number[] => [f.m < 0n ? 1 : 0, Number(f.m < 0n ? -f.m : f.m), Number(f.e + P.iMax)];
/** A result triple back as a float. */
const floatOf = (P: FloatParams, c: readonly number[]): Float => ({ m: BigInt((c[0] === 1 ? -1 : 1) * (c[1] ?? 0)), e: BigInt(c[2] ?? 0) - P.iMax });
const same = (P: FloatParams, a: Float, c: readonly number[]): boolean => cells(P, a).join(' ') === c.join(' ');

/**
 * Run a program and compare its records with the kernel's values, case by case: the first
 * mismatch as a readable line, or null; the meter.
 */
const compare = (
  P: FloatParams,
  prog: Program,
  input: { readonly params: Readonly<Record<string, number>>; readonly tapes: Readonly<Record<string, ArrayLike<number>>> },
  cases: readonly { readonly what: string; readonly want: Float }[],
  op: string,
): { readonly mismatch: string | null; readonly meter: SpaceMeter } => {
  const s = collectingSink();
  const m = runProgram(prog, { n: 1, params: input.params, tapes: input.tapes, sink: s.sink });
  if (isLeft(m)) throw new Error(m.left.message);
  const got = s.records();
  if (got.length !== cases.length) return { mismatch: `${got.length} records for ${cases.length} cases`, meter: m.right };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const g = got[i]!.fields;
    if (!same(P, c.want, g)) return { mismatch: `${op}(${c.what}) = ${showFloat(floatOf(P, g))} at p = ${P.p}, float.ts says ${showFloat(c.want)}`, meter: m.right };
  }
  return { mismatch: null, meter: m.right };
};

/** Every sum of the given float lists through the tape program. */
const sumCases = (P: FloatParams, lists: readonly (readonly Float[])[]) => {
  const terms: number[] = [];
  const groups = [0];
  const cases = lists.map((fs) => {
    for (const f of fs) terms.push(...cells(P, f));
    groups.push(groups[groups.length - 1]! + fs.length);
    return { what: fs.map(showFloat).join(', '), want: iteratedSum(P, fs) };
  });
  const k = Math.max(1, ...lists.map((l) => l.length));
  return { input: { params: { p: P.p, k }, tapes: { fpTerms: terms, fpGroups: groups } }, cases };
};

/** Work bits of the registers of `fpSumTape` besides its arguments (the caller's indices). */
const ownBits = (m: SpaceMeter): number =>
  Object.entries(m.registerBits['fpSumTape'] ?? {}).reduce((a, [name, b]) => (name === 'a0' || name === 'a1' ? a : a + b), 0);

const tuples = (xs: readonly Float[], k: number): Float[][] => (k === 0 ? [[]] : tuples(xs, k - 1).flatMap((t) => xs.map((x) => [...t, x])));

/** Replace every `op` of one kind by another in the JSON of one proc of a program (a deliberately broken variant). */
const mutate = (prog: Program, procName: string, from: string, to: string): Program => ({
  ...prog,
  procs: prog.procs.map((x) => (x.name === procName ? (JSON.parse(JSON.stringify(x).replaceAll(`"op":"${from}"`, `"op":"${to}"`)) as Proc) : x)),
});

describe('⊕ (iteratedSum) as a metered program', () => {
  for (const p of [4, 6, 8]) {
    it(`equals float.ts on all pairs of distinct floats at p = ${p}`, () => {
      const P = paramsOf(p);
      const { input, cases } = sumCases(P, tuples([...allDistinctFloats(P)], 2));
      const { mismatch, meter } = compare(P, floatSumTapeProgram(), input, cases, '⊕');
      expect(mismatch).toBeNull();
      // the sum's own registers: 9q + 5⌈log₂(K + 1)⌉ + 11 bits (39, 48, 57 at p = 4, 6, 8 for K = 2)
      expect(ownBits(meter)).toBe(9 * P.q + 5 * 2 + 11);
    });
  }

  it('equals float.ts on all triples and all quadruples of distinct floats at p = 4, and the empty sum is zero', () => {
    const P = paramsOf(4);
    const xs = [...allDistinctFloats(P)];
    for (const k of [0, 1, 3, 4]) {
      const { input, cases } = sumCases(P, tuples(xs, k));
      expect(compare(P, floatSumTapeProgram(), input, cases, '⊕').mismatch).toBeNull();
    }
  });

  for (const p of [6, 8, 16, 24]) {
    it(`equals float.ts on seeded random sums of up to 12 terms at p = ${p}, with cancellations`, () => {
      const P = paramsOf(p);
      const draw = seededInts(1000 + p);
      const big = Number(P.iMax);
      const rnd = (): Float => ({ m: BigInt(draw(-big, big)), e: BigInt(draw(-big, big)) });
      const lists: Float[][] = [];
      for (let t = 0; t < (p === 24 ? 40 : 300); t++) {
        const fs = Array.from({ length: draw(1, 12) }, rnd);
        // a term and its negation: the exact sum cancels them, a left fold would not
        if (t % 3 === 0 && fs.length >= 2) fs.push({ m: -fs[0]!.m, e: fs[0]!.e });
        lists.push(fs);
      }
      // extremes: the largest and smallest magnitudes together
      lists.push([{ m: P.iMax, e: P.iMax }, { m: 1n, e: P.iMin }], [{ m: P.iMax, e: P.iMax }, { m: -P.iMax, e: P.iMax }, { m: -1n, e: P.iMin }]);
      lists.push(Array.from({ length: 12 }, () => ({ m: P.iMax, e: P.iMax })));
      const { input, cases } = sumCases(P, lists);
      const { mismatch, meter } = compare(P, floatSumTapeProgram(), input, cases, '⊕');
      expect(mismatch).toBeNull();
      expect(ownBits(meter)).toBeLessThanOrEqual(9 * P.q + 5 * Math.ceil(Math.log2(input.params.k + 1)) + 11);
    });
  }

  it('sums values the caller computes: ⊕_r a_r ⊗ b_r and exp_p of it (an attention score) over all pairs of 2-vectors at p = 4', () => {
    const P = paramsOf(4);
    const xs = [...allDistinctFloats(P)];
    const vecs = tuples(xs, 2);
    // tDotTerms(i, j) emits A_i[r] ⊗ A_j[r] for r = 0, 1: computed by the producer itself
    const V = add(div(len('v'), 6), 1);
    const at = (i: string, rr: number, c: number) => read('v', add(mul(r(i), 6), 3 * rr + c));
    const fl = { sa: 2, ma: 2, ea: 3, sb: 2, mb: 2, eb: 3 };
    const producer = proc('tDotTerms', { i: V, j: V, ...fl }, ['i', 'j'], [], [
      ...[0, 1].flatMap((rr) => [
        call('floatMul', [at('i', rr, 0), at('i', rr, 1), at('i', rr, 2), at('j', rr, 0), at('j', rr, 1), at('j', rr, 2)], ['sa', 'ma', 'ea']),
        emit('res', r('sa'), r('ma'), r('ea')),
      ]),
    ]);
    const prog = program({ main: 'main', tags: ['res'], params: ['p'], tapes: ['v'] }, [
      ...ALL_FLOAT_PROCS,
      producer,
      floatSumProc('tDot', 'tDotTerms', [V, V], 2),
      proc('main', { i: V, j: V, s: 2, m: 2, e: 3, s2: 2, m2: 2, e2: 3 }, [], [], [
        loop('i', 0, div(len('v'), 6), [
          loop('j', 0, div(len('v'), 6), [
            call('tDot', [r('i'), r('j')], ['s', 'm', 'e']),
            emit('res', r('s'), r('m'), r('e')),
            call('fpExp', [r('s'), r('m'), r('e')], ['s2', 'm2', 'e2']),
            emit('res', r('s2'), r('m2'), r('e2')),
          ]),
        ]),
      ]),
    ]);
    const cases = vecs.flatMap((a) =>
      vecs.map((b) => {
        const dot = iteratedSum(P, [floatMul(P, a[0]!, b[0]!), floatMul(P, a[1]!, b[1]!)]);
        return [
          { what: `${a.map(showFloat).join(' ')} · ${b.map(showFloat).join(' ')}`, want: dot },
          { what: `exp_p of ${a.map(showFloat).join(' ')} · ${b.map(showFloat).join(' ')}`, want: floatExp(P, dot) },
        ];
      }),
    ).flat();
    const { mismatch } = compare(P, prog, { params: { p: 4 }, tapes: { v: vecs.flatMap((v) => v.flatMap((f) => cells(P, f))) } }, cases, 'score');
    expect(mismatch).toBeNull();
  });

  it('refuses more summands than declared, naming the register', () => {
    const P = paramsOf(8);
    const { input } = sumCases(P, [[{ m: 1n, e: 0n }, { m: 1n, e: 1n }, { m: 1n, e: 2n }]]);
    const m = runProgram(floatSumTapeProgram(), { n: 1, params: { ...input.params, k: 2 }, tapes: input.tapes });
    expect(isLeft(m) && m.left.message).toMatch(/register 'cnt' of 'fpSumTape' would be set to 3, which is not below its bound 3/);
  });

  it('honesty: a sum that reads the sign from the wrong side of the carry is caught with a readable counterexample', () => {
    const P = paramsOf(4);
    const { input, cases } = sumCases(P, tuples([...allDistinctFloats(P)], 2));
    const broken = mutate(floatSumTapeProgram(), 'fpSumTape', 'lt', 'le');
    const { mismatch } = compare(P, broken, input, cases, '⊕');
    expect(mismatch).toMatch(/^⊕\(⟨-?\d+, -?\d+⟩, ⟨-?\d+, -?\d+⟩\) = ⟨-?\d+, -?\d+⟩ at p = 4, float\.ts says ⟨-?\d+, -?\d+⟩$/);
  });
});

describe('exp_p as a metered program', () => {
  for (const p of [4, 6, 8, 10, 12, 14, 16]) {
    it(`equals floatExp on every float at p = ${p}, in O(p) bits`, () => {
      const P = paramsOf(p);
      const xs = [...allDistinctFloats(P)];
      const cases = xs.map((x) => ({ what: showFloat(x), want: floatExp(P, x) }));
      const { mismatch, meter } = compare(P, floatUnaryProgram('fpExp'), { params: { p }, tapes: { a: xs.flatMap((x) => cells(P, x)) } }, cases, 'exp_p');
      expect(mismatch).toBeNull();
      // fpExp's frame: 11F + 14q + O(1) bits with F = min(2q + 12, 26) fraction bits
      const F = Math.min(2 * P.q + 12, 26);
      expect(meter.frameBits['fpExp']).toBeLessThanOrEqual(11 * F + 14 * P.q + 45);
    });
  }

  it('honesty: an exp whose f_p takes every nonzero mantissa for zero is caught with a readable counterexample', () => {
    const P = paramsOf(8);
    const xs = [...allDistinctFloats(P)];
    const cases = xs.map((x) => ({ what: showFloat(x), want: floatExp(P, x) }));
    // fpRound with every ≠ turned into = (a ≠ 0 tests a = 0)
    const broken = mutate(floatUnaryProgram('fpExp'), 'fpRound', 'ne', 'eq');
    const { mismatch } = compare(P, broken, { params: { p: 8 }, tapes: { a: xs.flatMap((x) => cells(P, x)) } }, cases, 'exp_p');
    expect(mismatch).toMatch(/^exp_p\(⟨-?\d+, -?\d+⟩\) = ⟨-?\d+, -?\d+⟩ at p = 8, float\.ts says ⟨-?\d+, -?\d+⟩$/);
  });
});

describe('exp_p stops rather than guess', () => {
  it('at p = 20 (F capped at 26 by the 2^53 word) ⟨219, −5⟩ is undecided: the run stops on the tripwire register', () => {
    // 3 of the 1,046,529 floats at p = 20 are undecided: ⟨219, −5⟩, ⟨438, −6⟩, ⟨511, −17⟩
    const P = paramsOf(20);
    const m = runProgram(floatUnaryProgram('fpExp'), { n: 1, params: { p: 20 }, tapes: { a: cells(P, { m: 219n, e: -5n }) } });
    expect(isLeft(m) && m.left.message).toMatch(/register 'undecided' of 'fpExp' would be set to 1, which is not below its bound 1/);
    const ok = runProgram(floatUnaryProgram('fpExp'), { n: 1, params: { p: 20 }, tapes: { a: cells(P, { m: 219n, e: -4n }) } });
    expect(isRight(ok)).toBe(true);
  });
});

describe('fl(i) and fl(a/b) as metered programs', () => {
  for (const p of [4, 6, 8, 10, 12, 14, 16]) {
    it(`fpOfInt equals floatOfRational(i/1) for every i < 2^${p}`, () => {
      const P = paramsOf(p);
      const is = Array.from({ length: 2 ** p }, (_, i) => i);
      const cases = is.map((i) => ({ what: String(i), want: floatOfRational(P, { num: BigInt(i), den: 1n }) }));
      const { mismatch, meter } = compare(P, floatUnaryProgram('fpOfInt'), { params: { p }, tapes: { a: is } }, cases, 'fl');
      expect(mismatch).toBeNull();
      expect(meter.peakBits).toBeLessThanOrEqual(11 * Math.min(2 * P.q + 12, 26) + 4 * p);
    });
  }

  for (const p of [4, 6]) {
    it(`fpOfRatio equals floatOfRational(a/b) for every a < 2^${p}, 1 ≤ b < 2^${p}`, () => {
      const P = paramsOf(p);
      const as = Array.from({ length: 2 ** p }, (_, i) => i);
      const bs = as.slice(1);
      const cases = as.flatMap((a) => bs.map((b) => ({ what: `${a}/${b}`, want: floatOfRational(P, { num: BigInt(a), den: BigInt(b) }) })));
      expect(compare(P, floatUnaryProgram('fpOfRatio'), { params: { p }, tapes: { a: as, b: bs } }, cases, 'fl').mismatch).toBeNull();
    });
  }

  it('the extra procs use the names of FLOAT_PROCS only where they call them (truncScaled)', () => {
    const mine = ALL_FLOAT_PROCS.slice(FLOAT_PROCS.length).map((x) => x.name);
    expect(mine.every((x) => x.startsWith('fp'))).toBe(true);
    expect(new Set(ALL_FLOAT_PROCS.map((x) => x.name)).size).toBe(ALL_FLOAT_PROCS.length);
    expect(isRight(runProgram(program({ main: 'm', tags: [], params: ['p'] }, [...ALL_FLOAT_PROCS, proc('m', { x: add(log2ceil(param('p')), 1) }, [], [], [set('x', 1)])]), { n: 1, params: { p: 8 } }))).toBe(true);
  });
});
