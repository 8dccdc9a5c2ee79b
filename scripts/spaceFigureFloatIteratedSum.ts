/**
 * # Space figure of the ⊕ printer
 *
 * `tsx scripts/spaceFigureFloatIteratedSum.ts`: runs the verifier of
 * `float-iterated-sum-uniform` on its `--full` sweep (seed 1; p = 4 at n = 1 … 2^9, p = 6 at
 * n = 1 … 2^5, p = 8 at n = 1, 2: a few minutes, the printer trades time for space) and plots
 * the measured peak work bits against n (log₂ axis), one series per p, with the claimed
 * a·⌈log₂(n + 1)⌉ + b dashed, to `docs/figures/space-float-iterated-sum-uniform.svg` (+ `.json`,
 * the rows it was drawn from).
 *
 * The chart is the one of `scripts/spaceFigures.ts` (same vega-lite spec, rendered headless by
 * vega, deterministic output); a script of its own so that this slow sweep is rerun only when
 * the ⊕ printer changes.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { verifyFloatIteratedSumUniform } from '../src/proofs/uniform/floatIteratedSumUniform.js';
import { FIGURES_DIR } from './figures.js';

interface SpaceRow {
  readonly n: number;
  readonly bits: number;
  readonly series: string;
  readonly kind: 'measured' | 'claimed';
}

const spec = (title: string, rows: readonly SpaceRow[]): TopLevelSpec => ({
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

const main = async (): Promise<void> => {
  const r = await verifyFloatIteratedSumUniform({ seed: 1, full: true, progress: (i, of) => process.stderr.write(`\r${i}/${of}`) });
  process.stderr.write('\n');
  if (r.verdict !== 'holds') throw new Error(`float-iterated-sum-uniform: ${r.verdict}: ${r.problems.join('; ')}`);
  const rows: SpaceRow[] = r.measurements
    .filter((m) => m.metric === 'space' && Number.isInteger(Math.log2(m.params['n']!)))
    .sort((a, b) => a.params['p']! - b.params['p']! || a.params['n']! - b.params['n']!)
    .flatMap((m) => {
      const series = `printer of floatIteratedSum(n, ${m.params['p']!})`;
      return [
        { n: m.params['n']!, bits: m.measured, series, kind: 'measured' as const },
        { n: m.params['n']!, bits: m.claimed, series, kind: 'claimed' as const },
      ];
    });
  const title = 'float-iterated-sum-uniform: work space of the ⊕ printer (claimed 120⌈log₂(n+1)⌉ + 1450 + 100p dashed)';
  const { spec: vg } = compile(spec(title, rows));
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    await mkdir(FIGURES_DIR, { recursive: true });
    await writeFile(join(FIGURES_DIR, 'space-float-iterated-sum-uniform.svg'), svg.endsWith('\n') ? svg : `${svg}\n`);
    await writeFile(join(FIGURES_DIR, 'space-float-iterated-sum-uniform.json'), `${JSON.stringify(rows, null, 1)}\n`);
    console.log(`wrote docs/figures/space-float-iterated-sum-uniform.svg (${rows.length / 2} points)`);
  } finally {
    view.finalize();
  }
};

await main();
