/**
 * # Checking the proof tree
 *
 * Runs the verifier of every lemma (or a chosen few), times each, and returns the reports in
 * the stable `--json` shape of `tradeoff check`. A verifier that throws is reported as failing
 * with the error's message, never as holding.
 *
 * @module
 */
import type { Tier } from '../core/check.js';
import type { Lemma, LemmaReport, Measurement, VerifyContext } from './lemma.js';
import { registry } from './registry.js';

/** One lemma's entry in `tradeoff check --json`. @category model */
export interface LemmaResultJson {
  readonly id: string;
  readonly title: string;
  readonly reference: string;
  readonly verdict: 'holds' | 'fails' | 'skipped';
  readonly tiers: readonly Tier[];
  readonly claimed: readonly { readonly metric: string; readonly formula: string }[];
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
    opts.onStart?.(lemma, i, chosen.length);
    const ctx: VerifyContext = {
      seed: opts.seed,
      full: opts.full,
      progress: (done, total) => opts.onProgress?.(lemma, done, total),
    };
    const t0 = performance.now();
    let rep: LemmaReport;
    try {
      rep = await lemma.verify(ctx);
    } catch (e) {
      rep = {
        verdict: 'fails',
        tiers: [],
        measurements: [],
        notes: [`the verifier threw: ${e instanceof Error ? e.message : String(e)}`],
      };
    }
    const checked = { lemma, report: rep, durationMs: Math.round(performance.now() - t0) };
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
    tiers: [...new Set(report.tiers.map((t) => t.tier))],
    claimed: lemma.claimed.map((c) => ({ metric: c.metric, formula: c.formula })),
    measured: report.measurements,
    dependsOn: lemma.dependsOn,
    durationMs,
  })),
});
