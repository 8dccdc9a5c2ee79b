/**
 * # Tests of the sweep plots
 *
 * `renderSweepSvg` on a small synthetic sweep: the output is a standalone SVG holding the
 * title, family names and axis titles; it is byte-identical across renders (and independent of
 * point order); it renders in a few seconds; invalid input is rejected. Also the tick helpers
 * and the figure writer of `scripts/figures.ts`.
 *
 * @module
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arithmeticFigure, demoSeries, loadArithmeticSweeps } from '../scripts/figures.js';
import { estimateTextWidth, logTicks, renderSweepSvg, sweepRows, sweepSpec, type SweepPlotInput } from '../scripts/plotSweep.js';

const ns = [4, 8, 16, 32, 64];

const input: SweepPlotInput = {
  title: 'Synthetic sweep & <test>',
  subtitle: 'made up numbers',
  series: [
    {
      family: 'adder',
      points: ns.map((n) => ({ n, depth: 3, size: 2 * n * n, claimedDepth: 4, claimedSize: 4 * n * n })),
    },
    { family: 'multiplier', points: ns.map((n) => ({ n, depth: 7 + (n > 16 ? 1 : 0), size: n ** 3, claimedDepth: 9 })) },
  ],
};

/** The text content of the SVG's `<text>` elements, entities decoded. */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
  );

describe('renderSweepSvg', () => {
  it('renders a standalone SVG with the title, families and axis titles', async () => {
    const started = Date.now();
    const svg = await renderSweepSvg(input);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    const t = texts(svg);
    for (const s of ['Synthetic sweep & <test>', 'made up numbers', 'adder', 'multiplier', 'depth vs n', 'size vs n', 'n', 'depth', 'size (gates)', 'measured', 'claimed bound']) {
      expect(t).toContain(s);
    }
    // Two panels side by side, around 900 × 360.
    const [, w, h] = /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
    expect(Number(w)).toBeGreaterThan(700);
    expect(Number(w)).toBeLessThan(1100);
    expect(Number(h)).toBeGreaterThan(300);
    expect(Number(h)).toBeLessThan(450);
    // Claimed bounds are drawn dashed.
    expect(svg).toContain('stroke-dasharray="6,4"');
  });

  it('is deterministic and independent of point order', async () => {
    const a = await renderSweepSvg(input);
    const b = await renderSweepSvg(input);
    expect(b).toBe(a);
    const shuffled = { ...input, series: input.series.map((s) => ({ ...s, points: [...s.points].reverse() })) };
    expect(await renderSweepSvg(shuffled)).toBe(a);
    const [c, d] = await Promise.all([renderSweepSvg(input), renderSweepSvg(input)]);
    expect(c).toBe(a);
    expect(d).toBe(a);
  });

  it('omits the claimed-bound legend entry when nothing is claimed', async () => {
    const plain = { title: 'plain', series: [{ family: 'f', points: ns.map((n) => ({ n, depth: 2, size: n })) }] };
    const t = texts(await renderSweepSvg(plain));
    expect(t).toContain('measured');
    expect(t).not.toContain('claimed bound');
  });

  it('rejects invalid input', async () => {
    const one = (p: { n: number; depth: number; size: number }): SweepPlotInput => ({ title: 'x', series: [{ family: 'f', points: [p] }] });
    await expect(renderSweepSvg(one({ n: 0, depth: 1, size: 1 }))).rejects.toThrow(RangeError);
    await expect(renderSweepSvg(one({ n: 2, depth: Number.NaN, size: 1 }))).rejects.toThrow(/not a finite number/);
    await expect(renderSweepSvg({ title: 'x', series: [] })).rejects.toThrow(/no points/);
    await expect(
      renderSweepSvg({ title: 'x', series: [{ family: 'f', points: [] }, { family: 'f', points: [{ n: 1, depth: 1, size: 1 }] }] }),
    ).rejects.toThrow(/duplicate family/);
  });
});

describe('sweep spec helpers', () => {
  it('flattens points into rows, sorted by n', () => {
    const rows = sweepRows({ title: 't', series: [{ family: 'f', points: [{ n: 8, depth: 2, size: 5, claimedSize: 9 }, { n: 2, depth: 1, size: 3 }] }] });
    expect(rows).toEqual([
      { family: 'f', n: 2, metric: 'depth', kind: 'measured', value: 1 },
      { family: 'f', n: 2, metric: 'size', kind: 'measured', value: 3 },
      { family: 'f', n: 8, metric: 'depth', kind: 'measured', value: 2 },
      { family: 'f', n: 8, metric: 'size', kind: 'measured', value: 5 },
      { family: 'f', n: 8, metric: 'size', kind: 'claimed', value: 9 },
    ]);
  });

  it('builds a two-panel hconcat spec', () => {
    const spec = sweepSpec(input) as { hconcat?: unknown[] };
    expect(spec.hconcat).toHaveLength(2);
  });

  it('places log ticks at powers of the base', () => {
    expect(logTicks(4, 64, 2, { clip: true, plain: true, maxTicks: 10 })).toEqual({
      values: [4, 8, 16, 32, 64],
      labels: ['4', '8', '16', '32', '64'],
    });
    expect(logTicks(3, 2000, 2, { clip: true, plain: false, maxTicks: 10 }).labels).toEqual(['2²', '2³', '2⁴', '2⁵', '2⁶', '2⁷', '2⁸', '2⁹', '2¹⁰']);
    expect(logTicks(30, 5000, 10, { clip: false, plain: false, maxTicks: 10 }).values).toEqual([10, 100, 1000, 10000]);
    expect(logTicks(1, 2 ** 20, 2, { clip: true, plain: false, maxTicks: 10 }).values).toHaveLength(7);
  });

  it('estimates text widths deterministically', () => {
    expect(estimateTextWidth('', 12)).toBe(0);
    expect(estimateTextWidth('mmm', 12)).toBeGreaterThan(estimateTextWidth('iii', 12));
    expect(estimateTextWidth('abc', 12, true)).toBeGreaterThan(estimateTextWidth('abc', 12));
  });
});

describe('figures', () => {
  it('writes the SVG and its JSON data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'figures-'));
    try {
      const out = await arithmeticFigure(undefined, dir);
      expect(out.source).toBe('demo');
      expect(out.svg).toBe(join(dir, 'arithmetic-sweep.svg'));
      const svg = await readFile(out.svg, 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('DEMO DATA');
      const json = JSON.parse(await readFile(out.json, 'utf8')) as SweepPlotInput;
      expect(json.series).toEqual(demoSeries());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads arithmeticSweeps from src/proofs/sweeps.ts when present', async () => {
    const root = await mkdtemp(join(tmpdir(), 'figures-root-'));
    try {
      await mkdir(join(root, 'src', 'proofs'), { recursive: true });
      const series = [{ family: 'x', points: [{ n: 4, depth: 2, size: 10 }] }];
      await writeFile(join(root, 'src', 'proofs', 'sweeps.ts'), `export const arithmeticSweeps = async (): Promise<unknown> => (${JSON.stringify(series)});\n`);
      const source = await loadArithmeticSweeps(root);
      expect(source).toBeTypeOf('function');
      expect(await source?.()).toEqual(series);
      await writeFile(join(root, 'src', 'proofs', 'sweeps.js'), 'export const other = 1;\n');
      await rm(join(root, 'src', 'proofs', 'sweeps.ts'));
      await expect(loadArithmeticSweeps(root)).rejects.toThrow(/does not export a function arithmeticSweeps/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reports a missing sweeps module as undefined', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'figures-root-'));
    try {
      expect(await loadArithmeticSweeps(dir)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
