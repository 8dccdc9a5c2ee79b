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
 * ## References
 * P1 App. A and Def 8; P1 Lemma 1; construction in `src/reductions/arithmetic/floatOps.ts`.
 *
 * @module
 */
import {
  floatCompareArith,
  floatCompareArithBounds,
  floatCompareArithFormula,
  floatCompareLookup,
  floatDivArith,
  floatDivArithBounds,
  floatDivArithFormula,
  floatDivLookup,
  floatLookupBounds,
  floatLookupFormula,
  floatMulArith,
  floatMulArithBounds,
  floatMulArithFormula,
  floatMulLookup,
  type FloatOp,
} from '../../reductions/arithmetic/floatOps.js';
import type { BoundsFormula, Bounds, ArithmeticCircuit } from '../../reductions/arithmetic/arithmeticCircuit.js';
import type { Circuit } from '../../core/circuit.js';
import { encodeFloat, floatCompare, floatDiv, floatMul } from '../../core/float.js';
import { left, right } from 'fp-ts/lib/Either.js';
import { floatParamsOrThrow, readFloat } from '../floatBits.js';
import { verifyArithmeticFamily, type ArithmeticFamily } from '../arithmeticLemma.js';
import { report, type ClaimedBound, type Lemma, type Params } from '../lemma.js';

const pOf = (p: Params): number => p['p'] ?? 4;

/** The kernel's operation on bits: a on bits 0…p−1, b on p…2p−1. @category spec */
export const floatOpSpec =
  (op: FloatOp, p: number) =>
  (bits: ArrayLike<number>): ArrayLike<number> => {
    const params = floatParamsOrThrow(p);
    const a = readFloat(params, bits, 0);
    const b = readFloat(params, bits, p);
    if (op === 'compare') {
      const c = floatCompare(a, b);
      return [c < 0 ? 1 : 0, c === 0 ? 1 : 0];
    }
    return encodeFloat(params, op === 'mul' ? floatMul(params, a, b) : floatDiv(params, a, b));
  };

interface OpInfo {
  readonly op: FloatOp;
  readonly id: string;
  readonly title: string;
  readonly what: string;
  readonly lookupBuild: (p: number) => ArithmeticCircuit<unknown>;
  readonly arithBuild: (p: number) => ArithmeticCircuit<unknown>;
  readonly arithBounds: (p: number) => Bounds;
  readonly arithFormula: BoundsFormula;
  readonly arithSweep: readonly number[];
  readonly arithSweepFull: readonly number[];
  readonly arithExponentNote?: string;
}

const claimsOf = (suffix: string, bounds: (p: number) => Bounds, f: BoundsFormula): ClaimedBound[] => [
  { metric: `depth·${suffix}`, formula: f.depth, at: (p) => bounds(pOf(p)).depth },
  { metric: `size·${suffix}`, formula: `${f.size} (${f.where})`, at: (p) => bounds(pOf(p)).size },
];

const familiesOf = (o: OpInfo): { lookup: ArithmeticFamily; arith: ArithmeticFamily } => {
  const base = {
    id: o.id,
    title: o.title,
    statement: '',
    reference: 'P1 App. A, Def 8',
    dependsOn: [] as string[],
    spec: (p: Params) => floatOpSpec(o.op, pOf(p)),
    sweepKey: 'p',
  };
  return {
    lookup: {
      ...base,
      build: (p) => o.lookupBuild(pOf(p)).circuit,
      claimed: claimsOf('lookup', (p) => floatLookupBounds(p, o.op), floatLookupFormula),
      exhaustive: [{ p: 4 }, { p: 6 }],
      property: [{ p: 8 }],
      propertyRuns: { default: 200, full: 2000 },
      sweep: { default: [{ p: 4 }, { p: 6 }, { p: 8 }], full: [{ p: 4 }, { p: 6 }, { p: 8 }, { p: 10 }] },
      exponentNote: 'the lookup route grows as 2^(2p), polynomial in n only because p = O(log n)',
    },
    arith: {
      ...base,
      build: (p) => o.arithBuild(pOf(p)).circuit,
      claimed: claimsOf('arith', o.arithBounds, o.arithFormula),
      exhaustive: [{ p: 4 }, { p: 6 }],
      property: [{ p: 10 }, { p: 12 }, { p: 16 }],
      propertyRuns: { default: 300, full: 3000 },
      sweep: { default: o.arithSweep.map((p) => ({ p })), full: o.arithSweepFull.map((p) => ({ p })) },
      ...(o.arithExponentNote === undefined ? {} : { exponentNote: o.arithExponentNote }),
    },
  };
};

const floatOpLemma = (o: OpInfo): Lemma => {
  const { lookup: lookupFam, arith: arithFam } = familiesOf(o);
  return {
    id: o.id,
    title: o.title,
    statement: `${o.what} of two p-bit floats (semantics pinned in docs/semantics.md) is a constant-depth threshold circuit, by the lookup route (P1 Lemma 1: depth ${floatLookupFormula.depth}, size ${floatLookupFormula.size}) and by an explicit arithmetic route (depth ${o.arithFormula.depth}, size ${o.arithFormula.size}).`,
    reference: 'P1 App. A and Def 8 (scalar operations); P1 Lemma 1',
    dependsOn: o.op === 'mul' ? ['lookup-table', 'multiplication'] : ['lookup-table'],
    claimed: [...lookupFam.claimed, ...arithFam.claimed],
    tiers: ['exhaustive', 'property'],
    verify: async (ctx) => {
      const half = (first: boolean) => ({ ...ctx, progress: (d: number, t: number) => ctx.progress(first ? d : t + d, 2 * t) });
      const a = await verifyArithmeticFamily(lookupFam, half(true));
      const b = await verifyArithmeticFamily(arithFam, half(false));
      const label = (r: typeof a, route: string) => r.tiers.map((t) => ({ ...t, statement: `${route} route: ${t.statement}` }));
      return report(
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

/** Float product. @category lemmas */
export const floatMulLemma: Lemma = floatOpLemma({
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
});

/** Float quotient. @category lemmas */
export const floatDivLemma: Lemma = floatOpLemma({
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
});

/** Float comparison. @category lemmas */
export const floatCompareLemma: Lemma = floatOpLemma({
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
});
