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
 * The chart is `scripts/spacePlot.ts`'s.
 *
 * @module
 */
import { verifyIteratedAdditionUniform } from '../src/proofs/uniform/iteratedAdditionUniform.js';
import { verifyLookupTableUniform } from '../src/proofs/uniform/lookupTableUniform.js';
import { verifyUniformTc0InL } from '../src/proofs/uniform/uniformTc0InL.js';
import { verifyTransformerToTc0Uniform } from '../src/proofs/uniform/transformerToTc0Uniform.js';
import { spaceRows, writeSpaceFigure, type SpaceRow } from './spacePlot.js';

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
  const out: [string, string, SpaceRow[]][] = [
    ['space-lookup-table-uniform', 'lookup-table-uniform (P1 Lemma 2): work space of the printer', ltRows],
    ['space-iterated-addition-uniform', 'iterated-addition-uniform: work space of the printer', iaRows],
    ['space-uniform-tc0-in-l', 'uniform-tc0-in-l: work space of the evaluator (O(depth·log n))', evRows],
    ['space-transformer-to-tc0-uniform', 'transformer-to-tc0-uniform (P1 Theorem 2): work space of the printer', ttRows],
  ];
  for (const [name, title, rows] of out) await writeSpaceFigure(name, title, rows);
};

await main();
