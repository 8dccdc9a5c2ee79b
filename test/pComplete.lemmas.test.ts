import { describe, expect, it } from 'vitest';
import { GateKind } from '../src/core/circuit.js';
import { eq, mul, n, r, read, type Program, type Stmt } from '../src/core/logspace/index.js';
import { verifyCvpToCfgMembership } from '../src/proofs/pComplete/cvpToCfgMembership.js';
import { verifyCvpToLinearEqualities } from '../src/proofs/pComplete/cvpToLinearEqualities.js';
import type { LemmaReport } from '../src/proofs/lemma.js';
import type { CfgInstance, Grammar } from '../src/reductions/pComplete/cfgMembership.js';
import { cvpToCfgProgram, cvpToLinearEqualitiesProgram } from '../src/reductions/pComplete/metered.js';

const ctx = { seed: 7, full: false, progress: () => undefined };
const small = { maxN: 256, numRuns: 60 };

// ---- program surgery: the broken constructions are the real programs with one statement changed

const children = (s: Stmt, f: (ss: readonly Stmt[]) => Stmt[]): Stmt => {
  switch (s.op) {
    case 'for':
    case 'while':
    case 'pipe':
      return { ...s, body: f(s.body) };
    case 'if':
      return { ...s, then: f(s.then), else: f(s.else) };
    default:
      return s;
  }
};

/** Replace the `then` branch of the `if` that tests for gate kind `k` (the gate register g). */
const editBranch = (p: Program, k: number, edit: (then: readonly Stmt[]) => Stmt[]): Program => {
  const cond = JSON.stringify(eq(read('kind', r('g')), k));
  let hits = 0;
  const walk = (ss: readonly Stmt[]): Stmt[] =>
    ss.map((s) => {
      if (s.op === 'if' && JSON.stringify(s.cond) === cond) {
        hits++;
        return { ...s, then: edit(s.then) };
      }
      return children(s, walk);
    });
  const out = { ...p, procs: p.procs.map((q) => ({ ...q, body: walk(q.body) })) };
  if (hits !== 1) throw new Error(`editBranch: ${hits} branches for kind ${k}`);
  return out;
};

const failure = (rep: LemmaReport, tier: 'exhaustive' | 'property'): { message: string; counterexample: Record<string, unknown> } => {
  const t = rep.tiers.find((x) => x.tier === tier);
  expect(t?.holds).toBe(false);
  return t!.failure as { message: string; counterexample: Record<string, unknown> };
};

describe('cvp-to-linear-equalities', () => {
  it('holds (small sweep), with space measured at every n and within 3·log₂ n + 11', async () => {
    const rep = await verifyCvpToLinearEqualities(ctx, small);
    expect(rep.problems).toEqual([]);
    expect(rep.verdict).toBe('holds');
    const space = rep.measurements.filter((m) => m.metric === 'space');
    expect(space.map((m) => m.params['n'])).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
    // n = 2^k: k + (k + 1) + (k + 2) registers + 5 control bits
    expect(space.map((m) => m.measured)).toEqual([11, 14, 17, 20, 23, 26, 29, 32]);
    expect(rep.tiers.find((t) => t.tier === 'exhaustive')?.cases).toBe(342 + 8);
  });

  it("rejects NOT's equation with the wrong sign (x_g − x_a = 1) with a shrunk counterexample", async () => {
    // term(arg, 0) → term(arg, 1): x_g + x_a = 1 becomes x_g − x_a = 1
    const bad = editBranch(cvpToLinearEqualitiesProgram(), GateKind.Not, (then) =>
      then.map((s, i) => (i === then.length - 1 && s.op === 'emit' ? { ...s, fields: [s.fields[0]!, { op: 'const', value: 1 }, s.fields[2]!] } : s)),
    );
    const rep = await verifyCvpToLinearEqualities(ctx, { ...small, program: bad, spec: null });
    expect(rep.verdict).toBe('fails');
    // the least failing small circuit: NOT NOT of a true input (x = 3, but NOT NOT 1 = 1)
    expect(failure(rep, 'exhaustive').counterexample).toMatchObject({
      instance: 'g0 = in0, g1 = NOT(g0), g2 = NOT(g1); input 1; output g2',
      cvp: 1,
      'linear equalities': 0,
    });
    const prop = failure(rep, 'property');
    expect(prop.message).toMatch(/shrinks \(seed 7/);
    expect(prop.counterexample['problem']).toMatch(/value is 1, but the linear equalities instance printed for it is a no-instance/);
    expect(String(prop.counterexample['instance'])).toMatch(/NOT\(g\d+\).*NOT/);
  });

  it('with the specification on, the same program fails on its first differing record', async () => {
    const bad = editBranch(cvpToLinearEqualitiesProgram(), GateKind.Not, (then) =>
      then.map((s, i) => (i === then.length - 1 && s.op === 'emit' ? { ...s, fields: [s.fields[0]!, { op: 'const', value: 1 }, s.fields[2]!] } : s)),
    );
    const rep = await verifyCvpToLinearEqualities(ctx, { ...small, program: bad, exhaustiveGates: 1 });
    expect(rep.verdict).toBe('fails');
    expect(failure(rep, 'exhaustive').counterexample).toMatchObject({
      instance: 'g0 = in0, g1 = NOT(g0); input 0; output g1',
      problem: "the printed stream is not the plain reduction's: record 5: printed 'term 0 1 1', expected 'term 0 0 1'",
    });
  });

  it("a program without AND's row x_g ≤ 1 still answers right, and is caught by the record comparison", async () => {
    // AND's last four statements print x_g + s = 1 and advance s
    const bad = editBranch(cvpToLinearEqualitiesProgram(), GateKind.And, (then) => then.slice(0, then.length - 4));
    const semantic = await verifyCvpToLinearEqualities(ctx, { ...small, program: bad, spec: null });
    expect(semantic.problems).toEqual([]);
    const rep = await verifyCvpToLinearEqualities(ctx, { ...small, program: bad });
    expect(rep.verdict).toBe('fails');
    expect(failure(rep, 'exhaustive').counterexample['problem']).toMatch(/^the printed stream is not the plain reduction's: record \d+: /);
  });

  it('a program that wastes a register of n² values exceeds the claimed space', async () => {
    const good = cvpToLinearEqualitiesProgram();
    const wasteful: Program = { ...good, procs: good.procs.map((q) => ({ ...q, regs: [...q.regs, { name: 'waste', bound: mul(n, n) }] })) };
    const rep = await verifyCvpToLinearEqualities(ctx, { ...small, program: wasteful });
    expect(rep.verdict).toBe('fails');
    expect(rep.problems.join('\n')).toMatch(/space at \{"n":256,.*\}: measured 48 exceeds the claimed 35/);
    expect(rep.problems.join('\n')).toMatch(/space·registers at \{"n":2,.*\}: measured 13 exceeds the claimed 11/);
  });
});

// A textbook Earley recognizer without the Aycock–Horspool rule: its completer misses
// ε-completions within one set.
const naiveEarley = (g: Grammar, word: readonly number[]): boolean => {
  const sets: [number, number, number][][] = Array.from({ length: word.length + 1 }, () => []);
  const add = (i: number, it: [number, number, number]): void => {
    if (!sets[i]!.some((x) => x[0] === it[0] && x[1] === it[1] && x[2] === it[2])) sets[i]!.push(it);
  };
  g.productions.forEach((p, i) => p.lhs === g.start && add(0, [i, 0, 0]));
  for (let i = 0; i <= word.length; i++) {
    for (let q = 0; q < sets[i]!.length; q++) {
      const [p, dot, origin] = sets[i]![q]!;
      const rhs = g.productions[p]!.rhs;
      const s = rhs[dot];
      if (s === undefined) {
        const lhs = g.productions[p]!.lhs;
        for (const [p2, d2, o2] of [...sets[origin]!]) {
          const s2 = g.productions[p2]!.rhs[d2];
          if (s2 !== undefined && 'nt' in s2 && s2.nt === lhs) add(i, [p2, d2 + 1, o2]);
        }
      } else if ('nt' in s) g.productions.forEach((p2, j) => p2.lhs === s.nt && add(i, [j, 0, i]));
      else if (word[i] === s.t) add(i + 1, [p, dot + 1, origin]);
    }
  }
  return sets[word.length]!.some(([p, dot, o]) => o === 0 && g.productions[p]!.lhs === g.start && dot === g.productions[p]!.rhs.length);
};

describe('cvp-to-cfg-membership', () => {
  it('holds (small sweep), with space measured at every n and within 2·log₂ n + 7', async () => {
    const rep = await verifyCvpToCfgMembership(ctx, small);
    expect(rep.problems).toEqual([]);
    expect(rep.verdict).toBe('holds');
    const space = rep.measurements.filter((m) => m.metric === 'space');
    expect(space.map((m) => m.measured)).toEqual([7, 9, 11, 13, 15, 17, 19, 21]); // k + (k + 1) + 4
  });

  it("rejects a grammar missing NOT's production F_g → T_a, with a shrunk counterexample", async () => {
    const bad = editBranch(cvpToCfgProgram(), GateKind.Not, (then) => then.slice(0, then.length - 2));
    // the random circuits seldom route a false NOT to the output: more runs than the default
    const rep = await verifyCvpToCfgMembership(ctx, { ...small, numRuns: 400, program: bad, spec: null });
    expect(rep.verdict).toBe('fails');
    expect(failure(rep, 'exhaustive').counterexample).toMatchObject({
      instance: 'g0 = in0, g1 = NOT(g0), g2 = NOT(g1); input 1; output g2',
      cvp: 1,
      'CFG membership': 0,
    });
    expect(failure(rep, 'property').counterexample['problem']).toMatch(/value is 1, but the CFG membership instance printed for it is a no-instance/);
  });

  it('rejects AND without its F-productions (a missing production), with a shrunk counterexample', async () => {
    const bad = editBranch(cvpToCfgProgram(), GateKind.And, (then) => then.slice(0, 2));
    const rep = await verifyCvpToCfgMembership(ctx, { ...small, program: bad, spec: null });
    expect(rep.verdict).toBe('fails');
    expect(failure(rep, 'exhaustive').counterexample).toMatchObject({ cvp: 1, 'CFG membership': 0, instance: expect.stringMatching(/AND.*NOT|NOT.*AND/) as unknown });
  });

  it('a textbook Earley recognizer without the ε rule is caught: ε-completions within one set are missed', async () => {
    const rep = await verifyCvpToCfgMembership(ctx, { ...small, recognize: (i: CfgInstance) => naiveEarley(i.grammar, i.word) });
    expect(rep.verdict).toBe('fails');
    const ex = failure(rep, 'property').counterexample;
    expect(ex['cvp']).toBe(1);
    expect(ex['CFG membership']).toBe(0);
  });
});
