/**
 * # `tradeoff report`: the check, ready for a paper's appendix
 *
 * `tradeoff report --format markdown|latex|json [--seed S] [--only ID…] [--full]` runs the same
 * check as `tradeoff check` ({@link checkLemmas}) and prints, for every statement, its
 * statement, reference, verdict, the tiers that ran (with their cases and seeds), the claimed
 * bounds (formula and source) against the measured ones, and its dependencies, under a header
 * that names the package version, the commit (`git rev-parse HEAD` when the package is a git
 * checkout, else `unknown`) and the seed — everything a reader needs to rerun it.
 *
 * ## Main definitions
 * - {@link ReportJson}: the report as data (`--format json`): the `tradeoff check --json`
 *   document plus the commit, the statements, the claims' references and the tier runs.
 * - {@link buildReport}: the report of a finished check.
 * - {@link reportMarkdown}, {@link reportLatex}, {@link reportJsonText}: its three renderings,
 *   pure functions of the {@link ReportJson}.
 * - {@link latexEscape}: plain text (with the Unicode the statements use: ≤, ⊕, ⌈⌉, ₂, …) as
 *   LaTeX that compiles with no package beyond the LaTeX kernel.
 * - {@link measurementGrid}: claimed against measured, one row per parameter point.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLemmas, toCheckJson, type CheckedLemma, type LemmaResultJson } from '../proofs/checkAll.js';
import type { Measurement } from '../proofs/lemma.js';

/** One tier run, as the report prints it. @category model */
export interface ReportTierRun {
  readonly tier: string;
  readonly holds: boolean;
  readonly statement: string;
  readonly cases: number;
  readonly skipped?: number;
  readonly seed?: number;
}

/** One statement of the report: its `check --json` entry, plus what a reader needs. @category model */
export interface ReportLemma extends Omit<LemmaResultJson, 'claimed'> {
  readonly statement: string;
  readonly claimed: readonly { readonly metric: string; readonly formula: string; readonly source: 'paper' | 'construction'; readonly ref?: string }[];
  readonly tierRuns: readonly ReportTierRun[];
  readonly notes: readonly string[];
}

/** The whole report (`tradeoff report --format json`). @category model */
export interface ReportJson {
  readonly format: 'parallelism-tradeoff/report';
  readonly package: string;
  readonly version: string;
  /** `git rev-parse HEAD` of the package, or `unknown`. */
  readonly commit: string;
  readonly seed: number;
  readonly full: boolean;
  readonly lemmas: readonly ReportLemma[];
}

/** The output formats of `tradeoff report`. @category model */
export type ReportFormat = 'markdown' | 'latex' | 'json';
/** @category model */
export const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'latex', 'json'];

/**
 * The report of a finished check: `toCheckJson` of it, each entry completed with its lemma's
 * statement, its claims' references and its tier runs.
 * @category constructors
 */
export const buildReport = (opts: { readonly version: string; readonly commit: string; readonly seed: number; readonly full: boolean }, checked: readonly CheckedLemma[]): ReportJson => {
  const json = toCheckJson(opts.version, opts.seed, checked);
  return {
    format: 'parallelism-tradeoff/report',
    package: 'parallelism-tradeoff',
    version: opts.version,
    commit: opts.commit,
    seed: opts.seed,
    full: opts.full,
    lemmas: json.lemmas.map((entry, i) => {
      const { lemma, report } = checked[i]!;
      return {
        ...entry,
        statement: lemma.statement,
        claimed: lemma.claimed.map((c) => ({ metric: c.metric, formula: c.formula, source: c.source, ...(c.ref === undefined ? {} : { ref: c.ref }) })),
        tierRuns: report.tiers.map((t) => ({
          tier: t.tier,
          holds: t.holds,
          statement: t.statement,
          cases: t.cases,
          ...(t.skipped === undefined ? {} : { skipped: t.skipped }),
          ...(t.seed === undefined ? {} : { seed: t.seed }),
        })),
        notes: report.notes,
      };
    }),
  };
};

/**
 * The commit of the package's own git checkout (`git rev-parse HEAD` at the package root,
 * `root`), or `unknown`: also when the package root is not the top of its repository (an
 * installed copy inside some other project's checkout, whose commit would say nothing about
 * this package). Not pure: runs git.
 * @category constructors
 */
export const gitCommit = (root: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..')): string => {
  try {
    const out = execFileSync('git', ['rev-parse', '--show-toplevel', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
      .trim()
      .split('\n');
    const [top, head] = [out[0]?.trim() ?? '', out[1]?.trim() ?? ''];
    if (realpathSync(top) !== realpathSync(root)) return 'unknown';
    return /^[0-9a-f]{40,64}$/.test(head) ? head : 'unknown';
  } catch {
    return 'unknown';
  }
};

/** Run the check and build its report (what `tradeoff report` does before printing). @category constructors */
export const runReport = async (opts: { readonly version: string; readonly seed: number; readonly full: boolean; readonly only: readonly string[]; readonly commit?: string }): Promise<ReportJson> => {
  const checked = await checkLemmas({ seed: opts.seed, full: opts.full, only: opts.only });
  return buildReport({ version: opts.version, commit: opts.commit ?? gitCommit(), seed: opts.seed, full: opts.full }, checked);
};

const fmtNum = (x: number): string =>
  Number.isInteger(x) ? String(x) : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e9 ? x.toExponential(3) : String(Number(x.toPrecision(6)));

/** A cell of the claimed-against-measured grid. @category model */
export type GridCell = { readonly kind: 'holds' | 'exceeds'; readonly measured: number; readonly claimed: number } | { readonly kind: 'problem'; readonly problem: string } | { readonly kind: 'none' };

/**
 * Claimed against measured: one column per parameter, then one per metric; one row per
 * parameter point; a cell is the largest measurement of that metric at that point (a failing
 * one first), as in `tradeoff check`'s tree.
 * @category destructors
 */
export const measurementGrid = (ms: readonly Measurement[]): { readonly params: readonly string[]; readonly metrics: readonly string[]; readonly rows: readonly { readonly values: readonly string[]; readonly cells: readonly GridCell[] }[] } => {
  const params = [...new Set(ms.flatMap((m) => Object.keys(m.params)))];
  const metrics = [...new Set(ms.map((m) => m.metric))];
  const points = new Map<string, { p: Measurement['params']; cells: Map<string, Measurement> }>();
  for (const m of ms) {
    const key = JSON.stringify(params.map((p) => m.params[p] ?? null));
    const point = points.get(key) ?? { p: m.params, cells: new Map<string, Measurement>() };
    points.set(key, point);
    const prev = point.cells.get(m.metric);
    if (prev === undefined || (prev.holds && (!m.holds || m.measured > prev.measured))) point.cells.set(m.metric, m);
  }
  const cell = (m: Measurement | undefined): GridCell =>
    m === undefined
      ? { kind: 'none' }
      : !m.holds && m.problem !== undefined
        ? { kind: 'problem', problem: m.problem }
        : { kind: m.holds ? 'holds' : 'exceeds', measured: m.measured, claimed: m.claimed };
  return {
    params,
    metrics,
    rows: [...points.values()].map(({ p, cells }) => ({
      values: params.map((n) => (p[n] === undefined ? '' : fmtNum(p[n]))),
      cells: metrics.map((n) => cell(cells.get(n))),
    })),
  };
};

const claimSource = (l: ReportLemma, c: ReportLemma['claimed'][number]): string =>
  c.source === 'paper' ? `the paper's bound (${c.ref ?? l.reference})` : "the construction's own count (the paper claims only a constant or a polynomial)";

const tierLine = (t: ReportTierRun): string =>
  `${t.tier}: ${t.statement} (${t.cases} cases${t.skipped === undefined ? '' : `, ${t.skipped} skipped as outside the premise`}${t.seed === undefined ? '' : `, seed ${t.seed}`}) — ${t.holds ? 'holds' : 'FAILS'}`;

const summary = (r: ReportJson): string => {
  const holds = r.lemmas.filter((l) => l.verdict === 'holds').length;
  return `${holds} of ${r.lemmas.length} statements hold`;
};

// ---------------------------------------------------------------- markdown

const mdCell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mdGridCell = (c: GridCell): string =>
  c.kind === 'none' ? '' : c.kind === 'problem' ? `✘ ${mdCell(c.problem)}` : c.kind === 'holds' ? `${fmtNum(c.measured)} ≤ ${fmtNum(c.claimed)}` : `**${fmtNum(c.measured)} > ${fmtNum(c.claimed)}** ✘`;

/** The report as Markdown (GitHub-flavoured tables). @category renderings */
export const reportMarkdown = (r: ReportJson): string => {
  const out: string[] = [
    `# ${r.package} ${r.version}: checked statements`,
    '',
    `- package: \`${r.package}\` version ${r.version}`,
    `- commit: \`${r.commit}\``,
    `- seed: ${r.seed}${r.full ? ' (full sweeps)' : ''}`,
    `- rerun: \`npx tradeoff report --format markdown --seed ${r.seed}${r.full ? ' --full' : ''}${r.lemmas.length > 0 ? ` --only ${r.lemmas.map((l) => l.id).join(',')}` : ''}\``,
    `- result: ${summary(r)}`,
    '',
  ];
  for (const l of r.lemmas) {
    out.push(`## \`${l.id}\`: ${l.title}`, '');
    out.push(`**${l.reference}.** ${l.statement}`, '');
    out.push(`- verdict: **${l.verdict}**${l.durationMs > 0 ? ` (${(l.durationMs / 1000).toFixed(1)} s)` : ''}`);
    out.push(`- tiers: ${l.tiers.length > 0 ? l.tiers.join(', ') : 'none'}`);
    out.push(`- depends on: ${l.dependsOn.length > 0 ? l.dependsOn.map((d) => `\`${d}\``).join(', ') : 'nothing'}`);
    for (const p of l.problems) out.push(`- ✘ ${p}`);
    out.push('');
    if (l.tierRuns.length > 0) {
      out.push('Tier runs:', '');
      for (const t of l.tierRuns) out.push(`- ${tierLine(t)}`);
      out.push('');
    }
    if (l.claimed.length > 0) {
      out.push('Claimed bounds:', '', '| metric | claimed bound | source |', '|---|---|---|');
      for (const c of l.claimed) out.push(`| ${mdCell(c.metric)} | ${mdCell(c.formula)} | ${mdCell(claimSource(l, c))} |`);
      out.push('');
    }
    const g = measurementGrid(l.measured);
    if (g.rows.length > 0) {
      out.push('Measured ≤ claimed, at each parameter point:', '');
      out.push(`| ${[...g.params, ...g.metrics].map(mdCell).join(' | ')} |`, `|${[...g.params, ...g.metrics].map(() => '---:').join('|')}|`);
      for (const row of g.rows) out.push(`| ${[...row.values, ...row.cells.map(mdGridCell)].join(' | ')} |`);
      out.push('');
    }
    for (const n of l.notes) out.push(`Note: ${n}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
};

// ---------------------------------------------------------------- LaTeX

const MATH: Readonly<Record<string, string>> = {
  '≤': '\\le', '≥': '\\ge', '≠': '\\ne', '≈': '\\approx', '⊕': '\\oplus', '⊗': '\\otimes', '⊘': '\\oslash', '∼': '\\sim', '≡': '\\equiv', '⋅': '\\cdot', '∏': '\\prod', '·': '\\cdot', '×': '\\times', '−': '-',
  '±': '\\pm', '∈': '\\in', '∉': '\\notin', '⊆': '\\subseteq', '→': '\\to', '←': '\\leftarrow', '⇄': '\\rightleftarrows', '⇒': '\\Rightarrow',
  '↦': '\\mapsto', '∞': '\\infty', '√': '\\surd', '∑': '\\sum', '⌈': '\\lceil', '⌉': '\\rceil', '⌊': '\\lfloor', '⌋': '\\rfloor',
  '′': "'", '″': "''", 'ℓ': '\\ell', 'ℤ': '\\mathbf{Z}', 'ℕ': '\\mathbf{N}', 'ℝ': '\\mathbf{R}', 'ℚ': '\\mathbf{Q}', '∀': '\\forall', '∃': '\\exists',
  '∧': '\\wedge', '∨': '\\vee', '¬': '\\neg', '∘': '\\circ', '∅': '\\emptyset', '⟨': '\\langle', '⟩': '\\rangle', '∣': '\\mid',
  '<': '<', '>': '>', '|': '|',
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta', ι: '\\iota', κ: '\\kappa',
  λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi', ρ: '\\rho', σ: '\\sigma', τ: '\\tau', υ: '\\upsilon', φ: '\\varphi', χ: '\\chi',
  ψ: '\\psi', ω: '\\omega', Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi', Π: '\\Pi', Σ: '\\Sigma', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
};
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const TEXT: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', '`': '\\textasciigrave{}',
  '—': '---', '–': '--', '…': '\\ldots{}', '§': '\\S{}', '¶': '\\P{}', '‘': '`', '’': "'", '“': '``', '”': "''", '«': '<<', '»': '>>', '\u00a0': '~',
  '✔': '\\ensuremath{\\surd}', '✓': '\\ensuremath{\\surd}', '✘': '\\ensuremath{\\times}', '✗': '\\ensuremath{\\times}', '↳': '\\ensuremath{\\hookrightarrow}',
  é: "\\'e", è: '\\`e', á: "\\'a", ö: '\\"o', ü: '\\"u', ä: '\\"a', ó: "\\'o", í: "\\'i", ř: '\\v{r}', š: '\\v{s}', č: '\\v{c}',
};

/**
 * Plain text as LaTeX: the ten special characters escaped, and every non-ASCII character the
 * statements use (≤, ⊕, ·, ⌈⌉, Greek letters, ₂, ², ′, —, …) as a kernel LaTeX command, math
 * symbols inside `\ensuremath` (safe in text and in math). A character it does not know is
 * written as its code point, `[U+2298]`, so that the output is always ASCII and compiles.
 * @category renderings
 */
export const latexEscape = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const sub = SUB.indexOf(ch);
    const sup = SUP.indexOf(ch);
    if (TEXT[ch] !== undefined) out += TEXT[ch];
    else if (MATH[ch] !== undefined) out += `\\ensuremath{${MATH[ch]}}`;
    else if (sub >= 0) out += `\\ensuremath{_{${sub}}}`;
    else if (sup >= 0) out += `\\ensuremath{^{${sup}}}`;
    else if (ch.codePointAt(0)! > 0x7e) out += `\\texttt{[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]}`;
    else out += ch;
  }
  return out;
};

const texGridCell = (c: GridCell): string =>
  c.kind === 'none'
    ? ''
    : c.kind === 'problem'
      ? `\\ensuremath{\\times} ${latexEscape(c.problem)}`
      : c.kind === 'holds'
        ? `${fmtNum(c.measured)} \\ensuremath{\\le} ${fmtNum(c.claimed)}`
        : `\\textbf{${fmtNum(c.measured)} \\ensuremath{>} ${fmtNum(c.claimed)}}`;

/**
 * The report as a LaTeX fragment for `\input` in an appendix: one `\subsection*` per statement;
 * it uses only the LaTeX kernel (`tabular`, `description`), no package.
 * @category renderings
 */
export const reportLatex = (r: ReportJson): string => {
  const e = latexEscape;
  const out: string[] = [
    `% Generated by \`tradeoff report --format latex\` (${r.package} ${r.version}); do not edit.`,
    `% ${r.package} ${r.version}, commit ${r.commit}, seed ${r.seed}${r.full ? ', full sweeps' : ''}.`,
    `\\paragraph{Checked statements.} Verified by \\texttt{${e(r.package)}} version ${e(r.version)}, commit \\texttt{${e(r.commit)}}, seed ${r.seed}${r.full ? ' (full sweeps)' : ''}: ${e(summary(r))}.`,
    `Rerun: \\texttt{npx tradeoff report --format latex --seed ${r.seed}${r.full ? ' --full' : ''}${r.lemmas.length > 0 ? ` --only ${e(r.lemmas.map((l) => l.id).join(','))}` : ''}}.`,
    '',
  ];
  for (const l of r.lemmas) {
    out.push(`\\subsection*{\\texttt{${e(l.id)}}: ${e(l.title)}}`);
    out.push(`\\textbf{${e(l.reference)}.} ${e(l.statement)}`, '');
    out.push('\\begin{description}');
    out.push(`\\item[Verdict] ${l.verdict === 'holds' ? 'holds' : `\\textbf{${e(l.verdict)}}`}${l.durationMs > 0 ? ` (${(l.durationMs / 1000).toFixed(1)}\\,s)` : ''}.`);
    out.push(`\\item[Tiers] ${l.tiers.length > 0 ? e(l.tiers.join(', ')) : 'none'}.`);
    out.push(`\\item[Depends on] ${l.dependsOn.length > 0 ? l.dependsOn.map((d) => `\\texttt{${e(d)}}`).join(', ') : 'nothing'}.`);
    for (const p of l.problems) out.push(`\\item[Problem] ${e(p)}`);
    for (const t of l.tierRuns) out.push(`\\item[${e(t.tier)}] ${e(tierLine(t).slice(t.tier.length + 2))}.`);
    for (const c of l.claimed) out.push(`\\item[Claim: ${e(c.metric)}] ${e(c.metric)} \\ensuremath{\\le} ${e(c.formula)} (${e(claimSource(l, c))}).`);
    for (const n of l.notes) out.push(`\\item[Note] ${e(n)}`);
    out.push('\\end{description}');
    const g = measurementGrid(l.measured);
    if (g.rows.length > 0) {
      const cols = g.params.length + g.metrics.length;
      out.push('', '\\begin{tabular}{' + 'r'.repeat(cols) + '}', `${[...g.params, ...g.metrics].map(e).join(' & ')} \\\\`, '\\hline');
      for (const row of g.rows) out.push(`${[...row.values.map(e), ...row.cells.map(texGridCell)].join(' & ')} \\\\`);
      out.push('\\end{tabular}');
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
};

// ---------------------------------------------------------------- JSON

/** The report as JSON (two-space indented). @category renderings */
export const reportJsonText = (r: ReportJson): string => `${JSON.stringify(r, null, 2)}\n`;

/** The report in one of the three formats. @category renderings */
export const renderReport = (r: ReportJson, format: ReportFormat): string =>
  format === 'markdown' ? reportMarkdown(r) : format === 'latex' ? reportLatex(r) : reportJsonText(r);
