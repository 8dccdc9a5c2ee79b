/**
 * # Sweep plots
 *
 * Renders a constant-depth sweep (measured circuit depth and size against input size n, for
 * several circuit families, with the claimed bounds as dashed lines) to one SVG with two
 * panels side by side: "depth vs n" (log₂ x, linear y) and "size vs n" (log₂ x, log₁₀ y).
 *
 * The chart is written as a vega-lite spec ({@link sweepSpec}), compiled to a vega spec and
 * rendered headless in Node by vega's `View.toSVG()` with the `'none'` renderer: no browser
 * and no canvas are needed (without `canvas`, vega estimates text widths from the font size,
 * which is deterministic). The output holds no timestamps or per-process ids, so the same
 * input always gives byte-identical SVG, fit to be committed and diffed.
 *
 * @module
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One measured point of a sweep: a circuit built for input size `n`. */
export interface SweepPoint {
  /** Input size (≥ 1; plotted on a log₂ axis). */
  n: number;
  /** Measured depth of the circuit. */
  depth: number;
  /** Measured size (gate count) of the circuit; non-positive sizes are left out of the log-scale size panel. */
  size: number;
  /** The depth bound claimed for this n, drawn dashed. */
  claimedDepth?: number;
  /** The size bound claimed for this n, drawn dashed. */
  claimedSize?: number;
}

/** One circuit family of a sweep: a name (legend entry) and its points. */
export interface SweepSeries {
  /** Legend name of the family; must be unique within a plot. */
  family: string;
  /** The points, in any order (they are sorted by n). */
  points: SweepPoint[];
}

/** What {@link renderSweepSvg} draws. */
export interface SweepPlotInput {
  /** Figure title. */
  title: string;
  /** Optional line under the title. */
  subtitle?: string;
  /** The families; legend order follows this order. */
  series: SweepSeries[];
}

/** A flattened data row of the chart (one value of one metric of one point). */
export interface SweepRow {
  family: string;
  n: number;
  metric: 'depth' | 'size';
  kind: 'measured' | 'claimed';
  value: number;
}

/** Width of each panel's plotting area, in pixels. */
export const PANEL_WIDTH = 280;
/** Height of each panel's plotting area, in pixels. */
export const PANEL_HEIGHT = 240;

const FONT = 'Helvetica, Arial, sans-serif';

const checkFinite = (family: string, n: number, field: string, value: number): void => {
  if (!Number.isFinite(value)) {
    throw new RangeError(`plotSweep: ${family} at n=${n}: ${field} is not a finite number (${value})`);
  }
};

/**
 * Flattens the series into chart rows, checking the input: families must be unique and
 * non-empty-named, every number finite, every n ≥ 1 (for the log₂ axis), and there must be at
 * least one point. Rows are ordered
 * by family (input order), then n, then metric and kind, so the output does not depend on the
 * order of points.
 *
 * @throws RangeError on invalid input.
 */
export const sweepRows = (input: SweepPlotInput): SweepRow[] => {
  const seen = new Set<string>();
  const rows: SweepRow[] = [];
  for (const { family, points } of input.series) {
    if (family.length === 0) throw new RangeError('plotSweep: empty family name');
    if (seen.has(family)) throw new RangeError(`plotSweep: duplicate family ${JSON.stringify(family)}`);
    seen.add(family);
    const sorted = [...points].sort((a, b) => a.n - b.n);
    for (const p of sorted) {
      checkFinite(family, p.n, 'n', p.n);
      if (p.n < 1) throw new RangeError(`plotSweep: ${family}: n must be ≥ 1 for the log axis (got ${p.n})`);
      checkFinite(family, p.n, 'depth', p.depth);
      checkFinite(family, p.n, 'size', p.size);
      rows.push({ family, n: p.n, metric: 'depth', kind: 'measured', value: p.depth });
      if (p.claimedDepth !== undefined) {
        checkFinite(family, p.n, 'claimedDepth', p.claimedDepth);
        rows.push({ family, n: p.n, metric: 'depth', kind: 'claimed', value: p.claimedDepth });
      }
      rows.push({ family, n: p.n, metric: 'size', kind: 'measured', value: p.size });
      if (p.claimedSize !== undefined) {
        checkFinite(family, p.n, 'claimedSize', p.claimedSize);
        rows.push({ family, n: p.n, metric: 'size', kind: 'claimed', value: p.claimedSize });
      }
    }
  }
  if (rows.length === 0) throw new RangeError('plotSweep: no points to plot');
  return rows;
};

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `k` in superscript digits (k a non-negative integer). */
const superscript = (k: number): string => [...String(k)].map((d) => SUPERSCRIPT[Number(d)] ?? d).join('');

/**
 * Tick values and labels of a log axis over `[lo, hi]` (lo, hi > 0): the powers of `base`
 * from ⌊log lo⌋ to ⌈log hi⌉ (x axis: clipped to [lo, hi], whose domain is not rounded),
 * thinned to at most `maxTicks`. Labels are `base^k` with superscript k, or plain integers
 * when `plain` is set.
 */
export const logTicks = (
  lo: number,
  hi: number,
  base: number,
  opts: { clip: boolean; plain: boolean; maxTicks: number },
): { values: number[]; labels: string[] } => {
  const kLo = Math.floor(Math.log(lo) / Math.log(base) + 1e-9);
  const kHi = Math.ceil(Math.log(hi) / Math.log(base) - 1e-9);
  const ks: number[] = [];
  for (let k = Math.max(0, kLo); k <= kHi; k++) {
    const v = base ** k;
    if (!opts.clip || (v >= lo && v <= hi)) ks.push(k);
  }
  const step = Math.max(1, Math.ceil(ks.length / opts.maxTicks));
  const kept = ks.filter((k) => (k - (ks[0] ?? 0)) % step === 0);
  return {
    values: kept.map((k) => base ** k),
    labels: kept.map((k) => (opts.plain ? (base ** k).toLocaleString('en-US') : `${base}${superscript(k)}`)),
  };
};

/** A vega expression mapping each tick value to its label (other values: plain integers). */
const labelExpr = ({ values, labels }: { values: number[]; labels: string[] }): string =>
  values.reduceRight(
    (rest, v, i) => `datum.value === ${v} ? ${JSON.stringify(labels[i] ?? String(v))} : ${rest}`,
    `format(datum.value, ',d')`,
  );

/** An upper end for the depth axis: the largest value plus about 10% (at least 1). */
const depthHeadroom = (values: number[]): number => {
  const top = Math.max(0, ...values);
  return top + Math.max(1, Math.ceil(top / 10));
};

const extent = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

/** One panel: dashed/solid lines by kind, coloured by family, with dots on measured values. */
const panel = (
  metric: 'depth' | 'size',
  rows: SweepRow[],
  families: string[],
  kinds: ('measured' | 'claimed')[],
) => {
  const mine = rows.filter((r) => r.metric === metric && (metric === 'depth' || r.value > 0));
  const [nLo, nHi] = mine.length > 0 ? extent(mine.map((r) => r.n)) : [1, 2];
  const powers = logTicks(nLo, nHi, 2, { clip: true, plain: nHi < 1024, maxTicks: 10 });
  // No power of two within [nLo, nHi]: label the ends of the range instead.
  const ends = [...new Set([nLo, nHi])];
  const xTicks = powers.values.length > 0 ? powers : { values: ends, labels: ends.map((v) => v.toLocaleString('en-US')) };
  const x = {
    field: 'n',
    type: 'quantitative' as const,
    title: 'n',
    scale: { type: 'log' as const, base: 2, nice: false },
    axis: { values: xTicks.values, labelExpr: labelExpr(xTicks), labelOverlap: 'greedy' as const, grid: true },
  };
  let y;
  if (metric === 'depth') {
    y = {
      field: 'value',
      type: 'quantitative' as const,
      title: 'depth',
      // Headroom above the largest depth, so a dashed bound is not drawn on the frame.
      scale: { type: 'linear' as const, zero: true, nice: true, domainMax: depthHeadroom(mine.map((r) => r.value)) },
      axis: { format: ',d', tickMinStep: 1 },
    };
  } else {
    const [vLo, vHi] = mine.length > 0 ? extent(mine.map((r) => r.value)) : [1, 10];
    const yTicks = logTicks(vLo, vHi, 10, { clip: false, plain: false, maxTicks: 10 });
    y = {
      field: 'value',
      type: 'quantitative' as const,
      title: 'size (gates)',
      scale: { type: 'log' as const, base: 10, nice: true },
      axis: { values: yTicks.values, labelExpr: labelExpr(yTicks) },
    };
  }
  const color = {
    field: 'family',
    type: 'nominal' as const,
    title: 'family',
    scale: { domain: families, scheme: 'tableau10' },
    legend: { symbolType: 'stroke', labelLimit: 260 },
  };
  const filter = metric === 'size' ? `datum.metric === 'size' && datum.value > 0` : `datum.metric === 'depth'`;
  return {
    title: `${metric} vs n`,
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    transform: [{ filter }],
    layer: [
      {
        mark: { type: 'line' as const, strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          strokeDash: {
            field: 'kind',
            type: 'nominal' as const,
            title: 'line',
            scale: { domain: kinds, range: kinds.map((k) => (k === 'measured' ? [1, 0] : [6, 4])) },
            legend: { symbolType: 'stroke', labelExpr: `datum.label === 'claimed' ? 'claimed bound' : datum.label` },
          },
        },
      },
      {
        transform: [{ filter: `datum.kind === 'measured'` }],
        mark: { type: 'point' as const, filled: true, size: 40, opacity: 1 },
        encoding: { x, y, color },
      },
    ],
  };
};

/**
 * The vega-lite spec of the two-panel sweep chart (exposed for inspection and tests; use
 * {@link renderSweepSvg} to draw it).
 *
 * @throws RangeError on invalid input (see {@link sweepRows}).
 */
export const sweepSpec = (input: SweepPlotInput): TopLevelSpec => {
  const rows = sweepRows(input);
  const families = input.series.map((s) => s.family);
  const kinds = (['measured', 'claimed'] as const).filter((k) => rows.some((r) => r.kind === k));
  const title = input.subtitle === undefined ? { text: input.title } : { text: input.title, subtitle: input.subtitle };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title, anchor: 'start', fontSize: 17, subtitleFontSize: 12, offset: 12 },
    background: 'white',
    padding: 12,
    data: { values: rows },
    hconcat: [
      panel('depth', rows, families, kinds),
      panel('size', rows, families, kinds),
    ],
    spacing: 40,
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
    config: {
      font: FONT,
      view: { stroke: '#ccc' },
      axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
      header: { labelFontSize: 12 },
      legend: { labelFontSize: 12, titleFontSize: 12, symbolStrokeWidth: 2, symbolSize: 300 },
      title: { subtitleColor: '#555' },
    },
  };
};

/**
 * Helvetica advance widths (1/1000 em, from its AFM metrics) of the printable ASCII characters
 * ' ' … '~', used by {@link estimateTextWidth}.
 */
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' ' … '/'
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0' … '?'
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // '@' … 'O'
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P' … '_'
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`' … 'o'
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p' … '~'
];

/**
 * A deterministic estimate of the rendered width of `text` in pixels: Helvetica metrics (other
 * characters: 0.6 em; superscript digits: 0.4 em), 7% wider when bold, plus 15% of slack for
 * wider fallback fonts. Vega measures text with a canvas when the optional `canvas` package is
 * installed (machine- and font-dependent output) and otherwise with a crude 0.8 em per
 * character (which leaves wide gaps around legends); this replaces both while rendering.
 */
export const estimateTextWidth = (text: string, fontSize: number, bold = false): number => {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    em += (HELVETICA_WIDTHS[code - 32] ?? (SUPERSCRIPT.includes(ch) ? 400 : 600)) / 1000;
  }
  return em * fontSize * (bold ? 1.07 : 1) * 1.15;
};

/** The part of vega-scenegraph's (untyped) `textMetrics` that is swapped while rendering. */
interface TextMetrics {
  width: (item: { fontSize?: number | string; fontWeight?: number | string }, text: unknown) => number;
}

const vegaTextMetrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;

const itemTextWidth: TextMetrics['width'] = (item, text) => {
  const str = text === null || text === undefined ? '' : String(text).trim();
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
  return estimateTextWidth(str, size, bold);
};

let activeRenders = 0;
let savedWidth: TextMetrics['width'] | undefined;

/** Runs `render` with {@link estimateTextWidth} as vega's text measure (reference counted). */
const withTextMetrics = async <T>(render: () => Promise<T>): Promise<T> => {
  if (vegaTextMetrics === undefined) return render();
  if (activeRenders++ === 0) {
    savedWidth = vegaTextMetrics.width;
    vegaTextMetrics.width = itemTextWidth;
  }
  try {
    return await render();
  } finally {
    if (--activeRenders === 0 && savedWidth !== undefined) {
      vegaTextMetrics.width = savedWidth;
      savedWidth = undefined;
    }
  }
};

/**
 * Renders a sweep to a standalone SVG string: two panels side by side, "depth vs n" and
 * "size vs n", one colour per family, measured values solid with dots, claimed bounds dashed.
 * Deterministic: the same input gives the same string.
 *
 * @throws RangeError on invalid input (see {@link sweepRows}).
 */
export const renderSweepSvg = async (input: SweepPlotInput): Promise<string> => {
  const { spec } = compile(sweepSpec(input));
  return withTextMetrics(async () => {
    const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Warn });
    try {
      const svg = await view.toSVG();
      return svg.endsWith('\n') ? svg : `${svg}\n`;
    } finally {
      view.finalize();
    }
  });
};
