/**
 * # Printing `tradeoff check`
 *
 * The human-readable proof tree: each lemma with its reference, verdict, tiers, claimed
 * against measured bounds and, on failure, the counterexample.
 *
 * @module
 */
import type { CheckedLemma } from '../proofs/checkAll.js';
import type { Measurement } from '../proofs/lemma.js';

const useColor = (): boolean => process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
const paint = (code: number, s: string): string => (useColor() ? `\u001b[${code}m${s}\u001b[0m` : s);
export const green = (s: string): string => paint(32, s);
export const red = (s: string): string => paint(31, s);
export const dim = (s: string): string => paint(2, s);
export const bold = (s: string): string => paint(1, s);

const mark = (v: 'holds' | 'fails' | 'error' | 'cited'): string =>
  v === 'holds' ? green('✔ holds') : v === 'cited' ? dim('§ cited (not checked)') : v === 'error' ? red('⚠ ERROR') : red('✘ FAILS');

const fmtNum = (x: number): string =>
  Number.isInteger(x) ? String(x) : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e9 ? x.toExponential(3) : String(Number(x.toPrecision(6)));

/** A plain text table with right-aligned columns. */
export const table = (header: readonly string[], rows: readonly (readonly string[])[], indent = ''): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => indent + r.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(header), ...rows.map(line)];
};

/**
 * Claimed against measured, one row per parameter point and one column per metric, each cell
 * `measured ≤ claimed` (the largest measurement when a point was measured several times, e.g.
 * one circuit per random function), or `measured > claimed ✘`.
 */
export const measurementTable = (ms: readonly Measurement[], indent: string): string[] => {
  if (ms.length === 0) return [];
  const paramNames = [...new Set(ms.flatMap((m) => Object.keys(m.params)))];
  const metricNames = [...new Set(ms.map((m) => m.metric))];
  const points = new Map<string, { params: Measurement['params']; cells: Map<string, Measurement> }>();
  for (const m of ms) {
    const key = JSON.stringify(paramNames.map((p) => m.params[p] ?? null));
    const point = points.get(key) ?? { params: m.params, cells: new Map<string, Measurement>() };
    points.set(key, point);
    const prev = point.cells.get(m.metric);
    if (prev === undefined || (prev.holds && (!m.holds || m.measured > prev.measured))) point.cells.set(m.metric, m);
  }
  const cell = (m: Measurement | undefined): string =>
    m === undefined ? '' : m.holds ? `${fmtNum(m.measured)} ≤ ${fmtNum(m.claimed)}` : m.problem !== undefined ? `✘ ${m.problem}` : `${fmtNum(m.measured)} > ${fmtNum(m.claimed)} ✘`;
  const rows = [...points.values()].map(({ params, cells }) => [
    ...paramNames.map((p) => (params[p] === undefined ? '' : fmtNum(params[p]))),
    ...metricNames.map((n) => cell(cells.get(n))),
  ]);
  return table([...paramNames, ...metricNames], rows, indent);
};

/** Render one checked lemma (its depth in the tree sets the indentation). */
export const formatLemma = (c: CheckedLemma, depth = 0): string[] => {
  const ind = '  '.repeat(depth);
  const { lemma, report } = c;
  const tiers = [...new Set(report.tiers.map((t) => t.tier))].join(', ') || 'none';
  const lines = [
    `${ind}${mark(report.verdict)}  ${bold(lemma.id)}  ${lemma.title}  ${dim(`[${lemma.reference}]`)}  ${dim(`tiers: ${tiers}; ${(c.durationMs / 1000).toFixed(1)} s`)}`,
    `${ind}    ${dim(lemma.statement)}`,
    ...(lemma.cited === undefined
      ? []
      : [`${ind}    cited from ${lemma.cited.source}, not checked: ${lemma.cited.why}`, ...lemma.cited.assumptions.map((a) => `${ind}      assumes: ${a}`)]),
  ];
  for (const t of report.tiers) {
    const seed = t.seed === undefined ? '' : `, seed ${t.seed}`;
    const skipped = t.skipped === undefined ? '' : `, ${t.skipped} skipped as outside the premise`;
    lines.push(`${ind}    ${t.holds ? green('✔') : red('✘')} ${t.tier}: ${t.statement} (${t.cases} cases${skipped}${seed})`);
    if (t.failure !== undefined) {
      lines.push(`${ind}      ${red(t.failure.message)}`);
      if (t.failure.counterexample !== undefined) lines.push(`${ind}      counterexample: ${JSON.stringify(t.failure.counterexample, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
    }
  }
  for (const p of report.problems) lines.push(`${ind}    ${red(`✘ ${p}`)}`);
  if (lemma.claimed.length > 0) {
    lines.push(`${ind}    claimed bounds (the kernel measures every verified circuit; each cell: measured ≤ claimed):`);
    for (const cl of lemma.claimed) {
      const source = cl.source === 'paper' ? `as ${cl.ref ?? lemma.reference} states it` : "the construction's own count: the paper claims only a constant / a polynomial";
      lines.push(`${ind}      ${cl.metric} ≤ ${cl.formula}  ${dim(`[${source}]`)}`);
    }
    lines.push(...measurementTable(report.measurements, `${ind}      `));
  }
  for (const n of report.notes) lines.push(`${ind}    ${dim(`note: ${n}`)}`);
  return lines;
};

/**
 * The proof tree: roots are the statements nothing else depends on; each is followed by what it
 * depends on, indented. A statement reached twice is printed once and referred to after.
 */
export const formatTree = (checked: readonly CheckedLemma[]): string[] => {
  const byId = new Map(checked.map((c) => [c.lemma.id, c]));
  const used = new Set(checked.flatMap((c) => c.lemma.dependsOn));
  const roots = checked.filter((c) => !used.has(c.lemma.id));
  const printed = new Set<string>();
  const out: string[] = [];
  const visit = (c: CheckedLemma, depth: number): void => {
    if (printed.has(c.lemma.id)) {
      out.push(`${'  '.repeat(depth)}↳ ${c.lemma.id} ${mark(c.report.verdict)} (above)`);
      return;
    }
    printed.add(c.lemma.id);
    out.push(...formatLemma(c, depth), '');
    for (const d of c.lemma.dependsOn) {
      const dc = byId.get(d);
      if (dc !== undefined) visit(dc, depth + 1);
      else out.push(`${'  '.repeat(depth + 1)}↳ ${d} ${dim('(not checked in this run)')}`);
    }
  };
  for (const r of roots) visit(r, 0);
  for (const c of checked) if (!printed.has(c.lemma.id)) visit(c, 0);
  return out;
};
