/**
 * # Shallow arithmetic families: shared claims and the side-by-side note
 *
 * What the lemmas `iterated-addition-shallow` and `multiplication-shallow` share: the size bound
 * of the depth-3 block-save column sum, restated here from its parameters (never read off the
 * construction), and a lemma wrapper that reports the older, deeper construction of the same
 * function beside the new one at every sweep point.
 *
 * ## Main definitions
 * - {@link shallowBlock}: the block size ℓ for a column height h (least ℓ ≥ 1 with h ≤ 2^ℓ + 1).
 * - {@link shallowSumSize}: the gate bound of the depth-3 column sum.
 * - {@link withSideBySide}: a lemma whose report adds, per sweep point, the depth and size of
 *   the older construction next to the new one.
 *
 * ## Main results
 * **Size of the depth-3 column sum.** With column height ≤ h, W output bits, ℓ as above and
 * Q = ⌈W/ℓ⌉ blocks: each block costs ≤ h − 1 gates for hi_r = ⌊s_r/2^ℓ⌋ and ≤ (h − 1) + h for
 * the two floors of the window Z_r = 2^ℓ s_r + s_(r−1) (max Z_r ≤ h(2^(2ℓ) − 1)); each output bit
 * ≤ (h − 1) + h floor gates of its window Y and one output gate; block q ≥ 2 has ≤ q − 1 carry
 * terms and ≤ q − 1 (term ∧ E) gates per output bit (ℓ bits a block); one `const 0` at most.
 * Total ≤ Q(3h − 2) + 2hW + (ℓ + 1)(Q − 1)(Q − 2)/2 + 1
 * (the argument in full is in the header of `src/reductions/arithmetic/iteratedAdditionShallow.ts`).
 *
 * **Depth in P1's basis.** Layer 1 reads its arguments with positive weights; layers 2 and 3
 * read layer 1 (and layer 2) with negative weights. `expandWeights` serves each negated gate
 * by its dual threshold on the same arguments, of the gate's own depth, and no input is read
 * negatively, so depth·P1 = depth (a NOT gate per negated gate would add a level under each of
 * layers 2 and 3: depth + 2).
 *
 * @module
 */
import { metrics } from '../../core/metrics.js';
import type { Circuit } from '../../core/circuit.js';
import type { Lemma, Params } from '../lemma.js';
import { ceilLog2 } from './familyClaims.js';

/** The least ℓ ≥ 1 with h ≤ 2^ℓ + 1. @category claims */
export const shallowBlock = (h: number): number => {
  let ell = 1;
  while (h > 2 ** ell + 1) ell++;
  return ell;
};

/** Q(3h − 2) + 2hW + (ℓ + 1)(Q − 1)(Q − 2)/2 + 1 with ℓ = {@link shallowBlock}(h), Q = ⌈W/ℓ⌉. @category claims */
export const shallowSumSize = (h: number, W: number): number => {
  const ell = shallowBlock(h);
  const Q = Math.ceil(W / ell);
  return Q * (3 * h - 2) + 2 * h * W + ((ell + 1) * (Q - 1) * (Q - 2)) / 2 + 1;
};

/** The text of {@link shallowSumSize}. @category claims */
export const SHALLOW_SUM_SIZE = 'Q(3h − 2) + 2hW + (ℓ + 1)(Q − 1)(Q − 2)/2 + 1';

/** ⌈log₂ n⌉, re-exported for the two lemmas. @category claims */
export { ceilLog2 };

/**
 * The lemma with a note per sweep point: depth, depth·P1, size and wires of the new
 * construction beside `old` (the deeper construction of the same function).
 * @category lemmas
 */
export const withSideBySide = (
  lemma: Lemma,
  oldId: string,
  sweep: (full: boolean) => readonly Params[],
  build: (p: Params) => Circuit,
  old: (p: Params) => Circuit,
): Lemma => ({
  ...lemma,
  verify: async (ctx) => {
    const r = await lemma.verify(ctx);
    const rows = sweep(ctx.full).map((p) => {
      const a = metrics(build(p));
      const o = metrics(old(p));
      const at = Object.entries(p)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');
      return `${at}: depth ${a.depth} (${oldId}: ${o.depth}), depth·P1 ${a.depthP1} (${o.depthP1}), size ${a.size} (${o.size}), wires ${a.wires} (${o.wires})`;
    });
    return { ...r, notes: [...r.notes, `side by side with ${oldId} — ${rows.join('; ')}`] };
  },
});
