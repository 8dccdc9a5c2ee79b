/**
 * # k-hop figures
 *
 * `tsx scripts/khopFigures.ts`: measures the k-hop constructions and writes
 *
 * - `docs/figures/khop-layers.svg` (+ `.json`): layers of both constructed transformers against
 *   k (k = 1 … 64): pointer lookups with their claim ⌈log₂ k⌉ + 2, content hops with P2 Thm 4.2's
 *   ⌊log₂ k⌋ + 2;
 * - `docs/figures/khop-mpc-rounds.svg` (+ `.json`): rounds of the pointer-doubling MPC protocol
 *   measured by the kernel's MPC semantics at N = 256 and N = 4096 (|Σ| = 4), against the claim
 *   2⌊log₂ k⌋ + 6;
 * - `docs/figures/khop-precision.svg` (+ `.json`): the least p at which each transformer still
 *   computes hop_k on seeded instances (k = 4, |Σ| = 4), against its claimed p, over N.
 *
 * Rendered like `scripts/spaceFigures.ts` (vega-lite, headless, deterministic).
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { khopAlphabet, randomKHopInstance } from '../src/core/tasks/khop.js';
import { khopMpcRoundsSweep } from '../src/proofs/p2/khopMpc.js';
import { leastWorkingPrecision } from '../src/proofs/p2/khopTransformer.js';
import { khopContentPrecision, khopContentTransformer } from '../src/reductions/inductionHeads/khopContentTransformer.js';
import { khopLayers, khopPrecision, khopTransformer } from '../src/reductions/inductionHeads/khopTransformer.js';
import { FIGURES_DIR } from './figures.js';

/** One plotted value. */
export interface Row {
  readonly x: number;
  readonly y: number;
  readonly series: string;
}

const spec = (title: string, xTitle: string, yTitle: string, rows: readonly Row[], logX: boolean): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title,
  width: 460,
  height: 260,
  background: 'white',
  config: { legend: { labelLimit: 0, orient: 'bottom', direction: 'vertical' } },
  data: { values: rows.map((r) => ({ ...r })) },
  mark: { type: 'line', point: true, interpolate: 'step-after' },
  encoding: {
    x: { field: 'x', type: 'quantitative', title: xTitle, ...(logX ? { scale: { type: 'log', base: 2 } } : {}) },
    y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false } },
    color: { field: 'series', type: 'nominal', title: null },
    strokeDash: { field: 'series', type: 'nominal', title: null, legend: null },
  },
});

const render = async (s: TopLevelSpec): Promise<string> => {
  const view = new vega.View(vega.parse(compile(s).spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return svg.endsWith('\n') ? svg : `${svg}\n`;
  } finally {
    view.finalize();
  }
};

const write = async (name: string, s: TopLevelSpec, rows: readonly Row[]): Promise<void> => {
  await mkdir(FIGURES_DIR, { recursive: true });
  await writeFile(join(FIGURES_DIR, `${name}.svg`), await render(s));
  await writeFile(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(rows, null, 1)}\n`);
  process.stdout.write(`wrote docs/figures/${name}.svg and .json\n`);
};

/** Layers against k: measured on the built models. */
export const layerRows = (): Row[] => {
  const ks = Array.from({ length: 64 }, (_, i) => i + 1);
  return ks.flatMap((k) => {
    const m = khopTransformer(k, 16, khopAlphabet(4));
    const layers = m._tag === 'Right' ? m.right.layers.length : Number.NaN;
    const c = khopContentTransformer(k, 16, khopAlphabet(4));
    const cl = c._tag === 'Right' ? c.right.layers.length : Number.NaN;
    return [
      { x: k, y: layers, series: 'pointer lookups (measured; H = 1, width 17, any N)' },
      { x: k, y: khopLayers(k), series: 'claimed for pointer lookups: ⌈log₂ k⌉ + 2' },
      { x: k, y: cl, series: 'content hops (measured; H = 1, width 23, N ≤ 226)' },
      { x: k, y: Math.floor(Math.log2(k) + 1e-12) + 2, series: 'P2 Thm 4.2: ⌊log₂ k⌋ + 2' },
    ];
  });
};

/** MPC rounds against k. */
export const roundRows = (): Row[] => {
  const ks = Array.from({ length: 64 }, (_, i) => i + 1);
  return [256, 4096].flatMap((n) => khopMpcRoundsSweep(n, 4, ks, 1).map((p) => ({ x: p.k, y: p.rounds, series: `measured, N = ${n} (s = 8⌈√(4N)⌉)` }))).concat(ks.map((k) => ({ x: k, y: 2 * Math.floor(Math.log2(k) + 1e-12) + 6, series: 'claimed: 2⌊log₂ k⌋ + 6' })));
};

/** Least working precision against N. */
export const precisionRows = (): Row[] =>
  [8, 16, 32, 64, 128].flatMap((n) => {
    const tasks = [0, 1].map((s) => randomKHopInstance(s + 1, n, 4, 4));
    const least = leastWorkingPrecision((k, nn, a, p) => {
      const m = khopTransformer(k, nn, a, p === undefined ? {} : { precision: p });
      return m._tag === 'Left' ? m.left : m.right;
    }, tasks, khopPrecision(n, 4));
    const leastC = leastWorkingPrecision(
      (k, nn, a, p) => {
        const m = khopContentTransformer(k, nn, a, p === undefined ? {} : { precision: p });
        return m._tag === 'Left' ? m.left : m.right;
      },
      tasks,
      khopContentPrecision(n, 4),
      'content',
    );
    return [
      { x: n, y: least, series: 'pointer lookups: least p that computes hop_4 (2 seeded instances, |Σ| = 4)' },
      { x: n, y: khopPrecision(n, 4), series: 'pointer lookups: claimed p' },
      { x: n, y: leastC, series: 'content hops: least p that computes hop_4' },
      { x: n, y: khopContentPrecision(n, 4), series: 'content hops: claimed p' },
    ];
  });

const main = async (): Promise<void> => {
  const l = layerRows();
  await write('khop-layers', spec('k-hop transformer: layers against k', 'k (hops)', 'layers', l, false), l);
  const r = roundRows();
  await write('khop-mpc-rounds', spec('k-hop by pointer doubling in MPC: rounds against k', 'k (hops)', 'rounds', r, false), r);
  const p = precisionRows();
  await write('khop-precision', spec('k-hop transformer: precision p = 2⌈c·log₂ N⌉ needed', 'N (log₂ scale)', 'p (bits per float)', p, true), p);
};

await main();
