/**
 * # Lemma `iterated-addition-shallow`
 *
 * ## Main results
 * The sum of n numbers of w bits (w + ⌈log₂ n⌉ bits) by a threshold circuit of depth 3,
 * independent of n and w, with polynomially bounded weights (< 2^(2ℓ), thresholds < 2^(3ℓ+1),
 * ℓ ≈ log₂ n) and size polynomial in n·w: the block-save construction of
 * `src/reductions/arithmetic/iteratedAdditionShallow.ts`, beside the depth-8 `iterated-addition`.
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`). With W = w + ⌈log₂ n⌉, ℓ the least
 * ℓ ≥ 1 with n ≤ 2^ℓ + 1 and Q = ⌈W/ℓ⌉ (column height h = n):
 * - depth ≤ 3 (2 when Q ≤ 2: no block carries; 0 for n = 1);
 * - size ≤ Q(3n − 2) + 2nW + (ℓ + 1)(Q − 1)(Q − 2)/2 + 1 (`shallowFamilies.ts`);
 * - depth·P1 ≤ 3 (= depth: the negated arguments are gates, served by their duals, `shallowFamilies.ts`);
 * - size·P1 by the derived bound 2S + I, I = n·w (`familyClaims.ts`).
 * The verifier's report adds, per sweep point, the figures of `iterated-addition` beside these.
 *
 * ## Implementation notes
 * Export contract: `tradeoff export iterated-addition-shallow --n K --w W`, as for
 * `iterated-addition` (K ≤ 513).
 *
 * ## References
 * Siu & Roychowdhury, SIAM J. Discrete Math. 7(2), 1994; Siu, Roychowdhury & Kailath, IEEE
 * Trans. Computers 40(12), 1991; Hofmeister, Hohberg & Köhling, IPL 39(4), 1991.
 *
 * @module
 */
import { iteratedAddition } from '../../reductions/arithmetic/iteratedAddition.js';
import { iteratedAdditionShallow } from '../../reductions/arithmetic/iteratedAdditionShallow.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import {
  BY_CONSTRUCTION,
  ceilLog2,
  exactWidth,
  familyClaims,
  p1SizeBound,
  p1SizeFormula,
  param,
  type BoundsFormula,
  type CircuitBounds,
} from './familyClaims.js';
import { SHALLOW_SUM_SIZE, shallowSumSize, withSideBySide } from './shallowFamilies.js';

const n = (p: Params): number => param(p, 'n');
const w = (p: Params): number => param(p, 'w');

/**
 * The claimed figures of the depth-3 iterated addition of n numbers of w bits.
 * @category claims
 */
export const iteratedAdditionShallowBounds = (n: number, w: number): CircuitBounds => {
  const size = shallowSumSize(n, w + ceilLog2(n));
  return { depth: 3, size, depthP1: 3, sizeP1: p1SizeBound(size, n * w) };
};

/** The claims as text. @category claims */
export const iteratedAdditionShallowFormula: BoundsFormula = {
  depth: '3',
  size: SHALLOW_SUM_SIZE,
  depthP1: '3',
  sizeP1: p1SizeFormula('the size claim', 'n·w'),
  where: 'n numbers of w bits, h = n, W = w + ⌈log₂ n⌉, ℓ = least ℓ ≥ 1 with n ≤ 2^ℓ + 1, Q = ⌈W/ℓ⌉',
};

/** The lemma's claims. @category claims */
export const iteratedAdditionShallowClaims = familyClaims(
  (p) => iteratedAdditionShallowBounds(n(p), w(p)),
  iteratedAdditionShallowFormula,
  BY_CONSTRUCTION,
);

const sweep = {
  default: [4, 16, 32, 64].map((x) => ({ n: x, w: 16 })),
  full: [4, 16, 64, 128, 256, 512].map((x) => ({ n: x, w: 16 })),
};

/** The family, its spec and its claims. @category families */
export const iteratedAdditionShallowFamily: ArithmeticFamily = {
  id: 'iterated-addition-shallow',
  modules: {
    construction: ['src/reductions/arithmetic/iteratedAdditionShallow.ts'],
    proof: 'src/proofs/arithmetic/iteratedAdditionShallow.ts',
  },
  title: 'Iterated addition in depth 3',
  statement: `The sum of n w-bit numbers by a threshold circuit of depth ${iteratedAdditionShallowFormula.depth} (independent of n and w), polynomially bounded weights, and size ≤ ${iteratedAdditionShallowFormula.size} (${iteratedAdditionShallowFormula.where}).`,
  reference: 'Siu–Roychowdhury 1994 (block-save); P1 Lemma 5 (integer core)',
  dependsOn: ['iterated-addition'],
  build: (p) => iteratedAdditionShallow(n(p), w(p)).circuit,
  inputs: (p) => n(p) * w(p),
  outputs: (p) => w(p) + ceilLog2(n(p)),
  spec: (p) => (bits) => {
    exactWidth('iterated-addition-shallow', n(p) * w(p), bits);
    let s = 0n;
    for (let i = 0; i < n(p); i++) s += bitsToBigInt(bits, i * w(p), w(p));
    return bigIntToBits(s, w(p) + ceilLog2(n(p)));
  },
  claimed: iteratedAdditionShallowClaims,
  exhaustive: [
    { n: 1, w: 4 },
    { n: 2, w: 6 },
    { n: 3, w: 4 },
    { n: 4, w: 3 },
    { n: 5, w: 2 },
    { n: 6, w: 2 },
    { n: 7, w: 2 },
  ],
  property: [
    { n: 2, w: 32 },
    { n: 16, w: 16 },
    { n: 24, w: 12 },
    { n: 100, w: 3 },
  ],
  propertyRuns: { default: 100, full: 2000 },
  sweep,
  sweepKey: 'n',
  exportOptions: [
    { name: 'n', description: 'how many numbers (K ≤ 513)' },
    { name: 'w', description: 'bits per number (W)' },
  ],
  exportCheck: (p) => (n(p) > 513 ? 'n must be ≤ 513 (weights < 2^30)' : n(p) * w(p) > 1 << 16 ? 'n·w must be ≤ 65536' : null),
};

/** The lemma (its report adds `iterated-addition`'s figures at each sweep point). @category lemmas */
export const iteratedAdditionShallowLemma = withSideBySide(
  arithmeticLemma(iteratedAdditionShallowFamily),
  'iterated-addition',
  (full) => (full ? sweep.full : sweep.default),
  iteratedAdditionShallowFamily.build,
  (p) => iteratedAddition(n(p), w(p)).circuit,
);
