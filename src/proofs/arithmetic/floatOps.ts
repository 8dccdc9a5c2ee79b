/**
 * # Lemmas `float-mul`, `float-div`, `float-compare`
 *
 * ## Main results
 * The scalar float operations that P1 leaves open (product and quotient in Def 8's attention
 * arithmetic, comparison for saturated attention), with the semantics pinned in
 * `docs/semantics.md`, are constant-depth threshold circuits, by three routes:
 * - the **lookup** route: the operation on 2p bits tabulated and compiled by P1 Lemma 1 (depth
 *   3, size 2^(2p) + 2p + m, polynomial only because p = O(log n));
 * - the **arithmetic** route: explicit circuits (mantissa product by the multiplication
 *   family, exponents by adders, normalization by leading-one and shifts; the quotient's
 *   mantissa by counting threshold gates; comparison by top-bit position then mantissas);
 * - the **shallow** route (`src/reductions/arithmetic/floatOpsShallow.ts`): the same
 *   arithmetic on the block-save adders of `iterated-addition-shallow`, the truncation's case
 *   split folded into the last gates: product depth 4 (p ≤ 16; 5 beyond), quotient 3,
 *   comparison 3.
 * All three are checked bit-exact against the kernel's `floatMul`, `floatDiv`, `floatCompare`, and
 * the sizes of both are measured side by side (metrics suffixed `·lookup` and `·arith`).
 *
 * ## Claims
 * Each lemma claims depth, size, depth·P1 and size·P1 for each route (`depth·lookup`,
 * `size·P1·arith`, …), as formulas of p written here. With r = p/2 − 1:
 * - lookup route: P1 Lemma 1's bounds with k = 2p inputs and m outputs (m = p, or 2 for the
 *   comparison), `lemma1Bounds` of `src/proofs/lookupTable.ts`: depth 3 and size
 *   2^(2p) + 2p + m, in P1's basis too (the table circuit has only NOT, AND and OR gates):
 *   `source: 'paper'`;
 * - arithmetic route, the construction's counts (`source: 'construction'`; P1 leaves these
 *   operations open), argued stage by stage in the constructors' docs in
 *   `src/reductions/arithmetic/floatOps.ts`: product depth 17, size mult(r) + 4r² + 40r +
 *   14⌈r/2⌉ + 7 with mult the `multiplication` lemma's size claim; quotient depth 14, size
 *   2^r + r(5r + 91)/2 + 18⌈r/2⌉ + 7; comparison depth 6, size r² + 5r + 21 (29 at p = 4);
 *   depth·P1 measured over p = 4…60 (quotient: 4…24): 17, 15 and 7, reached from p = 10, 12 and
 *   8 on (with the depth): expandWeights serves negated gates by their dual thresholds (one
 *   more level at most, for negated inputs), where NOT layers gave 22, 19 and 8; size·P1 by the
 *   derived bound 2S + I, I = 2p (`familyClaims.ts`);
 * - shallow route (`·shallow`, `source: 'construction'`): product depth 4 for p ≤ 16 (the
 *   normalized mantissa by counting, Θ(p·2^(p/2)) gates) and 5 beyond (block-save adders,
 *   O(p³) gates), quotient depth 3, comparison depth 3; depth·P1 the same for the product, 4
 *   and 4 for the quotient and the comparison (the quotient and the
 *   comparison compare input bits at layer 1, so one operand is read negated: a NOT level in
 *   P1's basis; in the product every path of full length starts at a partial-product AND,
 *   which reads its inputs positively, and the gates that read inputs negated — exponent
 *   conditions and thresholds — sit at layer 1 under gates of layer ≥ 3, e.g. the adder route
 *   reads the exponent as Σ 2^i m_i − Σ 2^(i+1)(s ∧ m_i)); sizes as upper bounds counted stage
 *   by stage from the
 *   parameters: `signedAdderGates` (a block-save adder, from its block width and width),
 *   `truncationGates` (the guarded case split), and the layer-1 gates of each operation (see the
 *   formulas). They are not tight (the adders' bound assumes every block value may reach
 *   2^(2ℓ) − 1, and the construction skips structurally constant gates): measured sizes are
 *   2–7 times smaller, and the sweep prints them beside the arithmetic route's.
 * The report adds a note with the shallow and arithmetic routes side by side at each point.
 *
 * ## References
 * P1 App. A and Def 8; P1 Lemma 1; construction in `src/reductions/arithmetic/floatOps.ts`.
 *
 * @module
 */
import { left, right } from 'fp-ts/lib/Either.js';
import type { Circuit } from '../../core/circuit.js';
import { encodeFloat, floatCompare, floatDiv, floatMul } from '../../core/float.js';
import { combineRuns } from '../../core/verdict.js';
import type { ArithmeticCircuit } from '../../reductions/arithmetic/arithmeticCircuit.js';
import {
  floatCompareArith,
  floatCompareLookup,
  floatDivArith,
  floatDivLookup,
  floatMulArith,
  floatMulLookup,
  type FloatOp,
} from '../../reductions/arithmetic/floatOps.js';
import { floatCompareShallow, floatDivShallow, floatMulShallow } from '../../reductions/arithmetic/floatOpsShallow.js';
import { metrics } from '../../core/metrics.js';
import { verifyArithmeticFamily, type ArithmeticFamily } from '../arithmeticLemma.js';
import { floatParamsOrThrow, readFloat } from '../floatBits.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Params } from '../lemma.js';
import { lemma1Bounds } from '../lookupTable.js';
import { BY_CONSTRUCTION, exactWidth, familyClaims, p1SizeBound, p1SizeFormula, param, type BoundsFormula, type CircuitBounds } from './familyClaims.js';
import { multiplicationBounds, multiplicationFormula } from './multiplication.js';

const pOf = (p: Params): number => param(p, 'p');

/** The number of output bits of an operation at precision p: p for a float result, 2 for a comparison. @category claims */
export const floatOpOutputs = (op: FloatOp, p: number): number => (op === 'compare' ? 2 : p);

/** The kernel's operation on bits: a on bits 0…p−1, b on p…2p−1. @category spec */
export const floatOpSpec =
  (op: FloatOp, p: number) =>
  (bits: ArrayLike<number>): ArrayLike<number> => {
    exactWidth(`float-${op}`, 2 * p, bits);
    const params = floatParamsOrThrow(p);
    const a = readFloat(params, bits, 0);
    const b = readFloat(params, bits, p);
    if (op === 'compare') {
      const c = floatCompare(a, b);
      return [c < 0 ? 1 : 0, c === 0 ? 1 : 0];
    }
    return encodeFloat(params, op === 'mul' ? floatMul(params, a, b) : floatDiv(params, a, b));
  };

// ---------------------------------------------------------------------------------------------
// claims
// ---------------------------------------------------------------------------------------------

/**
 * The lookup route's bounds, P1 Lemma 1's with k = 2p inputs and m outputs: depth 3 and size
 * 2^(2p) + 2p + m, in the kernel's basis and in P1's alike.
 * @category claims
 */
export const floatLookupBounds = (p: number, op: FloatOp): CircuitBounds => {
  const b = lemma1Bounds(2 * p, floatOpOutputs(op, p));
  return { depth: b.depth, size: b.size, depthP1: b.depth, sizeP1: b.size };
};

/** The lookup route's claims as text. @category claims */
export const floatLookupFormula: BoundsFormula = {
  depth: '3',
  size: '2^(2p) + 2p + m',
  depthP1: '3 (P1 Lemma 1: the table circuit is in P1\'s basis)',
  sizeP1: '2^(2p) + 2p + m (P1 Lemma 1: the table circuit is in P1\'s basis)',
  where: 'p = precision ≤ 10, m = p outputs (mul, div) or 2 (compare); P1 Lemma 1 with k = 2p',
};

const r = (p: number): number => p / 2 - 1;

/**
 * The arithmetic product's bounds: depth 17, size ≤ mult(r) + 4r² + 40r + 14⌈r/2⌉ + 7 with
 * r = p/2 − 1 and mult the `multiplication` lemma's size claim; depth·P1 17; size·P1 ≤ 2·size + 2p.
 * @category claims
 */
export const floatMulArithBounds = (p: number): CircuitBounds => {
  const R = r(p);
  const size = multiplicationBounds(R).size + 4 * R * R + 40 * R + 14 * Math.ceil(R / 2) + 7;
  return { depth: 17, size, depthP1: 17, sizeP1: p1SizeBound(size, 2 * p) };
};

/** The arithmetic product's claims as text. @category claims */
export const floatMulArithFormula: BoundsFormula = {
  depth: '17',
  size: 'mult(r) + 4r² + 40r + 14⌈r/2⌉ + 7',
  depthP1: '17',
  sizeP1: p1SizeFormula('the size claim', '2p'),
  where: `r = p/2 − 1; mult(w) = the multiplication lemma's size claim, ${multiplicationFormula.size} (${multiplicationFormula.where})`,
};

/**
 * The arithmetic quotient's bounds: depth 14, size ≤ 2^r + r(5r + 91)/2 + 18⌈r/2⌉ + 7 with
 * r = p/2 − 1; depth·P1 15; size·P1 ≤ 2·size + 2p.
 * @category claims
 */
export const floatDivArithBounds = (p: number): CircuitBounds => {
  const R = r(p);
  const size = 2 ** R + (R * (5 * R + 91)) / 2 + 18 * Math.ceil(R / 2) + 7;
  return { depth: 14, size, depthP1: 15, sizeP1: p1SizeBound(size, 2 * p) };
};

/** The arithmetic quotient's claims as text. @category claims */
export const floatDivArithFormula: BoundsFormula = {
  depth: '14',
  size: '2^r + r(5r + 91)/2 + 18⌈r/2⌉ + 7',
  depthP1: '15',
  sizeP1: p1SizeFormula('2^r + r(5r + 91)/2 + 18⌈r/2⌉ + 7', '2p'),
  where: 'r = p/2 − 1',
};

/**
 * The arithmetic comparison's bounds: depth 6, size r² + 5r + 21 with r = p/2 − 1 (exact for
 * p ≥ 6; 29 at p = 4); depth·P1 7; size·P1 ≤ 2·size + 2p.
 * @category claims
 */
export const floatCompareArithBounds = (p: number): CircuitBounds => {
  const R = r(p);
  const size = R === 1 ? 29 : R * R + 5 * R + 21;
  return { depth: 6, size, depthP1: 7, sizeP1: p1SizeBound(size, 2 * p) };
};

/** The arithmetic comparison's claims as text. @category claims */
export const floatCompareArithFormula: BoundsFormula = {
  depth: '6',
  size: 'r² + 5r + 21 (p ≥ 6; 29 at p = 4)',
  depthP1: '7',
  sizeP1: p1SizeFormula('the size claim', '2p'),
  where: 'r = p/2 − 1',
};

// ---------------------------------------------------------------------------------------------
// claims of the shallow routes (src/reductions/arithmetic/floatOpsShallow.ts)
// ---------------------------------------------------------------------------------------------

/** ⌈a/b⌉ for positive integers. */
const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/**
 * Gates of one signed block-save adder of width W with block width ℓ whose offset block values
 * stay below V + 1 = 2^(2ℓ) (L = 2^ℓ, Q = ⌈W/ℓ⌉), output gates not included (the caller's
 * guarded gates): per block ≤ ⌊V/L⌋ floors for hi and ≤ ⌊(L+1)V/L²⌋ + ⌊((L+1)V + L)/L²⌋ for
 * the window Z ≤ (L + 1)V; per bit ≤ 2⌊((L+1)V + L)/(2L)⌋ floors of its window Y ≤ (L + 1)V;
 * ≤ (ℓ + 1)(Q − 1)(Q − 2)/2 carry terms and (term ∧ E) gates.
 * @category claims
 */
export const signedAdderGates = (ell: number, W: number): number => {
  const L = 2 ** ell;
  const V = L * L - 1;
  const Q = ceilDiv(W, ell);
  const perBlock = Math.floor(V / L) + Math.floor(((L + 1) * V) / (L * L)) + Math.floor(((L + 1) * V + L) / (L * L));
  const perBit = 2 * Math.floor(((L + 1) * V + L) / (2 * L));
  return Q * perBlock + W * perBit + ((ell + 1) * (Q - 1) * (Q - 2)) / 2;
};

/** The least ℓ ≥ 1 with r ≤ 2^ℓ (the product adder's block width). @category claims */
export const productBlockOf = (r: number): number => {
  let ell = 1;
  while (r > 2 ** ell) ell++;
  return ell;
};

/**
 * Gates of the truncation with n selector values, r magnitude bits and c adders per exponent
 * bit and sign of D: 2n (saturation, underflow) + n·r(r+1)/2 + r (mantissa: one guarded gate per
 * value, bit and underflow shift, ORs) + n + 1 (its sign) + 2ncr + r (exponent magnitude) +
 * n + 1 (exponent sign) + 2 constants.
 * @category claims
 */
export const truncationGates = (n: number, r: number, c: number): number =>
  2 * n + (n * r * (r + 1)) / 2 + r + n + 1 + 2 * n * c * r + r + n + 1 + 2;

/** The exponent conditions: ≤ 7r − 1 thresholds, four gates each (one per pair of exponent signs). @category claims */
const conditionGates = (r: number): number => 4 * (7 * r - 1);

/**
 * The shallow product's bounds, r = p/2 − 1, M = 2^r − 1.
 * - p ≤ 16 (counting route): depth 4, depth·P1 4; size ≤ r² + 2r + 5 + 4(7r − 1) +
 *   2r(2^(r−1) − 1) (the counting gates T_(j,k)) + 16M (exponent thresholds) + trunc(2r, r, 4).
 * - p > 16 (adder route): depth 5, depth·P1 5; size ≤ r² + 6r + 5 + 4(7r − 1) + Q_p(3r − 2) +
 *   2r(2r − 1) + (ℓ_p + 1)(Q_p − 1)(Q_p − 2)/2 + 4r·adder(2, r) + trunc(2r, r, 1) with ℓ_p the
 *   least ℓ with r ≤ 2^ℓ, Q_p = ⌈2r/ℓ_p⌉.
 * @category claims
 */
export const floatMulShallowBounds = (p: number): CircuitBounds => {
  const R = r(p);
  if (p <= 16) {
    const size = R * R + 2 * R + 5 + conditionGates(R) + 2 * R * (2 ** (R - 1) - 1) + 16 * (2 ** R - 1) + truncationGates(2 * R, R, 4);
    return { depth: 4, size, depthP1: 4, sizeP1: p1SizeBound(size, 2 * p) };
  }
  const lp = productBlockOf(R);
  const Qp = ceilDiv(2 * R, lp);
  const product = Qp * (3 * R - 2) + 2 * R * (2 * R - 1) + ((lp + 1) * (Qp - 1) * (Qp - 2)) / 2;
  const size = R * R + 6 * R + 5 + conditionGates(R) + product + 4 * R * signedAdderGates(2, R) + truncationGates(2 * R, R, 1);
  return { depth: 5, size, depthP1: 5, sizeP1: p1SizeBound(size, 2 * p) };
};

/** The shallow product's claims as text. @category claims */
export const floatMulShallowFormula: BoundsFormula = {
  depth: '4 for p ≤ 16 (counting route), 5 beyond (adder route)',
  size:
    'p ≤ 16: r² + 2r + 5 + 4(7r − 1) + 2r(2^(r−1) − 1) + 16M + trunc(2r, r, 4); p > 16: r² + 6r + 5 + 4(7r − 1) + Q_p(3r − 2) + 2r(2r − 1) + (ℓ_p + 1)(Q_p − 1)(Q_p − 2)/2 + 4r·adder(2, r) + trunc(2r, r, 1)',
  depthP1: '4 for p ≤ 16, 5 beyond',
  sizeP1: p1SizeFormula('the size claim', '2p'),
  where:
    'r = p/2 − 1, M = 2^r − 1; ℓ_p = least ℓ ≥ 1 with r ≤ 2^ℓ, Q_p = ⌈2r/ℓ_p⌉; adder(ℓ, W) = Q·(⌊V/L⌋ + ⌊(L+1)V/L²⌋ + ⌊((L+1)V + L)/L²⌋) + 2W⌊((L+1)V + L)/(2L)⌋ + (ℓ + 1)(Q − 1)(Q − 2)/2 with L = 2^ℓ, V = L² − 1, Q = ⌈W/ℓ⌉; trunc(n, r, c) = 2n + n·r(r+1)/2 + 2r + 3n + 2ncr + 4',
};

/**
 * The shallow quotient's bounds, r = p/2 − 1, M = 2^r − 1: depth 3, depth·P1 4; size ≤
 * 2r(2^(r−1) − 1) (counting gates) + 2r + 6 + 4(7r − 1) + 16M (the exponent thresholds
 * [F_σ ≥ t], four sign pairs × 4M values of t) + trunc(2r, r, 4).
 * @category claims
 */
export const floatDivShallowBounds = (p: number): CircuitBounds => {
  const R = r(p);
  const size = 2 * R * (2 ** (R - 1) - 1) + 2 * R + 6 + conditionGates(R) + 16 * (2 ** R - 1) + truncationGates(2 * R, R, 4);
  return { depth: 3, size, depthP1: 4, sizeP1: p1SizeBound(size, 2 * p) };
};

/** The shallow quotient's claims as text. @category claims */
export const floatDivShallowFormula: BoundsFormula = {
  depth: '3',
  size: '2r(2^(r−1) − 1) + 2r + 6 + 4(7r − 1) + 16M + trunc(2r, r, 4)',
  depthP1: '4',
  sizeP1: p1SizeFormula('the size claim', '2p'),
  where: 'r = p/2 − 1, M = 2^r − 1; trunc as for the product',
};

/** The shallow comparison's bounds, r = p/2 − 1: depth 3, depth·P1 4, size ≤ 18r + 10. @category claims */
export const floatCompareShallowBounds = (p: number): CircuitBounds => {
  const size = 18 * r(p) + 10;
  return { depth: 3, size, depthP1: 4, sizeP1: p1SizeBound(size, 2 * p) };
};

/** The shallow comparison's claims as text. @category claims */
export const floatCompareShallowFormula: BoundsFormula = {
  depth: '3',
  size: '18r + 10',
  depthP1: '4',
  sizeP1: p1SizeFormula('18r + 10', '2p'),
  where: 'r = p/2 − 1',
};

const PAPER = { depth: 'paper', size: 'paper', depthP1: 'paper', sizeP1: 'paper' } as const;

/** The lookup route's claims for an operation (metrics suffixed `·lookup`). @category claims */
export const floatLookupClaims = (op: FloatOp): ClaimedBound[] => familyClaims((p) => floatLookupBounds(pOf(p), op), floatLookupFormula, PAPER, '·lookup', 'P1 Lemma 1');

/** The arithmetic route's claims (metrics suffixed `·arith`). @category claims */
export const floatArithClaims = (bounds: (p: number) => CircuitBounds, f: BoundsFormula): ClaimedBound[] =>
  familyClaims((p) => bounds(pOf(p)), f, BY_CONSTRUCTION, '·arith');

// ---------------------------------------------------------------------------------------------
// lemmas
// ---------------------------------------------------------------------------------------------

/** What tells the three operations' lemmas apart. @category model */
export interface FloatOpInfo {
  readonly op: FloatOp;
  readonly id: string;
  readonly title: string;
  readonly what: string;
  readonly lookupBuild: (p: number) => ArithmeticCircuit<unknown>;
  readonly arithBuild: (p: number) => ArithmeticCircuit<unknown>;
  readonly arithBounds: (p: number) => CircuitBounds;
  readonly arithFormula: BoundsFormula;
  readonly arithSweep: readonly number[];
  readonly arithSweepFull: readonly number[];
  readonly arithExponentNote?: string;
  /** The shallow route (`floatOpsShallow.ts`): build, claims, sweeps. */
  readonly shallowBuild: (p: number) => ArithmeticCircuit<unknown>;
  readonly shallowBounds: (p: number) => CircuitBounds;
  readonly shallowFormula: BoundsFormula;
  readonly shallowSweep: readonly number[];
  readonly shallowSweepFull: readonly number[];
  readonly shallowExponentNote?: string;
}

/** The two routes of an operation as families (the lookup route first). @category families */
export const floatOpFamilies = (
  o: FloatOpInfo,
): { readonly lookup: ArithmeticFamily; readonly arith: ArithmeticFamily; readonly shallow: ArithmeticFamily } => {
  const base = {
    id: o.id,
    title: o.title,
    statement: '',
    reference: 'P1 App. A, Def 8',
    dependsOn: [] as string[],
    inputs: (p: Params) => 2 * pOf(p),
    outputs: (p: Params) => floatOpOutputs(o.op, pOf(p)),
    spec: (p: Params) => floatOpSpec(o.op, pOf(p)),
    sweepKey: 'p',
  };
  return {
    lookup: {
      ...base,
      build: (p) => o.lookupBuild(pOf(p)).circuit,
      claimed: floatLookupClaims(o.op),
      exhaustive: [{ p: 4 }, { p: 6 }],
      property: [{ p: 8 }],
      propertyRuns: { default: 200, full: 2000 },
      sweep: { default: [{ p: 4 }, { p: 6 }, { p: 8 }], full: [{ p: 4 }, { p: 6 }, { p: 8 }, { p: 10 }] },
      exponentNote: 'the lookup route grows as 2^(2p), polynomial in n only because p = O(log n)',
    },
    arith: {
      ...base,
      build: (p) => o.arithBuild(pOf(p)).circuit,
      claimed: floatArithClaims(o.arithBounds, o.arithFormula),
      exhaustive: [{ p: 4 }, { p: 6 }],
      property: [{ p: 10 }, { p: 12 }, { p: 16 }],
      propertyRuns: { default: 300, full: 3000 },
      sweep: { default: o.arithSweep.map((p) => ({ p })), full: o.arithSweepFull.map((p) => ({ p })) },
      ...(o.arithExponentNote === undefined ? {} : { exponentNote: o.arithExponentNote }),
    },
    shallow: {
      ...base,
      build: (p) => o.shallowBuild(pOf(p)).circuit,
      claimed: familyClaims((p) => o.shallowBounds(pOf(p)), o.shallowFormula, BY_CONSTRUCTION, '·shallow'),
      exhaustive: [{ p: 4 }, { p: 6 }],
      property: [{ p: 10 }, { p: 12 }, { p: 16 }],
      propertyRuns: { default: 300, full: 3000 },
      sweep: { default: o.shallowSweep.map((p) => ({ p })), full: o.shallowSweepFull.map((p) => ({ p })) },
      ...(o.shallowExponentNote === undefined ? {} : { exponentNote: o.shallowExponentNote }),
    },
  };
};

/**
 * One note per lemma: at each point of the shallow sweep, the arithmetic route's depth,
 * depth·P1, size and wires beside the shallow route's (`new (arith)`).
 * @category families
 */
export const floatOpSideBySide = (o: FloatOpInfo, full: boolean): string => {
  const ps = full ? o.shallowSweepFull : o.shallowSweep;
  const rows = ps.map((p) => {
    const a = metrics(o.shallowBuild(p).circuit);
    const old = o.arithSweepFull.includes(p) || o.arithSweep.includes(p) ? metrics(o.arithBuild(p).circuit) : null;
    const f = (x: number, y: number | undefined) => (y === undefined ? `${x}` : `${x} (${y})`);
    return `p = ${p}: depth ${f(a.depth, old?.depth)}, depth·P1 ${f(a.depthP1, old?.depthP1)}, size ${f(a.size, old?.size)}, wires ${f(a.wires, old?.wires)}`;
  });
  return `shallow route side by side with the arithmetic route (in parentheses) — ${rows.join('; ')}`;
};

const floatOpLemma = (o: FloatOpInfo): Lemma => {
  const { lookup: lookupFam, arith: arithFam, shallow: shallowFam } = floatOpFamilies(o);
  const claimed = [...lookupFam.claimed, ...arithFam.claimed, ...shallowFam.claimed];
  const tiers = ['exhaustive', 'property'] as const;
  return {
    id: o.id,
    modules: {
      construction: ['src/reductions/arithmetic/floatOps.ts', 'src/reductions/arithmetic/floatOpsShallow.ts'],
      proof: 'src/proofs/arithmetic/floatOps.ts',
    },
    title: o.title,
    statement: `${o.what} of two p-bit floats (semantics pinned in docs/semantics.md) is a constant-depth threshold circuit, by the lookup route (P1 Lemma 1: depth ${floatLookupFormula.depth}, size ${floatLookupFormula.size}) by an explicit arithmetic route (depth ${o.arithFormula.depth}, size ${o.arithFormula.size}), and by a shallow route on the block-save arithmetic (depth ${o.shallowFormula.depth}, depth·P1 ${o.shallowFormula.depthP1}).`,
    reference: 'P1 App. A and Def 8 (scalar operations); P1 Lemma 1',
    // the shallow routes of the product and the quotient run the block-save adder of iterated-addition-shallow
    dependsOn: o.op === 'mul' ? ['lookup-table', 'multiplication', 'iterated-addition-shallow'] : o.op === 'div' ? ['lookup-table', 'iterated-addition-shallow'] : ['lookup-table'],
    claimed,
    tiers,
    verify: async (ctx) => {
      const third = (i: number) => ({ ...ctx, progress: (d: number, t: number) => ctx.progress(i * t + d, 3 * t) });
      const a = await verifyArithmeticFamily(lookupFam, third(0));
      const b = await verifyArithmeticFamily(arithFam, third(1));
      const c = await verifyArithmeticFamily(shallowFam, third(2));
      // Relabel each run with its route by wrapping it (a spread copy would not be kernel-made).
      const label = (r: LemmaReport, route: string) =>
        r.tiers.map((t) => combineRuns(t.tier, `${route} route: ${t.statement}`, [{ where: `${route} route`, run: t }], t.seed));
      return report(
        requirementsOf({ tiers, claimed }),
        [...label(a, 'lookup'), ...label(b, 'arithmetic'), ...label(c, 'shallow')],
        [...a.measurements, ...b.measurements, ...c.measurements],
        [
          ...a.notes.map((n) => `lookup route: ${n}`),
          ...b.notes.map((n) => `arithmetic route: ${n}`),
          ...c.notes.map((n) => `shallow route: ${n}`),
          floatOpSideBySide(o, ctx.full),
        ],
      );
    },
    exportCircuit: {
      options: [
        { name: 'p', description: 'precision p (even, ≥ 4)' },
        { name: 'k', description: 'route: 0 = arithmetic (default), 1 = lookup, 2 = shallow', default: 0 },
      ],
      build: (opts) => {
        const p = opts['p'];
        if (p === undefined) return left(`${o.id}: --p is required`);
        try {
          const c: Circuit = (opts['k'] === 1 ? o.lookupBuild(p) : opts['k'] === 2 ? o.shallowBuild(p) : o.arithBuild(p)).circuit;
          return right(c);
        } catch (e) {
          return left(e instanceof Error ? e.message : String(e));
        }
      },
    },
  };
};

/** The product's three routes. @category families */
export const floatMulInfo: FloatOpInfo = {
  op: 'mul',
  id: 'float-mul',
  title: 'Float multiplication in constant depth',
  what: 'The product a·b (exact, truncated toward zero to a multiple of 2^(I^min), then f_p)',
  lookupBuild: floatMulLookup,
  arithBuild: floatMulArith,
  arithBounds: floatMulArithBounds,
  arithFormula: floatMulArithFormula,
  arithSweep: [4, 6, 8, 12, 16, 24, 32],
  arithSweepFull: [4, 6, 8, 12, 16, 24, 32, 48, 60],
  shallowBuild: floatMulShallow,
  shallowBounds: floatMulShallowBounds,
  shallowFormula: floatMulShallowFormula,
  shallowSweep: [4, 6, 8, 12, 16, 24],
  shallowSweepFull: [4, 6, 8, 12, 16, 24, 32],
};

/** The quotient's three routes. @category families */
export const floatDivInfo: FloatOpInfo = {
  op: 'div',
  id: 'float-div',
  title: 'Float division in constant depth',
  what: 'The quotient a/b (exact, truncated as for the product; b = 0 saturates with the sign of a, 0/0 = 0)',
  lookupBuild: floatDivLookup,
  arithBuild: floatDivArith,
  arithBounds: floatDivArithBounds,
  arithFormula: floatDivArithFormula,
  arithSweep: [4, 6, 8, 12, 16, 20],
  arithSweepFull: [4, 6, 8, 12, 16, 20, 24],
  arithExponentNote: 'the mantissa quotient has 2^(p/2−1) counting gates: polynomial in n only because p = O(log n)',
  shallowBuild: floatDivShallow,
  shallowBounds: floatDivShallowBounds,
  shallowFormula: floatDivShallowFormula,
  shallowSweep: [4, 6, 8, 12, 16],
  shallowSweepFull: [4, 6, 8, 12, 16, 20, 22],
  shallowExponentNote: 'the mantissa quotient has p·2^(p/2−1) counting gates (one set per normalizing shift): polynomial in n only because p = O(log n)',
};

/** The comparison's three routes. @category families */
export const floatCompareInfo: FloatOpInfo = {
  op: 'compare',
  id: 'float-compare',
  title: 'Float comparison in constant depth',
  what: 'The comparison [a < b], [a = b] of the exact values',
  lookupBuild: floatCompareLookup,
  arithBuild: floatCompareArith,
  arithBounds: floatCompareArithBounds,
  arithFormula: floatCompareArithFormula,
  arithSweep: [4, 6, 8, 12, 16, 24, 32],
  arithSweepFull: [4, 6, 8, 12, 16, 24, 32, 48, 60],
  shallowBuild: floatCompareShallow,
  shallowBounds: floatCompareShallowBounds,
  shallowFormula: floatCompareShallowFormula,
  shallowSweep: [4, 6, 8, 12, 16, 24, 32],
  shallowSweepFull: [4, 6, 8, 12, 16, 24, 32],
};

/** Float product. @category lemmas */
export const floatMulLemma: Lemma = floatOpLemma(floatMulInfo);

/** Float quotient. @category lemmas */
export const floatDivLemma: Lemma = floatOpLemma(floatDivInfo);

/** Float comparison. @category lemmas */
export const floatCompareLemma: Lemma = floatOpLemma(floatCompareInfo);
