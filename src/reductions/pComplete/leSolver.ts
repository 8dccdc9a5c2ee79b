/**
 * # A reference solver for linear equalities (x ≥ 0), with certificates
 *
 * Decides whether A x = b has a rational solution x ≥ 0 (the P-complete form, see
 * `linearEqualities.ts`) by phase I of the simplex method in exact integer arithmetic, and
 * returns a certificate either way, which {@link checkLeCertificate} checks with a few exact
 * sums — so no answer of the solver has to be trusted:
 * - feasible: x = xNum / den with xNum ≥ 0 and A·xNum = b·den;
 * - infeasible: a Farkas vector y with yᵀA ≤ 0 (every column) and yᵀb > 0. If x ≥ 0 solved
 *   A x = b, then yᵀb = (yᵀA) x ≤ 0: a contradiction.
 *
 * ## Main definitions
 * - {@link solveLe}: the solver; {@link checkLeCertificate}: the check; {@link decideLe}: both.
 *
 * ## Implementation notes
 * - Phase I: rows with b_i < 0 are negated, an artificial a_i ≥ 0 is added to each row, and
 *   Σ a_i is minimised from the basis of artificials. The optimum is 0 iff the system is
 *   feasible; at an optimum > 0 the dual solution y (y_i = 1 − reduced cost of a_i) is the
 *   Farkas vector (dual feasibility gives Aᵀy ≤ 0, strong duality bᵀy = optimum > 0).
 * - Bland's rule (least entering index, least basic index among tied ratios) rules out
 *   cycling, so the loop ends.
 * - Fraction-free: each tableau row is an integer vector, a positive multiple of the true row
 *   (its basic column positive); a pivot replaces row i by p·row_i − row_i[c]·row_r (p > 0)
 *   and divides by the row's content. The objective row keeps its own positive scale D.
 * - Dense rows (numVars + rows columns) of bigints: meant for the instances of the property
 *   tests (hundreds of rows), not for large systems.
 *
 * ## References
 * - R. G. Bland, "New finite pivoting rules for the simplex method", Math. Oper. Res. 2(2), 1977.
 * - A. Schrijver, *Theory of Linear and Integer Programming*, Wiley 1986, §7 (Farkas' lemma).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { LeInstance } from './linearEqualities.js';

/** The solver's answer with its certificate. @category model */
export type LeAnswer =
  | { readonly _tag: 'Feasible'; readonly xNum: readonly bigint[]; readonly den: bigint; readonly pivots: number }
  | { readonly _tag: 'Infeasible'; readonly y: readonly bigint[]; readonly pivots: number };

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
const gcd = (a: bigint, b: bigint): bigint => {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** Divide a row (and its right-hand side) by the gcd of its entries. */
const normalize = (row: bigint[], rhs: bigint[], i: number): void => {
  let g = abs(rhs[i]!);
  for (const a of row) if (a !== 0n) g = gcd(g, a);
  if (g > 1n) {
    for (let j = 0; j < row.length; j++) if (row[j] !== 0n) row[j] = row[j]! / g;
    rhs[i] = rhs[i]! / g;
  }
};

/**
 * Decide A x = b, x ≥ 0 over ℚ (phase I simplex, exact, Bland's rule); see the module notes.
 * @example
 * ```ts
 * solveLe({ numVars: 2, rows: [{ terms: [{ v: 0, c: 1 }, { v: 1, c: 1 }], rhs: -1 }] });
 * // { _tag: 'Infeasible', y: [-1n], … }: −(x0 + x1) ≤ 0 < −(−1)
 * ```
 * @category destructors
 */
export const solveLe = (inst: LeInstance): LeAnswer => {
  const m = inst.rows.length;
  const n = inst.numVars;
  const N = n + m;
  const T: bigint[][] = [];
  const rhs: bigint[] = [];
  const flip: boolean[] = [];
  const basis: number[] = [];
  for (let i = 0; i < m; i++) {
    const r = inst.rows[i]!;
    const row: bigint[] = new Array<bigint>(N).fill(0n);
    for (const t of r.terms) row[t.v] = row[t.v]! + BigInt(t.c);
    let b = BigInt(r.rhs);
    const f = b < 0n;
    if (f) {
      for (let j = 0; j < n; j++) row[j] = -row[j]!;
      b = -b;
    }
    row[n + i] = 1n;
    T.push(row);
    rhs.push(b);
    flip.push(f);
    basis.push(n + i);
  }
  // Objective row R (scale D > 0): reduced costs R[j]/D; −Rr/D is the current Σ a_i.
  const R: bigint[] = new Array<bigint>(N).fill(0n);
  let Rr = 0n;
  let D = 1n;
  for (let j = n; j < N; j++) R[j] = 1n;
  for (let i = 0; i < m; i++) {
    const row = T[i]!;
    for (let j = 0; j < N; j++) if (row[j] !== 0n) R[j] = R[j]! - row[j]!;
    Rr -= rhs[i]!;
  }
  let pivots = 0;
  for (;;) {
    let c = -1;
    for (let j = 0; j < N; j++) {
      if (R[j]! < 0n) {
        c = j;
        break;
      }
    }
    if (c < 0) break;
    let r = -1;
    for (let i = 0; i < m; i++) {
      const a = T[i]![c]!;
      if (a <= 0n) continue;
      if (r < 0) {
        r = i;
        continue;
      }
      // compare rhs[i]/a with rhs[r]/T[r][c]
      const lhs = rhs[i]! * T[r]![c]!;
      const rr = rhs[r]! * a;
      if (lhs < rr || (lhs === rr && basis[i]! < basis[r]!)) r = i;
    }
    // Stryker disable next-line all: phase I is bounded below by 0, so a column with a negative reduced cost always has a positive entry
    if (r < 0) throw new Error('solveLe: phase I unbounded (impossible: the objective is ≥ 0)');
    const pr = T[r]!;
    const p = pr[c]!;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const row = T[i]!;
      const f = row[c]!;
      if (f === 0n) continue;
      for (let j = 0; j < N; j++) {
        const a = pr[j]!;
        row[j] = a === 0n ? p * row[j]! : p * row[j]! - f * a;
      }
      rhs[i] = p * rhs[i]! - f * rhs[r]!;
      normalize(row, rhs, i);
    }
    const f = R[c]!;
    for (let j = 0; j < N; j++) R[j] = p * R[j]! - f * pr[j]!;
    Rr = p * Rr - f * rhs[r]!;
    D *= p;
    let g = gcd(D, Rr);
    for (const a of R) if (a !== 0n) g = gcd(g, a);
    if (g > 1n) {
      for (let j = 0; j < N; j++) R[j] = R[j]! / g;
      Rr /= g;
      D /= g;
    }
    basis[r] = c;
    pivots++;
  }
  if (Rr < 0n) {
    // optimum −Rr/D > 0: y_i = 1 − R[n+i]/D, scaled by D; undo the row flips
    const y = Array.from({ length: m }, (_, i) => (flip[i] ? -(D - R[n + i]!) : D - R[n + i]!));
    return { _tag: 'Infeasible', y, pivots };
  }
  let den = 1n;
  for (let i = 0; i < m; i++) if (basis[i]! < n) den = (den / gcd(den, T[i]![basis[i]!]!)) * T[i]![basis[i]!]!;
  const xNum: bigint[] = new Array<bigint>(n).fill(0n);
  for (let i = 0; i < m; i++) {
    const j = basis[i]!;
    if (j < n) xNum[j] = (rhs[i]! * den) / T[i]![j]!;
  }
  return { _tag: 'Feasible', xNum, den, pivots };
};

/**
 * Check a certificate exactly against the instance (see the module notes); right(1) for a
 * checked solution, right(0) for a checked Farkas vector, left(reason) otherwise.
 * @category destructors
 */
export const checkLeCertificate = (inst: LeInstance, ans: LeAnswer): Either<string, 0 | 1> => {
  if (ans._tag === 'Feasible') {
    if (ans.xNum.length !== inst.numVars) return left(`checkLeCertificate: the solution has ${ans.xNum.length} entries, the instance ${inst.numVars} variables`);
    if (ans.den <= 0n) return left(`checkLeCertificate: the denominator ${ans.den} is not positive`);
    const neg = ans.xNum.findIndex((v) => v < 0n);
    if (neg >= 0) return left(`checkLeCertificate: x[${neg}] = ${ans.xNum[neg]}/${ans.den} < 0`);
    for (let i = 0; i < inst.rows.length; i++) {
      const r = inst.rows[i]!;
      let s = 0n;
      for (const t of r.terms) s += BigInt(t.c) * ans.xNum[t.v]!;
      if (s !== BigInt(r.rhs) * ans.den) return left(`checkLeCertificate: row ${i}: Σ c·x = ${s}/${ans.den}, not ${r.rhs}`);
    }
    return right(1);
  }
  if (ans.y.length !== inst.rows.length) return left(`checkLeCertificate: the Farkas vector has ${ans.y.length} entries, the instance ${inst.rows.length} rows`);
  const col: bigint[] = new Array<bigint>(inst.numVars).fill(0n);
  let yb = 0n;
  for (let i = 0; i < inst.rows.length; i++) {
    const r = inst.rows[i]!;
    const yi = ans.y[i]!;
    for (const t of r.terms) col[t.v] = col[t.v]! + yi * BigInt(t.c);
    yb += yi * BigInt(r.rhs);
  }
  const pos = col.findIndex((v) => v > 0n);
  if (pos >= 0) return left(`checkLeCertificate: (yᵀA)[${pos}] = ${col[pos]} > 0`);
  if (yb <= 0n) return left(`checkLeCertificate: yᵀb = ${yb} ≤ 0`);
  return right(0);
};

/** Solve and check: 1 (a checked solution x ≥ 0), 0 (a checked Farkas vector), or left(reason). @category destructors */
export const decideLe = (inst: LeInstance): Either<string, 0 | 1> => checkLeCertificate(inst, solveLe(inst));
