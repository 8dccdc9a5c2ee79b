/**
 * # Lemmas `float-mul`, `float-div`, `float-compare`
 *
 * ## Main results
 * The scalar float operations that P1 leaves open (product and quotient in Def 8's attention
 * arithmetic, comparison for saturated attention), with the semantics pinned in
 * `docs/semantics.md`, are constant-depth threshold circuits, by two routes:
 * - the **lookup** route: the operation on 2p bits tabulated and compiled by P1 Lemma 1 (depth
 *   3, size 2^(2p) + 2p + m, polynomial only because p = O(log n));
 * - the **arithmetic** route: explicit circuits (mantissa product by the multiplication
 *   family, exponents by adders, normalization by leading-one and shifts; the quotient's
 *   mantissa by counting threshold gates; comparison by top-bit position then mantissas).
 * Both are checked bit-exact against the kernel's `floatMul`, `floatDiv`, `floatCompare`, and
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
 *   derived bound 2S + I, I = 2p (`familyClaims.ts`).
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
}

/** The two routes of an operation as families (the lookup route first). @category families */
export const floatOpFamilies = (o: FloatOpInfo): { readonly lookup: ArithmeticFamily; readonly arith: ArithmeticFamily } => {
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
  };
};

const floatOpLemma = (o: FloatOpInfo): Lemma => {
  const { lookup: lookupFam, arith: arithFam } = floatOpFamilies(o);
  const claimed = [...lookupFam.claimed, ...arithFam.claimed];
  const tiers = ['exhaustive', 'property'] as const;
  return {
    id: o.id,
    modules: { construction: ['src/reductions/arithmetic/floatOps.ts'], proof: 'src/proofs/arithmetic/floatOps.ts' },
    title: o.title,
    statement: `${o.what} of two p-bit floats (semantics pinned in docs/semantics.md) is a constant-depth threshold circuit, by the lookup route (P1 Lemma 1: depth ${floatLookupFormula.depth}, size ${floatLookupFormula.size}) and by an explicit arithmetic route (depth ${o.arithFormula.depth}, size ${o.arithFormula.size}).`,
    reference: 'P1 App. A and Def 8 (scalar operations); P1 Lemma 1',
    dependsOn: o.op === 'mul' ? ['lookup-table', 'multiplication'] : ['lookup-table'],
    claimed,
    tiers,
    verify: async (ctx) => {
      const half = (first: boolean) => ({ ...ctx, progress: (d: number, t: number) => ctx.progress(first ? d : t + d, 2 * t) });
      const a = await verifyArithmeticFamily(lookupFam, half(true));
      const b = await verifyArithmeticFamily(arithFam, half(false));
      // Relabel each run with its route by wrapping it (a spread copy would not be kernel-made).
      const label = (r: LemmaReport, route: string) =>
        r.tiers.map((t) => combineRuns(t.tier, `${route} route: ${t.statement}`, [{ where: `${route} route`, run: t }], t.seed));
      return report(
        requirementsOf({ tiers, claimed }),
        [...label(a, 'lookup'), ...label(b, 'arithmetic')],
        [...a.measurements, ...b.measurements],
        [...a.notes.map((n) => `lookup route: ${n}`), ...b.notes.map((n) => `arithmetic route: ${n}`)],
      );
    },
    exportCircuit: {
      options: [
        { name: 'p', description: 'precision p (even, ≥ 4)' },
        { name: 'k', description: 'route: 0 = arithmetic (default), 1 = lookup', default: 0 },
      ],
      build: (opts) => {
        const p = opts['p'];
        if (p === undefined) return left(`${o.id}: --p is required`);
        try {
          const c: Circuit = (opts['k'] === 1 ? o.lookupBuild(p) : o.arithBuild(p)).circuit;
          return right(c);
        } catch (e) {
          return left(e instanceof Error ? e.message : String(e));
        }
      },
    },
  };
};

/** The product's two routes. @category families */
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
};

/** The quotient's two routes. @category families */
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
};

/** The comparison's two routes. @category families */
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
};

/** Float product. @category lemmas */
export const floatMulLemma: Lemma = floatOpLemma(floatMulInfo);

/** Float quotient. @category lemmas */
export const floatDivLemma: Lemma = floatOpLemma(floatDivInfo);

/** Float comparison. @category lemmas */
export const floatCompareLemma: Lemma = floatOpLemma(floatCompareInfo);
