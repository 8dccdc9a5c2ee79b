/**
 * # Lemma `bit-count`
 *
 * ## Main results
 * The binary count of n bits in depth 2: θ≥k gates for k = 1..n, then one weighted threshold
 * gate per output bit (the classical depth-2 construction for symmetric functions), size
 * n + ⌈log₂(n+1)⌉.
 *
 * ## References
 * Hajnal, Maass, Pudlák, Szegedy, Turán, JCSS 46 (1993); used by P1 Lemma 5. Construction in
 * `src/reductions/arithmetic/bitCount.ts`.
 *
 * @module
 */
import { bitCount, bitCountBounds, bitCountFormula } from '../../reductions/arithmetic/bitCount.js';
import { bitLength } from '../../reductions/arithmetic/arithmeticCircuit.js';
import { arithmeticLemma, bigIntToBits, type ArithmeticFamily } from '../arithmeticLemma.js';

const n = (p: Readonly<Record<string, number>>): number => p['n'] ?? 1;

/** The family, its spec and its claims. @category families */
export const bitCountFamily: ArithmeticFamily = {
  id: 'bit-count',
  title: 'Counting ones in depth 2',
  statement: `The number of ones among n bits, in binary (⌈log₂(n+1)⌉ bits), by a threshold circuit of depth ${bitCountFormula.depth} and size ${bitCountFormula.size}.`,
  reference: 'P1 Lemma 5 (ingredient); Hajnal et al. 1993',
  dependsOn: [],
  build: (p) => bitCount(n(p)).circuit,
  spec: (p) => (bits) => {
    let c = 0;
    for (let i = 0; i < n(p); i++) c += bits[i] ?? 0;
    return bigIntToBits(BigInt(c), bitLength(n(p)));
  },
  claimed: [
    { metric: 'depth', formula: bitCountFormula.depth, at: (p) => bitCountBounds(n(p)).depth },
    { metric: 'size', formula: bitCountFormula.size, at: (p) => bitCountBounds(n(p)).size },
  ],
  exhaustive: [1, 2, 3, 5, 8, 12, 14].map((x) => ({ n: x })),
  property: [{ n: 64 }, { n: 255 }, { n: 256 }],
  sweep: { default: [4, 16, 64, 256, 1024].map((x) => ({ n: x })), full: [4, 16, 64, 256, 1024, 4096].map((x) => ({ n: x })) },
  sweepKey: 'n',
  exportOptions: [{ name: 'n', description: 'number of input bits n' }],
  exportCheck: (p) => (n(p) > 1 << 14 ? '--n must be ≤ 16384' : null),
};

/** The lemma. @category lemmas */
export const bitCountLemma = arithmeticLemma(bitCountFamily);
