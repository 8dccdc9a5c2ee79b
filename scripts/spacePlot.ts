/**
 * # Space plots
 *
 * The chart of the space figures (`scripts/spaceFigures.ts`, `scripts/spaceFigureFloatIteratedSum.ts`):
 * measured peak work bits against n (log₂ axis), one colour per series, claimed bounds dashed.
 * A vega-lite spec compiled and rendered headless by vega (`renderer: 'none'`), deterministic
 * output, like `scripts/plotSweep.ts`.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Measurement } from '../src/core/verdict.js';
import { FIGURES_DIR } from './figures.js';

/** One plotted value. */
export interface SpaceRow {
  readonly n: number;
  readonly bits: number;
  readonly series: string;
  readonly kind: 'measured' | 'claimed';
}

/** Rows of the measurements of one metric, restricted to the points `keep` selects. */
export const spaceRows = (ms: readonly Measurement[], metric: string, series: string, keep: (p: Readonly<Record<string, number>>) => boolean = () => true): SpaceRow[] =>
  ms
    .filter((m) => m.metric === metric && keep(m.params))
    .flatMap((m) => [
      { n: m.params['n']!, bits: m.measured, series, kind: 'measured' as const },
      { n: m.params['n']!, bits: Math.round(m.claimed * 100) / 100, series, kind: 'claimed' as const },
    ]);

/** The chart: bits against log₂ n, one colour per series, claimed dashed. */
export const spaceSpec = (title: string, rows: readonly SpaceRow[]): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title,
  width: 420,
  height: 260,
  background: 'white',
  config: { legend: { labelLimit: 0, orient: 'bottom', direction: 'vertical' } },
  data: { values: rows.map((r) => ({ ...r })) },
  mark: { type: 'line', point: true },
  encoding: {
    x: { field: 'n', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'n (log₂ scale)' },
    y: { field: 'bits', type: 'quantitative', title: 'peak work bits' },
    color: { field: 'series', type: 'nominal', title: null },
    strokeDash: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['measured', 'claimed'], range: [[1, 0], [5, 3]] } },
    detail: { field: 'kind' },
  },
});

/** Render a chart to SVG. */
export const renderSpaceSvg = async (title: string, rows: readonly SpaceRow[]): Promise<string> => {
  const { spec } = compile(spaceSpec(title, rows));
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return svg.endsWith('\n') ? svg : `${svg}\n`;
  } finally {
    view.finalize();
  }
};


/** Write `docs/figures/<name>.svg` and the rows it was drawn from as `<name>.json`. */
export const writeSpaceFigure = async (name: string, title: string, rows: readonly SpaceRow[]): Promise<void> => {
  await mkdir(FIGURES_DIR, { recursive: true });
  await writeFile(join(FIGURES_DIR, `${name}.svg`), await renderSpaceSvg(title, rows));
  await writeFile(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(rows, null, 1)}\n`);
  console.log(`wrote docs/figures/${name}.svg (${rows.length / 2} points)`);
};
