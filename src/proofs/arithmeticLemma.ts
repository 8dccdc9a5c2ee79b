/**
 * # Arithmetic circuit families as lemmas
 *
 * The common shape of the lemmas of `src/reductions/arithmetic` (P1 Lemma 5 and the integer
 * facts under it): a circuit family indexed by one size parameter, a specification in exact
 * BigInt arithmetic, claimed depth and size as functions of the parameters, and three tiers:
 * - `exhaustive`: every input, at small sizes;
 * - `property`: seeded random inputs (fast-check, shrinking), at larger sizes;
 * - `sat`: a z3 miter against an independent bit-vector formula, at fixed small sizes (for
 *   the families that give one).
 * Then a sweep of the size parameter measures depth and size against the claims (depth must
 * stay at its constant claim as n grows) and fits the size exponent.
 *
 * ## Main definitions
 * - {@link ArithmeticFamily}: what a family module provides.
 * - {@link verifyArithmeticFamily}: the verifier, with the construction injectable for honesty
 *   tests.
 * - {@link arithmeticLemma}: a {@link Lemma} value from a family.
 * - {@link bitsToBigInt}, {@link bigIntToBits}: the LSB-first bit conventions.
 *
 * @module
 */
import { isRight, left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  checkCircuitExhaustive,
  checkCircuitProperty,
  checkCircuitSmt,
  type CheckFailure,
  type CircuitClaim,
  type CircuitSpec,
  type CircuitStatement,
  type Tier,
  type Verified,
} from '../core/check.js';
import type { Circuit } from '../core/circuit.js';
import type { SmtSpec } from '../core/smt.js';
import { combineRuns, tierRun, type Measurement, type TierRun } from '../core/verdict.js';
import {
  fittedExponent,
  measureClaims,
  report,
  requirementsOf,
  type ClaimedBound,
  type Lemma,
  type LemmaModules,
  type LemmaReport,
  type Params,
  type VerifyContext,
} from './lemma.js';

// the LSB-first conversions live in the kernel (`core/bits.ts`); re-exported here as before
export { bigIntToBits, bitsToBigInt } from '../core/bits.js';

/** A circuit family with its specification and claims. @category model */
export interface ArithmeticFamily {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly reference: string;
  readonly dependsOn: readonly string[];
  /** Where its construction and its proof are (for the generated docs). */
  readonly modules?: LemmaModules;
  /** Build the circuit at a parameter point (the construction under test, from `src/reductions`). */
  readonly build: (p: Params) => Circuit;
  /** The statement's widths at a parameter point: fixed here, never read off the circuit. */
  readonly inputs: (p: Params) => number;
  readonly outputs: (p: Params) => number;
  /** The specification: output bits from input bits, in exact arithmetic. */
  readonly spec: (p: Params) => CircuitSpec;
  /**
   * Claimed bounds, as formulas of the parameters written in `src/proofs` (each names the
   * circuit figure it bounds and whether the paper states it or it is the construction's count).
   */
  readonly claimed: readonly ClaimedBound[];
  /** Points checked on every input. */
  readonly exhaustive: readonly Params[];
  /** Points checked on random inputs (runs per point in the default and full runs). */
  readonly property: readonly Params[];
  readonly propertyRuns?: { readonly default: number; readonly full: number };
  /**
   * Points of the depth/size sweep; `sweepKey` names the parameter that grows. Every sweep
   * circuit is property-checked too (`sweepRuns` random inputs, default 20 / 100 with `--full`)
   * before it is measured: only verified circuits are measured.
   */
  readonly sweep: { readonly default: readonly Params[]; readonly full: readonly Params[] };
  readonly sweepKey: string;
  readonly sweepRuns?: { readonly default: number; readonly full: number };
  /** Read alongside the fitted size exponent (e.g. when the size is not polynomial in the swept parameter). */
  readonly exponentNote?: string;
  /** An independent z3 formula of the spec, and the points to check it at. */
  readonly smt?: { readonly spec: (p: Params) => SmtSpec; readonly points: readonly Params[] };
  readonly exportOptions?: NonNullable<Lemma['exportCircuit']>['options'];
  /** Validate export options before building (sizes that do not fit are refused here). */
  readonly exportCheck?: (p: Params) => string | null;
}

const where = (p: Params): string =>
  Object.entries(p)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');

/** The statement of a family at a parameter point, widths included. @category destructors */
export const familyStatement = (fam: ArithmeticFamily, p: Params): CircuitStatement => ({
  inputs: fam.inputs(p),
  outputs: fam.outputs(p),
  spec: fam.spec(p),
  text: `the circuit computes the specification (${where(p)})`,
});

/**
 * Verify a family: exhaustive, property and sat tiers, then the depth/size sweep, every sweep
 * circuit property-checked before the kernel measures it. Every circuit a check verifies is
 * measured against every claim (once per parameter point). `construct` replaces the family's
 * construction and `claimed` its claims (honesty tests hand in broken ones).
 * @category verifiers
 */
export const verifyArithmeticFamily = async (
  fam: ArithmeticFamily,
  ctx: VerifyContext,
  construct: (p: Params) => Circuit = fam.build,
  claimed: readonly ClaimedBound[] = fam.claimed,
): Promise<LemmaReport> => {
  const sweep = ctx.full ? fam.sweep.full : fam.sweep.default;
  const steps = fam.exhaustive.length + fam.property.length + (fam.smt?.points.length ?? 0) + sweep.length;
  let step = 0;
  const tick = async (): Promise<void> => {
    ctx.progress(++step, steps);
    await new Promise((r) => setImmediate(r));
  };
  const tiers: TierRun[] = [];
  const measurements: Measurement[] = [];
  const measuredAt = new Set<string>();
  const statement = 'the circuit computes the specification';
  type Run = { where: string; run: TierRun };
  const record = (runs: Run[], p: Params, tier: Tier, r: Either<CheckFailure, Verified<CircuitClaim<Params>>>): void => {
    runs.push({ where: where(p), run: tierRun(r, tier, statement) });
    const key = JSON.stringify(p);
    if (isRight(r) && !measuredAt.has(key)) {
      measuredAt.add(key);
      measurements.push(...measureClaims(r.right, claimed));
    }
  };

  const ex: Run[] = [];
  for (const p of fam.exhaustive) {
    record(ex, p, 'exhaustive', checkCircuitExhaustive(construct(p), familyStatement(fam, p), p));
    await tick();
  }
  if (fam.exhaustive.length > 0) tiers.push(combineRuns('exhaustive', `${statement} on every input, at ${ex.map((r) => r.where).join('; ')}`, ex));

  const runs = ctx.full ? (fam.propertyRuns?.full ?? 2000) : (fam.propertyRuns?.default ?? 200);
  const pr: Run[] = [];
  for (const p of fam.property) {
    record(pr, p, 'property', checkCircuitProperty(construct(p), familyStatement(fam, p), p, { seed: ctx.seed, numRuns: runs }));
    await tick();
  }
  if (fam.property.length > 0) tiers.push(combineRuns('property', `${statement} on ${runs} random inputs each, at ${pr.map((r) => r.where).join('; ')}`, pr, ctx.seed));

  if (fam.smt !== undefined) {
    const sr: Run[] = [];
    for (const p of fam.smt.points) {
      record(sr, p, 'sat', await checkCircuitSmt(construct(p), familyStatement(fam, p), fam.smt.spec(p), p));
      await tick();
    }
    tiers.push(combineRuns('sat', `a z3 miter against a bit-vector formula of the spec is unsat, at ${sr.map((r) => r.where).join('; ')}`, sr));
  }

  const sweepRuns = ctx.full ? (fam.sweepRuns?.full ?? 100) : (fam.sweepRuns?.default ?? 20);
  const sw: Run[] = [];
  for (const p of sweep) {
    record(sw, p, 'property', checkCircuitProperty(construct(p), familyStatement(fam, p), p, { seed: ctx.seed, numRuns: sweepRuns }));
    await tick();
  }
  tiers.push(combineRuns('property', `${statement} on ${sweepRuns} random inputs at each sweep point (${sweep.map(where).join('; ')}), before it is measured`, sw, ctx.seed));

  // measurements at the sweep points, in sweep order (a point may have been measured earlier, by another tier)
  const at = (metric: string) =>
    sweep.flatMap((p) => measurements.filter((m) => m.metric === metric && JSON.stringify(m.params) === JSON.stringify(p)));
  const depthNotes = claimed
    .filter((c) => c.figure === 'depth' || c.figure === 'depthP1')
    .map((c) => {
      const ds = at(c.metric).map((m) => m.measured);
      return `${c.metric} over the sweep of ${fam.sweepKey}: ${ds.join(', ')} (${new Set(ds).size === 1 ? 'constant' : 'varies, within the claim where marked ok'})`;
    });
  const sizeNotes = claimed
    .filter((c) => c.figure === 'size')
    .map((c) => {
      const sizes = at(c.metric).map((m) => ({ n: m.params[fam.sweepKey] ?? 0, size: m.measured }));
      return `fitted ${c.metric} exponent in ${fam.sweepKey}: ${fittedExponent(sizes).toFixed(2)} (least squares of log size on log ${fam.sweepKey})${fam.exponentNote === undefined ? '' : `; ${fam.exponentNote}`}`;
    });
  const notes = [...depthNotes, ...sizeNotes];
  return report(requirementsOf({ tiers: familyTiers(fam), claimed }), tiers, measurements, notes);
};

/** The tiers a family runs. @category destructors */
export const familyTiers = (fam: ArithmeticFamily): Tier[] => [
  ...(fam.exhaustive.length > 0 ? (['exhaustive'] as const) : []),
  ...(fam.smt !== undefined ? (['sat'] as const) : []),
  'property',
];

/** A lemma value from a family. @category lemmas */
export const arithmeticLemma = (fam: ArithmeticFamily): Lemma => ({
  id: fam.id,
  title: fam.title,
  statement: fam.statement,
  reference: fam.reference,
  dependsOn: fam.dependsOn,
  claimed: fam.claimed,
  tiers: familyTiers(fam),
  verify: (ctx) => verifyArithmeticFamily(fam, ctx),
  ...(fam.modules === undefined ? {} : { modules: fam.modules }),
  ...(fam.exportOptions === undefined
    ? {}
    : {
        exportCircuit: {
          options: fam.exportOptions,
          ...(fam.smt === undefined ? {} : { smtSpec: fam.smt.spec }),
          build: (o): Either<string, Circuit> => {
            for (const opt of fam.exportOptions ?? []) {
              if (o[opt.name] === undefined) return left(`${fam.id}: --${opt.name} is required (${opt.description})`);
            }
            const problem = fam.exportCheck?.(o) ?? null;
            if (problem !== null) return left(`${fam.id}: ${problem}`);
            try {
              return right(fam.build(o));
            } catch (e) {
              return left(`${fam.id}: ${e instanceof Error ? e.message : String(e)}`);
            }
          },
        },
      }),
});
