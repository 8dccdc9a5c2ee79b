/**
 * # Lemma `iterated-addition`
 *
 * ## Main results
 * The sum of n numbers of w bits (w + ⌈log₂ n⌉ bits) by a threshold circuit of depth 8,
 * independent of n and w, and size polynomial in n·w (column counts, block sums, then one
 * carry-lookahead addition); in P1's basis, depth 11.
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`; P1 Lemma 5 states constant depth and
 * polynomial size only). With λ = ⌈log₂ n⌉, W = w + λ, h = min(w, ⌊log₂ n⌋ + 1), ℓ = ⌈log₂ h⌉:
 * - depth 8;
 * - size ≤ w(⌊n/2⌋ + ⌊log₂ n⌋) + [h ≥ 3]·⌈W/ℓ⌉·(⌊h(2^ℓ − 1)/2⌋ + 2ℓ − 1) + W(W+1)/2 + 3W − 1,
 *   stage by stage as argued in the header of `src/reductions/arithmetic/iteratedAddition.ts`;
 * - depth·P1 = 8, measured: each of the three counting stages weighs some gates of the layer
 *   below negatively, and expandWeights serves each by that gate's dual threshold, of the
 *   gate's own depth, so no level is added (it was 11 with a NOT layer per stage);
 * - size·P1 by the derived bound 2S + I, I = n·w (`familyClaims.ts`).
 *
 * ## Implementation notes
 * Export contract: `tradeoff export iterated-addition --n K --w W`: K unsigned numbers, number
 * i on inputs i·W … i·W + W − 1, LSB first; the last W + ⌈log₂ K⌉ gates are the sum, LSB first.
 *
 * ## References
 * Chandra, Stockmeyer, Vishkin, SIAM J. Comput. 13 (1984); Hajnal et al., JCSS 46 (1993); the
 * integer core of P1 Lemma 5. Construction in `src/reductions/arithmetic/iteratedAddition.ts`.
 *
 * @module
 */
import { iteratedAddition } from '../../reductions/arithmetic/iteratedAddition.js';
import { arithmeticLemma, bigIntToBits, bitsToBigInt, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import {
  BY_CONSTRUCTION,
  bitLength,
  ceilLog2,
  exactWidth,
  familyClaims,
  p1SizeBound,
  p1SizeFormula,
  param,
  type BoundsFormula,
  type CircuitBounds,
} from './familyClaims.js';

const n = (p: Params): number => param(p, 'n');
const w = (p: Params): number => param(p, 'w');

const SIZE = 'w(⌊n/2⌋ + ⌊log₂ n⌋) + [h ≥ 3]·⌈W/ℓ⌉·(⌊h(2^ℓ − 1)/2⌋ + 2ℓ − 1) + W(W+1)/2 + 3W − 1';

/**
 * The claimed figures of iterated addition of n numbers of w bits: depth 8, size ≤
 * w(⌊n/2⌋ + ⌊log₂ n⌋) + [h ≥ 3]·⌈W/ℓ⌉·(⌊h(2^ℓ − 1)/2⌋ + 2ℓ − 1) + W(W+1)/2 + 3W − 1 with
 * W = w + ⌈log₂ n⌉, h = min(w, ⌊log₂ n⌋ + 1), ℓ = ⌈log₂ h⌉; depth·P1 8; size·P1 ≤ 2·size + n·w.
 * @category claims
 */
export const iteratedAdditionBounds = (n: number, w: number): CircuitBounds => {
  const W = w + ceilLog2(n);
  const floorLog = bitLength(n) - 1;
  const h = Math.min(w, floorLog + 1);
  const ell = ceilLog2(h);
  const blocks = h >= 3 ? Math.ceil(W / ell) * (Math.floor((h * (2 ** ell - 1)) / 2) + 2 * ell - 1) : 0;
  const size = w * (Math.floor(n / 2) + floorLog) + blocks + (W * (W + 1)) / 2 + 3 * W - 1;
  return { depth: 8, size, depthP1: 8, sizeP1: p1SizeBound(size, n * w) };
};

/** The claims as text. @category claims */
export const iteratedAdditionFormula: BoundsFormula = {
  depth: '8',
  size: SIZE,
  depthP1: '8',
  sizeP1: p1SizeFormula('the size claim', 'n·w'),
  where: 'n numbers of w bits, W = w + ⌈log₂ n⌉, h = min(w, ⌊log₂ n⌋ + 1), ℓ = ⌈log₂ h⌉',
};

/** The lemma's claims. @category claims */
export const iteratedAdditionClaims = familyClaims((p) => iteratedAdditionBounds(n(p), w(p)), iteratedAdditionFormula, BY_CONSTRUCTION);

/** The family, its spec and its claims. @category families */
export const iteratedAdditionFamily: ArithmeticFamily = {
  id: 'iterated-addition',
  modules: { construction: ['src/reductions/arithmetic/iteratedAddition.ts'], proof: 'src/proofs/arithmetic/iteratedAddition.ts' },
  title: 'Iterated addition in constant depth',
  statement: `The sum of n w-bit numbers by a threshold circuit of depth ${iteratedAdditionFormula.depth} (independent of n and w) and size ≤ ${iteratedAdditionFormula.size} (${iteratedAdditionFormula.where}).`,
  reference: 'P1 Lemma 5 (integer core); Chandra–Stockmeyer–Vishkin 1984',
  dependsOn: ['bit-count', 'integer-addition'],
  build: (p) => iteratedAddition(n(p), w(p)).circuit,
  inputs: (p) => n(p) * w(p),
  outputs: (p) => w(p) + ceilLog2(n(p)),
  spec: (p) => (bits) => {
    exactWidth('iterated-addition', n(p) * w(p), bits);
    let s = 0n;
    for (let i = 0; i < n(p); i++) s += bitsToBigInt(bits, i * w(p), w(p));
    return bigIntToBits(s, w(p) + ceilLog2(n(p)));
  },
  claimed: iteratedAdditionClaims,
  exhaustive: [
    { n: 1, w: 4 },
    { n: 2, w: 4 },
    { n: 3, w: 4 },
    { n: 4, w: 3 },
    { n: 5, w: 2 },
    { n: 7, w: 2 },
  ],
  property: [
    { n: 16, w: 16 },
    { n: 64, w: 8 },
    { n: 100, w: 5 },
    { n: 256, w: 4 },
  ],
  sweep: {
    default: [4, 16, 64, 256, 1024].map((x) => ({ n: x, w: 8 })),
    full: [4, 16, 64, 256, 1024, 4096].map((x) => ({ n: x, w: 8 })),
  },
  sweepKey: 'n',
  exportOptions: [
    { name: 'n', description: 'how many numbers (K)' },
    { name: 'w', description: 'bits per number (W)' },
  ],
  exportCheck: (p) => (n(p) * w(p) > 1 << 16 ? 'n·w must be ≤ 65536' : null),
};

/** The lemma. @category lemmas */
export const iteratedAdditionLemma = arithmeticLemma(iteratedAdditionFamily);
