/**
 * # Space figures
 *
 * `tsx scripts/spaceFigures.ts`: runs the verifiers of `lookup-table-uniform`,
 * `iterated-addition-uniform`, `uniform-tc0-in-l` and `transformer-to-tc0-uniform` (default sweeps, seed 1) and plots their measured peak work bits against n
 * (log₂ axis), with the claimed bounds dashed, to
 *
 * - `docs/figures/space-lookup-table-uniform.svg` (+ `.json`, the rows it was drawn from),
 * - `docs/figures/space-iterated-addition-uniform.svg` (+ `.json`),
 * - `docs/figures/space-uniform-tc0-in-l.svg` (+ `.json`),
 * - `docs/figures/space-transformer-to-tc0-uniform.svg` (+ `.json`; the models with heads
 *   print too slowly to sweep in n, so the plotted series are the attention-free ones).
 *
 * Rendered like `scripts/plotSweep.ts`: a vega-lite spec compiled and rendered headless by
 * vega (`renderer: 'none'`), deterministic output.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Measurement } from '../src/core/verdict.js';
import { verifyIteratedAdditionUniform } from '../src/proofs/uniform/iteratedAdditionUniform.js';
import { verifyLookupTableUniform } from '../src/proofs/uniform/lookupTableUniform.js';
import { verifyUniformTc0InL } from '../src/proofs/uniform/uniformTc0InL.js';
import { verifyTransformerToTc0Uniform } from '../src/proofs/uniform/transformerToTc0Uniform.js';
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

const main = async (): Promise<void> => {
  const ctx = { seed: 1, full: false, progress: () => undefined };
  const lt = await verifyLookupTableUniform(ctx);
  const ltRows = [
    ...spaceRows(lt.measurements, 'space', 'printer of Lemma 1 (c = 1, m = 3): a·log₂ n + b, a = 2', (p) => p['c'] === 1 && p['m'] === 3),
    ...spaceRows(lt.measurements, 'space·all-terms', 'printer of the all-terms variant: c·log₂ n + log₂ m + O(1) (P1)', (p) => p['c'] === 1 && p['m'] === 3),
  ];
  const ia = await verifyIteratedAdditionUniform(ctx);
  const iaRows = [
    ...spaceRows(ia.measurements, 'space', 'printer of iteratedAddition(n, 1): a·⌈log₂ n⌉ + b, a = 36', (p) => p['w'] === 1 && Number.isInteger(Math.log2(p['n']!))),
    ...spaceRows(ia.measurements, 'space', 'printer of iteratedAddition(n, 4)', (p) => p['w'] === 4 && Number.isInteger(Math.log2(p['n']!))),
  ];
  const ev = await verifyUniformTc0InL(ctx);
  const evRows = [
    ...spaceRows(ev.measurements, 'space·lookup', 'evaluator, lookup-table circuit (depth 3)'),
    ...spaceRows(ev.measurements, 'space·layered', 'evaluator, layered majority, depth 1', (p) => p['d'] === 1),
  ];
  const tt = await verifyTransformerToTc0Uniform(ctx);
  const ttRows = [
    ...spaceRows(tt.measurements, 'space·log n', 'printer, d = 0 (embedding + readout), c = 0.6: 30·⌈log₂(n + 1)⌉ + 150', (p) => p['model'] === 0),
    ...spaceRows(tt.measurements, 'space·log n', 'printer, one attention-free layer, c = 0.75: 70·⌈log₂(n + 1)⌉ + 250', (p) => p['model'] === 2),
    ...spaceRows(tt.measurements, 'space·log n', 'printer, two attention-free layers, c = 0.5: 40·⌈log₂(n + 1)⌉ + 360', (p) => p['model'] === 3),
  ];
  await mkdir(FIGURES_DIR, { recursive: true });
  const out: [string, string, SpaceRow[]][] = [
    ['space-lookup-table-uniform', 'lookup-table-uniform (P1 Lemma 2): work space of the printer', ltRows],
    ['space-iterated-addition-uniform', 'iterated-addition-uniform: work space of the printer', iaRows],
    ['space-uniform-tc0-in-l', 'uniform-tc0-in-l: work space of the evaluator (O(depth·log n))', evRows],
    ['space-transformer-to-tc0-uniform', 'transformer-to-tc0-uniform (P1 Theorem 2): work space of the printer', ttRows],
  ];
  for (const [name, title, rows] of out) {
    await writeFile(join(FIGURES_DIR, `${name}.svg`), await renderSpaceSvg(title, rows));
    await writeFile(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(rows, null, 1)}\n`);
    console.log(`wrote docs/figures/${name}.svg (${rows.length / 2} points)`);
  }
};

await main();
