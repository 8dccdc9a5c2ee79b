/**
 * # Depth and size sweeps of the arithmetic families
 *
 * The data behind `docs/figures/arithmetic-sweep.svg` (`npm run figures`): for each family, its
 * default sweep of the size parameter, with measured and claimed depth and size (the claims on
 * the figures `depth` and `size`, in the kernel's basis; the lemmas also claim them in P1's,
 * which the figure does not draw).
 *
 * @module
 */
import { metrics } from '../core/metrics.js';
import type { ArithmeticFamily } from './arithmeticLemma.js';
import { bitCountFamily } from './arithmetic/bitCount.js';
import { comparisonFamily } from './arithmetic/comparison.js';
import { integerAdditionFamily } from './arithmetic/integerAddition.js';
import { iteratedAdditionFamily } from './arithmetic/iteratedAddition.js';
import { multiplicationFamily } from './arithmetic/multiplication.js';
import { floatIteratedSumFamily } from './arithmetic/floatIteratedSum.js';

/** The families plotted, in legend order. @category sweeps */
export const sweptFamilies: readonly ArithmeticFamily[] = [
  comparisonFamily,
  integerAdditionFamily,
  bitCountFamily,
  iteratedAdditionFamily,
  multiplicationFamily,
  floatIteratedSumFamily,
];

/** One point of a sweep. @category sweeps */
export interface SweepPointData {
  n: number;
  depth: number;
  size: number;
  claimedDepth?: number;
  claimedSize?: number;
}

/** Measure every family over its default sweep. @category sweeps */
export const arithmeticSweeps = async (): Promise<{ family: string; points: SweepPointData[] }[]> =>
  sweptFamilies.map((fam) => ({
    family: fam.id === floatIteratedSumFamily.id ? `${fam.id} (x = k floats, p = 2⌈log₂ k⌉)` : `${fam.id} (x = ${fam.sweepKey})`,
    points: fam.sweep.default.map((p) => {
      const m = metrics(fam.build(p));
      const cd = fam.claimed.find((c) => c.figure === 'depth');
      const cs = fam.claimed.find((c) => c.figure === 'size');
      return {
        n: p[fam.sweepKey] ?? 0,
        depth: m.depth,
        size: m.size,
        ...(cd === undefined ? {} : { claimedDepth: cd.at(p) }),
        ...(cs === undefined ? {} : { claimedSize: cs.at(p) }),
      };
    }),
  }));
