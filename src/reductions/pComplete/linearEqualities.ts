/**
 * # CVP → linear equalities (the P-complete form: a non-negative rational solution)
 *
 * The target problem, in the form the Greenlaw–Hoover–Ruzzo compendium lists as P-complete
 * ("Linear Equalities (LE)", in the combinatorial-optimization part of its Appendix A, next to
 * Linear Inequalities; reduction from LI by slack variables): given an integer matrix A and an
 * integer vector b, is there a *rational vector x ≥ 0* with Ax = b? The sign constraint is
 * what makes it P-complete: without it, solvability of Ax = b over ℚ is a rank computation,
 * which is in NC² (Borodin, von zur Gathen & Hopcroft 1982; Mulmuley 1987).
 *
 * ## Main definitions
 * - {@link LeInstance}: A and b as sparse rows (`terms` of one equation, `rhs`); repeated
 *   variables in a row add up.
 * - {@link cvpToLinearEqualities}: the reduction (the specification the metered program's
 *   output is compared with, `src/reductions/pComplete/metered.ts`).
 * - {@link leVarName}, {@link formatLeRow}: the instance in words, for counterexamples.
 *
 * ## The reduction
 * One variable x_g per gate g, then one slack variable per inequality, numbered in the order
 * the inequalities are written (so x ≥ 0 is all that is asked of any variable):
 * - input j / const v: x_g = bit_j / v;
 * - NOT a: x_g + x_a = 1;
 * - AND(a_1 … a_k): x_g ≤ x_(a_i) for each i; Σ x_(a_i) − x_g ≤ k − 1; x_g ≤ 1;
 * - OR(a_1 … a_k):  x_(a_i) ≤ x_g for each i; x_g − Σ x_(a_i) ≤ 0;   x_g ≤ 1;
 *   each inequality `lhs ≤ r` is written `lhs + s = r` with a fresh slack s ≥ 0;
 * - finally x_out = 1.
 * By induction over the topological order, every solution has x_g = value(g) ∈ {0, 1} (given
 * 0/1 arguments, AND's rows pin x_g to min, OR's to max, NOT's to 1 − x_a; x_g ≤ 1 pins AND()
 * to 1 and OR() to 0), and conversely the gate values with the slacks they leave are a
 * solution of every row but the last. So the system has a solution x ≥ 0 iff the output is 1.
 * Rows: Σ_gates (1, or k + 2 for a k-ary AND/OR) + 1; every coefficient is in {−1, 1} before
 * repeated arguments add up, every right-hand side in {−1, 0, 1, …, k − 1}.
 *
 * ## Implementation notes
 * The text of the compendium could not be retrieved while writing this module: the problem's
 * name and the "x ≥ 0, rational" form above are from memory of the compendium
 * (and of the standard LI → LE slack-variable reduction it gives), not checked against the
 * printed text; the item number is therefore not cited. If the printed form asks for x > 0
 * componentwise, shift every variable (x' = x + 1) — not done here.
 *
 * ## References
 * - R. Greenlaw, H. J. Hoover, W. L. Ruzzo, *Limits to Parallel Computation: P-Completeness
 *   Theory*, Oxford University Press, 1995, Appendix A (Linear Inequalities, Linear Equalities).
 * - D. Dobkin, R. J. Lipton, S. Reiss, "Linear programming is log-space hard for P",
 *   Information Processing Letters 8(2), 1979.
 * - P1 §2 (linear equalities as a P-complete problem no log-precision transformer solves unless L = P).
 *
 * @module
 */
import { GateKind } from '../../core/circuit.js';
import { cvpOutput, type CvpInstance } from './cvp.js';

/** One term c·x_v of an equation. @category model */
export interface LeTerm {
  readonly v: number;
  readonly c: number;
}

/** One equation Σ c·x_v = rhs. @category model */
export interface LeRow {
  readonly terms: readonly LeTerm[];
  readonly rhs: number;
}

/** An LE instance: is there a rational x ≥ 0 (`numVars` entries) satisfying every row? @category model */
export interface LeInstance {
  readonly numVars: number;
  readonly rows: readonly LeRow[];
}

/** The number of inequalities (= slack variables) gate g contributes. */
const slacksOf = (kind: number, fanIn: number): number => (kind === GateKind.And || kind === GateKind.Or ? fanIn + 2 : 0);

/**
 * The reduction CVP → LE described in the module notes. The instance must be valid
 * (`validateCvp`); variables 0 … G−1 are the gates, G … numVars−1 the slacks.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x] = b.inputs(1);
 * const le = cvpToLinearEqualities({ circuit: b.build([b.not(x!)]), input: [0] });
 * // rows: x0 = 0; x1 + x0 = 1; x1 = 1 — solvable with x ≥ 0, as NOT 0 = 1
 * ```
 * @category constructors
 */
export const cvpToLinearEqualities = (x: CvpInstance): LeInstance => {
  const c = x.circuit;
  const G = c.numGates;
  const rows: LeRow[] = [];
  let slack = G;
  const ineq = (terms: LeTerm[], rhs: number): void => {
    rows.push({ terms: [...terms, { v: slack++, c: 1 }], rhs });
  };
  for (let g = 0; g < G; g++) {
    const s = c.faninStart[g]!;
    const e = c.faninStart[g + 1]!;
    const args: number[] = [];
    for (let w = s; w < e; w++) args.push(c.fanin[w]!);
    switch (c.kind[g]) {
      case GateKind.Input:
        rows.push({ terms: [{ v: g, c: 1 }], rhs: x.input[c.param[g]!]! });
        break;
      case GateKind.Const:
        rows.push({ terms: [{ v: g, c: 1 }], rhs: c.param[g]! });
        break;
      case GateKind.Not:
        rows.push({ terms: [{ v: g, c: 1 }, { v: args[0]!, c: 1 }], rhs: 1 });
        break;
      case GateKind.And:
        for (const a of args) ineq([{ v: g, c: 1 }, { v: a, c: -1 }], 0);
        ineq([...args.map((a) => ({ v: a, c: 1 })), { v: g, c: -1 }], args.length - 1);
        ineq([{ v: g, c: 1 }], 1);
        break;
      case GateKind.Or:
        for (const a of args) ineq([{ v: a, c: 1 }, { v: g, c: -1 }], 0);
        ineq([{ v: g, c: 1 }, ...args.map((a) => ({ v: a, c: -1 }))], 0);
        ineq([{ v: g, c: 1 }], 1);
        break;
      default:
        throw new RangeError(`cvpToLinearEqualities: gate ${g} is not in CVP's basis (validate the instance first)`);
    }
  }
  rows.push({ terms: [{ v: cvpOutput(x), c: 1 }], rhs: 1 });
  return { numVars: slack, rows };
};

/** The number of variables {@link cvpToLinearEqualities} makes (gates + slacks). @category destructors */
export const leVariableCount = (x: CvpInstance): number => {
  const c = x.circuit;
  let n = c.numGates;
  for (let g = 0; g < c.numGates; g++) n += slacksOf(c.kind[g]!, c.faninStart[g + 1]! - c.faninStart[g]!);
  return n;
};

/** A variable's name: `x<g>` for gate g, `s<i>` for the i-th slack. @category destructors */
export const leVarName = (gates: number, v: number): string => (v < gates ? `x${v}` : `s${v - gates}`);

/** One row in words, e.g. `x3 − x1 + s0 = 0`. @category destructors */
export const formatLeRow = (gates: number, r: LeRow): string => {
  const parts = r.terms.map((t, i) => {
    const mag = Math.abs(t.c) === 1 ? '' : `${Math.abs(t.c)}·`;
    const sign = t.c < 0 ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + ';
    return `${sign}${mag}${leVarName(gates, t.v)}`;
  });
  return `${parts.length === 0 ? '0' : parts.join('')} = ${r.rhs}`;
};
