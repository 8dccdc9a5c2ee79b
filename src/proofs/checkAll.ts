/**
 * # Checking the proof tree
 *
 * Runs the verifier of every lemma (or a chosen few), times each, and returns the reports in
 * the stable `--json` shape of `tradeoff check`. The verdict printed is the kernel's
 * (`judge`, `src/core/verdict.ts`) against the lemma's own declaration (its tiers and claimed
 * metrics), whatever verdict the verifier's report states: a report holds only if the
 * verifier said so *and* the kernel agrees. A verifier that throws is reported as failing with
 * the error's message, never as holding — except out of memory (a `RangeError`) or a solver
 * that could not start, reported as `error` (`resourceFailure`): not a counterexample, and not
 * a pass either.
 *
 * @module
 */
import type { Tier } from '../core/check.js';
import { judge, judgeCited, resourceFailure, type Verdict } from '../core/verdict.js';
import { requirementsOf, type Lemma, type LemmaReport, type Measurement, type VerifyContext } from './lemma.js';
import { registry } from './registry.js';

/** One lemma's entry in `tradeoff check --json`. @category model */
export interface LemmaResultJson {
  readonly id: string;
  readonly title: string;
  readonly reference: string;
  /** `error`: out of memory or a solver that could not start (the reason is in `problems`); `cited`: stated with its assumptions, not checked. */
  readonly verdict: Verdict;
  /** Why it fails (empty when it holds). */
  readonly problems: readonly string[];
  readonly tiers: readonly Tier[];
  readonly claimed: readonly { readonly metric: string; readonly formula: string; readonly source: 'paper' | 'construction' }[];
  readonly measured: readonly Measurement[];
  readonly dependsOn: readonly string[];
  readonly durationMs: number;
}

/** The whole `tradeoff check --json` document. @category model */
export interface CheckResultJson {
  readonly version: string;
  readonly seed: number;
  readonly lemmas: readonly LemmaResultJson[];
}

/** A lemma with its report, for printing. @category model */
export interface CheckedLemma {
  readonly lemma: Lemma;
  readonly report: LemmaReport;
  readonly durationMs: number;
}

/** Options of {@link checkLemmas}. @category model */
export interface CheckOptions {
  readonly seed: number;
  readonly full: boolean;
  readonly only?: readonly string[];
  readonly lemmas?: readonly Lemma[];
  /** Called before each lemma runs, and with its progress. */
  readonly onStart?: (lemma: Lemma, index: number, total: number) => void;
  readonly onProgress?: (lemma: Lemma, done: number, total: number) => void;
  readonly onDone?: (checked: CheckedLemma) => void;
}

/** Run a lemma's verifier and judge its report with the kernel against the lemma's declaration. */
const judged = async (lemma: Lemma, ctx: VerifyContext): Promise<LemmaReport> => {
  let rep: LemmaReport;
  try {
    rep = await lemma.verify(ctx);
  } catch (e) {
    const resource = resourceFailure(e);
    if (resource !== null) return { verdict: 'error', problems: [`could not be checked: ${resource}`], tiers: [], measurements: [], notes: [] };
    const problem = `the verifier threw: ${e instanceof Error ? e.message : String(e)}`;
    return { verdict: 'fails', problems: [problem], tiers: [], measurements: [], notes: [] };
  }
  // a report is the verifier's (untrusted) value: read it defensively
  const list = <T>(x: unknown): readonly T[] => (Array.isArray(x) ? (x as T[]) : []);
  const tiers = list<LemmaReport['tiers'][number]>(rep.tiers);
  const measurements = list<Measurement>(rep.measurements);
  const cited = lemma.cited !== undefined;
  const j = (cited ? judgeCited : judge)(requirementsOf(lemma), tiers, measurements);
  const stated = list<string>(rep.problems).map(String);
  // a cited statement's verifier reports `holds` for its finite instances (or `cited` when it has none)
  const own = rep.verdict === 'holds' || (cited && rep.verdict === 'cited') ? [] : stated.length > 0 ? stated : ['the verifier reports that it fails'];
  const problems = [...new Set([...own, ...j.problems])];
  // `error` only when the kernel says so and the verifier states nothing else; a cited statement is never `holds`
  const verdict: Verdict = problems.length === 0 ? (cited ? 'cited' : 'holds') : j.verdict === 'error' && problems.length === j.problems.length ? 'error' : 'fails';
  return { verdict, problems, tiers, measurements, notes: list<string>(rep.notes).map(String) };
};

/**
 * Verify the chosen lemmas, one after another.
 * @category checking
 */
export const checkLemmas = async (opts: CheckOptions): Promise<CheckedLemma[]> => {
  const all = opts.lemmas ?? registry;
  const chosen = opts.only === undefined || opts.only.length === 0 ? all : all.filter((l) => opts.only?.includes(l.id));
  const out: CheckedLemma[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const lemma = chosen[i]!;
    // a macrotask between lemmas: a signal handler (the CLI's Ctrl-C) gets to run
    await new Promise<void>((res) => setImmediate(res));
    opts.onStart?.(lemma, i, chosen.length);
    const ctx: VerifyContext = {
      seed: opts.seed,
      full: opts.full,
      progress: (done, total) => opts.onProgress?.(lemma, done, total),
    };
    const t0 = performance.now();
    const checked = { lemma, report: await judged(lemma, ctx), durationMs: Math.round(performance.now() - t0) };
    opts.onDone?.(checked);
    out.push(checked);
  }
  return out;
};

/** The `--json` document of a check. @category checking */
export const toCheckJson = (version: string, seed: number, checked: readonly CheckedLemma[]): CheckResultJson => ({
  version,
  seed,
  lemmas: checked.map(({ lemma, report, durationMs }) => ({
    id: lemma.id,
    title: lemma.title,
    reference: lemma.reference,
    verdict: report.verdict,
    problems: report.problems,
    tiers: [...new Set(report.tiers.map((t) => t.tier))],
    claimed: lemma.claimed.map((c) => ({ metric: c.metric, formula: c.formula, source: c.source })),
    measured: report.measurements,
    dependsOn: lemma.dependsOn,
    durationMs,
  })),
});
