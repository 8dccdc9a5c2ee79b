import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { runProgram } from '../src/core/logspace/index.js';
import { cvpToCfgMembership, cvpNtName, formatProduction, type Grammar, type GSym } from '../src/reductions/pComplete/cfgMembership.js';
import { earleyRecognize, fixpointRecognize, nullableNonterminals } from '../src/reductions/pComplete/cfgRecognize.js';
import { arbitraryCvp, cvpValue, formatCvp, randomCvp, smallCvpInstances, validateCvp } from '../src/reductions/pComplete/cvp.js';
import { cvpToLinearEqualities, formatLeRow, leVariableCount, type LeInstance } from '../src/reductions/pComplete/linearEqualities.js';
import { checkLeCertificate, decideLe, solveLe } from '../src/reductions/pComplete/leSolver.js';
import { cvpRunInput, cvpToCfgProgram, cvpToLinearEqualitiesProgram, decodeCfg, decodeLe, recordComparer, cfgRecordsOf, leRecordsOf } from '../src/reductions/pComplete/metered.js';

const row = (terms: [number, number][], rhs: number) => ({ terms: terms.map(([v, c]) => ({ v, c })), rhs });

describe('CVP instances', () => {
  it('validateCvp refuses thresholds, several outputs and bad bits, with a reason', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const t = b.ge([x!, y!], 1);
    expect(validateCvp({ circuit: b.build([t]), input: [0, 1] })).toEqual({ _tag: 'Left', left: expect.stringMatching(/gate 2 is a threshold gate/) as unknown });
    const b2 = createBuilder();
    const [x2, y2] = b2.inputs(2);
    const a = b2.and([x2!, y2!]);
    expect(validateCvp({ circuit: b2.build([a, a]), input: [0, 1] })).toMatchObject({ left: expect.stringMatching(/exactly one output/) as unknown });
    expect(validateCvp({ circuit: b2.build([a]), input: [0] })).toMatchObject({ left: expect.stringMatching(/2 inputs, the assignment 1 bits/) as unknown });
    expect(validateCvp({ circuit: b2.build([a]), input: [0, 2 as 1] })).toMatchObject({ left: expect.stringMatching(/input bit 1 is 2/) as unknown });
  });

  it('random instances are valid CVP instances; randomCvp has size exactly gates + wires', () => {
    fc.assert(fc.property(arbitraryCvp(), (x) => isRight(validateCvp(x))), { seed: 3, numRuns: 200 });
    for (const size of [1, 2, 3, 4, 5, 17, 100, 1000]) {
      const x = randomCvp(size, size);
      expect(isRight(validateCvp(x))).toBe(true);
      expect(x.circuit.numGates + x.circuit.fanin.length).toBe(size);
    }
    expect(() => randomCvp(0, 1)).toThrow(/size must be an integer ≥ 1/);
  });

  it('the exhaustive list has 2,304 instances with 2 inputs and ≤ 2 gates', () => {
    expect([...smallCvpInstances(2, 2)].length).toBe(2304);
    expect([...smallCvpInstances(1, 1)].length).toBe(2 * 9);
  });
});

describe('the plain reductions', () => {
  const b = createBuilder();
  const [x, y] = b.inputs(2);
  const a = b.and([x!, y!]);
  const notA = b.not(a);
  const inst = { circuit: b.build([notA]), input: [1, 0] as (0 | 1)[] };

  it('CVP → LE: the rows of NOT(AND(x, y)) at x = 1, y = 0', () => {
    expect(formatCvp(inst)).toBe('g0 = in0, g1 = in1, g2 = AND(g0, g1), g3 = NOT(g2); input 10; output g3');
    const le = cvpToLinearEqualities(inst);
    expect(le.rows.map((r) => formatLeRow(4, r))).toEqual([
      'x0 = 1',
      'x1 = 0',
      'x2 − x0 + s0 = 0',
      'x2 − x1 + s1 = 0',
      'x0 + x1 − x2 + s2 = 1',
      'x2 + s3 = 1',
      'x3 + x2 = 1',
      'x3 = 1',
    ]);
    expect(le.numVars).toBe(8);
    expect(leVariableCount(inst)).toBe(8);
    expect(decideLe(le)).toEqual({ _tag: 'Right', right: 1 });
  });

  it('CVP → CFG: the productions of NOT(AND(x, y)) at x = 1, y = 0', () => {
    const c = cvpToCfgMembership(inst);
    expect(c.grammar.productions.map((p) => formatProduction(p, cvpNtName))).toEqual(['T0 → ε', 'F1 → ε', 'T2 → T0 T1', 'F2 → F0', 'F2 → F1', 'T3 → F2', 'F3 → T2']);
    expect(cvpNtName(c.grammar.start)).toBe('T3');
    expect(earleyRecognize(c.grammar, c.word)).toBe(true);
  });

  it('AND() = 1 and OR() = 0 survive both reductions', () => {
    for (const [kind, value] of [['and', 1], ['or', 0]] as const) {
      const bb = createBuilder();
      const g = kind === 'and' ? bb.and([]) : bb.or([]);
      const x0 = { circuit: bb.build([g]), input: [] };
      expect(cvpValue(x0)).toBe(value);
      expect(decideLe(cvpToLinearEqualities(x0))).toEqual({ _tag: 'Right', right: value });
      const c = cvpToCfgMembership(x0);
      expect(earleyRecognize(c.grammar, c.word)).toBe(value === 1);
    }
  });
});

describe('the metered programs', () => {
  it('print exactly the plain reductions (random instances), and the streams decode back', () => {
    fc.assert(
      fc.property(arbitraryCvp(), (x) => {
        const le = recordComparer(leRecordsOf(cvpToLinearEqualities(x)), true);
        const cfg = recordComparer(cfgRecordsOf(cvpToCfgMembership(x)), true);
        expect(isRight(runProgram(cvpToLinearEqualitiesProgram(), { ...cvpRunInput(x), sink: le.sink }))).toBe(true);
        expect(isRight(runProgram(cvpToCfgProgram(), { ...cvpRunInput(x), sink: cfg.sink }))).toBe(true);
        expect(le.result()).toMatchObject({ _tag: 'Right' });
        expect(cfg.result()).toMatchObject({ _tag: 'Right' });
        expect(decodeLe(le.records())).toEqual({ _tag: 'Right', right: cvpToLinearEqualities(x) });
        expect(decodeCfg(cfg.records())).toEqual({ _tag: 'Right', right: cvpToCfgMembership(x) });
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('the decoders and the comparer say where a stream is wrong', () => {
    expect(decodeLe([])).toEqual({ _tag: 'Left', left: 'decodeLe: record 0 must be `le V`' });
    expect(decodeLe([{ tag: 'le', fields: [2] }, { tag: 'term', fields: [0, 0, 1] }])).toMatchObject({ left: expect.stringMatching(/a term before the first row/) as unknown });
    expect(decodeLe([{ tag: 'le', fields: [2] }, { tag: 'row', fields: [0, 1] }, { tag: 'term', fields: [2, 0, 1] }])).toMatchObject({ left: expect.stringMatching(/variable 2 ≥ V = 2/) as unknown });
    expect(decodeCfg([{ tag: 'cfg', fields: [2, 0, 3, 0] }])).toMatchObject({ left: expect.stringMatching(/start symbol 3/) as unknown });
    expect(decodeCfg([{ tag: 'cfg', fields: [2, 0, 0, 0] }, { tag: 'sym', fields: [1] }])).toMatchObject({ left: expect.stringMatching(/a sym before the first prod/) as unknown });
    const cmp = recordComparer([{ tag: 'row', fields: [0, 1] }][Symbol.iterator]());
    cmp.sink('row', [1, 1]);
    expect(cmp.result()).toEqual({ _tag: 'Left', left: "record 0: printed 'row 1 1', expected 'row 0 1'" });
    const short = recordComparer([{ tag: 'row', fields: [0, 1] }][Symbol.iterator]());
    expect(short.result()).toEqual({ _tag: 'Left', left: "record 0: the printed stream ends, expected 'row 0 1'" });
  });
});

describe('the LE solver (exact phase I simplex with certificates)', () => {
  it('answers small systems with a checked solution or Farkas vector', () => {
    const infeasible: LeInstance = { numVars: 2, rows: [row([[0, 1], [1, 1]], -1)] };
    expect(solveLe(infeasible)).toMatchObject({ _tag: 'Infeasible' });
    expect(decideLe(infeasible)).toEqual({ _tag: 'Right', right: 0 });
    const feasible: LeInstance = { numVars: 2, rows: [row([[0, 1], [1, -1]], -1), row([[0, 2], [1, 1]], 4)] }; // x0 = 1, x1 = 2
    const s = solveLe(feasible);
    expect(s._tag).toBe('Feasible');
    if (s._tag === 'Feasible') expect(s.xNum.map((v) => Number(v) / Number(s.den))).toEqual([1, 2]);
    // rational solution: 3·x0 = 1
    expect(solveLe({ numVars: 1, rows: [row([[0, 3]], 1)] })).toMatchObject({ _tag: 'Feasible', xNum: [1n], den: 3n });
    // solvable over ℚ, but not with x ≥ 0: x0 = −1
    expect(decideLe({ numVars: 1, rows: [row([[0, 1]], -1)] })).toEqual({ _tag: 'Right', right: 0 });
    // no rows: x = 0
    expect(decideLe({ numVars: 2, rows: [] })).toEqual({ _tag: 'Right', right: 1 });
  });

  it('its certificate always checks on random systems (seeded)', () => {
    const arb = fc
      .record({ vars: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 0, max: 5 }) })
      .chain(({ vars, rows }) =>
        fc.record({
          numVars: fc.constant(vars),
          rows: fc.array(fc.record({ terms: fc.array(fc.record({ v: fc.integer({ min: 0, max: vars - 1 }), c: fc.integer({ min: -3, max: 3 }) }), { maxLength: 4 }), rhs: fc.integer({ min: -4, max: 4 }) }), {
            minLength: rows,
            maxLength: rows,
          }),
        }),
      );
    let yes = 0;
    fc.assert(
      fc.property(arb, (inst) => {
        const d = decideLe(inst);
        if (isLeft(d)) return false;
        yes += d.right;
        return true;
      }),
      { seed: 5, numRuns: 1500 },
    );
    expect(yes).toBeGreaterThan(100);
    expect(yes).toBeLessThan(1400);
  });

  it('checkLeCertificate refuses wrong certificates with the reason', () => {
    const inst: LeInstance = { numVars: 2, rows: [row([[0, 1], [1, 1]], 1)] };
    expect(checkLeCertificate(inst, { _tag: 'Feasible', xNum: [1n, 0n], den: 1n, pivots: 0 })).toEqual({ _tag: 'Right', right: 1 });
    expect(checkLeCertificate(inst, { _tag: 'Feasible', xNum: [2n, -1n], den: 1n, pivots: 0 })).toEqual({ _tag: 'Left', left: 'checkLeCertificate: x[1] = -1/1 < 0' });
    expect(checkLeCertificate(inst, { _tag: 'Feasible', xNum: [1n, 1n], den: 1n, pivots: 0 })).toMatchObject({ left: expect.stringMatching(/row 0: Σ c·x = 2\/1, not 1/) as unknown });
    expect(checkLeCertificate(inst, { _tag: 'Feasible', xNum: [1n], den: 1n, pivots: 0 })).toMatchObject({ left: expect.stringMatching(/1 entries, the instance 2 variables/) as unknown });
    expect(checkLeCertificate(inst, { _tag: 'Feasible', xNum: [1n, 0n], den: 0n, pivots: 0 })).toMatchObject({ left: expect.stringMatching(/denominator 0/) as unknown });
    expect(checkLeCertificate(inst, { _tag: 'Infeasible', y: [-1n], pivots: 0 })).toEqual({ _tag: 'Left', left: 'checkLeCertificate: yᵀb = -1 ≤ 0' });
    expect(checkLeCertificate(inst, { _tag: 'Infeasible', y: [1n], pivots: 0 })).toEqual({ _tag: 'Left', left: 'checkLeCertificate: (yᵀA)[0] = 1 > 0' });
    expect(checkLeCertificate(inst, { _tag: 'Infeasible', y: [], pivots: 0 })).toMatchObject({ left: expect.stringMatching(/0 entries, the instance 1 rows/) as unknown });
  });
});

describe('the CFG recognizers', () => {
  const nt = (a: number): GSym => ({ nt: a });
  const t = (a: number): GSym => ({ t: a });

  it('Earley handles ε-productions (the Aycock–Horspool examples) and agrees with the fixpoint', () => {
    // S → A A A A, A → 'a' | E, E → ε
    const g: Grammar = {
      numNonterminals: 3,
      numTerminals: 1,
      start: 0,
      productions: [
        { lhs: 0, rhs: [nt(1), nt(1), nt(1), nt(1)] },
        { lhs: 1, rhs: [t(0)] },
        { lhs: 1, rhs: [nt(2)] },
        { lhs: 2, rhs: [] },
      ],
    };
    for (let len = 0; len <= 5; len++) {
      const w = Array.from({ length: len }, () => 0);
      expect(earleyRecognize(g, w)).toBe(len <= 4);
      expect(fixpointRecognize(g, w)).toBe(len <= 4);
    }
    expect([...nullableNonterminals(g)]).toEqual([1, 1, 1]);
  });

  it('Earley agrees with the fixpoint recognizer on random grammars and words (seeded)', () => {
    const arb = fc.record({ nN: fc.integer({ min: 1, max: 4 }), nT: fc.integer({ min: 1, max: 2 }) }).chain(({ nN, nT }) =>
      fc.record({
        g: fc.record({
          numNonterminals: fc.constant(nN),
          numTerminals: fc.constant(nT),
          start: fc.integer({ min: 0, max: nN - 1 }),
          productions: fc.array(
            fc.record({ lhs: fc.integer({ min: 0, max: nN - 1 }), rhs: fc.array(fc.oneof(fc.integer({ min: 0, max: nN - 1 }).map(nt), fc.integer({ min: 0, max: nT - 1 }).map(t)), { maxLength: 3 }) }),
            { maxLength: 8 },
          ),
        }),
        w: fc.array(fc.integer({ min: 0, max: nT - 1 }), { maxLength: 5 }),
      }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(arb, ({ g, w }) => {
        const e = earleyRecognize(g, w);
        if (e) accepted++;
        return e === fixpointRecognize(g, w);
      }),
      { seed: 2, numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });
});
