/**
 * # Lemmas as values
 *
 * A {@link Lemma} bundles a statement of a paper with its construction, its claimed bounds (as
 * evaluable functions) and the strategies that verify it. `tradeoff check` walks the registry
 * and prints one {@link LemmaReport} per lemma.
 *
 * ## Main definitions
 * - {@link Lemma}, {@link ClaimedBound}, {@link Measurement}, {@link TierRun}, {@link LemmaReport}.
 * - {@link fromCheck}: turn a kernel check result into a {@link TierRun}.
 * - {@link measure}: compare claimed bounds with measured figures for one parameter point.
 * - {@link verdictOf}: a report holds iff every tier run and every measurement holds.
 *
 * @module
 */
import { isRight, type Either } from 'fp-ts/lib/Either.js';
import type { CheckFailure, Tier, Verified } from '../core/check.js';
import type { Circuit } from '../core/circuit.js';

/** Parameters of a construction, e.g. `{ n: 64, c: 2, m: 3 }`. @category model */
export type Params = Readonly<Record<string, number>>;

/**
 * A bound a construction claims: `metric ≤ at(params)`, with the formula in words.
 * @category model
 */
export interface ClaimedBound {
  readonly metric: string;
  readonly formula: string;
  readonly at: (params: Params) => number;
}

/** A claimed bound next to what was measured, at one parameter point. @category model */
export interface Measurement {
  readonly params: Params;
  readonly metric: string;
  readonly claimed: number;
  readonly measured: number;
  readonly holds: boolean;
}

/** One run of one verification tier. @category model */
export interface TierRun {
  readonly tier: Tier;
  readonly holds: boolean;
  /** What was checked. */
  readonly statement: string;
  readonly cases: number;
  readonly seed?: number;
  /** On failure: the kernel's message and its (shrunk) counterexample. */
  readonly failure?: { readonly message: string; readonly counterexample?: unknown };
}

/** The result of verifying one lemma. @category model */
export interface LemmaReport {
  readonly verdict: 'holds' | 'fails' | 'skipped';
  readonly tiers: readonly TierRun[];
  readonly measurements: readonly Measurement[];
  /** Extra figures worth printing (e.g. a fitted size exponent). */
  readonly notes: readonly string[];
}

/** What `check` hands a lemma's verifier. @category model */
export interface VerifyContext {
  readonly seed: number;
  /** Run the long sweeps. */
  readonly full: boolean;
  /** Report progress (for a progress bar); `total` is the number of steps. */
  readonly progress: (done: number, total: number) => void;
}

/** Options of `tradeoff export ID`. @category model */
export type ExportOptions = Readonly<Record<string, number>>;

/**
 * A lemma or theorem of a paper, as a value.
 * @category model
 */
export interface Lemma {
  readonly id: string;
  readonly title: string;
  /** The statement, in words, as the paper gives it (paraphrased). */
  readonly statement: string;
  /** E.g. `P1 Lemma 1`. */
  readonly reference: string;
  readonly dependsOn: readonly string[];
  readonly claimed: readonly ClaimedBound[];
  /** The tiers the verifier runs by default. */
  readonly tiers: readonly Tier[];
  readonly verify: (ctx: VerifyContext) => Promise<LemmaReport>;
  /** Build the circuit the lemma constructs, for `tradeoff export`. */
  readonly exportCircuit?: {
    readonly options: readonly { readonly name: string; readonly description: string; readonly default?: number }[];
    readonly build: (opts: ExportOptions) => Either<string, Circuit>;
  };
}

/** Turn a kernel check result into a tier run. @category constructors */
export const fromCheck = <T>(r: Either<CheckFailure, Verified<T>>, tier: Tier, statement: string): TierRun => {
  if (isRight(r)) {
    const ev = r.right.evidence;
    return { tier: ev.tier, holds: true, statement: ev.statement, cases: ev.cases, ...(ev.seed === undefined ? {} : { seed: ev.seed }) };
  }
  const f = r.left;
  return {
    tier,
    holds: false,
    statement,
    cases: 0,
    ...(f.seed === undefined ? {} : { seed: f.seed }),
    failure: { message: f.message, ...(f.counterexample === undefined ? {} : { counterexample: f.counterexample }) },
  };
};

/** Compare every claimed bound with the measured figures at one parameter point. @category constructors */
export const measure = (
  claimed: readonly ClaimedBound[],
  params: Params,
  measured: Readonly<Record<string, number>>,
): Measurement[] =>
  claimed.flatMap((b) => {
    const m = measured[b.metric];
    if (m === undefined) return [];
    const c = b.at(params);
    return [{ params, metric: b.metric, claimed: c, measured: m, holds: m <= c }];
  });

/** A report holds iff it ran something and every tier run and every measurement holds. @category destructors */
export const verdictOf = (tiers: readonly TierRun[], measurements: readonly Measurement[]): LemmaReport['verdict'] =>
  tiers.length === 0 && measurements.length === 0
    ? 'skipped'
    : tiers.every((t) => t.holds) && measurements.every((m) => m.holds)
      ? 'holds'
      : 'fails';

/** Assemble a report. @category constructors */
export const report = (tiers: readonly TierRun[], measurements: readonly Measurement[], notes: readonly string[] = []): LemmaReport => ({
  verdict: verdictOf(tiers, measurements),
  tiers,
  measurements,
  notes,
});

/**
 * Least-squares slope of log(size) against log(n): the fitted size exponent.
 * @category destructors
 */
export const fittedExponent = (points: readonly { readonly n: number; readonly size: number }[]): number => {
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.size));
  const k = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / k;
  const my = ys.reduce((a, b) => a + b, 0) / k;
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
};

/**
 * Fold several runs of one tier into one: it holds iff all hold; cases add up; the first
 * failure is kept, prefixed with `where` it happened.
 * @category constructors
 */
export const combineRuns = (
  tier: Tier,
  statement: string,
  runs: readonly { readonly where: string; readonly run: TierRun }[],
  seed?: number,
): TierRun => {
  const failed = runs.find((r) => !r.run.holds);
  const cases = runs.reduce((a, r) => a + r.run.cases, 0);
  const base = { tier, statement, cases, ...(seed === undefined ? {} : { seed }) };
  if (failed === undefined) return { ...base, holds: true };
  const f = failed.run.failure;
  return {
    ...base,
    holds: false,
    failure: {
      message: `${failed.where}: ${f?.message ?? 'failed'}`,
      ...(f?.counterexample === undefined ? {} : { counterexample: f.counterexample }),
    },
  };
};
