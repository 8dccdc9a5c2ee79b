/**
 * # Verdicts
 *
 * How checks become a verdict. A lemma's verifier (untrusted, in `src/proofs`) runs kernel
 * checkers and hands back tier runs and measurements; the verdict is computed here, from
 * values only this module makes, so that a verifier cannot report a ✓ that no check stands
 * behind.
 *
 * ## Main definitions
 * - {@link TierRun}: one run of one tier. Made only by {@link tierRun} (from a kernel check
 *   result: it holds only if a genuine {@link Verified} stands behind it) and by
 *   {@link combineRuns}; frozen and registered, so a hand-made `{ holds: true }` is refused.
 * - {@link Measurement}: a claimed bound next to a measured figure. Made only by
 *   {@link measureCircuit} (the kernel measures the very circuit a check verified, with
 *   `metrics.ts`) and {@link checkBound} (a scalar figure measured by the caller).
 * - {@link judge}: a verdict from declared requirements and the runs and measurements.
 *
 * ## Main results
 * {@link judge} says `holds` iff all of these hold, and otherwise `fails` with every reason:
 * at least one tier was declared and every declared tier ran; every run and measurement was
 * made by this module; every run holds and checked at least one case; every declared claim
 * was measured at least once, every measurement belongs to a declared claim, and every
 * measurement holds (measured ≤ claimed, both finite numbers).
 *
 * @module
 */
import { isRight, type Either } from 'fp-ts/lib/Either.js';
import { isVerified, type CheckFailure, type CircuitClaim, type Tier, type Verified } from './check.js';
import { metrics, type CircuitMetrics } from './metrics.js';

/** Parameters of a statement, e.g. `{ n: 64, c: 2, m: 3 }`. @category model */
export type Params = Readonly<Record<string, number>>;

/** One run of one verification tier. @category model */
export interface TierRun {
  readonly tier: Tier;
  readonly holds: boolean;
  /** What was checked. */
  readonly statement: string;
  readonly cases: number;
  /** Cases the predicate skipped (outside the statement's premise), within the stated fraction. */
  readonly skipped?: number;
  readonly seed?: number;
  /** On failure: the kernel's message and its (shrunk) counterexample. */
  readonly failure?: { readonly message: string; readonly counterexample?: unknown };
}

/** A claimed bound next to what was measured, at one parameter point. @category model */
export interface Measurement {
  readonly params: Params;
  readonly metric: string;
  readonly claimed: number;
  readonly measured: number;
  readonly holds: boolean;
  /** Why it does not hold, when that is not simply measured > claimed. */
  readonly problem?: string;
}

const made = new WeakSet<object>();
const registryHas = WeakSet.prototype.has;
const registryAdd = WeakSet.prototype.add;

const register = <T extends object>(x: T): T => {
  Object.freeze(x);
  registryAdd.call(made, x);
  return x;
};

/** Was `x` made by this module (a genuine tier run or measurement)? @category destructors */
export const isKernelMade = (x: unknown): boolean => registryHas.call(made, x as object); // false for non-objects

function failedRun(tier: Tier, statement: string, message: string, counterexample?: unknown, seed?: number): TierRun {
  return register({
    tier,
    holds: false,
    statement,
    cases: 0,
    ...(seed === undefined ? {} : { seed }),
    failure: Object.freeze({ message, ...(counterexample === undefined ? {} : { counterexample }) }),
  });
}

/**
 * Turn a kernel check result into a tier run. It holds only when the result carries a
 * {@link Verified} the kernel minted; the tier, statement and counts are then the evidence's.
 * @category constructors
 */
export const tierRun = <T>(r: Either<CheckFailure, Verified<T>>, tier: Tier, statement: string): TierRun => {
  if (isRight(r)) {
    if (!isVerified(r.right)) return failedRun(tier, statement, 'tierRun: the result carries no Verified minted by the kernel');
    const ev = r.right.evidence;
    return register({
      tier: ev.tier,
      holds: true,
      statement: ev.statement,
      cases: ev.cases,
      ...(ev.skipped === undefined ? {} : { skipped: ev.skipped }),
      ...(ev.seed === undefined ? {} : { seed: ev.seed }),
    });
  }
  const f = r.left;
  return failedRun(tier, statement, f.message, f.counterexample, f.seed);
};

/**
 * Fold several runs of one tier into one: it holds iff there is at least one run and every
 * run is genuine, of this tier, and holds; cases add up; the first failure is kept, prefixed
 * with `where` it happened.
 * @category constructors
 */
export const combineRuns = (
  tier: Tier,
  statement: string,
  runs: readonly { readonly where: string; readonly run: TierRun }[],
  seed?: number,
): TierRun => {
  if (runs.length === 0) return failedRun(tier, statement, 'combineRuns: no runs: nothing was checked', undefined, seed);
  let cases = 0;
  let skipped = 0;
  for (const { where, run } of runs) {
    if (!isKernelMade(run)) return failedRun(tier, statement, `${where}: combineRuns: a tier run not made by the kernel`, undefined, seed);
    if (run.tier !== tier) return failedRun(tier, statement, `${where}: combineRuns: a ${run.tier} run among ${tier} runs`, undefined, seed);
    if (!run.holds) {
      const f = run.failure;
      // Stryker disable next-line OptionalChaining,StringLiteral: equivalent — a failing run made here always has a failure
      return failedRun(tier, statement, `${where}: ${f?.message ?? 'failed'}`, f?.counterexample, seed ?? run.seed);
    }
    cases += run.cases;
    skipped += run.skipped ?? 0;
  }
  return register({ tier, holds: true, statement, cases, ...(skipped > 0 ? { skipped } : {}), ...(seed === undefined ? {} : { seed }) });
};

/**
 * The figures of a circuit a bound may be claimed on (`metrics.ts`): depth, size and wires in
 * the kernel's basis and in P1's (`…P1`), and the largest fan-in, weight and threshold.
 * @category model
 */
export type CircuitFigure = 'depth' | 'size' | 'wires' | 'maxFanIn' | 'maxWeight' | 'maxThreshold' | 'depthP1' | 'sizeP1' | 'wiresP1';

/** The figures, made at each call (so that a test reaches every mutant of the list). */
const figures = (): readonly CircuitFigure[] => ['depth', 'size', 'wires', 'maxFanIn', 'maxWeight', 'maxThreshold', 'depthP1', 'sizeP1', 'wiresP1'];

/** A bound to compare: the figure measured, the label it is reported under, the claimed value. @category model */
export interface BoundToCheck {
  readonly metric: string;
  readonly figure: CircuitFigure;
  readonly claimed: number;
}

const measurement = (params: Params, metric: string, claimed: number, measured: number, problem?: string): Measurement => {
  const finite = Number.isFinite(claimed) && Number.isFinite(measured);
  const why = problem ?? (finite ? undefined : `claimed ${claimed} and measured ${measured} must both be finite numbers`);
  return register({
    params: Object.freeze({ ...params }),
    metric,
    claimed,
    measured,
    holds: why === undefined && measured <= claimed,
    ...(why === undefined ? {} : { problem: why }),
  });
};

/**
 * Measure the circuit a kernel check verified and compare each bound with it. The parameters
 * reported are the verified claim's. A value that is not a genuine {@link Verified} of a
 * circuit, or a figure the kernel does not know, gives a failing measurement.
 * @category constructors
 */
export const measureCircuit = (v: Verified<CircuitClaim<Params>>, bounds: readonly BoundToCheck[]): Measurement[] => {
  if (!isVerified(v)) return bounds.map((b) => measurement({}, b.metric, b.claimed, Number.NaN, 'measureCircuit: not a circuit verified by the kernel'));
  const params = v.claim.params;
  let m: CircuitMetrics;
  try {
    m = metrics(v.claim.circuit);
  } catch (e) {
    return bounds.map((b) => measurement(params, b.metric, b.claimed, Number.NaN, `measureCircuit: ${e instanceof Error ? e.message : String(e)}`));
  }
  const known = figures();
  return bounds.map((b) =>
    known.includes(b.figure)
      ? measurement(params, b.metric, b.claimed, m[b.figure])
      : measurement(params, b.metric, b.claimed, Number.NaN, `measureCircuit: unknown figure '${String(b.figure)}' (known: ${known.join(', ')})`),
  );
};

/**
 * Compare a scalar figure the caller measured (an error bound, a count of layers) with its
 * claimed bound.
 * @category constructors
 */
export function checkBound(metric: string, claimed: number, measured: number, params: Params = {}): Measurement {
  return measurement(params, metric, claimed, measured);
}

/** What a statement declares it is verified by: its tiers and the metrics of its claimed bounds. @category model */
export interface Requirements {
  readonly tiers: readonly Tier[];
  readonly claims: readonly string[];
}

/**
 * A statement's verdict: `holds`; `fails`, a check found a difference or a broken rule; `error`,
 * the check could not run to the end for want of resources — out of memory (a `RangeError`, e.g.
 * `Invalid array length`, or an allocation failure) or a solver that could not start — and
 * nothing else was wrong. `error` is never `holds`: `tradeoff check` exits non-zero for it too.
 * `cited`: a statement the library states with its assumptions but does not check (a
 * conditional lower bound, P2 Conj 2.4 and what follows from it); only {@link judgeCited} gives
 * it, and only when every finite instance the statement declares was checked and holds. It is
 * never `holds`, and `tradeoff check` prints it as cited, not ✓.
 * @category model
 */
export type Verdict = 'holds' | 'fails' | 'error' | 'cited';

/** Marker of a failure message that says a solver could not start (see {@link resourceFailure}). */
const SOLVER_START = /z3 initialisation failed|solver (could not|cannot) start/i;

/**
 * Why a thrown value is a resource failure, not a counterexample, or `null`: a `RangeError`
 * (what V8 throws when an array, a typed array or a string cannot be that long), an
 * out-of-memory message, or a solver that could not start.
 * @category destructors
 */
export const resourceFailure = (e: unknown): string | null => {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError) return `out of memory or over a size limit (RangeError: ${message})`;
  if (/out of memory|allocation failed|heap limit/i.test(message)) return `out of memory (${message})`;
  if (SOLVER_START.test(message)) return `the solver could not start (${message})`;
  return null;
};

/** A verdict with every reason it is not `holds`. @category model */
export interface Judgement {
  readonly verdict: Verdict;
  readonly problems: readonly string[];
}

/**
 * The verdict on a statement (see the module notes for the rules).
 * @category destructors
 */
export const judge = (req: Requirements, tiers: readonly TierRun[], measurements: readonly Measurement[]): Judgement => {
  const problems: string[] = [];
  let resource = 0; // problems that are a solver that could not start
  if (req.tiers.length === 0) problems.push('the statement declares no verification tier');
  if (tiers.length === 0) problems.push('no tier ran: nothing was checked');
  for (const t of req.tiers) if (!tiers.some((r) => r.tier === t)) problems.push(`the declared tier '${t}' did not run`);
  tiers.forEach((r, i) => {
    if (!isKernelMade(r)) {
      problems.push(`tier run ${i + 1} was not made by the kernel`);
      return;
    }
    if (!r.holds) {
      // Stryker disable next-line OptionalChaining,StringLiteral: equivalent — a failing run made here always has a failure
      const message = r.failure?.message ?? 'failed';
      if (SOLVER_START.test(message)) {
        resource++;
        problems.push(`tier run ${i + 1} (${r.tier}) could not run: ${message}`);
      } else problems.push(`tier run ${i + 1} (${r.tier}) fails: ${message}`);
      return;
    }
    // Stryker disable next-line all: a guard — every run made here that holds checked at least one case (the checkers refuse none)
    if (!(r.cases >= 1)) problems.push(`tier run ${i + 1} (${r.tier}) checked no case`);
  });
  const claimed = new Set(req.claims);
  for (const c of claimed) if (!measurements.some((m) => m.metric === c)) problems.push(`the claim on '${c}' was never measured`);
  measurements.forEach((m, i) => {
    if (!isKernelMade(m)) problems.push(`measurement ${i + 1} was not made by the kernel`);
    else if (!claimed.has(m.metric)) problems.push(`measurement ${i + 1} is of '${m.metric}', which no claim names`);
    else if (!m.holds) problems.push(`${m.metric} at ${JSON.stringify(m.params)}: ${m.problem ?? `measured ${m.measured} exceeds the claimed ${m.claimed}`}`);
  });
  return { verdict: problems.length === 0 ? 'holds' : problems.length === resource ? 'error' : 'fails', problems };
};

/**
 * The verdict on a cited statement (one that states its assumptions and is not checked): `cited`
 * when the finite instances it declares (tiers and claims, possibly none) hold by {@link judge},
 * else the verdict {@link judge} gives them. A cited statement that declares no tier ran nothing
 * and is `cited` only if no tier run or measurement was handed in either.
 * @category destructors
 */
export const judgeCited = (req: Requirements, tiers: readonly TierRun[], measurements: readonly Measurement[]): Judgement => {
  if (req.tiers.length === 0 && req.claims.length === 0) {
    return tiers.length === 0 && measurements.length === 0 ? { verdict: 'cited', problems: [] } : { verdict: 'fails', problems: ['a cited statement that declares no finite check handed in tier runs or measurements'] };
  }
  const j = judge(req, tiers, measurements);
  return j.verdict === 'holds' ? { verdict: 'cited', problems: [] } : j;
};
