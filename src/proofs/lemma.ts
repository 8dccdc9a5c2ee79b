/**
 * # Lemmas as values
 *
 * A {@link Lemma} bundles a statement of a paper with its construction, its claimed bounds (as
 * evaluable functions) and the strategies that verify it. `tradeoff check` walks the registry
 * and prints one {@link LemmaReport} per lemma.
 *
 * ## Main definitions
 * - {@link Lemma}, {@link ClaimedBound}, {@link LemmaReport}.
 * - {@link report}: a report whose verdict is the kernel's `judge` (`src/core/verdict.ts`);
 *   tier runs and measurements are made by the kernel too (`tierRun`, `combineRuns`,
 *   `measureCircuit`, `checkBound`), so a verifier cannot hand in a ✓ of its own.
 * - {@link measureClaims}: the claims on circuit figures, measured by the kernel on a verified circuit.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { CircuitClaim, Tier, Verified } from '../core/check.js';
import type { Circuit } from '../core/circuit.js';
import type { SmtSpec } from '../core/smt.js';
import { judge, measureCircuit, type CircuitFigure, type Measurement, type Params, type Requirements, type TierRun, type Verdict } from '../core/verdict.js';

export type { Params, TierRun, Measurement, CircuitFigure } from '../core/verdict.js';

/**
 * Where a claimed bound comes from: `paper`, the bound the paper states (P1 Lemma 1's size,
 * Lemma 4's 2^(−p/2+2)); `construction`, the library's own construction's count, where the
 * paper only says "constant depth" or "polynomial size" — the report says so next to it.
 * @category model
 */
export type ClaimSource = 'paper' | 'construction';

/**
 * A bound a statement claims: `metric ≤ at(params)`, with the formula in words. Circuit
 * statements name the `figure` of the verified circuit that the kernel measures for it.
 * Claims are written in `src/proofs` as formulas of the parameters, never read off a
 * construction.
 * @category model
 */
export interface ClaimedBound {
  /** The name it is reported under, e.g. `depth`, `size·lookup`, `depth·P1`. */
  readonly metric: string;
  readonly figure?: CircuitFigure;
  readonly formula: string;
  readonly at: (params: Params) => number;
  readonly source: ClaimSource;
  /** For a `paper` claim: where the paper states it, when that is not the lemma's own reference (e.g. `P1 Lemma 1`). */
  readonly ref?: string;
}

/** The result of verifying one lemma; its verdict is the kernel's {@link judge}. @category model */
export interface LemmaReport {
  /** `error`: out of memory or a solver that could not start, never a counterexample. */
  readonly verdict: Verdict;
  /** Why it fails or could not be checked (empty when it holds). */
  readonly problems: readonly string[];
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
 * Where a lemma lives in the repository: paths from the package root, e.g.
 * `src/reductions/lookupTable.ts`. The lemma pages (`docs/lemmas/`) and the README's paper map
 * are generated from them (`scripts/lemmaPages.ts`).
 * @category model
 */
export interface LemmaModules {
  /** The modules that build the circuit (or define the semantics) the statement is about. */
  readonly construction: readonly string[];
  /** The module that states the lemma: its claims, specification and verifier. */
  readonly proof: string;
}

/**
 * What a cited statement rests on: it is stated, not checked (`tradeoff check` reports it as
 * `cited`, never ✓). Its verifier checks only the finite instances it declares (possibly none).
 * @category model
 */
export interface Citation {
  /** Where it is proved (or conjectured), e.g. `P2 Cor 4.3`. */
  readonly source: string;
  /** The assumptions it is conditional on, each in words (empty for an unconditional result cited without proof). */
  readonly assumptions: readonly string[];
  /** Why the library does not check it, and what finite instances it checks instead. */
  readonly why: string;
}

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
  /** Where its construction and its proof are (for the generated docs). */
  readonly modules?: LemmaModules;
  /** Set for a statement that is cited, not checked: its verdict is at best `cited` (`judgeCited`). */
  readonly cited?: Citation;
  /** Build the circuit the lemma constructs, for `tradeoff export`. */
  readonly exportCircuit?: {
    readonly options: readonly { readonly name: string; readonly description: string; readonly default?: number }[];
    readonly build: (opts: ExportOptions) => Either<string, Circuit>;
    /** The sat tier's independent formula at these options, when the lemma has one (`tradeoff export --format smt2`). */
    readonly smtSpec?: (opts: ExportOptions) => SmtSpec;
  };
}

/** The kernel's requirements of a lemma: its declared tiers and claimed metrics. @category destructors */
export const requirementsOf = (l: Pick<Lemma, 'tiers' | 'claimed'>): Requirements => ({ tiers: l.tiers, claims: l.claimed.map((c) => c.metric) });

/**
 * Assemble a report; the verdict is the kernel's {@link judge} against the requirements
 * (`tradeoff check` judges again against the lemma's own declaration).
 * @category constructors
 */
export const report = (
  req: Requirements,
  tiers: readonly TierRun[],
  measurements: readonly Measurement[],
  notes: readonly string[] = [],
): LemmaReport => ({ ...judge(req, tiers, measurements), tiers, measurements, notes });

/**
 * Measure a verified circuit against the claims that name a figure, each evaluated at the
 * verified parameters; the comparison is the kernel's ({@link measureCircuit}).
 * @category constructors
 */
export const measureClaims = (v: Verified<CircuitClaim<Params>>, claims: readonly ClaimedBound[]): Measurement[] =>
  measureCircuit(
    v,
    claims.flatMap((c) => (c.figure === undefined ? [] : [{ metric: c.metric, figure: c.figure, claimed: c.at(v.claim.params) }])),
  );

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

