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
 * The chart is `scripts/spacePlot.ts`'s, like the other space figures; a script of its own so that this slow sweep is rerun only when
 * the ⊕ printer changes.
 *
 * @module
 */
import { verifyFloatIteratedSumUniform } from '../src/proofs/uniform/floatIteratedSumUniform.js';
import { writeSpaceFigure, type SpaceRow } from './spacePlot.js';

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
  await writeSpaceFigure('space-float-iterated-sum-uniform', title, rows);
};

await main();
