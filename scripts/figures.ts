/**
 * # Figures
 *
 * Entry point of `npm run figures` (`tsx scripts/figures.ts`): measures the arithmetic
 * constant-depth sweeps and writes
 *
 * - `docs/figures/arithmetic-sweep.svg`, the two-panel plot (see `scripts/plotSweep.ts`), and
 * - `docs/figures/arithmetic-sweep.json`, the exact {@link SweepPlotInput} it was drawn from,
 *
 * then prints both paths. The series come from `arithmeticSweeps()` in `src/proofs/sweeps.ts`;
 * while that module does not exist, a clearly labelled synthetic demo series is plotted instead
 * and a warning is printed (`--demo` forces the demo). Both outputs are deterministic, so they
 * can be committed and diffed.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderSweepSvg, type SweepPlotInput, type SweepSeries } from './plotSweep.js';

/** Where a figure's series came from. */
export type SeriesSource = 'sweeps' | 'demo';

/** A source of sweep series, e.g. `arithmeticSweeps` of `src/proofs/sweeps.ts`. */
export type SweepSource = () => Promise<SweepSeries[]>;

/** Repository root (this file lives in `scripts/`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Default output directory of the figures. */
export const FIGURES_DIR = join(REPO_ROOT, 'docs', 'figures');

/** Title of the arithmetic sweep figure. */
export const ARITHMETIC_TITLE = 'Arithmetic circuits of P1: depth and size against n';

/**
 * A synthetic stand-in for the real sweeps (shapes only, NOT measured): constant depth, and
 * sizes growing polynomially, with claimed bounds above them.
 */
export const demoSeries = (): SweepSeries[] => {
  const ns = [4, 8, 16, 32, 64, 128, 256];
  return [
    {
      family: 'demo: addition',
      points: ns.map((n) => ({ n, depth: 3, size: 2 * n * n, claimedDepth: 4, claimedSize: 4 * n * n })),
    },
    {
      family: 'demo: iterated addition',
      points: ns.map((n) => ({ n, depth: 7, size: 8 * n ** 2 * Math.log2(n), claimedDepth: 9 })),
    },
    {
      family: 'demo: multiplication',
      points: ns.map((n) => ({ n, depth: 8, size: n ** 3, claimedDepth: 9, claimedSize: 3 * n ** 3 })),
    },
  ];
};

/** The arithmetic sweep figure's input, given its series and where they came from. */
export const arithmeticFigureInput = (series: SweepSeries[], source: SeriesSource): SweepPlotInput => ({
  title: ARITHMETIC_TITLE,
  subtitle:
    source === 'demo'
      ? 'DEMO DATA (synthetic, not measured): src/proofs/sweeps.ts is not available'
      : 'measured circuits (solid, dots) and claimed bounds (dashed); n on a log₂ axis',
  series,
});

/**
 * Loads `arithmeticSweeps` from `src/proofs/sweeps.ts`, or `undefined` when that module does not
 * exist yet. If it exists, any error loading it propagates (a broken module is not "missing").
 *
 * @throws Error if the module exists but does not export an `arithmeticSweeps` function.
 */
export const loadArithmeticSweeps = async (root: string = REPO_ROOT): Promise<SweepSource | undefined> => {
  const base = join(root, 'src', 'proofs', 'sweeps');
  if (!existsSync(`${base}.ts`) && !existsSync(`${base}.js`)) return undefined;
  // A non-literal specifier, so that type checking does not require the module to exist.
  const specifier = pathToFileURL(`${base}.js`).href;
  const mod = (await import(specifier)) as { arithmeticSweeps?: unknown };
  if (typeof mod.arithmeticSweeps !== 'function') {
    throw new Error(`${relative(root, base)}.ts does not export a function arithmeticSweeps()`);
  }
  return mod.arithmeticSweeps as SweepSource;
};

/** Paths written by {@link writeSweepFigure}. */
export interface FigurePaths {
  svg: string;
  json: string;
}

/**
 * Renders `input` and writes `<dir>/<name>.svg` and `<dir>/<name>.json` (the input, pretty
 * printed), creating `dir` if needed.
 */
export const writeSweepFigure = async (input: SweepPlotInput, dir: string, name: string): Promise<FigurePaths> => {
  const svg = await renderSweepSvg(input);
  await mkdir(dir, { recursive: true });
  const paths = { svg: join(dir, `${name}.svg`), json: join(dir, `${name}.json`) };
  await writeFile(paths.svg, svg, 'utf8');
  await writeFile(paths.json, `${JSON.stringify(input, null, 2)}\n`, 'utf8');
  return paths;
};

/**
 * Builds the arithmetic sweep figure from `source` (or the demo series when `source` is
 * `undefined`) and writes it to `dir`.
 */
export const arithmeticFigure = async (
  source: SweepSource | undefined,
  dir: string = FIGURES_DIR,
): Promise<FigurePaths & { source: SeriesSource }> => {
  const kind: SeriesSource = source === undefined ? 'demo' : 'sweeps';
  const series = source === undefined ? demoSeries() : await source();
  const paths = await writeSweepFigure(arithmeticFigureInput(series, kind), dir, 'arithmetic-sweep');
  return { ...paths, source: kind };
};

/** `npm run figures [-- --demo]`. */
export const main = async (argv: readonly string[] = process.argv.slice(2)): Promise<void> => {
  const forceDemo = argv.includes('--demo');
  const source = forceDemo ? undefined : await loadArithmeticSweeps();
  if (source === undefined) {
    console.warn(
      forceDemo
        ? 'warning: --demo: plotting synthetic demo data'
        : 'warning: src/proofs/sweeps.ts not found; plotting synthetic DEMO data instead of measured sweeps',
    );
  }
  const { svg, json } = await arithmeticFigure(source);
  console.log(relative(process.cwd(), svg));
  console.log(relative(process.cwd(), json));
};

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
