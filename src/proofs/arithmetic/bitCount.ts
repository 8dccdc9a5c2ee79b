/**
 * # Lemma `bit-count`
 *
 * ## Main results
 * The binary count of n bits in depth 2: θ≥k gates for k = 1..n, then one weighted threshold
 * gate per output bit (the classical depth-2 construction for symmetric functions), size
 * n + ⌈log₂(n+1)⌉; in P1's basis, depth 3 and size ≤ 2(n + ⌈log₂(n+1)⌉) + n.
 *
 * ## Claims
 * All the construction's own (`source: 'construction'`): depth 2 and size exactly
 * n + ⌈log₂(n+1)⌉ (argued in the header of `src/reductions/arithmetic/bitCount.ts`);
 * depth·P1 = 2, measured (the output gates weigh some first-layer gates negatively;
 * expandWeights serves each by the gate's dual threshold on the same inputs, of depth 1, so no
 * level is added — it was 3 with a NOT layer); size·P1 by the derived bound 2S + I
 * (`familyClaims.ts`).
 *
 * ## References
 * Hajnal, Maass, Pudlák, Szegedy, Turán, JCSS 46 (1993); used by P1 Lemma 5. Construction in
 * `src/reductions/arithmetic/bitCount.ts`.
 *
 * @module
 */
import { bitCount } from '../../reductions/arithmetic/bitCount.js';
import { arithmeticLemma, bigIntToBits, type ArithmeticFamily } from '../arithmeticLemma.js';
import type { Params } from '../lemma.js';
import { BY_CONSTRUCTION, bitLength, exactWidth, familyClaims, p1SizeBound, p1SizeFormula, param, type BoundsFormula, type CircuitBounds } from './familyClaims.js';

const n = (p: Params): number => param(p, 'n');

/**
 * The claimed figures of bit counting over n bits: depth 2, size n + ⌈log₂(n+1)⌉ (exact),
 * depth·P1 2, size·P1 ≤ 2·size + n.
 * @category claims
 */
export const bitCountBounds = (n: number): CircuitBounds => {
  const size = n + bitLength(n);
  return { depth: 2, size, depthP1: 2, sizeP1: p1SizeBound(size, n) };
};

/** The claims as text. @category claims */
export const bitCountFormula: BoundsFormula = {
  depth: '2',
  size: 'n + ⌈log₂(n+1)⌉',
  depthP1: '2',
  sizeP1: p1SizeFormula('n + ⌈log₂(n+1)⌉', 'n'),
  where: 'n = number of input bits',
};

/** The lemma's claims. @category claims */
export const bitCountClaims = familyClaims((p) => bitCountBounds(n(p)), bitCountFormula, BY_CONSTRUCTION);

/** The family, its spec and its claims. @category families */
export const bitCountFamily: ArithmeticFamily = {
  id: 'bit-count',
  modules: { construction: ['src/reductions/arithmetic/bitCount.ts'], proof: 'src/proofs/arithmetic/bitCount.ts' },
  title: 'Counting ones in depth 2',
  statement: `The number of ones among n bits, in binary (⌈log₂(n+1)⌉ bits), by a threshold circuit of depth ${bitCountFormula.depth} and size ${bitCountFormula.size}.`,
  reference: 'P1 Lemma 5 (ingredient); Hajnal et al. 1993',
  dependsOn: [],
  build: (p) => bitCount(n(p)).circuit,
  inputs: (p) => n(p),
  outputs: (p) => bitLength(n(p)),
  spec: (p) => (bits) => {
    exactWidth('bit-count', n(p), bits);
    let c = 0;
    for (let i = 0; i < bits.length; i++) c += bits[i] ? 1 : 0;
    return bigIntToBits(BigInt(c), bitLength(n(p)));
  },
  claimed: bitCountClaims,
  exhaustive: [1, 2, 3, 5, 8, 12, 14].map((x) => ({ n: x })),
  property: [{ n: 64 }, { n: 255 }, { n: 256 }],
  sweep: { default: [4, 16, 64, 256, 1024].map((x) => ({ n: x })), full: [4, 16, 64, 256, 1024, 4096].map((x) => ({ n: x })) },
  sweepKey: 'n',
  exportOptions: [{ name: 'n', description: 'number of input bits n' }],
  exportCheck: (p) => (n(p) > 1 << 14 ? '--n must be ≤ 16384' : null),
};

/** The lemma. @category lemmas */
export const bitCountLemma = arithmeticLemma(bitCountFamily);
